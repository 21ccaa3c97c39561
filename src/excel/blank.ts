/**
 * 插入空白台账: the standard ledger sheets (from the core's pure description, src/core/blank) inserted
 * into the open workbook, ready to fill: ID columns as text, dropdowns for vocabularies and 是/否,
 * date formats, header hints. Sheets that already exist are left alone.
 * Syncs: 1 (which sheets exist) + 1 per sheet added.
 */
import { type BlankColumn, type BlankSheet, type BlankValidation, blankWorkbook } from '../core/blank';
import type { Settings } from '../core/settings';
import { colLetters } from './common';
import type { NoteMode } from './mark';

function rule(v: BlankValidation): Excel.DataValidationRule | null {
  switch (v.type) {
    case 'list': {
      const source = v.values.join(',');
      if (source.length > 255) return null; // Excel's limit for an inline list
      return { list: { inCellDropDown: true, source } };
    }
    case 'decimal':
      return { decimal: { formula1: v.min, operator: 'GreaterThanOrEqualTo' } };
    case 'whole':
      return { wholeNumber: { formula1: v.min, operator: 'GreaterThanOrEqualTo' } };
    case 'date':
      return { date: { formula1: v.from, formula2: v.to, operator: 'Between' } };
  }
}

function layoutColumn(ws: Excel.Worksheet, s: BlankSheet, c: BlankColumn, j: number, mode: NoteMode): void {
  const col = colLetters(j);
  const first = s.firstInputRow;
  const last = s.firstInputRow + s.inputRows - 1;
  const input = ws.getRange(`${col}${first}:${col}${last}`);
  if (c.numFmt) input.numberFormat = Array.from({ length: s.inputRows }, () => [c.numFmt as string]);
  if (c.validation) {
    const r = rule(c.validation);
    if (r) {
      input.dataValidation.rule = r;
      input.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: c.header, message: c.validation.error.slice(0, 225) };
    }
  }
  input.dataValidation.prompt = { showPrompt: true, title: c.header.slice(0, 32), message: c.hint.slice(0, 255) };
  if (mode === 'notes') ws.notes.add(`${col}${s.headerRow}`, c.hint);
  else if (mode === 'comments') ws.comments.add(`${col}${s.headerRow}`, c.hint); // no notes here: a comment carries the hint
  ws.getRange(`${col}:${col}`).format.columnWidth = c.width * 7;
}

/** Insert the blank ledgers (and 填表说明); returns the names of the sheets added. */
export async function insertBlankLedgers(context: Excel.RequestContext, settings: Settings, mode: NoteMode, village?: string): Promise<string[]> {
  const book = blankWorkbook({ year: settings.year, township: settings.township || undefined, village });
  const sheets = context.workbook.worksheets;
  const names = [...book.sheets.map((s) => s.name), book.instructions.name];
  const probes = names.map((n) => sheets.getItemOrNullObject(n));
  await context.sync();
  const added: string[] = [];
  for (const s of book.sheets) {
    if (!probes[names.indexOf(s.name)].isNullObject) continue;
    const ws = sheets.add(s.name);
    const n = s.columns.length;
    const lastCol = colLetters(n - 1);
    ws.getRange(`A1:${lastCol}1`).merge(false);
    ws.getRange(`A2:${lastCol}2`).merge(false);
    const top = ws.getRange('A1:A2');
    top.numberFormat = [['@'], ['@']];
    top.values = [[s.title], [s.unitLine]];
    ws.getRange('A1').format.font.bold = true;
    ws.getRange('A1').format.font.size = 14;
    const header = ws.getRange(`A${s.headerRow}:${lastCol}${s.headerRow}`);
    header.values = [s.columns.map((c) => c.header)];
    header.format.font.bold = true;
    header.format.fill.color = '#D9E1F2';
    s.columns.forEach((c, j) => layoutColumn(ws, s, c, j, mode));
    ws.freezePanes.freezeRows(s.headerRow);
    await context.sync();
    added.push(s.name);
  }
  if (probes[names.length - 1].isNullObject) {
    const ws = sheets.add(book.instructions.name);
    const lines = book.instructions.lines;
    const r = ws.getRange(`A1:A${lines.length}`);
    r.numberFormat = lines.map(() => ['@']);
    r.values = lines.map((l) => [l]);
    ws.getRange('A1').format.font.bold = true;
    ws.getRange('A:A').format.columnWidth = 700;
    await context.sync();
    added.push(book.instructions.name);
  }
  if (added.length) {
    sheets.getItem(added[0]).activate();
    await context.sync();
  }
  return added;
}

/**
 * `ledger check --marked DIR`: a copy of each input with its problem cells filled (errors red,
 * warnings yellow) and annotated with a note, plus a 校验结果 sheet whose rows link to the cells.
 * The original file is read again (to keep its formatting) and never written.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { clampCell, clampText } from '../core/cells/clamp';
import { clampWorkbookTexts } from './clamp';
import { renderHint, renderMessage } from '../core';
import type { CheckResult } from '../core/check-api';
import { columnLetter, type CellValue, type WorkbookData } from '../core/model';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import { assertNotInput } from './inputs';
import { compactDataValidations } from './xlsx-fix';
import type { InputFile } from './inputs';

export const REPORT_SHEET = '校验结果';
export const ERROR_ARGB = 'FFFF9999';
export const WARNING_ARGB = 'FFFFEB9C';

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The output name of a marked copy: the input's display name, folders flattened, always .xlsx. */
export function markedName(display: string): string {
  return display.replace(/[\\/]/g, '_').replace(/\.(csv|xlsm|txt)$/i, '.xlsx');
}

function workbookFromData(data: WorkbookData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of data.sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31) || 'Sheet1');
    for (const r of s.rows) {
      const row = ws.getRow(r.r);
      r.cells.forEach((c: CellValue, i) => {
        if (c === null) return;
        const cell = row.getCell(i + 1);
        if (typeof c === 'object' && !(c instanceof Date)) cell.value = { error: c.error } as ExcelJS.CellErrorValue;
        else cell.value = clampCell(c);
        if (typeof c === 'string') cell.numFmt = '@';
      });
    }
  }
  return wb;
}

function noteText(probs: Problem[], locale: Settings['locale']): string {
  return probs
    .map((p) => {
      const hint = renderHint(p, locale);
      return `${p.severity === 'error' ? '【错误】' : '【警告】'}${renderMessage(p, locale)}${hint ? `\n怎么改：${hint}` : ''}`;
    })
    .join('\n');
}

export async function writeMarkedCopy(input: InputFile, data: WorkbookData, problems: Problem[], settings: Settings, outPath: string): Promise<void> {
  let wb: ExcelJS.Workbook;
  if (/\.(xlsx|xlsm)$/i.test(input.path)) {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input.path);
    clampWorkbookTexts(wb);
  } else {
    wb = workbookFromData(data);
  }
  const old = wb.getWorksheet(REPORT_SHEET);
  if (old) wb.removeWorksheet(old.id);

  // Group by cell.
  const byCell = new Map<string, { sheet: string; row: number; col: number; probs: Problem[] }>();
  for (const p of problems) {
    if (!p.sheet || !p.row) continue;
    const col = p.col ?? (p.cell ? colFromAddress(p.cell) : 0);
    if (!col) continue;
    const k = `${p.sheet}\u0000${p.row}\u0000${col}`;
    const e = byCell.get(k);
    if (e) e.probs.push(p);
    else byCell.set(k, { sheet: p.sheet, row: p.row, col, probs: [p] });
  }
  for (const { sheet, row, col, probs } of byCell.values()) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(row, col);
    const isError = probs.some((p) => p.severity === 'error');
    cell.fill = fill(isError ? ERROR_ARGB : WARNING_ARGB);
    const text = noteText(probs, settings.locale);
    const prev = cell.note;
    const prevText = typeof prev === 'string' ? prev : prev && Array.isArray(prev.texts) ? prev.texts.map((t) => t.text).join('') : '';
    cell.note = clampText(prevText ? `${prevText}\n${text}` : text);
  }

  const rep = wb.addWorksheet(REPORT_SHEET);
  rep.columns = [
    { header: '序号', width: 6 },
    { header: '工作表', width: 16 },
    { header: '单元格', width: 10 },
    { header: '行', width: 6 },
    { header: '列', width: 14 },
    { header: '级别', width: 6 },
    { header: '问题', width: 60 },
    { header: '怎么改', width: 50 },
    { header: '代码', width: 22 },
  ];
  rep.getRow(1).font = { bold: true };
  rep.views = [{ state: 'frozen', ySplit: 1 }];
  let n = 0;
  for (const p of problems) {
    if (p.severity === 'info') continue;
    n++;
    const col = p.col ?? (p.cell ? colFromAddress(p.cell) : 0);
    const addr = p.cell ?? (p.row && col ? `${columnLetter(col)}${p.row}` : '');
    const row = rep.addRow([
      n,
      p.sheet ?? '（整个文件）',
      addr,
      p.row ?? null,
      p.column ?? '',
      p.severity === 'error' ? '错误' : '警告',
      clampText(renderMessage(p, settings.locale)),
      renderHint(p, settings.locale),
      p.code,
    ]);
    if (p.sheet && addr && wb.getWorksheet(p.sheet)) {
      row.getCell(3).value = { text: addr, hyperlink: `#${quoteSheet(p.sheet)}!${addr}` };
      row.getCell(3).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell(6).fill = fill(p.severity === 'error' ? ERROR_ARGB : WARNING_ARGB);
  }
  if (n === 0) rep.addRow([null, '没有发现问题。']);
  for (const ws of wb.worksheets) compactDataValidations(ws);
  await wb.xlsx.writeFile(outPath);
}

function colFromAddress(a: string): number {
  const m = /^([A-Z]+)\d+$/.exec(a);
  if (!m) return 0;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export async function writeMarkedCopies(
  books: Array<{ input: InputFile; data: WorkbookData }>,
  result: CheckResult,
  settings: Settings,
  dir: string,
  inputs: string[],
): Promise<string[]> {
  for (const b of books) assertNotInput(path.join(dir, markedName(b.input.display)), inputs);
  const written: string[] = [];
  for (const b of books) {
    const out = path.join(dir, markedName(b.input.display));
    const probs = result.problems.filter((p) => p.file === b.data.file);
    await writeMarkedCopy(b.input, b.data, probs, settings, out);
    written.push(out);
  }
  return written;
}

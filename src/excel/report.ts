/**
 * The 校验结果 sheet: one row per problem (文件/村, 表, 行, 列, 问题, 当前值, 建议值) in an Excel table
 * with filters, each row's 问题 hyperlinked to its cell. Replaced, not duplicated, on each run.
 */
import type { CheckResult } from '../core/check-api';
import type { CellValue } from '../core/model';
import type { Problem } from '../core/problem';
import { CHUNK_BYTES, REPORT_SHEET, colLetters, jsonBytes, parseCell, quoteSheetName } from './common';

export const REPORT_HEADERS = ['文件/村', '表', '行', '列', '问题', '当前值', '建议值'] as const;
/** Row (1-based) of the table's header; rows above hold the summary. */
export const REPORT_HEADER_ROW = 4;
export const REPORT_TABLE_NAME = 'LedgerCheckResults';

export function formatFix(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export function reportRow(p: Problem, message: string): Array<string | number> {
  let col = p.column ?? '';
  const at = p.cell ? parseCell(p.cell) : null;
  if (at) col = col ? `${col} (${colLetters(at.c)})` : colLetters(at.c);
  return [p.file ?? '', p.sheet ?? '', p.row ?? '', col, message, p.value ?? '', formatFix(p.fix)];
}

export interface ReportOptions {
  render: (p: Problem) => string;
  /** Lines shown above the table (e.g. sheets that could not be marked). */
  notes?: string[];
  chunkBytes?: number;
  /** Title line, e.g. "校验时间 2026-11-29 10:00". */
  title?: string;
}

/** Write the report sheet; returns the syncs it took. The sheet is left active. */
export async function writeReport(context: Excel.RequestContext, result: CheckResult, opts: ReportOptions): Promise<number> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  const old = sheets.getItemOrNullObject(REPORT_SHEET);
  old.load('name');
  syncs += 1;
  await context.sync();

  // Replace: add under a temporary name, delete the old sheet, then take its name.
  const temp = `${REPORT_SHEET}~`;
  const ws = sheets.add(old.isNullObject ? REPORT_SHEET : temp);
  if (!old.isNullObject) {
    old.delete();
    ws.name = REPORT_SHEET;
  }

  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  const omitted = result.sheets.reduce((a, s) => a + s.omitted, 0);
  const summary = [
    [opts.title ?? '校验结果'],
    [`错误 ${errors} 处，警告 ${warnings} 处${omitted ? `，另有 ${omitted} 处未列出` : ''}（${errors} errors, ${warnings} warnings）`],
    [(opts.notes ?? []).join('；')],
  ];
  const top = ws.getRange(`A1:A${summary.length}`);
  top.numberFormat = summary.map(() => ['@']);
  top.values = summary;
  top.format.font.bold = true;
  const header = ws.getRange(`A${REPORT_HEADER_ROW}:G${REPORT_HEADER_ROW}`);
  header.values = [REPORT_HEADERS.slice()];
  header.format.font.bold = true;

  const listed = result.problems.filter((p) => p.severity === 'error' || p.severity === 'warning' || p.severity === 'info');
  const rows = listed.length ? listed.map((p) => reportRow(p, opts.render(p))) : [['', '', '', '', '没有发现问题（No problems found）', '', '']];
  const budget = opts.chunkBytes ?? CHUNK_BYTES;
  let start = 0;
  while (start < rows.length) {
    let bytes = 0;
    let end = start;
    while (end < rows.length && (end === start || bytes + jsonBytes(rows[end]) * 3 + 200 < budget)) {
      bytes += jsonBytes(rows[end]) * 3 + 200;
      end++;
    }
    const first = REPORT_HEADER_ROW + 1 + start;
    const last = REPORT_HEADER_ROW + end;
    const block = ws.getRange(`A${first}:G${last}`);
    // Text columns as text, so an ID or a number-like value stays exactly as written.
    block.numberFormat = rows.slice(start, end).map(() => ['@', '@', 'General', '@', '@', '@', '@']);
    block.values = rows.slice(start, end);
    for (let i = start; i < end; i++) {
      const p = listed[i];
      if (!p?.sheet || !p.cell) continue;
      const target = `${quoteSheetName(p.sheet)}!${p.cell}`;
      ws.getRange(`E${REPORT_HEADER_ROW + 1 + i}`).hyperlink = {
        documentReference: target,
        textToDisplay: String(rows[i][4]),
        screenTip: `转到 ${p.sheet}!${p.cell}`,
      };
    }
    start = end;
    if (start < rows.length) {
      syncs += 1;
      await context.sync();
    }
  }

  const lastRow = REPORT_HEADER_ROW + rows.length;
  const table = ws.tables.add(`A${REPORT_HEADER_ROW}:G${lastRow}`, true);
  table.name = REPORT_TABLE_NAME;
  table.showFilterButton = true;
  const widths = [110, 80, 40, 110, 360, 160, 120];
  widths.forEach((w, i) => {
    ws.getRange(`${colLetters(i)}:${colLetters(i)}`).format.columnWidth = w;
  });
  ws.freezePanes.freezeRows(REPORT_HEADER_ROW);
  ws.activate();
  syncs += 1;
  await context.sync();
  return syncs;
}

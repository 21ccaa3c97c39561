/**
 * `ledger merge`: one consolidated workbook, streamed with exceljs's WorkbookWriter. What it holds
 * is decided in the core (src/core/layout/merged.ts — the add-in's 合并_ sheets replay the same
 * layout): the first sheet 合并说明 (what came from where), then one sheet per ledger named after it.
 * This file only replays the layouts, row by row.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { CheckResult } from '../core/check-api';
import { dateToSerial } from '../core/cells/read-cell';
import type { LedgerId } from '../core/ledger';
import type { Settings } from '../core/settings';
import { MERGE_SUMMARY_SHEET, MERGED_SOURCE_HEADERS, mergeSummaryLayout, mergedCellFormat, mergedLayouts, type MergedSheet } from '../core/layout/merged';
import type { CellStyle, SheetLayout } from '../core/layout/types';
import { solidFill } from './layout-xlsx';
import type { Loaded } from './session';

export { MERGE_SUMMARY_SHEET };
export const SOURCE_COLUMNS = MERGED_SOURCE_HEADERS;

export interface MergeStats {
  sheets: Array<{ ledger: LedgerId; rows: number; files: number; errorRows: number }>;
}

/** The style of rows (never changed: exceljs only reads it). */
const NO_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

function styleOf(s: CellStyle | undefined): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (!s) return out;
  if (s.bold) out.font = { bold: true };
  if (s.numFmt) out.numFmt = s.numFmt;
  if (s.fill) out.fill = solidFill(s.fill);
  return out;
}

/** A small SheetLayout (合并说明) written in row order, as a streamed sheet must be. */
function writeSmallLayout(wb: ExcelJS.stream.xlsx.WorkbookWriter, layout: SheetLayout): void {
  const ws = wb.addWorksheet(layout.name, {
    views: layout.freeze ? [{ state: 'frozen', ySplit: layout.freeze.rows, xSplit: layout.freeze.cols }] : undefined,
  });
  layout.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const byRow = new Map<number, SheetLayout['cells']>();
  for (const c of layout.cells) {
    const a = byRow.get(c.r);
    if (a) a.push(c);
    else byRow.set(c.r, [c]);
  }
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const row = ws.getRow(r);
    for (const c of byRow.get(r)!) {
      const cell = row.getCell(c.c);
      cell.value = c.value;
      cell.style = styleOf(c.style);
    }
    row.commit();
  }
  ws.commit();
}

/** One merged ledger, its rows produced and committed one at a time (into a streamed workbook, or
 *  a loaded one: the files port's writeTables). */
export function writeMergedSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook, sheet: MergedSheet, name: string = sheet.ledger): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: sheet.freezeRows }] });
  sheet.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const head = ws.getRow(1);
  const headStyle = styleOf(sheet.headerStyle);
  sheet.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.style = headStyle;
  });
  head.commit();
  // One shared style object per (column, format, fill): exceljs caches a style by object identity,
  // while per-cell copies cost a full style lookup each.
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  const errorFill = solidFill(sheet.errorFill);
  const styleFor = (fmt: string, bad: boolean): Partial<ExcelJS.Style> => {
    const k = `${bad ? 1 : 0}${fmt}`;
    let s = cache.get(k);
    if (!s) {
      s = bad ? { numFmt: fmt, fill: errorFill } : { numFmt: fmt };
      cache.set(k, s);
    }
    return s;
  };
  let r = 1;
  for (const row of sheet.rows()) {
    r++;
    const out = ws.getRow(r);
    // exceljs looks a row's style up like a cell's, by object identity: one shared empty style
    // instead of the fresh `{}` each new row carries.
    (out as unknown as { style: Partial<ExcelJS.Style> }).style = NO_STYLE;
    for (let c = 0; c < row.values.length; c++) {
      const v = row.values[c];
      // An empty cell of a row without an error is not written at all (a cell once created costs
      // a style lookup even when it stays empty).
      if (v === null && !row.error) continue;
      const cell = out.getCell(c + 1);
      // A date as its serial (the core's, with Excel's phantom 1900-02-29 counted: exceljs would
      // write 1900-01-01…02-28 a day late).
      if (v !== null) cell.value = v instanceof Date ? dateToSerial(v) : v;
      cell.style = styleFor(mergedCellFormat(sheet.columns[c], v), row.error);
    }
    out.commit();
  }
  (ws as { commit?: () => void }).commit?.();
}

export async function writeMerged(result: CheckResult, settings: Settings, out: string, loaded: Pick<Loaded, 'failures' | 'skipped'>): Promise<MergeStats> {
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: abs, useStyles: true, useSharedStrings: false });
  wb.creator = '双拥台账助手';
  const leftOut = [
    ...loaded.failures.map((f) => ({ file: f.file, reason: f.message })),
    ...loaded.skipped.map((s) => ({ file: s.display, reason: s.reason })),
  ];
  writeSmallLayout(wb, mergeSummaryLayout(result, { leftOut, date: new Date().toISOString().slice(0, 10) }));
  const stats: MergeStats = { sheets: [] };
  for (const sheet of mergedLayouts(result, { locale: settings.locale, maskIds: settings.maskIds })) {
    writeMergedSheet(wb, sheet);
    stats.sheets.push({ ledger: sheet.ledger, rows: sheet.rowCount, files: sheet.files, errorRows: sheet.errorRows });
  }
  await wb.commit();
  return stats;
}

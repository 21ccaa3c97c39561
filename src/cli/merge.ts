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
import { MERGE_SUMMARY_SHEET, MERGED_SOURCE_HEADERS, mergeSummaryLayout, mergedCellFormat, mergedLayouts, type MergedRow, type MergedSheet } from '../core/layout/merged';
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

/** The worksheet of one merged ledger with its header row written; `row` writes and commits the
 *  next row (exceljs's streamed writer takes rows in order, each committed once). */
function mergedSheetWriter(wb: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook, sheet: MergedSheet, name: string) {
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
  // One shared style object per (format, fill): exceljs caches a style by object identity
  // (StylesXform's WeakMap), while a fresh object per cell costs a full lookup (its XML built and
  // searched) each.
  const plain = new Map<string, Partial<ExcelJS.Style>>();
  const filled = new Map<string, Partial<ExcelJS.Style>>();
  const errorFill = solidFill(sheet.errorFill);
  const styleFor = (fmt: string, bad: boolean): Partial<ExcelJS.Style> => {
    const cache = bad ? filled : plain;
    let s = cache.get(fmt);
    if (!s) {
      s = bad ? { numFmt: fmt, fill: errorFill } : { numFmt: fmt };
      cache.set(fmt, s);
    }
    return s;
  };
  // A loaded workbook's rows stay editable (exceljs writes row formats into row.style): only the
  // streamed writer's rows share the one frozen empty style.
  const streamed = wb instanceof ExcelJS.stream.xlsx.WorkbookWriter;
  const columns = sheet.columns;
  let r = 1;
  return {
    row(row: MergedRow): void {
      r++;
      const out = ws.getRow(r);
      // exceljs looks a row's style up like a cell's, by object identity: one shared empty style
      // instead of the fresh `{}` each new row carries.
      if (streamed) (out as unknown as { style: Partial<ExcelJS.Style> }).style = NO_STYLE;
      const values = row.values;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        // An empty cell of a row without an error is not written at all (a cell once created costs
        // a style lookup even when it stays empty).
        if (v === null && !row.error) continue;
        const cell = out.getCell(c + 1);
        // A date as its serial (the core's, with Excel's phantom 1900-02-29 counted: exceljs would
        // write 1900-01-01…02-28 a day late).
        if (v !== null) cell.value = v instanceof Date ? dateToSerial(v) : v;
        cell.style = styleFor(mergedCellFormat(columns[c], v), row.error);
      }
      out.commit();
    },
    end(): void {
      (ws as { commit?: () => void }).commit?.();
    },
  };
}

/** One merged ledger into a loaded workbook (the files port's writeTables), its rows produced and
 *  written one at a time. */
export function writeMergedSheet(wb: ExcelJS.Workbook, sheet: MergedSheet, name: string = sheet.ledger): void {
  const w = mergedSheetWriter(wb, sheet, name);
  for (const row of sheet.rows()) w.row(row);
  w.end();
}

/** Rows written between two turns of the event loop. */
const ROWS_PER_TURN = 1000;

/**
 * One merged ledger into the streamed workbook. Every ROWS_PER_TURN rows the event loop gets a
 * turn, so that the zip stream takes the rows written so far and deflates them on node's thread
 * pool while the next rows are built: without it the whole sheet's XML waited in memory and was
 * deflated only at the end, one step after the other.
 */
export async function streamMergedSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: MergedSheet): Promise<void> {
  const w = mergedSheetWriter(wb, sheet, sheet.ledger);
  let n = 0;
  for (const row of sheet.rows()) {
    w.row(row);
    if (++n % ROWS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  w.end();
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
    await streamMergedSheet(wb, sheet);
    stats.sheets.push({ ledger: sheet.ledger, rows: sheet.rowCount, files: sheet.files, errorRows: sheet.errorRows });
  }
  await wb.commit();
  return stats;
}

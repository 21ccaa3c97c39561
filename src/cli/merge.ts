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
import type { CellStyle, LayoutValue, SheetLayout } from '../core/layout/types';
import { solidFill } from './layout-xlsx';
import { removeCutShort } from './write-errors';
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
  // Each column's styles by kind of value, looked up once (mergedCellFormat decides them).
  const SAMPLES: Record<'text' | 'number' | 'date' | 'empty', LayoutValue> = { text: '', number: 0, date: new Date(0), empty: null };
  const stylesOf = (bad: boolean) =>
    sheet.columns.map((col) => {
      const o = {} as Record<keyof typeof SAMPLES, Partial<ExcelJS.Style>>;
      for (const k of Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>) o[k] = styleFor(mergedCellFormat(col, SAMPLES[k]), bad);
      return o;
    });
  const goodStyles = stylesOf(false);
  const badStyles = stylesOf(true);
  // A loaded workbook's rows stay editable (exceljs writes row formats into row.style): only the
  // streamed writer's rows share the one frozen empty style.
  const streamed = wb instanceof ExcelJS.stream.xlsx.WorkbookWriter;
  let r = 1;
  return {
    /** Writes the row; returns about how many bytes of sheet XML it made (UTF-8). */
    row(row: MergedRow): number {
      r++;
      const out = ws.getRow(r);
      // exceljs looks a row's style up like a cell's, by object identity: one shared empty style
      // instead of the fresh `{}` each new row carries.
      if (streamed) (out as unknown as { style: Partial<ExcelJS.Style> }).style = NO_STYLE;
      const values = row.values;
      let bytes = 40;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        // An empty cell of a row without an error is not written at all (a cell once created costs
        // a style lookup even when it stays empty).
        if (v === null && !row.error) continue;
        const cell = out.getCell(c + 1);
        const styles = (row.error ? badStyles : goodStyles)[c];
        if (v === null) cell.style = styles.empty;
        else if (v instanceof Date) {
          // A date as its serial (the core's, with Excel's phantom 1900-02-29 counted: exceljs
          // would write 1900-01-01…02-28 a day late).
          cell.value = dateToSerial(v);
          cell.style = styles.date;
        } else {
          cell.value = v;
          cell.style = typeof v === 'string' ? styles.text : styles.number;
        }
        // <c r="…" s="…" t="str"><v>…</v></c>: a CJK character is 3 bytes.
        bytes += typeof v === 'string' ? 36 + 3 * v.length : 28;
      }
      out.commit();
      return bytes;
    },
    end(): void {
      (ws as { commit?: () => void }).commit?.();
    },
    ws,
  };
}

/** One merged ledger into a loaded workbook (the files port's writeTables), its rows produced and
 *  written one at a time. */
export function writeMergedSheet(wb: ExcelJS.Workbook, sheet: MergedSheet, name: string = sheet.ledger): void {
  const w = mergedSheetWriter(wb, sheet, name);
  for (const row of sheet.rows()) w.row(row);
  w.end();
}

/** Sheet XML written between two turns of the event loop (the zip stream deflates about one 64 KB
 *  chunk per turn, on node's thread pool). */
const BYTES_PER_TURN = 32 * 1024;
/** Sheet XML the zip stream may have waiting before the rows wait for it. */
const MAX_BACKLOG = 2 * 1024 * 1024;
const MAX_WAIT_MS = 60_000;

interface StreamState {
  _readableState?: { length?: number };
  _writableState?: { length?: number };
}

/**
 * How many bytes of a streamed worksheet's XML wait for the zip stream. exceljs (4.4) writes a
 * sheet into a buffer stream (`worksheet.stream`) that archiver reads through a PassThrough, and
 * passes no back-pressure on: without a look at that PassThrough, a busy machine's zip stream
 * falls behind and the sheet piles up in memory. When exceljs is not built so, 0 (no waiting).
 */
export function zipBacklog(ws: unknown): () => number {
  const pipe = (ws as { stream?: { pipes?: StreamState[] } }).stream?.pipes?.[0];
  const r = pipe?._readableState;
  const w = pipe?._writableState;
  if (!r || !w || typeof r.length !== 'number' || typeof w.length !== 'number') return () => 0;
  return () => (r.length ?? 0) + (w.length ?? 0);
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * One merged ledger into the streamed workbook, its rows produced and written one at a time.
 * Every BYTES_PER_TURN of XML (about 40 rows of 20 columns) the event loop gets a turn, so that the
 * zip stream deflates the rows written so far while the next are built; when it has fallen more
 * than MAX_BACKLOG behind (a busy machine, a slow disk) the rows wait for it. Before, the whole
 * sheet's XML waited in memory and was deflated only at the end (75 MB at 100,000 rows; the
 * merged workbook of 300,000 rows peaked at 593 MB, against 290 MB for checking it; now about 400).
 * `failed` is asked at each turn: an output that cannot be written stops the rows at once.
 */
export async function streamMergedSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: MergedSheet, failed: () => Error | undefined = () => undefined): Promise<void> {
  const w = mergedSheetWriter(wb, sheet, sheet.ledger);
  const backlog = zipBacklog(w.ws);
  let pending = 0;
  for (const row of sheet.rows()) {
    pending += w.row(row);
    if (pending < BYTES_PER_TURN) continue;
    pending = 0;
    await turn();
    // Waiting in a timer (not turn after turn) leaves the CPU to the thread that deflates; never
    // more than a minute at a time (should the zip stream stop without an error, the rows go on).
    const until = Date.now() + MAX_WAIT_MS;
    while (backlog() > MAX_BACKLOG && !failed() && Date.now() < until) await pause();
    const e = failed();
    if (e) throw e;
  }
  w.end();
}

export async function writeMerged(result: CheckResult, settings: Settings, out: string, loaded: Pick<Loaded, 'failures' | 'skipped'>): Promise<MergeStats> {
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  // The output stream is ours so that a write that fails (a folder, a file open in Excel, a full
  // disk) is seen at once and named (src/cli/write-errors.ts) instead of stalling the zip stream.
  const file = fs.createWriteStream(abs);
  let error: Error | undefined;
  const failedOnce = new Promise<never>((_, reject) =>
    file.once('error', (e: NodeJS.ErrnoException) => {
      if (!e.path) e.path = abs;
      error = e;
      reject(e);
    }),
  );
  failedOnce.catch(() => undefined);
  // Whether the file was opened (so created or emptied by this run: a half-written one is ours).
  let opened = false;
  file.once('open', () => (opened = true));
  const failed = () => error;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
    wb.creator = '双拥台账助手';
    const leftOut = [
      ...loaded.failures.map((f) => ({ file: f.file, reason: f.message })),
      ...loaded.skipped.map((s) => ({ file: s.display, reason: s.reason })),
    ];
    writeSmallLayout(wb, mergeSummaryLayout(result, { leftOut, date: new Date().toISOString().slice(0, 10) }));
    const stats: MergeStats = { sheets: [] };
    for (const sheet of mergedLayouts(result, { locale: settings.locale, maskIds: settings.maskIds })) {
      await streamMergedSheet(wb, sheet, failed);
      stats.sheets.push({ ledger: sheet.ledger, rows: sheet.rowCount, files: sheet.files, errorRows: sheet.errorRows });
    }
    await Promise.race([wb.commit(), failedOnce]);
    return stats;
  } catch (e) {
    await discardPartial(file, abs, () => opened);
    throw e;
  }
}

/** After a failure: the output stream closed and the half-written workbook (which Excel would
 *  call damaged) removed — only a plain file this run opened, never a device or a folder. */
async function discardPartial(file: fs.WriteStream, abs: string, opened: () => boolean): Promise<void> {
  file.on('error', () => undefined);
  if (!file.closed) await new Promise<void>((resolve) => file.destroy().once('close', () => resolve()));
  // (Asked once closed: an open still under way when the error came has finished by then.)
  if (opened()) removeCutShort(abs);
}

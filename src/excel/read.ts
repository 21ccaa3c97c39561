/**
 * Read the ledger sheets of the open workbook into the core's sheet model, in chunks of rows that
 * keep every response under the payload budget, with one `context.sync()` per chunk.
 *
 * Syncs: 1 (sheet list, settings) + 1 (used ranges and a 50-row head of each sheet) + one per
 * chunk; a chunk packs rows of one or more sheets up to CHUNK_BYTES of estimated response.
 */
import type { CellValue, RowData, SheetData, WorkbookData } from '../core/model';
import type { Settings } from '../core/settings';
import { cellFromRaw, serialToDate as coreSerialToDate } from '../core/cells/read-cell';
import { configSheetName } from '../core/config/raw';
import type { HostProgress } from './host';
import { fillMergesDown, parseArea, type MergeArea } from '../core/cells/merges';
import { CHUNK_BYTES, SETTINGS_KEY, isOwnSheet, isSetSupported, jsonBytes, officeCode, queueStructureProtection, throwIfAborted, type CancelSignal } from './common';

export interface ReadOptions {
  scope: 'workbook' | 'activeSheet';
  signal?: CancelSignal;
  onProgress?: (p: HostProgress) => void;
  /** Response budget per sync (default CHUNK_BYTES). */
  chunkBytes?: number;
  /** Only these sheets (by name), when given. */
  sheets?: string[];
  /** With `sheets`: the §8 configuration sheets too. */
  withConfig?: boolean;
  /** Read own sheets too (e.g. merged ledgers) — default false. */
  includeOwn?: boolean;
}

export interface ReadResult {
  data: WorkbookData;
  /** The add-in's own sheets, which were not read. Hidden sheets are read and flagged `hidden`:
   *  the core says what it makes of them (an info line, never checked), as for the CLI. */
  skipped: string[];
  /** The used range of each sheet read (0-based), for marking and fixing later. */
  used: Record<string, { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }>;
  /** Syncs this read took. */
  syncs: number;
  /** Name of the active sheet. */
  active: string;
  /** The workbook's structure is protected (no sheet can be added or deleted). */
  structureProtected: boolean;
  /** The workbook uses the 1904 date system (see `queueDateSystem`). */
  date1904: boolean;
}

/**
 * Queue the question "does this workbook use the 1904 date system?" for the next sync. Office.js
 * has no released property for it (Workbook.use1904DateSystem exists only in the preview API set,
 * not in the released client), so Excel's own DATE function answers: DATE(1904,1,2) is serial 1 in
 * the 1904 system and 1463 in the 1900 one ("year: Is a number from 1900 or 1904 (depending on the
 * workbook's date system)", https://learn.microsoft.com/en-us/javascript/api/excel/excel.functions
 * #excel-excel-functions-date-member(1), ExcelApi 1.2). Nothing is written to the workbook.
 */
export function queueDateSystem(context: Excel.RequestContext): { readonly date1904: boolean } {
  const probe = context.workbook.functions.date(1904, 1, 2);
  probe.load('value');
  return {
    get date1904() {
      return probe.value === 1;
    },
  };
}

const HEAD_ROWS = 50;
const HEAD_COLS = 64;
export { isDateFormat } from '../core/cells/read-cell';
/** Serialised bytes per head cell (value, type, format), pessimistic: ledger text is Chinese. */
const HEAD_CELL_BYTES = 64;

/** Excel serial → midnight UTC of the calendar day shown (the core's reader; 1900 system). */
export function serialToDate(serial: number, date1904 = false): Date | string | null {
  return coreSerialToDate(serial, date1904);
}

/** One Office.js cell (value, valueType, numberFormat) → the model, through the core's cell reader. */
export function toCellValue(value: unknown, type: unknown, fmt: unknown, date1904 = false): CellValue {
  switch (type) {
    case 'Empty':
      return null;
    case 'Error':
      return { error: String(value) };
    case 'Boolean':
      return Boolean(value);
    case 'String':
      return cellFromRaw(String(value));
  }
  return cellFromRaw(value, typeof fmt === 'string' ? fmt : undefined, date1904);
}

interface Block {
  values: unknown[][];
  valueTypes: unknown[][];
  numberFormat: unknown[][];
}

function rowBytes(b: Block, i: number, c0: number, c1: number): number {
  return jsonBytes(b.values[i].slice(c0, c1)) + jsonBytes(b.valueTypes[i].slice(c0, c1)) + jsonBytes(b.numberFormat[i].slice(c0, c1)) + 3;
}

/** Convert a block (rows × used columns) into RowData, with Excel row numbers. */
function toRows(b: Block, firstRow0: number, firstCol0: number, c0: number, c1: number, out: RowData[], date1904: boolean): void {
  for (let i = 0; i < b.values.length; i++) {
    const cells: CellValue[] = [];
    for (let k = 0; k < firstCol0; k++) cells.push(null);
    let last = -1;
    for (let c = c0; c < c1; c++) {
      const v = toCellValue(b.values[i][c], b.valueTypes[i][c], b.numberFormat[i][c], date1904);
      cells.push(v);
      if (v !== null) last = cells.length - 1;
    }
    if (last < 0) continue;
    cells.length = last + 1;
    out.push({ r: firstRow0 + i + 1, cells });
  }
}

interface SheetState {
  name: string;
  ws: Excel.Worksheet;
  used: Excel.Range;
  head: Excel.Range;
  rows: RowData[];
  r0: number;
  c0: number;
  nRows: number;
  nCols: number;
  /** Next 0-based row (absolute) to read. */
  next: number;
  end: number;
  bytesPerRow: number;
  /** The sheet's merged areas (null when none, or ExcelApi 1.13 is missing). */
  merged: Excel.RangeAreas | null;
}

/** Read the workbook's ledger sheets (or the active sheet) into WorkbookData. */
export async function readWorkbook(context: Excel.RequestContext, opts: ReadOptions): Promise<ReadResult> {
  const budget = opts.chunkBytes ?? CHUNK_BYTES;
  let syncs = 0;
  const sync = async () => {
    throwIfAborted(opts.signal);
    syncs += 1;
    await context.sync();
  };

  // Sync 1: which sheets, which one is active, the workbook's name and settings.
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name,items/visibility');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  wb.load('name');
  const protection = queueStructureProtection(context);
  const setting = wb.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load('value');
  const dateSystem = queueDateSystem(context);
  await sync();
  const date1904 = dateSystem.date1904;

  const skipped: string[] = [];
  const chosen: Excel.Worksheet[] = [];
  for (const ws of sheets.items) {
    const name = ws.name;
    const wanted = opts.scope === 'activeSheet' ? name === active.name : opts.sheets ? opts.sheets.includes(name) || (Boolean(opts.withConfig) && configSheetName(name) !== null) : true;
    if (!wanted) continue;
    // The add-in's very hidden record is one of its own sheets.
    if ((!opts.includeOwn || ws.visibility === 'VeryHidden') && isOwnSheet(name)) {
      skipped.push(name);
      continue;
    }
    chosen.push(ws);
  }

  // Sync 2: the used range of each chosen sheet (small answers, whatever the number of sheets).
  // The first sheets' head boxes come along while their estimate fits the budget.
  let boxRoom = budget;
  // Merged areas come along: a village name merged down its rows fills them (the core's rule).
  const mergesOk = isSetSupported('ExcelApi', '1.13');
  const states: SheetState[] = chosen.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const merged = mergesOk ? ws.getRange().getMergedAreasOrNullObject() : null;
    merged?.load('address');
    let head = null as unknown as Excel.Range;
    if (boxRoom >= HEAD_ROWS * HEAD_COLS * HEAD_CELL_BYTES) {
      head = ws.getRangeByIndexes(0, 0, HEAD_ROWS, HEAD_COLS);
      head.load('values,valueTypes,numberFormat');
      boxRoom -= HEAD_ROWS * HEAD_COLS * HEAD_CELL_BYTES;
    }
    return { name: ws.name, ws, used, head, rows: [], r0: 0, c0: 0, nRows: 0, nCols: 0, next: 0, end: 0, bytesPerRow: 0, merged };
  });
  if (states.length) await sync();
  // Then a head sample of each (its used part of the first HEAD_ROWS × HEAD_COLS), packed into
  // syncs by estimated response size: 200 imported ledgers no longer make one 5 MB+ answer.
  let pending: Excel.Range[] = [];
  let headBytes = 0;
  for (const s of states) {
    if (s.used.isNullObject || s.head) continue;
    const rows = Math.min(HEAD_ROWS, s.used.rowIndex + s.used.rowCount);
    const cols = Math.min(HEAD_COLS, s.used.columnIndex + s.used.columnCount);
    const bytes = rows * cols * HEAD_CELL_BYTES;
    if (pending.length && headBytes + bytes > budget) {
      await sync();
      pending = [];
      headBytes = 0;
    }
    s.head = s.ws.getRangeByIndexes(0, 0, rows, cols);
    s.head.load('values,valueTypes,numberFormat');
    pending.push(s.head);
    headBytes += bytes;
  }
  if (pending.length) await sync();

  const usedOut: ReadResult['used'] = {};
  let totalRows = 0;
  for (const s of states) {
    if (s.used.isNullObject) continue;
    s.r0 = s.used.rowIndex;
    s.c0 = s.used.columnIndex;
    s.nRows = s.used.rowCount;
    s.nCols = s.used.columnCount;
    s.next = s.r0;
    s.end = s.r0 + s.nRows;
    usedOut[s.name] = { rowIndex: s.r0, columnIndex: s.c0, rowCount: s.nRows, columnCount: s.nCols };
    totalRows += s.nRows;
    const c1 = s.c0 + s.nCols;
    const head = s.head as unknown as Block;
    // Estimate the bytes of a row from the head's non-empty rows (within the used columns).
    const sizes: number[] = [];
    const headEnd = Math.min(HEAD_ROWS, s.end);
    for (let i = s.r0; i < headEnd; i++) {
      if (c1 <= HEAD_COLS && head.valueTypes[i].slice(s.c0, c1).some((t) => t !== 'Empty')) sizes.push(rowBytes(head, i, s.c0, c1));
    }
    const perCell = 40; // pessimistic when the sample says nothing
    const mean = sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : s.nCols * perCell;
    const max = sizes.length ? Math.max(...sizes) : mean;
    s.bytesPerRow = Math.max(16, (mean + max) / 2);
    // Reuse the head rows when it covered every used column.
    if (c1 <= HEAD_COLS && s.r0 < HEAD_ROWS) {
      const upto = Math.min(HEAD_ROWS, s.end);
      const block: Block = {
        values: head.values.slice(s.r0, upto),
        valueTypes: head.valueTypes.slice(s.r0, upto),
        numberFormat: head.numberFormat.slice(s.r0, upto),
      };
      toRows(block, s.r0, s.c0, s.c0, c1, s.rows, date1904);
      s.next = upto;
    }
  }

  let done = states.reduce((a, s) => a + (s.next - s.r0), 0);
  opts.onProgress?.({ label: states[0]?.name ?? '', done, total: totalRows });

  // Chunks: pack rows of the remaining sheets into syncs of about `budget` bytes.
  let factor = 1;
  for (;;) {
    const pending = states.filter((s) => s.next < s.end);
    if (!pending.length) break;
    let room = budget * factor;
    const pieces: Array<{ s: SheetState; from: number; count: number; range: Excel.Range }> = [];
    for (const s of pending) {
      if (room <= 0) break;
      const fit = Math.max(1, Math.floor(room / s.bytesPerRow));
      const count = Math.min(fit, s.end - s.next);
      if (pieces.length && count < Math.min(50, s.end - s.next)) break; // leave tiny remainders for the next sync
      const range = s.ws.getRangeByIndexes(s.next, s.c0, count, s.nCols);
      range.load('values,valueTypes,numberFormat');
      pieces.push({ s, from: s.next, count, range });
      room -= count * s.bytesPerRow;
    }
    try {
      await sync();
    } catch (e) {
      if (officeCode(e) === 'ResponsePayloadSizeLimitExceeded' && pieces.some((p) => p.count > 1)) {
        factor /= 2; // rows were heavier than estimated: retry smaller
        continue;
      }
      throw e;
    }
    factor = 1;
    for (const p of pieces) {
      const b = p.range as unknown as Block;
      toRows(b, p.from, p.s.c0, 0, p.s.nCols, p.s.rows, date1904);
      // Learn the real size of rows for the next chunk of this sheet.
      if (p.count >= 20) {
        const sample = Math.min(p.count, 200);
        let bytes = 0;
        const step = Math.max(1, Math.floor(p.count / sample));
        let n = 0;
        for (let i = 0; i < p.count; i += step, n++) bytes += rowBytes(b, i, 0, p.s.nCols);
        p.s.bytesPerRow = Math.max(16, (bytes / n) * 1.02);
      }
      p.s.next += p.count;
      done += p.count;
      opts.onProgress?.({ label: p.s.name, done, total: totalRows });
    }
  }

  let settings: Partial<Settings> | undefined;
  if (!setting.isNullObject && setting.value && typeof setting.value === 'object') settings = setting.value as Partial<Settings>;
  for (const s of states) {
    if (!s.merged || s.merged.isNullObject) continue;
    const areas = s.merged.address.split(',').map(parseArea).filter((a): a is MergeArea => a !== null);
    s.rows = fillMergesDown(s.rows, areas).rows;
  }
  const hidden = new Set(chosen.filter((ws) => ws.visibility !== 'Visible').map((ws) => ws.name));
  const sheetsOut: SheetData[] = states.map((s) => (hidden.has(s.name) ? { name: s.name, rows: s.rows, hidden: true } : { name: s.name, rows: s.rows }));
  return { data: { file: wb.name, sheets: sheetsOut, settings, ...(date1904 ? { date1904: true } : {}) }, skipped, used: usedOut, syncs, active: active.name, structureProtected: protection.protected, date1904 };
}

/**
 * Reads a village workbook (.xlsx with exceljs `readFile`, or a .csv export) into the host-neutral
 * sheet model of src/core/model.ts. Never exceljs's streaming WorkbookReader: it garbles Chinese.
 *
 * - Excel row numbers are kept; entirely empty rows are omitted.
 * - Cell types are kept: text, number, boolean, Date (UTC midnight of the day shown), error values
 *   `{error:'#N/A'}`, formula results, rich text flattened, hyperlinks' text.
 * - A merge spanning several rows of one column (a village name merged down the data) gives every
 *   row of it the value shown; other merges (titles) keep the value in the top-left cell only.
 * - Hidden sheets are flagged.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cellFromRaw } from '../core/cells/read-cell';
import { mergeNote } from '../core/cells/merges';
import type { CellValue, RowData, SheetData, WorkbookData } from '../core/model';
import { FORMAT_NAMES, preflight, type InputFormat, type PreflightCode } from './preflight';
import type { LegacyBook } from './legacy';
import { iconvDecode } from './iconv';
import { csvSheet, decodeCsvBytes } from '../formats/text';
import { readXlsxStream, XlsxError, type ReadWarning } from './xlsx/reader';

export interface ReadOk {
  ok: true;
  data: WorkbookData;
  /** Informational lines about the reading (merged data cells filled, CSV encoding…). */
  notes: string[];
  /** Damage repaired while reading, bare: the `file.repaired` message (文件有损坏，已尽量读取：…)
   *  frames it for the warning lines and the check's report. */
  warnings?: ReadWarning[];
}

export interface ReadFailure {
  ok: false;
  file: string;
  code: PreflightCode | 'file.parse';
  message: string;
  messageEn: string;
  /** Technical detail (the library's words), shown only with --verbose. */
  detail?: string;
}

export type ReadResult = ReadOk | ReadFailure;

export interface ReadOptions {
  /** Name given to the workbook in reports (default: the file's base name). */
  displayName?: string;
  /** Called after each sheet is converted. */
  onSheet?: (sheet: string, rows: number) => void;
  /** Tests: feed the streaming reader's XML parser chunks of at most this many bytes. */
  chunkSize?: number;
}

const MS_PER_DAY = 86400000;

/** exceljs turns a number with what it takes for a date format into a Date; back to the serial. */
function exceljsDateToSerial(d: Date, date1904: boolean): number {
  return d.getTime() / MS_PER_DAY + (date1904 ? -1462 : 25569);
}

function richTextOf(v: { richText?: Array<{ text?: string }> }): string {
  return (v.richText ?? []).map((r) => r.text ?? '').join('');
}

/** Converts one exceljs cell value to the model's CellValue. */
export function toCellValue(v: unknown, numFmt?: string, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return cellFromRaw(v, numFmt, date1904);
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Date) {
    // The core decides what is a date (exceljs counts mm:ss and h:mm AM/PM as dates, and gets the
    // 1900 leap-year bug the other way round): back to the serial, then the core's reader.
    if (Number.isNaN(v.getTime())) return null;
    return cellFromRaw(exceljsDateToSerial(v, date1904), numFmt ?? 'yyyy-mm-dd', date1904);
  }
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return { error: o.error };
  if (Array.isArray(o.richText)) return richTextOf(o as { richText: Array<{ text?: string }> }) || null;
  if ('formula' in o || 'sharedFormula' in o) return toCellValue(o.result, numFmt, date1904);
  if ('hyperlink' in o || 'text' in o) {
    const t = o.text;
    if (typeof t === 'string') return t === '' ? null : t;
    if (t && typeof t === 'object') return toCellValue(t, numFmt, date1904);
    return null;
  }
  return null;
}

interface ExcelCellLike {
  type: number;
  value: unknown;
  numFmt?: string;
  master?: { address: string };
  address: string;
}

interface MergeLike {
  model: { top: number; left: number; bottom: number; right: number };
}

const VT_MERGE = 1;
const VT_FORMULA = 6;

/** Converts one exceljs worksheet to SheetData; with `consume`, empties the worksheet as it goes. */
export function sheetFromWorksheet(ws: ExcelJS.Worksheet, date1904 = false, consume = false): { sheet: SheetData; filledMerges: string[] } {
  const merges = ((ws as unknown as { _merges?: Record<string, MergeLike> })._merges ?? {}) as Record<string, MergeLike>;
  const fillDown = new Set<string>();
  const filledMerges: string[] = [];
  const vertical: Array<{ addr: string; span: string; bottom: number }> = [];
  for (const [addr, m] of Object.entries(merges)) {
    if (!m || !m.model) continue;
    const { top, left, bottom, right } = m.model;
    if (left === right && bottom > top) {
      fillDown.add(addr);
      vertical.push({ addr, span: `${top}:${bottom}`, bottom });
    }
  }
  // Three or more columns merged over the same rows are a two-row header band, not data: filled
  // (harmless) but not worth a note.
  const spanCount = new Map<string, number>();
  for (const v of vertical) spanCount.set(v.span, (spanCount.get(v.span) ?? 0) + 1);
  for (const v of vertical) if ((spanCount.get(v.span) ?? 0) < 3) filledMerges.push(`${v.addr}:${v.addr.replace(/\d+$/, String(v.bottom))}`);
  const rows: RowData[] = [];
  const rowsArr = (ws as unknown as { _rows: Array<{ number: number; _cells: Array<ExcelCellLike | undefined> } | undefined> })._rows ?? [];
  for (let idx = 0; idx < rowsArr.length; idx++) {
    const row = rowsArr[idx];
    if (!row) continue;
    // Consuming: drop exceljs's row as soon as it is converted, so both copies never coexist.
    if (consume) rowsArr[idx] = undefined;
    const src = row._cells;
    if (!src || src.length === 0) continue;
    const cells: CellValue[] = new Array(src.length);
    let last = -1;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      let v: CellValue = null;
      if (c) {
        if (c.type === VT_MERGE) {
          v = c.master && fillDown.has(c.master.address) ? toCellValue(c.value, c.numFmt, date1904) : null;
        } else if (c.type === VT_FORMULA) {
          v = toCellValue(c.value, c.numFmt, date1904);
        } else if (c.type !== 0) {
          v = toCellValue(c.value, c.numFmt, date1904);
        }
      }
      cells[i] = v;
      if (v !== null) last = i;
    }
    if (last < 0) continue;
    cells.length = last + 1;
    rows.push({ r: row.number, cells });
  }
  const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
  return { sheet: { name: ws.name, rows, ...(hidden ? { hidden: true } : {}) }, filledMerges };
}

function failure(file: string, code: ReadFailure['code'], message: string, messageEn: string): ReadFailure {
  return { ok: false, file, code, message, messageEn };
}

/** Reads an .xlsx already known to be a plausible workbook: the streaming reader (src/cli/xlsx). */
export async function readXlsx(filePath: string, opts: ReadOptions = {}): Promise<ReadOk> {
  const file = opts.displayName ?? path.basename(filePath);
  const book = await readXlsxStream(filePath, { chunkSize: opts.chunkSize, onSheet: opts.onSheet });
  const notes = [...book.notes];
  return { ok: true, data: { file, sheets: book.sheets, ...(book.date1904 ? { date1904: true } : {}) }, notes, warnings: book.warnings };
}

/** The same through exceljs `readFile`: the reference of the differential test (test/cli/read-diff.test.ts). */
export async function readXlsxExceljs(filePath: string, opts: ReadOptions = {}): Promise<ReadOk> {
  const file = opts.displayName ?? path.basename(filePath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(filePath);
  const date1904 = Boolean((wb as unknown as { properties?: { date1904?: boolean } }).properties?.date1904);
  const sheets: SheetData[] = [];
  const notes: string[] = [];
  for (const ws of [...wb.worksheets]) {
    const { sheet, filledMerges } = sheetFromWorksheet(ws, date1904, true);
    // Free exceljs's copy of the sheet as soon as it is converted: keeps the peak memory low.
    wb.removeWorksheet(ws.id);
    sheets.push(sheet);
    const note = mergeNote(sheet.name, filledMerges);
    if (note) notes.push(note);
    opts.onSheet?.(sheet.name, sheet.rows.length);
  }
  return { ok: true, data: { file, sheets, ...(date1904 ? { date1904: true } : {}) }, notes };
}

/** Decodes a CSV export: UTF-8 (with or without BOM) when valid, otherwise GBK. */
export function decodeCsv(buf: Buffer): { text: string; encoding: 'UTF-8' | 'GBK' | 'UTF-16' } {
  return decodeCsvBytes(buf, iconvDecode);
}

// The CSV rules are shared with the pane's import (src/core/cells/csv.ts).
export { csvCell, parseCsv } from '../core/cells/csv';

/** A CSV export becomes one sheet named after the file; small plain numbers (amounts, counts,
 *  序号) become numbers, everything else stays text as typed. */
export async function readCsv(filePath: string, opts: ReadOptions = {}): Promise<ReadOk> {
  const file = opts.displayName ?? path.basename(filePath);
  const buf = await fs.promises.readFile(filePath);
  const { text, encoding } = decodeCsv(buf);
  const name = path.basename(filePath).replace(/\.[^.]+$/, '') || 'Sheet1';
  const sheet = csvSheet(text, name);
  const rows = sheet.rows;
  opts.onSheet?.(name, rows.length);
  return { ok: true, data: { file, sheets: [sheet] }, notes: [`CSV 文件（${encoding} 编码）作为一张台账读取。`] };
}

/** .xls, HTML/SpreadsheetML saved as .xls, .ods: SheetJS CE (src/cli/legacy.ts, loaded on the
 *  first such file: an .xlsx-only run never loads SheetJS). */
export async function readLegacyInput(filePath: string, format: InputFormat, opts: ReadOptions = {}): Promise<ReadResult> {
  const file = opts.displayName ?? path.basename(filePath);
  const what = /\.et$/i.test(filePath) && format === 'xls' ? 'WPS 表格文件（.et）' : FORMAT_NAMES[format];
  const { readLegacy, MAX_LEGACY_BYTES } = await import('./legacy');
  let book: LegacyBook;
  try {
    book = readLegacy(filePath, format);
  } catch (e) {
    const tooBig = Boolean((e as { legacyTooBig?: boolean })?.legacyTooBig);
    return {
      ...failure(
        file,
        tooBig ? 'file.zip-bomb' : 'file.damaged',
        tooBig ? `这是${what}，但文件过大（超过 ${MAX_LEGACY_BYTES / 1024 / 1024} MB），拒绝读取。请在 Excel 中另存为 .xlsx 后再发。` : `这是${what}，但内容已损坏或无法识别，无法读取。请在 Excel 或 WPS 中打开并“另存为”Excel 工作簿（.xlsx）后再发。`,
        tooBig ? `this is ${format}, but too large; refused. Save it as .xlsx.` : `this is ${format}, but it is damaged or unrecognised. Open it in Excel or WPS and save it as .xlsx.`,
      ),
      detail: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
  const notes = [`${what}，已读取（格式与 .xlsx 的差别见 docs/cli.md）。`, ...book.notes];
  for (const s of book.sheets) opts.onSheet?.(s.name, s.rows.length);
  return { ok: true, data: { file, sheets: book.sheets, ...(book.date1904 ? { date1904: true } : {}) }, notes };
}

/** Any error while reading → one clerk sentence; the library's words only in `detail` (--verbose). */
export function failureOf(file: string, e: unknown): ReadFailure {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY')
    return failure(file, 'file.unreadable', '无法读取：文件被占用或没有权限。请关闭 Excel 或复制一份再试。', 'cannot read it: locked or no permission.');
  if (e instanceof XlsxError) {
    if (e.kind === 'too-large') return { ...failure(file, 'file.too-large', `${e.zh}。请把它拆成几个工作簿（例如每个村或每个台账一个）再检查。`, `${e.en}. Split it into several workbooks (one per village or ledger) and check them.`), detail: e.detail };
    if (e.kind === 'bomb') return { ...failure(file, 'file.zip-bomb', `${e.zh}，拒绝读取。请确认文件来源，或让报送单位在 Excel 中另存后重发。`, `${e.en}; refused. Check where it came from.`), detail: e.detail };
    return { ...failure(file, 'file.damaged', `${e.zh}。请让报送单位在 Excel 中打开、另存后重发。`, `${e.en}. Ask the sender to open it in Excel, save it and send it again.`), detail: e.detail };
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return { ...failure(file, 'file.parse', '工作簿内容损坏，无法解析。请在 Excel 中打开并另存为 .xlsx 后再发。', 'the workbook is damaged and cannot be parsed. Open and save it again in Excel.'), detail };
}

/** Preflight, then read. Never throws for a bad file: returns a failure with one clear line. */
export async function readInput(filePath: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const file = opts.displayName ?? path.basename(filePath);
  const pf = await preflight(filePath);
  if (!pf.ok) return failure(file, pf.code, pf.message, pf.messageEn);
  try {
    if (pf.kind === 'csv') return await readCsv(filePath, opts);
    if (pf.kind === 'legacy') return await readLegacyInput(filePath, pf.format, opts);
    return await readXlsx(filePath, opts);
  } catch (e) {
    return failureOf(file, e);
  }
}

/**
 * The formats villages send besides .xlsx — Excel 97–2003 (.xls, BIFF8 and older), HTML tables and
 * SpreadsheetML 2003 saved as .xls, OpenDocument (.ods) — and CSV exports, read through SheetJS
 * Community Edition (`@e965/xlsx`; never npm's `xlsx` 0.18.5) into the core's sheet model, cell by
 * cell through the core's cell reader. Shared by the CLI (src/cli/legacy.ts, from disk) and the
 * pane's import (src/taskpane/convert.ts, in the browser, loaded on demand as its own chunk).
 *
 * Raw values only: SheetJS never guesses numbers in HTML (`raw: true`), so an ID in an HTML export
 * stays text; an ID stored as a number in .xls/.ods arrives as a number and the core reports it as
 * already damaged, as for .xlsx. HTML, XML and CSV bytes are decoded first (UTF-8, UTF-16 or GBK,
 * by BOM, declared charset or validity) and handed over as text. No Node, no DOM: the caller
 * passes the bytes and a decoder for UTF-16 and GBK (iconv-lite in the CLI, TextDecoder in the pane).
 */
import * as XLSX from '@e965/xlsx';
// The code pages of old .xls (BIFF5 and older store text in the system's code page: 936 in China).
// Node's build of SheetJS loads them itself; its ES module build (the pane's bundle) does not.
import * as cptable from '@e965/xlsx/dist/cpexcel';
import { csvCell } from '../core/cells/csv';
import { decodeMarkup, type Decode } from './text';
import { fillMergesDown, mergeNote } from '../core/cells/merges';
import { cellFromRaw } from '../core/cells/read-cell';
import type { CellValue, RowData, SheetData } from '../core/model';
import type { LegacyFormat } from './sniff';

XLSX.set_cptable(cptable);

export interface LegacyBook {
  sheets: SheetData[];
  notes: string[];
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
}


/** Scientific notation as shown (3.70102197502282E+17): an ID that went through a number. */
const SCIENTIFIC = /^-?\d(\.\d+)?E\+\d+$/i;

function htmlCell(text: string): CellValue {
  const t = text.trim();
  if (SCIENTIFIC.test(t)) return Number(t);
  return csvCell(text);
}

function cellOf(c: XLSX.CellObject | undefined, date1904: boolean, html: boolean): CellValue {
  if (!c) return null;
  switch (c.t) {
    case 'n':
      return cellFromRaw(c.v as number, typeof c.z === 'string' ? c.z : undefined, date1904);
    case 's':
      // An HTML table has no cell types: the CSV rule (small plain numbers are numbers; IDs,
      // phones, compact dates and codes stay text as shown).
      return html ? htmlCell(String(c.v ?? '')) : cellFromRaw(String(c.v ?? ''));
    case 'b':
      return Boolean(c.v);
    case 'e':
      return { error: c.w ?? '#N/A' };
    case 'd':
      return cellFromRaw(c.v instanceof Date ? c.v : null);
    default:
      return null;
  }
}

/**
 * An HTML page with several tables (LibreOffice and some back-ends write one per sheet, each after
 * an <h1> naming it): SheetJS reads one table per call, so each table is handed over on its own,
 * named by the heading before it ("Sheet 1: <em>优抚对象</em>" → 优抚对象), else 表1, 表2….
 */
function readHtmlTables(text: string, opts: XLSX.ParsingOptions): XLSX.WorkBook {
  const starts: number[] = [];
  const re = /<table[\s>]/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index);
  if (starts.length <= 1) return XLSX.read(text, { ...opts, type: 'string' });
  const out = XLSX.utils.book_new();
  const used = new Set<string>();
  starts.forEach((start, i) => {
    const endTag = text.toLowerCase().indexOf('</table>', start);
    const end = endTag < 0 ? (starts[i + 1] ?? text.length) : endTag + 8;
    const before = text.slice(i > 0 ? starts[i - 1] : 0, start);
    const h = /<h\d[^>]*>([\s\S]*?)<\/h\d>(?![\s\S]*<h\d)/i.exec(before)?.[1] ?? '';
    const em = /<em>([\s\S]*?)<\/em>/i.exec(h)?.[1];
    let name = (em ?? h.replace(/<[^>]*>/g, '').replace(/^\s*Sheet\s*\d+\s*:\s*/i, '')).replace(/&amp;/g, '&').replace(/[\\/?*[\]:]/g, '').trim().slice(0, 31) || `表${i + 1}`;
    while (used.has(name)) name = `${name.slice(0, 28)}_${i + 1}`;
    used.add(name);
    const one = XLSX.read(`<html><body>${text.slice(start, end)}</body></html>`, { ...opts, type: 'string' });
    XLSX.utils.book_append_sheet(out, one.Sheets[one.SheetNames[0]], name);
  });
  return out;
}

/** Reads a legacy workbook from its bytes. Throws on a file SheetJS cannot read (the caller names the format). */
export function readLegacyBytes(bytes: Uint8Array, format: LegacyFormat, decode: Decode): LegacyBook {
  const opts: XLSX.ParsingOptions = { cellDates: false, cellNF: true, cellText: false, cellFormula: false, cellStyles: false, raw: true, dense: true, WTF: false };
  const notes: string[] = [];
  let wb: XLSX.WorkBook;
  const html = format === 'html';
  if (format === 'html' || format === 'spreadsheetml') {
    const { text, encoding } = decodeMarkup(bytes, decode);
    wb = html ? readHtmlTables(text, opts) : XLSX.read(text, { ...opts, type: 'string' });
    notes.push(`${html ? '网页（HTML）表格' : 'Excel 2003 XML 表格'}（${encoding} 编码）已按表格读取。`);
  } else {
    wb = XLSX.read(bytes, { ...opts, type: 'array', codepage: 936 });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: SheetData[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    const hidden = Boolean(wb.Workbook?.Sheets?.[i]?.Hidden);
    const rowsMap = new Map<number, CellValue[]>();
    const data = (ws as unknown as { '!data'?: Array<Array<XLSX.CellObject | undefined> | undefined> })['!data'] ?? [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      if (!src) continue;
      const cells: CellValue[] = [];
      let last = -1;
      for (let c = 0; c < src.length; c++) {
        const v = cellOf(src[c], date1904, html);
        cells.push(v);
        if (v !== null) last = c;
      }
      if (last < 0) continue;
      cells.length = last + 1;
      rowsMap.set(r + 1, cells);
    }
    const sorted: RowData[] = [...rowsMap.entries()].sort((a, b) => a[0] - b[0]).map(([r, cells]) => ({ r, cells }));
    // Merged cells: the core's rule, as for .xlsx and in the add-in.
    const areas = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    const { rows, filled } = fillMergesDown(sorted, areas);
    const note = mergeNote(name, filled);
    if (note) notes.push(note);
    sheets.push({ name, rows, ...(hidden ? { hidden: true } : {}) });
  });
  return { sheets, notes, ...(date1904 ? { date1904: true } : {}) };
}

const ERROR_CODES: Record<string, number> = { '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#NAME?': 0x1d, '#NUM!': 0x24, '#N/A': 0x2a };
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/**
 * The sheets as an .xlsx (base64), cell for cell at the same rows and columns: text as text (an
 * ID stays text, a text starting with = stays text), numbers as numbers, dates as date serials
 * shown yyyy-mm-dd, errors as errors, hidden sheets hidden. Values only: no styles, widths, merges
 * or number formats other than the dates' (the pane says so).
 */
export function sheetsToXlsxBase64(sheets: readonly SheetData[]): string {
  const wb = XLSX.utils.book_new();
  const hidden: number[] = [];
  sheets.forEach((sh, i) => {
    const data: Array<Array<XLSX.CellObject | undefined>> = [];
    let maxC = 0;
    for (const row of sh.rows) {
      const out: Array<XLSX.CellObject | undefined> = [];
      row.cells.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        if (typeof v === 'string') out[c] = { t: 's', v };
        else if (typeof v === 'number') out[c] = { t: 'n', v };
        else if (typeof v === 'boolean') out[c] = { t: 'b', v };
        else if (v instanceof Date) out[c] = { t: 'n', v: (v.getTime() - EPOCH_1900) / 86400000, z: 'yyyy-mm-dd' };
        else out[c] = { t: 'e', v: ERROR_CODES[v.error] ?? 0x2a, w: v.error };
        maxC = Math.max(maxC, c + 1);
      });
      data[row.r - 1] = out;
    }
    // Every row present (empty ones as []): SheetJS's writer reads data[R][C] for each row of the range.
    for (let r = 0; r < data.length; r++) if (!data[r]) data[r] = [];
    const ws: XLSX.WorkSheet = { '!data': data } as unknown as XLSX.WorkSheet;
    const lastRow = sh.rows.length ? sh.rows[sh.rows.length - 1].r : 1;
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, lastRow - 1), c: Math.max(0, maxC - 1) } });
    XLSX.utils.book_append_sheet(wb, ws, sh.name.slice(0, 31) || `Sheet${i + 1}`);
    if (sh.hidden) hidden.push(i);
  });
  if (sheets.length === 0) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Sheet1');
  if (hidden.length) {
    wb.Workbook = { Sheets: wb.SheetNames.map((_, i) => ({ Hidden: hidden.includes(i) ? 1 : 0 })) };
    // Excel needs one visible sheet.
    if (hidden.length === wb.SheetNames.length) wb.Workbook.Sheets![0].Hidden = 0;
  }
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx', compression: true, dense: true } as XLSX.WritingOptions);
}

/**
 * The formats villages send besides .xlsx — Excel 97–2003 (.xls, BIFF8 and older), HTML tables and
 * SpreadsheetML 2003 saved as .xls, OpenDocument (.ods) — read through SheetJS Community Edition
 * (`@e965/xlsx`; never npm's `xlsx` 0.18.5) into the core's sheet model, cell by cell through the
 * core's cell reader. Raw values only: SheetJS never guesses numbers in HTML (`raw: true`), so an
 * ID in an HTML export stays text; an ID stored as a number in .xls/.ods arrives as a number and
 * the core reports it as already damaged, as for .xlsx. HTML and XML bytes are decoded first
 * (UTF-8, UTF-16 or GBK, by BOM, declared charset or validity) and handed over as text.
 */
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { fillMergesDown } from '../core/cells/merges';
import { cellFromRaw } from '../core/cells/read-cell';
import type { CellValue, RowData, SheetData } from '../core/model';
import type { InputFormat } from './preflight';
import { csvCell } from './read';

export interface LegacyBook {
  sheets: SheetData[];
  notes: string[];
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
}

/** Legacy files are read whole: refuse beyond this (an .xls holds at most 65,536 rows anyway). */
export const MAX_LEGACY_BYTES = 200 * 1024 * 1024;

/** Decodes HTML/XML text: BOM, then a declared charset, then UTF-8 when valid, else GBK. */
export function decodeMarkup(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf, 'utf16le').replace(/^\uFEFF/, ''), encoding: 'UTF-16' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf, 'utf16be').replace(/^\uFEFF/, ''), encoding: 'UTF-16' };
  const head = buf.subarray(0, 4096).toString('latin1');
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1];
  const d = declared?.toLowerCase();
  if (d && /^(gbk|gb2312|gb18030|x-gbk|cp936)$/.test(d)) return { text: iconv.decode(buf, 'gb18030'), encoding: 'GBK' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'GBK' };
  }
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

/** Reads a legacy workbook. Throws on a file SheetJS cannot read (the caller names the format). */
export function readLegacy(filePath: string, format: InputFormat): LegacyBook {
  const st = fs.statSync(filePath);
  if (st.size > MAX_LEGACY_BYTES) throw Object.assign(new Error('too big'), { legacyTooBig: true });
  const buf = fs.readFileSync(filePath);
  const opts: XLSX.ParsingOptions = { cellDates: false, cellNF: true, cellText: false, cellFormula: false, cellStyles: false, raw: true, dense: true, WTF: false };
  const notes: string[] = [];
  let wb: XLSX.WorkBook;
  const html = format === 'html';
  if (format === 'html' || format === 'spreadsheetml') {
    const { text, encoding } = decodeMarkup(buf);
    wb = html ? readHtmlTables(text, opts) : XLSX.read(text, { ...opts, type: 'string' });
    notes.push(`${html ? '网页（HTML）表格' : 'Excel 2003 XML 表格'}（${encoding} 编码）已按表格读取。`);
  } else {
    wb = XLSX.read(buf, { ...opts, type: 'buffer', codepage: 936 });
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
    if (filled.length > 0 && filled.length < 50) notes.push(`工作表“${name}”有跨行合并的单元格（${filled.slice(0, 5).join('、')}${filled.length > 5 ? ` 等 ${filled.length} 处` : ''}）：已按合并格显示的值逐行读取。`);
    sheets.push({ name, rows, ...(hidden ? { hidden: true } : {}) });
  });
  return { sheets, notes, date1904 };
}

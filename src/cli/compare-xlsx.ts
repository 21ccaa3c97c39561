/**
 * Print-ready list sheets for the 年度比对 and 名单比对 workbooks (exceljs): a merged title, a
 * subtitle, a bordered table with a repeated header row, landscape A4 fitted to the page width.
 */
import ExcelJS from 'exceljs';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

export type Cell = string | number | null;

export interface ListColumn {
  header: string;
  width: number;
  /** 'text' keeps an ID as text; 'int' / 'percent' number formats. */
  format?: 'text' | 'int' | 'percent' | 'wrap';
}

export interface ListSheet {
  name: string;
  title: string;
  subtitle?: string;
  columns: ListColumn[];
  rows: Cell[][];
  /** A last row drawn as a total (合计). */
  total?: Cell[];
  /** Lines below the table (notes, signatures). */
  notes?: string[];
  /** Text shown when there are no rows. */
  empty?: string;
  /** Least height of a data row in points (e.g. room to write by hand). */
  rowHeight?: number;
}

/** Display width of a text in "characters" (CJK counts double). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Lines a value takes in a column of the given width (wrapped). */
function linesOf(v: Cell, width: number): number {
  if (typeof v !== 'string' || v === '') return 1;
  // A little less than the column width: the printed font is wider than Excel's width unit.
  return v.split('\n').reduce((a, line) => a + Math.max(1, Math.ceil((textWidth(line) * 1.15) / Math.max(1, width - 2))), 0);
}

const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A valid, unique sheet name (≤ 31 characters, no []:*?/\). */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(BAD_SHEET_CHARS, '_').trim() || 'Sheet').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

export function addListSheet(wb: ExcelJS.Workbook, s: ListSheet, taken: Set<string>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(s.name, taken), {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const n = s.columns.length;
  ws.columns = s.columns.map((c) => ({ width: c.width }));
  const last = ws.getColumn(n).letter;
  ws.mergeCells(`A1:${last}1`);
  const t = ws.getCell('A1');
  t.value = s.title;
  t.font = { name: FONT, bold: true, size: 16 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.mergeCells(`A2:${last}2`);
  const st = ws.getCell('A2');
  st.value = s.subtitle ?? '';
  st.font = { name: FONT, size: 10 };
  st.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  const header = ws.getRow(3);
  s.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, bold: true, size: 11 };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = Math.max(22, Math.max(...s.columns.map((c) => linesOf(c.header, c.width))) * 14 + 6);
  const rows = s.rows.length === 0 && s.empty ? [[s.empty, ...new Array(n - 1).fill(null)] as Cell[]] : s.rows;
  let r = 4;
  const put = (values: Cell[], total: boolean): void => {
    const row = ws.getRow(r++);
    const lines = s.rows.length === 0 ? 1 : Math.max(...s.columns.map((c, i) => linesOf(values[i] ?? null, c.width)));
    row.height = Math.max(s.rowHeight ?? 16, lines * 14 + 2);
    s.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i] ?? null;
      cell.value = v;
      cell.border = BORDER;
      cell.font = { name: FONT, size: 11, bold: total };
      if (total) cell.fill = TOTAL_FILL;
      if (c.format === 'text') cell.numFmt = '@';
      if (typeof v === 'number') {
        if (c.format === 'percent') cell.numFmt = '0.0%';
        else if (c.format === 'int') cell.numFmt = '0';
        cell.alignment = { horizontal: 'right', vertical: 'top' };
      } else cell.alignment = { horizontal: c.format === 'int' || c.format === 'percent' ? 'center' : 'left', vertical: 'top', wrapText: true };
    });
  };
  for (const v of rows) put(v, false);
  if (s.total) put(s.total, true);
  if (s.rows.length === 0 && s.empty) ws.mergeCells(`A4:${last}4`);
  r++;
  for (const line of s.notes ?? []) {
    ws.mergeCells(`A${r}:${last}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = line;
    c.font = { name: FONT, size: 10 };
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(15, Math.ceil(line.length / Math.max(20, s.columns.reduce((a, b) => a + b.width, 0) / 2)) * 15);
    r++;
  }
  ws.pageSetup.printTitlesRow = '3:3';
  return ws;
}

/** `文件「表」第N行`. */
export function where(ref: { file: string; sheet: string; row: number } | undefined): string {
  return ref ? `${ref.file}「${ref.sheet}」第${ref.row}行` : '';
}

export function todayText(d = new Date()): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

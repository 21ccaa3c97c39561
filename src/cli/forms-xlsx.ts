/**
 * The standard forms written with exceljs, print-ready; and user templates filled in place.
 *
 * Layout of a form sheet (same as the Office.js writer): row 1 the title (merged), row 2 the
 * subtitle (merged), row 3 the headers (frozen), then the rows, then notes, the 年度汇总
 * paragraph and the 制表单位/制表日期 line. Rates are numbers with a `0.0%` format; "—" is text.
 */
import ExcelJS from 'exceljs';
import { compactDataValidations } from './xlsx-fix';
import type { ColumnFormat, FormCell, FormSheet } from '../core/forms/types';
import { HEADER_ROW } from '../core/forms/types';
import { columnLetter } from '../core/model';
import type { Statistics } from '../core/stats/types';
import {
  describeUnknown,
  hasPlaceholder,
  parsePlaceholders,
  resolveCellText,
  type PlaceholderProblem,
  type TemplateContext,
} from '../core/template';

export const NUM_FMT: Record<ColumnFormat, string | undefined> = {
  int: '0',
  money: '#,##0.00',
  percent: '0.0%',
  text: undefined,
};

export interface WriteFormsOptions {
  /** Workbook creator metadata (default 双拥台账助手). */
  creator?: string;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const SUBTOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

/** Display width of a text in "characters" (CJK counts double). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function setCell(cell: ExcelJS.Cell, v: FormCell, format: ColumnFormat) {
  cell.value = v;
  if (typeof v === 'number') {
    const f = NUM_FMT[format];
    if (f) cell.numFmt = f;
    cell.alignment = { horizontal: 'right', vertical: 'middle' };
  } else if (format !== 'text') {
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  } else {
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  }
  cell.border = BORDER;
}

/** Add one form as a sheet of `wb`. */
export function addFormSheet(wb: ExcelJS.Workbook, form: FormSheet): ExcelJS.Worksheet {
  const n = form.columns.length;
  const ws = wb.addWorksheet(form.name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: form.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: {
      oddFooter: `&L${esc(form.footer.unit)}&C第 &P 页，共 &N 页&R${esc(form.footer.date)}`,
    },
  });
  // Column widths: the spec'd width, widened for long labels.
  form.columns.forEach((c, i) => {
    let w = Math.max(c.width, textWidth(c.header) / (c.header.length > 6 ? 2 : 1) + 2);
    for (const r of form.rows) {
      const v = r.cells[i];
      if (typeof v === 'string') w = Math.max(w, textWidth(v) + 2);
      else if (typeof v === 'number') w = Math.max(w, String(Math.round(v)).length + 5);
    }
    ws.getColumn(i + 1).width = Math.min(w, 40);
  });

  const lastCol = n;
  // Title and subtitle.
  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = form.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, lastCol);
  const sub = ws.getCell(2, 1);
  sub.value = form.subtitle;
  sub.font = { name: FONT, size: 10 };
  sub.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(2).height = 18;

  // Headers.
  const hr = ws.getRow(HEADER_ROW);
  form.columns.forEach((c, i) => {
    const cell = hr.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  hr.height = 32;

  // Rows.
  let r = HEADER_ROW + 1;
  for (const row of form.rows) {
    const xr = ws.getRow(r);
    form.columns.forEach((c, i) => {
      const cell = xr.getCell(i + 1);
      setCell(cell, row.cells[i] ?? null, row.formats?.[i] ?? c.format);
      const bold = row.kind !== 'data';
      cell.font = { name: FONT, size: 11, bold };
      if (row.kind === 'total') cell.fill = TOTAL_FILL;
      else if (row.kind === 'subtotal') cell.fill = SUBTOTAL_FILL;
      if (i === 0 && bold) cell.alignment = { horizontal: 'center', vertical: 'middle' };
    });
    xr.height = 20;
    r++;
  }

  // Notes, paragraph, footer.
  const totalWidth = form.columns.reduce((s, _c, i) => s + (ws.getColumn(i + 1).width ?? 10), 0);
  const block = (text: string, opts: { size?: number; bold?: boolean } = {}) => {
    ws.mergeCells(r, 1, r, lastCol);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = { name: FONT, size: opts.size ?? 10, bold: opts.bold };
    c.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    const lines = Math.max(1, Math.ceil(textWidth(text) / Math.max(10, totalWidth * 0.95)));
    ws.getRow(r).height = Math.max(18, lines * 15 + 4);
    r++;
  };
  if (form.notes.length || form.paragraph) r++;
  for (const note of form.notes) block(note);
  if (form.paragraph) {
    block('年度工作总结（可直接粘贴）：', { bold: true, size: 11 });
    block(form.paragraph, { size: 11 });
  }
  r++;
  const widthOf = (from: number, to: number) => {
    let w = 0;
    for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? 10;
    return w;
  };
  const half = Math.max(1, Math.floor(lastCol / 2));
  const right = half + 1 <= lastCol ? half + 1 : lastCol;
  // A narrow form (年度汇总 has two columns) cannot hold 制表单位 and 制表日期 side by side without
  // cutting the date: then each gets a row of its own across the whole width.
  const sideBySide =
    lastCol > 1 && textWidth(form.footer.unit) <= widthOf(1, half) && textWidth(form.footer.date) <= widthOf(right, lastCol);
  if (sideBySide) {
    if (half > 1) ws.mergeCells(r, 1, r, half);
    if (right < lastCol) ws.mergeCells(r, right, r, lastCol);
  } else {
    if (lastCol > 1) ws.mergeCells(r, 1, r, lastCol);
  }
  ws.getCell(r, 1).value = form.footer.unit;
  ws.getCell(r, 1).font = { name: FONT, size: 11 };
  let dateCell: ExcelJS.Cell;
  if (sideBySide) {
    dateCell = ws.getCell(r, right);
  } else {
    r++;
    if (lastCol > 1) ws.mergeCells(r, 1, r, lastCol);
    dateCell = ws.getCell(r, 1);
  }
  dateCell.value = form.footer.date;
  dateCell.font = { name: FONT, size: 11 };
  dateCell.alignment = { horizontal: 'right' };
  ws.pageSetup.printArea = `A1:${columnLetter(lastCol)}${r}`;
  return ws;
}

function esc(s: string): string {
  return s.replace(/&/g, '&&');
}


/** Write the forms to a new workbook at outPath (overwritten). */
export async function writeFormsWorkbook(forms: FormSheet[], outPath: string, opts: WriteFormsOptions = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? '双拥台账助手';
  wb.created = new Date();
  for (const f of forms) addFormSheet(wb, f);
  await wb.xlsx.writeFile(outPath);
}

// ───────────────────────── user templates ─────────────────────────

export interface UnknownPlaceholderAt {
  sheet: string;
  /** A1 address. */
  cell: string;
  /** The placeholder as written, braces included. */
  placeholder: string;
  /** Same as placeholder (for callers that print `name`). */
  name: string;
  problem: PlaceholderProblem;
  detail?: string;
  /** One line in Chinese naming the names that exist. */
  message: string;
}

export interface TemplateFillResult {
  /** Placeholders replaced. */
  filled: number;
  /** Cells that held placeholders. */
  cells: number;
  unknown: UnknownPlaceholderAt[];
  /** Names of the form sheets appended (opts.forms); a form whose name a template sheet already
   *  has is written as `名称(标准)`. */
  formSheets: string[];
}

export interface FillTemplateOptions extends TemplateContext {
  /** Also append these form sheets after the template's (so one file holds both, as `ledger
   *  summarize --out` wants); a name a template sheet already has gets the suffix `(标准)`. */
  forms?: FormSheet[];
}

const PERCENT_DEFAULT = '0.0%';

function isGeneral(fmt: string | undefined): boolean {
  return !fmt || fmt === 'General' || fmt === '@';
}

/**
 * Fill every placeholder of every sheet of the template and write the result to outPath. Every
 * other cell, style, merged range and formula is kept (exceljs round trip; note that exceljs
 * drops charts and pivot tables of a template). A cell that held only a placeholder gets the
 * number; with no number format, a percentage gets `0.0%`. Returns the unknown placeholders.
 */
export async function fillTemplateWorkbook(
  templatePath: string,
  stats: Statistics,
  outPath: string,
  opts: FillTemplateOptions = {},
): Promise<TemplateFillResult> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const result = fillTemplateInWorkbook(wb, stats, opts);
  // Formulas that read filled cells must be recalculated when the workbook is opened.
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  if (opts.forms) {
    const names = new Set(wb.worksheets.map((w) => w.name));
    for (const f of opts.forms) {
      let name = f.name;
      for (let i = 1; names.has(name); i++) name = `${f.name}(标准${i > 1 ? i : ''})`;
      names.add(name);
      addFormSheet(wb, name === f.name ? f : { ...f, name });
      result.formSheets.push(name);
    }
  }
  for (const ws of wb.worksheets) compactDataValidations(ws);
  await wb.xlsx.writeFile(outPath);
  return result;
}

/** Fill placeholders in an already loaded workbook (exposed for tests and other writers). */
export function fillTemplateInWorkbook(wb: ExcelJS.Workbook, stats: Statistics, ctx: TemplateContext = {}): TemplateFillResult {
  const out: TemplateFillResult = { filled: 0, cells: 0, unknown: [], formSheets: [] };
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const v = cell.value;
        const report = (u: { placeholder: string; problem: PlaceholderProblem; detail?: string }) =>
          out.unknown.push({
            sheet: ws.name,
            cell: cell.address,
            placeholder: u.placeholder,
            name: u.placeholder,
            problem: u.problem,
            detail: u.detail,
            message: describeUnknown(u, stats),
          });
        if (typeof v === 'string') {
          if (!hasPlaceholder(v)) return;
          out.cells++;
          const r = resolveCellText(v, stats, ctx);
          r.unknown.forEach(report);
          out.filled += r.replaced;
          if (r.replaced === 0) return;
          cell.value = r.value;
          if (typeof r.value === 'number' && isGeneral(cell.numFmt)) {
            if (r.format === 'percent') cell.numFmt = PERCENT_DEFAULT;
            else if (r.format === 'money') cell.numFmt = '0.00';
            else cell.numFmt = 'General';
          }
        } else if (v && typeof v === 'object' && 'richText' in v && Array.isArray(v.richText)) {
          const runs = v.richText;
          const joined = runs.map((x) => x.text).join('');
          if (!hasPlaceholder(joined)) return;
          out.cells++;
          const inRuns = runs.reduce((s, x) => s + parsePlaceholders(x.text).length, 0);
          const whole = resolveCellText(joined, stats, ctx);
          if (typeof whole.value === 'number' || inRuns !== parsePlaceholders(joined).length) {
            // One placeholder alone, or placeholders split across runs: plain value.
            whole.unknown.forEach(report);
            out.filled += whole.replaced;
            if (whole.replaced === 0) return;
            cell.value = whole.value;
            if (typeof whole.value === 'number' && whole.format === 'percent' && isGeneral(cell.numFmt)) cell.numFmt = PERCENT_DEFAULT;
            return;
          }
          let replaced = 0;
          const next = runs.map((x) => {
            const r = resolveCellText(x.text, stats, ctx);
            r.unknown.forEach(report);
            replaced += r.replaced;
            return { ...x, text: r.text };
          });
          out.filled += replaced;
          if (replaced > 0) cell.value = { richText: next };
        }
      });
    });
  }
  return out;
}

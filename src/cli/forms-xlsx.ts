/**
 * The standard forms written with exceljs, print-ready; and user templates filled in place.
 *
 * The layout of a form sheet is data decided in the core (src/core/layout/form.ts) and replayed
 * here, as the Office.js writer replays it. Rates are numbers with a `0.0%` format; "—" is text.
 */
import ExcelJS from 'exceljs';
import { compactDataValidations } from './xlsx-fix';
import type { FormSheet } from '../core/forms/types';
import { formLayout } from '../core/layout/form';
import { addLayoutSheet } from './layout-xlsx';
import { fillTemplateCell } from '../core/ops/template';
import type { Statistics } from '../core/stats/types';
import {
  describeUnknown,
  hasPlaceholder,
  parsePlaceholders,
  resolveCellText,
  type PlaceholderProblem,
  type TemplateContext,
} from '../core/template';
import { writeWhole } from './write-errors';

export interface WriteFormsOptions {
  /** Workbook creator metadata (default 双拥台账助手). */
  creator?: string;
}

/** Add one form as a sheet of `wb`: the core's layout (src/core/layout/form.ts) replayed. */
export function addFormSheet(wb: ExcelJS.Workbook, form: FormSheet): ExcelJS.Worksheet {
  return addLayoutSheet(wb, formLayout(form));
}

/** Write the forms to a new workbook at outPath (overwritten). */
export async function writeFormsWorkbook(forms: FormSheet[], outPath: string, opts: WriteFormsOptions = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? '双拥台账助手';
  wb.created = new Date();
  for (const f of forms) addFormSheet(wb, f);
  await writeWhole(outPath, () => wb.xlsx.writeFile(outPath));
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
  await writeWhole(outPath, () => wb.xlsx.writeFile(outPath));
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
          // One cell decided as the add-in decides it (src/core/ops/template.ts).
          const { write, resolution: r } = fillTemplateCell(v, cell.numFmt, stats, ctx);
          r.unknown.forEach(report);
          out.filled += r.replaced;
          if (!write) return;
          cell.value = write.value;
          if (write.numberFormat !== undefined) cell.numFmt = write.numberFormat;
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

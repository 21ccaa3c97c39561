/**
 * The merged ledger as data (issue #12): one sheet per ledger holding every village's rows, the
 * same in `ledger merge` (src/cli/merge.ts, a streamed .xlsx) and in the add-in's 导入并合并
 * (src/excel/import.ts, 合并_<台账> sheets). Both hosts replay it; neither decides content.
 *
 * Decisions (docs/cli.md "merge", docs/excel.md "导入"):
 * - Columns: the ledger's schema in force, in its order — so a column the township configured
 *   (docs/config.md 列名) survives the merge — then the four source columns 来源 (file),
 *   来源工作表, 来源行 (the Excel row in the village's sheet) and 校验.
 * - Values are the core's normalised values: canonical terms, 是/否 for booleans, full dates
 *   (date and month-date columns alike) as dates shown yyyy-mm-dd; a month-only date (1990-05)
 *   and anything that did not parse stay the text the village wrote. An ID Excel had turned into
 *   a number is shown as the check shows it (its 15 digits and 后3位已丢失), never the noise.
 * - 序号 is renumbered 1…n over the merged rows.
 * - A row with an error is kept, every cell filled with the one error fill, and its errors are
 *   written in 校验 ("有错误：…", or "有错误：见校验报告" when none is listed).
 * - With `maskIds` the IDs and the IDs inside the 校验 texts are masked.
 * - Number formats: text cells '@' (a text starting with = stays text), dates 'yyyy-mm-dd',
 *   amounts '#,##0.00', counts and 序号 '0', 来源行 '0', empty cells none. See `mergedCellFormat`.
 * - 来源工作表 names the sheet as it is in the village's file (the add-in checks imported files
 *   under their own sheet names, not the names their sheets got in the workbook).
 *
 * The rows are produced one at a time (`rows()` is a generator) so that a writer can stream
 * 300,000 rows without holding a second copy of them.
 */
import type { CheckResult } from '../check-api';
import { LEDGER_IDS, type FieldValue, type LedgerId, type LedgerTable } from '../ledger';
import { renderMessage } from '../messages/render';
import type { Problem } from '../problem';
import { LEDGER_SCHEMAS } from '../schema';
import type { ColumnType, LedgerSchema } from '../schema/types';
import type { Locale } from '../settings';
import { clampCell, clampText } from '../cells/clamp';
import { maskId, maskIdsInText } from '../values/id';
import { FILL, textWidth } from './palette';
import { NUMBER_FORMAT, type CellStyle, type LayoutValue, type SheetLayout } from './types';

export const MERGE_SUMMARY_SHEET = '合并说明';
export const MERGED_SOURCE_HEADERS = ['来源', '来源工作表', '来源行', '校验'] as const;
export const DATE_FORMAT = 'yyyy-mm-dd';

export interface MergedColumn {
  header: string;
  /** Characters (Excel's unit). */
  width: number;
  /** The number format of the column's empty, number and date cells (text cells are '@'). */
  numFmt: string;
  /** The schema's type for a ledger column; 'source' for the four source columns. */
  type: ColumnType | 'source';
}

export interface MergedRow {
  /** One per column. */
  values: LayoutValue[];
  /** The row has an error: every cell gets `MergedSheet.errorFill`. */
  error: boolean;
}

export interface MergedSheet {
  ledger: LedgerId;
  columns: MergedColumn[];
  /** Style of the header row (row 1); the rows follow from row 2. */
  headerStyle: CellStyle;
  errorFill: string;
  /** Frozen rows at the top. */
  freezeRows: number;
  /** Rows, files and rows with an error (known before the rows are produced). */
  rowCount: number;
  files: number;
  errorRows: number;
  /** The rows, produced one at a time, in file order then row order. */
  rows(): Generator<MergedRow>;
}

export interface MergeLayoutOptions {
  locale?: Locale;
  maskIds?: boolean;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function columnFormat(type: ColumnType): string {
  switch (type) {
    case 'date':
    case 'month-date':
      return DATE_FORMAT;
    case 'amount':
      return NUMBER_FORMAT.money;
    case 'count':
    case 'seq':
      return NUMBER_FORMAT.int;
    default:
      return NUMBER_FORMAT.text;
  }
}

/** An ID column's width: 22 holds 18 digits; a longer text widens it (up to 40) so that it is seen
 *  whole — an ID Excel stored as a number reads “370102197502281000（后3位已丢失）”. */
const ID_WIDTH = 22;
const ID_WIDTH_MAX = 40;

function columnWidth(header: string, type: ColumnType, longest = 0): number {
  if (type === 'id') return Math.min(ID_WIDTH_MAX, Math.max(ID_WIDTH, longest + 2));
  if (type === 'date' || type === 'month-date') return 12;
  return Math.max(8, textWidth(header) + 2);
}

/** The number format of one cell: text is '@' (so that nothing typed-looking is re-read by Excel),
 *  a date 'yyyy-mm-dd', a number its column's format (General in a text column), an empty cell
 *  none (General: a streamed writer need not style the empty cells of 300,000 rows). */
export function mergedCellFormat(col: MergedColumn, v: LayoutValue): string {
  if (v === null) return NUMBER_FORMAT.general;
  if (typeof v === 'string') return NUMBER_FORMAT.text;
  if (v instanceof Date) return DATE_FORMAT;
  if (typeof v === 'number' && col.numFmt === NUMBER_FORMAT.text) return NUMBER_FORMAT.general;
  return col.numFmt;
}

/** A normalised field value as the merged ledger shows it. */
export function mergedValue(v: FieldValue | undefined, type: ColumnType, maskIds = false): LayoutValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') {
    if (type === 'date' || type === 'month-date') {
      const m = ISO_DAY.exec(v);
      if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    }
    if (maskIds && type === 'id') return maskId(v);
    return clampText(v);
  }
  return clampCell(v) as LayoutValue;
}

function sheetKey(file: string | undefined, sheet: string | undefined): string {
  return `${file ?? ''}\u0000${sheet ?? ''}`;
}

/** The error problems of each row: per (file, sheet), per row number. */
function errorsByRow(problems: readonly Problem[]): Map<string, Map<number | undefined, Problem[]>> {
  const m = new Map<string, Map<number | undefined, Problem[]>>();
  for (const p of problems) {
    if (p.severity !== 'error') continue;
    const k = sheetKey(p.file, p.sheet);
    let rows = m.get(k);
    if (!rows) m.set(k, (rows = new Map()));
    const a = rows.get(p.row);
    if (a) a.push(p);
    else rows.set(p.row, [p]);
  }
  return m;
}

const NO_PROBLEMS: readonly Problem[] = [];

/** The error problems of one table's rows, by row number (looked up once per table, not per row). */
function tableErrors(byRow: ReturnType<typeof errorsByRow>, t: LedgerTable): (row: number) => readonly Problem[] {
  const rows = byRow.get(sheetKey(t.file, t.sheet));
  return rows ? (row) => rows.get(row) ?? NO_PROBLEMS : () => NO_PROBLEMS;
}

/** The schemas the check ran with (configured columns included); the defaults for results built
 *  without them. */
export function schemasOf(result: Pick<CheckResult, 'schemas'>): readonly LedgerSchema[] {
  return result.schemas ?? LEDGER_SCHEMAS;
}

/** One merged sheet per ledger found in `result.tables`, in the order of LEDGER_IDS. */
export function mergedLayouts(result: CheckResult, opts: MergeLayoutOptions = {}): MergedSheet[] {
  const locale = opts.locale ?? result.settings?.locale ?? 'zh-CN';
  const mask = opts.maskIds ?? result.settings?.maskIds ?? false;
  const byRow = errorsByRow(result.problems);
  const byLedger = new Map<LedgerId, LedgerTable[]>();
  for (const t of result.tables) {
    const a = byLedger.get(t.ledger);
    if (a) a.push(t);
    else byLedger.set(t.ledger, [t]);
  }
  const schemas = schemasOf(result);
  const out: MergedSheet[] = [];
  for (const ledger of LEDGER_IDS) {
    const tables = byLedger.get(ledger);
    const schema = schemas.find((s) => s.id === ledger);
    if (!tables || !schema) continue;
    const fields = schema.columns.map((c) => c.field);
    const types = schema.columns.map((c) => c.type);
    const idFields = fields.filter((_, i) => types[i] === 'id');
    const longest = new Map<string, number>();
    let rowCount = 0;
    let errorRows = 0;
    for (const t of tables) {
      const errorsOf = tableErrors(byRow, t);
      for (const rec of t.records) {
        rowCount++;
        if (rec.hasError || errorsOf(rec.row).length > 0) errorRows++;
        for (const f of idFields) {
          const v = rec.v[f];
          if (typeof v === 'string' && v.length > 18) longest.set(f, Math.max(longest.get(f) ?? 0, textWidth(v)));
        }
      }
    }
    const columns: MergedColumn[] = [
      ...schema.columns.map((c) => ({ header: c.field, width: columnWidth(c.field, c.type, longest.get(c.field)), numFmt: columnFormat(c.type), type: c.type })),
      { header: '来源', width: 24, numFmt: NUMBER_FORMAT.text, type: 'source' as const },
      { header: '来源工作表', width: 14, numFmt: NUMBER_FORMAT.text, type: 'source' as const },
      { header: '来源行', width: 8, numFmt: NUMBER_FORMAT.int, type: 'source' as const },
      { header: '校验', width: 50, numFmt: NUMBER_FORMAT.text, type: 'source' as const },
    ];
    out.push({
      ledger,
      columns,
      headerStyle: { bold: true, fill: FILL.header, numFmt: NUMBER_FORMAT.text },
      errorFill: FILL.error,
      freezeRows: 1,
      rowCount,
      files: new Set(tables.map((t) => t.file)).size,
      errorRows,
      *rows() {
        let n = 0;
        const nf = fields.length;
        for (const t of tables) {
          const errorsOf = tableErrors(byRow, t);
          const file = clampText(t.file);
          const sheetName = clampText(t.sheet);
          for (const rec of t.records) {
            n++;
            const values = new Array<LayoutValue>(nf + MERGED_SOURCE_HEADERS.length);
            const v = rec.v;
            for (let i = 0; i < nf; i++) values[i] = types[i] === 'seq' ? n : mergedValue(v[fields[i]], types[i], mask);
            const errs = errorsOf(rec.row).map((p) => {
              const text = renderMessage(p, locale);
              return mask ? maskIdsInText(text) : text;
            });
            const bad = rec.hasError === true || errs.length > 0;
            const note = bad ? `${locale === 'en-US' ? 'Errors: ' : '有错误：'}${errs.join(locale === 'en-US' ? '; ' : '；') || (locale === 'en-US' ? 'see the check report' : '见校验报告')}` : null;
            values[nf] = file;
            values[nf + 1] = sheetName;
            values[nf + 2] = rec.row;
            values[nf + 3] = note === null ? null : clampText(note);
            yield { values, error: bad };
          }
        }
      },
    });
  }
  return out;
}

/** A file that could not be merged (unreadable, or skipped), for 合并说明. */
export interface MergeLeftOut {
  file: string;
  reason: string;
}

/**
 * The 合并说明 sheet: what came from where — per ledger sheet read: file, sheet, ledger, data
 * rows, rows with an error, the merged sheet its rows went to — then the files left out and why.
 */
export function mergeSummaryLayout(
  result: CheckResult,
  opts: { leftOut?: readonly MergeLeftOut[]; date?: string; sheetOf?: (ledger: LedgerId) => string } = {},
): SheetLayout {
  const byRow = errorsByRow(result.problems);
  const sheetOf = opts.sheetOf ?? ((l: LedgerId) => l);
  const headers = ['文件', '工作表', '台账', '数据行', '有错误的行', '并入工作表'];
  const widths = [28, 16, 12, 10, 12, 16];
  const cells: SheetLayout['cells'] = [];
  const text = { numFmt: NUMBER_FORMAT.text };
  headers.forEach((h, i) => cells.push({ r: 1, c: i + 1, value: h, style: { bold: true, fill: FILL.header, numFmt: NUMBER_FORMAT.text } }));
  let r = 2;
  for (const t of result.tables) {
    const errorsOf = tableErrors(byRow, t);
    const errRows = t.records.filter((rec) => rec.hasError || errorsOf(rec.row).length > 0).length;
    const row: Array<string | number> = [t.file, t.sheet, t.ledger, t.records.length, errRows, sheetOf(t.ledger)];
    row.forEach((v, i) => cells.push({ r, c: i + 1, value: typeof v === 'string' ? clampText(v) : v, style: typeof v === 'string' ? text : { numFmt: NUMBER_FORMAT.int } }));
    r++;
  }
  for (const f of opts.leftOut ?? []) {
    const row: Array<string | number> = [f.file, '—', '—', 0, 0, clampText(`未并入：${f.reason}`)];
    row.forEach((v, i) => cells.push({ r, c: i + 1, value: v, style: typeof v === 'string' ? text : { numFmt: NUMBER_FORMAT.int } }));
    r++;
  }
  r++;
  cells.push({
    r,
    c: 1,
    value: `${opts.date ? `合并时间：${opts.date}；` : ''}有错误的行已保留并标红，错误内容见各表“校验”列。`,
    style: text,
  });
  return { name: MERGE_SUMMARY_SHEET, cells, merges: [], widths, heights: {}, freeze: { rows: 1, cols: 0 } };
}

/**
 * The standard forms (ledgers.md §5) as host-neutral data. Writers (src/cli, src/excel)
 * lay a FormSheet out the same way:
 *
 *   row 1            title (merged across all columns)
 *   row 2            subtitle (merged; may be empty) — 填报单位/年度
 *   row 3            headers                          (HEADER_ROW)
 *   rows 4…          rows, in order
 *   then             notes (one merged row each), paragraph (merged, wrapped) if any,
 *                    footer: 制表单位（盖章） (left) · 制表日期 (right), then the signature line
 *                    负责人 · 审核人 · 填表人 · 联系电话.
 * The cells, merges, widths and print setup of that layout are decided once, in
 * src/core/layout/form.ts (`formLayout`), and replayed by both writers.
 */

/** int: whole number `0`; money: `#,##0.00`; percent: a fraction shown `0.0%` (a string "—"
 *  stays text); text: as is. */
export type ColumnFormat = 'int' | 'money' | 'percent' | 'text';

export type FormRowKind = 'data' | 'subtotal' | 'total';

/** A cell: a number (a percent is a fraction 0..1), text, or null (blank). "—" is text. */
export type FormCell = number | string | null;

export interface FormColumn {
  header: string;
  format: ColumnFormat;
  /** Suggested width in characters. */
  width: number;
}

export interface FormRow {
  kind: FormRowKind;
  cells: FormCell[];
  /** Per-cell format overrides (年度汇总: one value column holding ints, money and rates). */
  formats?: Array<ColumnFormat | undefined>;
}

/** A series a clerk would chart, with where it sits on the sheet (0-based indexes into
 *  `FormSheet.rows` and `FormSheet.columns`) so a host can draw a native chart over the range. */
export interface ChartSeries {
  title: string;
  type: 'column' | 'bar' | 'pie';
  /** Column holding the category labels (always 0) and the one holding the values. */
  labelColumn: number;
  valueColumn: number;
  /** Rows of the series, in order. */
  rowIndexes: number[];
  categories: string[];
  /** The values (null for "—"). */
  values: Array<number | null>;
  format: ColumnFormat;
}

export interface FormFooter {
  /** 制表单位：… */
  unit: string;
  /** 制表日期：… */
  date: string;
  /** The signature line a county asks for: 负责人 · 审核人 · 填表人 · 联系电话, a name each ('' =
   *  a blank to fill by hand). */
  signatures: Array<{ label: string; name: string }>;
  /** Where the unit's seal goes, e.g. "（盖章）". */
  seal: string;
}

export interface FormSheet {
  /** Sheet name — the form's name (兵役登记统计表 …). */
  name: string;
  /** Title row, e.g. "红旗镇2026年兵役登记统计表". */
  title: string;
  /** Second row, e.g. "填报单位：红旗镇　　年度：2026年". */
  subtitle: string;
  columns: FormColumn[];
  rows: FormRow[];
  /** Notes printed below the table (e.g. the inputs had errors). */
  notes: string[];
  /** 年度汇总 only: the generated paragraph for the annual report. */
  paragraph?: string;
  footer: FormFooter;
  charts: ChartSeries[];
  /** Print orientation suggested for A4. */
  orientation: 'portrait' | 'landscape';
}

export interface BuildFormsOptions {
  /** Number of error-severity problems in the inputs; > 0 adds a note to every form. */
  inputErrors?: number;
  /** 制表日期 (default: today). */
  date?: Date;
  /** Language of the generated paragraph and notes (default: settings.locale). */
  locale?: 'zh-CN' | 'en-US';
}

/** Row number (1-based) of the header row in a written form. */
export const HEADER_ROW = 3;

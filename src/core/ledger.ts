/**
 * The output of recognising and checking a ledger sheet: its records with normalised values,
 * keyed by canonical field name. Statistics, forms, merge and feedback all read these.
 */

export type LedgerId = '优抚对象' | '兵役登记' | '双拥活动' | '共建对子' | '安置';

export const LEDGER_IDS: readonly LedgerId[] = ['优抚对象', '兵役登记', '双拥活动', '共建对子', '安置'];

/**
 * A normalised field value:
 * - text fields: the normalised string (trimmed, half-width, canonical vocabulary term when the
 *   value is a known synonym);
 * - 是/否 fields: boolean;
 * - amounts and counts: number;
 * - dates: ISO `YYYY-MM-DD`, or `YYYY-MM` for month precision (service dates);
 * - `null` when the cell is empty.
 * When a value cannot be parsed as its type (an amount written "五百", a date "去年"), the field
 * holds the cleaned string instead: consumers check `typeof`.
 */
export type FieldValue = string | number | boolean | null;

export interface LedgerRecord {
  /** Excel row number. */
  readonly row: number;
  /** Keyed by canonical column name exactly as in ledgers.md §4, half-width brackets, e.g.
   *  `身份证号`, `本年发放金额(元)`, `所在村/单位`, `慰问金(元)`. */
  readonly v: Readonly<Record<string, FieldValue>>;
  /** True when the row has at least one error-severity problem. */
  hasError?: boolean;
}

export interface LedgerColumn {
  /** Canonical field name. */
  field: string;
  /** The header text as found in the sheet. */
  header: string;
  /** 1-based column number. */
  col: number;
}

export interface LedgerTable {
  file: string;
  sheet: string;
  ledger: LedgerId;
  /** Excel row number of the header row. */
  headerRow: number;
  columns: LedgerColumn[];
  /** Data rows only: never title, blank, 合计 or note rows. */
  records: LedgerRecord[];
}

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
  /** The same rows read column-wise from the check's own store, without a record object per row
   *  (tables from `checkWorkbooks` have it; `tableRows` gives a view of any table). */
  rows?: LedgerRows;
}

/**
 * Column-wise access to a table's data rows: row i is `records[i]`, `valueAt(i, fieldAt(f))` is
 * `records[i].v[f]` (null when the table has no such column).
 */
export interface LedgerRows {
  readonly size: number;
  /** Excel row number of row i. */
  rowOf(i: number): number;
  /** The index of a field's column (its last column when mapped twice), -1 when there is none. */
  fieldAt(field: string): number;
  /** The normalised value of row i in column `k` (from `fieldAt`); null when k < 0. */
  valueAt(i: number, k: number): FieldValue;
  /** For an `id` column, the ID keys the check computed: where `hi[i] >= 0`, (`hi[i]`, `lo[i]`)
   *  encode the 18-digit form of row i's ID (`scanId18`); elsewhere none was computed. */
  idKeys?(field: string): { readonly hi: Int32Array; readonly lo: Int32Array } | undefined;
}

/** A column-wise view of any table: its own (`rows`) or one over its records. */
export function tableRows(t: LedgerTable): LedgerRows {
  if (t.rows) return t.rows;
  const recs = t.records;
  const fields: string[] = [];
  const at = new Map<string, number>();
  return {
    size: recs.length,
    rowOf: (i) => recs[i].row,
    fieldAt(field) {
      let k = at.get(field);
      if (k === undefined) {
        k = fields.length;
        fields.push(field);
        at.set(field, k);
      }
      return k;
    },
    valueAt: (i, k) => (k < 0 ? null : (recs[i].v[fields[k]] ?? null)),
  };
}

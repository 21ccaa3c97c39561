/**
 * A recognised ledger sheet being checked: its compiled columns, its parsed values and its
 * problem sink.
 *
 * A parsed value is most often the cell itself (a name, an ID, a village, a number): such values
 * are not stored again; `value(i, field)` reads them from the record's row. Only values that differ
 * from their cell (a date text made ISO, a synonym made canonical, an empty text made null) are
 * kept, in one array per column, created for the first such value. The row numbers and error flags
 * are typed arrays. Record objects (`records`) are built on first use only: checking a 100k-row
 * sheet then allocates no object per row and little old-generation memory, so the GC neither
 * copies records nor marks the whole input while the check runs. The sheet and cross checks read
 * `size`, `rowOf(i)` and `value(i, field)`.
 */
import type { CellCtx, CheckEnv, IdKeys, Params, SheetCtx } from '../checks/types';
import type { FieldValue, LedgerId, LedgerRecord, LedgerRows } from '../ledger';
import type { CellValue, RowData } from '../model';
import { isCellError } from '../model';
import { isEmptyCell } from '../recognize/rows';
import type { ColumnSchema, LedgerSchema } from '../schema/types';
import type { Parser } from '../checks/types';
import type { Sink } from './sink';
import { recordFactory } from './records';

export interface CompiledColumn {
  field: string;
  /** 1-based column number. */
  col: number;
  /** Index into RowData.cells. */
  idx: number;
  header: string;
  schema: ColumnSchema;
  parse: Parser;
  /** Field index (for the per-row error flags). */
  fi: number;
  required: boolean;
  /** Amount or count column: summed for the 合计 check. */
  summed: boolean;
  seq: boolean;
}

export class SheetState implements SheetCtx, LedgerRows {
  /** Per column: the values that differ from their cell, by record (holes elsewhere), or
   *  undefined while there is none. Each array is allocated once at its largest size. */
  private readonly kept: Array<FieldValue[] | undefined>;
  private readonly maxRecords: number;
  /** Number of records. */
  size = 0;
  /** Excel row number of each record. */
  readonly rowNums: Int32Array;
  /** 1 when the record has an error-severity problem. */
  readonly errFlags: Uint8Array;
  /** The raw row of each record. */
  readonly rawRows: RowData[] = [];
  /** Per record and field (i * nFields + k): 1 when the field's own check raised an error. */
  readonly badBits: Uint8Array;
  readonly colByField: Map<string, CompiledColumn>;
  /** Field → field index, -1 for a schema field without a column. A plain object with a fixed
   *  shape: lookups with a literal field name compile to fast property loads. */
  readonly fieldIndex: Record<string, number>;
  readonly nFields: number;
  /** Per `id` column: the records' ID keys (see SheetRecords.idKeys), filled by the row loop. */
  readonly idKeyByField = new Map<string, IdKeys>();
  private built: LedgerRecord[] | null = null;
  /** Per column: 1 when the row loop left the column unparsed (CheckOptions.lazyFields): its
   *  value is parsed from the cell when first read, as the row loop would have. */
  readonly lazy: Uint8Array;

  constructor(
    readonly env: CheckEnv,
    readonly schema: LedgerSchema,
    readonly file: string,
    readonly sheet: string,
    readonly fileVillage: string,
    readonly cols: CompiledColumn[],
    readonly sink: Sink,
    /** Upper bound of the number of records (rows below the header). */
    maxRecords: number,
  ) {
    this.colByField = new Map(cols.map((c) => [c.field, c]));
    const fi: Record<string, number> = {};
    for (const c of schema.columns) fi[c.field] = -1;
    // (A field mapped twice keeps its last column, as the record object does.)
    for (const c of cols) fi[c.field] = c.fi;
    this.fieldIndex = fi;
    this.nFields = cols.length;
    this.kept = new Array<FieldValue[] | undefined>(this.nFields).fill(undefined);
    this.maxRecords = maxRecords;
    this.rowNums = new Int32Array(Math.max(1, maxRecords));
    this.errFlags = new Uint8Array(Math.max(1, maxRecords));
    this.badBits = new Uint8Array(Math.max(1, maxRecords * this.nFields));
    this.lazy = new Uint8Array(this.nFields);
  }

  setLazy(k: number): void {
    this.lazy[k] = 1;
  }

  /** A lazy column's value of record i: what the row loop gives (an empty or error cell: null),
   *  kept when it differs from the cell. Its problems go nowhere. */
  private parseLazy(i: number, k: number): FieldValue {
    const c = this.cols[k];
    const raw = this.rawRows[i].cells[c.idx];
    if (raw === undefined || raw === null) return null;
    let v: FieldValue;
    if (isEmptyCell(raw)) v = null;
    else if (typeof raw === 'object' && !(raw instanceof Date) && isCellError(raw)) v = null;
    else {
      const ctx: CellCtx = { env: this.env, column: c.schema, row: this.rowNums[i], report: () => undefined };
      v = c.parse(raw, ctx);
    }
    if (v !== raw) this.keep(k, i, v);
    return v;
  }

  get ledger(): LedgerId {
    return this.schema.id;
  }

  idKeys(field: string): IdKeys | undefined {
    return this.idKeyByField.get(field);
  }

  has(field: string): boolean {
    const k = this.fieldIndex[field];
    return k !== undefined && k >= 0;
  }

  rowOf(i: number): number {
    return this.rowNums[i];
  }

  /** The field index of a field's column, -1 when the sheet has none (LedgerRows). */
  fieldAt(field: string): number {
    return Object.prototype.hasOwnProperty.call(this.fieldIndex, field) ? this.fieldIndex[field] : -1;
  }

  value(i: number, field: string): FieldValue {
    const k = this.fieldIndex[field];
    if (k === undefined || k < 0) return null;
    return this.valueAt(i, k);
  }

  /** The parsed value of record i, column k (field index). */
  valueAt(i: number, k: number): FieldValue {
    if (k < 0) return null;
    const kept = this.kept[k];
    if (kept !== undefined) {
      const v = kept[i];
      if (v !== undefined) return v;
    }
    if (this.lazy[k] === 1) return this.parseLazy(i, k);
    // Not kept: the value is the cell itself (a string, number or boolean).
    const raw = this.rawRows[i].cells[this.cols[k].idx];
    return raw === undefined ? null : (raw as FieldValue);
  }

  /** Keep the value of record i, column k, which differs from its cell (the row loop). */
  keep(k: number, i: number, v: FieldValue): void {
    let kept = this.kept[k];
    if (kept === undefined) {
      // Holey, not filled: only records whose value differs are written.
      kept = new Array<FieldValue>(this.maxRecords);
      this.kept[k] = kept;
    }
    kept[i] = v;
  }

  bad(i: number, field: string): boolean {
    const k = this.fieldIndex[field];
    return k !== undefined && k >= 0 && this.badBits[i * this.nFields + k] === 1;
  }

  /** The records as objects, built on first use from the kept values and the rows (and kept). */
  get records(): LedgerRecord[] {
    if (this.built !== null) return this.built;
    const make = recordFactory(this.cols.map((c) => c.field));
    const out: LedgerRecord[] = new Array<LedgerRecord>(this.size);
    const n = this.nFields;
    const vals = new Array<FieldValue>(n).fill(null);
    for (let i = 0; i < this.size; i++) {
      for (let k = 0; k < n; k++) vals[k] = this.valueAt(i, k);
      const rec: LedgerRecord = { row: this.rowNums[i], v: make(vals), hasError: this.errFlags[i] === 1 };
      out[i] = rec;
    }
    this.built = out;
    return out;
  }

  report(i: number, code: string, field: string | null, params?: Params, fix?: CellValue): void {
    const c = field !== null ? this.colByField.get(field) : undefined;
    const raw = c !== undefined ? this.rawRows[i].cells[c.idx] : undefined;
    const sev = this.sink.add({ code, row: this.rowNums[i], col: c?.col, column: field ?? undefined, raw: raw ?? null, params, fix });
    if (sev === 'error') {
      this.errFlags[i] = 1;
      if (this.built !== null) (this.built[i] as { hasError?: boolean }).hasError = true;
    }
  }
}

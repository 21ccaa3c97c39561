/**
 * The row runner: the per-row context handed to the parsers (`CellCtx`) and the row checks
 * (`RowCtx`) of one ledger sheet. One instance per sheet, reused for every row by the sheet loop
 * (`sheet-loop.ts`), which sets `row`, `cells`, `k`, `base` and `vals` before each call.
 */
import type { CellCtx, CheckEnv, Params, RowCtx } from '../checks/types';
import type { FieldValue } from '../ledger';
import type { CellValue } from '../model';
import type { ColumnSchema, LedgerSchema } from '../schema/types';
import type { CompiledColumn, SheetState } from './sheet-state';

export class RowRunner implements RowCtx, CellCtx {
  row = 0;
  cells: readonly CellValue[] = [];
  /** Index of the current column (a small integer: storing it needs no write barrier). */
  k = 0;
  /** Per record and column: 1 when the cell's own check raised an error (the sheet's table;
   *  the current row's flags start at `base`). */
  bits: Uint8Array = new Uint8Array(0);
  base = 0;
  hasError = false;
  /** Field → index among the sheet's columns (Map lookups measured faster than a keyed object). */
  readonly fi: Map<string, number>;
  /** The parsed values of the current row, by column index. */
  vals: readonly FieldValue[] = [];
  private readonly cols: readonly CompiledColumn[];
  constructor(
    readonly env: CheckEnv,
    readonly st: SheetState,
  ) {
    this.cols = st.cols;
    this.fi = new Map(st.cols.map((c) => [c.field, c.fi]));
  }
  private get cur(): CompiledColumn {
    return this.cols[this.k];
  }
  get ledger() {
    return this.st.schema.id;
  }
  get schema(): LedgerSchema {
    return this.st.schema;
  }
  get column(): ColumnSchema {
    return this.cur.schema;
  }
  has(field: string): boolean {
    return this.fi.has(field);
  }
  bad(field: string): boolean {
    const k = this.fi.get(field);
    return k !== undefined && this.bits[this.base + k] === 1;
  }
  ok(field: string): boolean {
    const k = this.fi.get(field);
    return k !== undefined && this.bits[this.base + k] === 0 && this.vals[k] !== null;
  }
  /** The ID key handed over by the ID parser, and the cell (record * nCols + column) it belongs to. */
  keyHi = -1;
  keyLo = 0;
  keyAt = -1;
  idKey(hi: number, lo: number): void {
    this.keyHi = hi;
    this.keyLo = lo;
    this.keyAt = this.base + this.k;
  }
  get(field: string): FieldValue {
    const k = this.fi.get(field);
    return k === undefined ? null : this.vals[k];
  }
  okAt(k: number): boolean {
    return k >= 0 && this.bits[this.base + k] === 0 && this.vals[k] !== null;
  }
  valAt(k: number): FieldValue {
    return k >= 0 ? this.vals[k] : null;
  }
  /** CellCtx.report and RowCtx.report share a name: a parser calls report(code, params, fix). */
  report(code: string, a?: string | null | Params, b?: Params | CellValue, c?: CellValue): void {
    let col: CompiledColumn | undefined;
    let params: Params | undefined;
    let fix: CellValue | undefined;
    if (typeof a === 'string' || a === null) {
      // RowCtx.report(code, field, params, fix)
      col = a === null ? undefined : this.st.colByField.get(a);
      params = b as Params | undefined;
      fix = c;
      const sev = this.st.sink.add({ code, row: this.row, col: col?.col, column: a ?? undefined, raw: col ? (this.cells[col.idx] ?? null) : null, params, fix });
      if (sev === 'error') {
        this.hasError = true;
        // a row rule's error does not make the field "bad" for other rules
      }
      return;
    }
    col = this.cur;
    params = a as Params | undefined;
    fix = b as CellValue | undefined;
    const sev = this.st.sink.add({ code, row: this.row, col: col.col, column: col.field, raw: this.cells[col.idx] ?? null, params, fix });
    if (sev === 'error') {
      this.hasError = true;
      this.bits[this.base + col.fi] = 1;
    }
  }
}

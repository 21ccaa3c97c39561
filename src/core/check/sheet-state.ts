/** A recognised ledger sheet being checked: its compiled columns, records and problem sink. */
import type { CheckEnv, Params, SheetCtx } from '../checks/types';
import type { LedgerId, LedgerRecord } from '../ledger';
import type { CellValue, RowData } from '../model';
import type { ColumnSchema, LedgerSchema } from '../schema/types';
import type { Parser } from '../checks/types';
import type { Sink } from './sink';

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

export class SheetState implements SheetCtx {
  readonly records: LedgerRecord[] = [];
  /** The raw row of each record. */
  readonly rawRows: RowData[] = [];
  /** Per record and field: 1 when the field's own check raised an error. */
  badBits: Uint8Array = new Uint8Array(0);
  readonly colByField: Map<string, CompiledColumn>;
  readonly nFields: number;

  constructor(
    readonly env: CheckEnv,
    readonly schema: LedgerSchema,
    readonly file: string,
    readonly sheet: string,
    readonly fileVillage: string,
    readonly cols: CompiledColumn[],
    readonly sink: Sink,
  ) {
    this.colByField = new Map(cols.map((c) => [c.field, c]));
    this.nFields = cols.length;
  }

  get ledger(): LedgerId {
    return this.schema.id;
  }

  has(field: string): boolean {
    return this.colByField.has(field);
  }

  bad(i: number, field: string): boolean {
    const c = this.colByField.get(field);
    return c !== undefined && this.badBits[i * this.nFields + c.fi] === 1;
  }

  report(i: number, code: string, field: string | null, params?: Params, fix?: CellValue): void {
    const rec = this.records[i];
    const c = field !== null ? this.colByField.get(field) : undefined;
    const raw = c !== undefined ? this.rawRows[i].cells[c.idx] : undefined;
    const sev = this.sink.add(code, rec.row, c?.col, field ?? undefined, raw ?? null, params, fix);
    if (sev === 'error') (rec as { hasError?: boolean }).hasError = true;
  }
}

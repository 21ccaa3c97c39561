/** A recognised ledger sheet being checked: its compiled columns, records and problem sink. */
import type { CheckEnv, IdKeys, Params, SheetCtx } from '../checks/types';
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
  /** Field → field index, -1 for a schema field without a column. A plain object with a fixed
   *  shape: lookups with a literal field name compile to fast property loads. */
  readonly fieldIndex: Record<string, number>;
  readonly nFields: number;
  /** Per `id` column: the records' ID keys (see SheetRecords.idKeys), filled by the row loop. */
  readonly idKeyByField = new Map<string, IdKeys>();

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
    const fi: Record<string, number> = {};
    for (const c of schema.columns) fi[c.field] = -1;
    for (const c of cols) fi[c.field] = c.fi;
    this.fieldIndex = fi;
    this.nFields = cols.length;
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

  bad(i: number, field: string): boolean {
    const k = this.fieldIndex[field];
    return k !== undefined && k >= 0 && this.badBits[i * this.nFields + k] === 1;
  }

  report(i: number, code: string, field: string | null, params?: Params, fix?: CellValue): void {
    const rec = this.records[i];
    const c = field !== null ? this.colByField.get(field) : undefined;
    const raw = c !== undefined ? this.rawRows[i].cells[c.idx] : undefined;
    const sev = this.sink.add(code, rec.row, c?.col, field ?? undefined, raw ?? null, params, fix);
    if (sev === 'error') (rec as { hasError?: boolean }).hasError = true;
  }
}

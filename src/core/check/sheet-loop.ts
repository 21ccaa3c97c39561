/**
 * The sheet loop: one recognised ledger sheet, row by row (header problems, parsing and the cell
 * and row checks of every row through the row runner, the 合计 rows), then the sheet-level checks.
 * The result is the sheet's `SheetState`, which the entry point (`check-workbooks.ts`) hands to the
 * cross-sheet checks.
 */
import { CHECKS, PARSER_CHECKS } from '../checks/registry';
import type { Check, CheckEnv, RowCtx } from '../checks/types';
import { KEY, idKeyHiLo } from '../checks/dup-util';
import type { FieldValue } from '../ledger';
import type { CellValue, RowData, SheetData } from '../model';
import { isCellError } from '../model';
import type { Recognition } from '../recognize/header';
import { classifyRow, isEmptyCell } from '../recognize/rows';
import type { LedgerSchema } from '../schema/types';
import { normCompact } from '../text/normalize';
import { parseAmountText } from '../values/simple';
import { RowRunner } from './row-runner';
import { SheetState, type CompiledColumn } from './sheet-state';
import type { Sink } from './sink';

// Local bindings of the functions called per cell: module loaders that expose imports through
// getters (tsx, bundlers) would otherwise pay a getter call per use in the hot loop.
const isEmpty = isEmptyCell;
const classify = classifyRow;
const isError = isCellError;
const keyOf = idKeyHiLo;
const KEY_ = KEY;

function fileBase(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  return base.replace(/\.(xlsx|xlsm|xls|csv)$/i, '');
}

function numericCell(c: CellValue | undefined): number | null {
  if (typeof c === 'number') return c;
  if (typeof c === 'string') {
    const n = parseAmountText(normCompact(c)).n;
    return isNaN(n) ? null : n;
  }
  return null;
}

function compileColumns(rec: Recognition, env: CheckEnv): CompiledColumn[] {
  const out: CompiledColumn[] = [];
  for (const h of rec.columns) {
    const schema = rec.schema.columns.find((c) => c.field === h.field)!;
    const pc = PARSER_CHECKS.get(schema.type) ?? PARSER_CHECKS.get('text')!;
    out.push({
      field: h.field,
      col: h.col,
      idx: h.col - 1,
      header: h.header,
      schema,
      parse: pc.parser!(schema, env),
      fi: out.length,
      required: !!schema.required,
      summed: schema.type === 'amount' || schema.type === 'count',
      seq: schema.type === 'seq',
    });
  }
  return out;
}

export function applies(c: Check, schema: LedgerSchema, st: { has(f: string): boolean }): boolean {
  if (!c.generic && !schema.rules.includes(c.id)) return false;
  return (c.needs ?? []).every((f) => st.has(f));
}

/**
 * The row loop of one ledger sheet. `row` is a method called once per row (not one long loop in
 * a big function): V8 optimises it as an ordinary hot function instead of on-stack-replacing a
 * large function, whose code after the loop then lacked type feedback and deoptimised each run.
 */
class SheetLoop {
  readonly st: SheetState;
  private readonly cols: CompiledColumn[];
  private readonly nCols: number;
  private readonly rowChecks: Array<(r: RowCtx) => void> = [];
  private readonly runner: RowRunner;
  private readonly sums: Float64Array;
  /** The current row's parsed values (see SheetState.value for where they are kept). */
  private readonly vals: FieldValue[];
  /** The first required non-序号 column: a row repeating its header text is a repeated header. */
  private readonly keyIdx: number;
  private readonly keyHeader: string;
  /** ID keys of the `id` columns, computed while the value is fresh in the cache (duplicate rules). */
  private readonly idCols: number[] = [];
  private readonly idHi: Int32Array[] = [];
  private readonly idLo: Int32Array[] = [];
  private n = 0;
  /** Per column: 1 when parsed on read, not here (SheetState.lazy). */
  private readonly lazy: Uint8Array;

  constructor(
    sheet: SheetData,
    private readonly rec: Recognition,
    env: CheckEnv,
    private readonly sink: Sink,
    file: string,
    /** Parse only: no row or sheet rules (CheckOptions.normaliseOnly). */
    private readonly parseOnly = false,
    /** With parseOnly (ignored otherwise): `name` columns of these fields are parsed when read (SheetState.lazy). */
    lazyFields?: readonly string[],
  ) {
    const cols = compileColumns(rec, env);
    this.cols = cols;
    this.nCols = cols.length;
    const maxRecords = Math.max(0, sheet.rows.length - rec.rowIndex);
    const st = new SheetState(env, rec.schema, file, sheet.name, fileBase(file), cols, sink, maxRecords);
    this.st = st;
    if (parseOnly && lazyFields) for (const c of cols) if (c.schema.type === 'name' && lazyFields.includes(c.field)) st.setLazy(c.fi);
    this.lazy = st.lazy;
    const schema = rec.schema;
    // Header problems.
    for (const f of rec.missing) sink.add({ code: 'header.missing-column', row: rec.row, column: f, params: { column: f } });
    for (const d of rec.duplicates)
      sink.add({ code: 'header.duplicate-column', row: rec.row, col: d.col, column: d.field, raw: d.header, params: { header: d.header, column: d.field } });
    for (const u of rec.unknown)
      sink.add({ code: 'header.unknown-column', row: rec.row, col: u.col, raw: u.header, params: { header: u.header } });

    for (const c of CHECKS) {
      if (parseOnly || !applies(c, schema, st)) continue;
      if (c.compileRow) {
        const f = c.compileRow(
          schema,
          (field) => st.has(field),
          (field) => st.colByField.get(field)?.fi ?? -1,
        );
        if (f) this.rowChecks.push(f);
      } else if (c.row) this.rowChecks.push(c.row.bind(c));
    }
    this.runner = new RowRunner(env, st);
    this.sums = new Float64Array(this.nCols);
    this.vals = new Array<FieldValue>(this.nCols).fill(null);
    this.runner.vals = this.vals;
    this.runner.bits = st.badBits;
    const firstKey = cols.find((c) => c.required && !c.seq);
    this.keyIdx = firstKey !== undefined ? firstKey.idx : -1;
    this.keyHeader = firstKey !== undefined ? firstKey.header : '';
    // (A field mapped twice keeps its last column's value in the record, so key that column.)
    const lastIdCol = new Map<string, number>();
    for (const c of cols) if (c.schema.type === 'id') lastIdCol.set(c.field, c.fi);
    for (const [field, fi] of lastIdCol) {
      const keys = {
        hi: new Int32Array(Math.max(1, maxRecords)).fill(-1),
        lo: new Int32Array(Math.max(1, maxRecords)),
      };
      st.idKeyByField.set(field, keys);
      this.idCols.push(fi);
      this.idHi.push(keys.hi);
      this.idLo.push(keys.lo);
    }
  }

  row(rd: RowData): void {
    const cells = rd.cells;
    const cols = this.cols;
    const nCols = this.nCols;
    const kind = classify(cells);
    if (kind === 'blank' || kind === 'note' || kind === 'subtotal') return;
    if (kind === 'total') {
      this.total(rd);
      return;
    }
    // A row whose mapped (non-序号) cells are all empty is blank.
    let any = false;
    for (let k = 0; k < nCols; k++) {
      const c = cols[k];
      if (!c.seq && !isEmpty(cells[c.idx])) {
        any = true;
        break;
      }
    }
    if (!any) return;
    // A repeated header row (printed pages) is no data.
    if (this.keyIdx >= 0 && cells[this.keyIdx] === this.keyHeader) return;

    const runner = this.runner;
    const vals = this.vals;
    const st = this.st;
    const n = this.n;
    runner.row = rd.r;
    runner.cells = cells;
    runner.hasError = false;
    const base = n * nCols;
    runner.base = base;
    const lazy = this.lazy;
    for (let k = 0; k < nCols; k++) {
      const c = cols[k];
      if (lazy[k] === 1) continue;
      const raw = cells[c.idx];
      if (raw === undefined || raw === null || isEmpty(raw)) {
        vals[k] = null;
        if (raw !== undefined && raw !== null) st.keep(k, n, null);
        if (c.required) {
          runner.k = k;
          runner.report('cell.required', { column: c.field });
        }
        continue;
      }
      if (typeof raw === 'object' && !(raw instanceof Date) && isError(raw)) {
        vals[k] = null;
        st.keep(k, n, null);
        runner.k = k;
        runner.report('cell.error-value', { error: raw.error });
        continue;
      }
      runner.k = k;
      const val = c.parse(raw, runner);
      vals[k] = val;
      // Only a value that differs from its cell is kept (most are the cell itself).
      if (val !== raw) st.keep(k, n, val);
      if (c.summed && typeof val === 'number') this.sums[k] += val;
    }
    const idCols = this.idCols;
    for (let j = 0; j < idCols.length; j++) {
      const at = base + idCols[j];
      if (runner.keyAt === at) {
        this.idHi[j][n] = runner.keyHi;
        this.idLo[j][n] = runner.keyLo;
        continue;
      }
      const iv = vals[idCols[j]];
      if (typeof iv === 'string' && keyOf(iv)) {
        this.idHi[j][n] = KEY_[0];
        this.idLo[j][n] = KEY_[1];
      }
    }
    const rowChecks = this.rowChecks;
    for (let k = 0; k < rowChecks.length; k++) rowChecks[k](runner);
    st.rowNums[n] = rd.r;
    if (runner.hasError) st.errFlags[n] = 1;
    st.rawRows.push(rd);
    this.n = n + 1;
  }

  /** A 合计 row: each summed column's total against the sum of the rows above. */
  private total(rd: RowData): void {
    const cells = rd.cells;
    for (const c of this.cols) {
      if (!c.summed) continue;
      const t = numericCell(cells[c.idx]);
      if (t === null) continue;
      const sum = Math.round(this.sums[c.fi] * 100) / 100;
      if (Math.abs(sum - t) > 0.005)
        this.sink.add({ code: 'total.mismatch', row: rd.r, col: c.col, column: c.field, raw: cells[c.idx], params: { total: t, sum } });
    }
  }

  /** After the last row: the sheet-level checks. */
  finish(): SheetState {
    const st = this.st;
    st.size = this.n;
    if (this.n === 0) this.sink.add({ code: 'sheet.no-data', row: this.rec.row });
    if (!this.parseOnly) for (const c of CHECKS) if (c.sheet && applies(c, st.schema, st)) c.sheet(st);
    return st;
  }
}

/** Check one recognised ledger sheet: every row below the header, then the sheet-level checks. */
export function checkLedgerSheet(sheet: SheetData, rec: Recognition, env: CheckEnv, sink: Sink, file: string, parseOnly = false, lazyFields?: readonly string[]): SheetState {
  const loop = new SheetLoop(sheet, rec, env, sink, file, parseOnly, lazyFields);
  const rows = sheet.rows;
  for (let ri = rec.rowIndex + 1; ri < rows.length; ri++) loop.row(rows[ri]);
  return loop.finish();
}

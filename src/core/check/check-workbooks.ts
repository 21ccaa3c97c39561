/**
 * `checkWorkbooks`: recognise every ledger sheet of every workbook, normalise and check every row,
 * then run the sheet-level and cross-workbook rules. Pure: no I/O, no clock except `opts.today`.
 */
import type { CheckOptions, CheckResult, SheetReport } from '../check-api';
import { CHECKS, PARSER_CHECKS } from '../checks/registry';
import type { Check, CellCtx, CheckEnv, Params, RowCtx, SheetRecords } from '../checks/types';
import type { FieldValue, LedgerTable } from '../ledger';
import type { CellValue, RowData, SheetData, WorkbookData } from '../model';
import { isCellError } from '../model';
import type { Problem } from '../problem';
import { compileHeaderIndex, isNonLedgerSheetName, recognizeSheet, type HeaderIndex, type Recognition } from '../recognize/header';
import { classifyRow, isEmptyCell } from '../recognize/rows';
import { buildSchemaSet } from '../schema/override';
import type { ColumnSchema, LedgerSchema, SchemaSet } from '../schema/types';
import type { Settings } from '../settings';
import { readSettingsSheet } from '../settings-sheet';
import { normCompact } from '../text/normalize';
import { parseAmountText } from '../values/simple';
import { KEY, idKeyHiLo } from '../checks/dup-util';
import { makeEnv } from './env';
import { compileLevels, Sink } from './sink';
import { SheetState, type CompiledColumn } from './sheet-state';

const DEFAULT_CAP = 1000;

// Local bindings of the functions called per cell: module loaders that expose imports through
// getters (tsx, bundlers) would otherwise pay a getter call per use in the hot loop.
const isEmpty = isEmptyCell;
const classify = classifyRow;
const isError = isCellError;
const keyOf = idKeyHiLo;
const KEY_ = KEY;

/** The per-row context handed to the parsers and row checks; one instance per sheet, reused. */
class RowRunner implements RowCtx, CellCtx {
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
      const sev = this.st.sink.add(code, this.row, col?.col, a ?? undefined, col ? (this.cells[col.idx] ?? null) : null, params, fix);
      if (sev === 'error') {
        this.hasError = true;
        // a row rule's error does not make the field "bad" for other rules
      }
      return;
    }
    col = this.cur;
    params = a as Params | undefined;
    fix = b as CellValue | undefined;
    const sev = this.st.sink.add(code, this.row, col.col, col.field, this.cells[col.idx] ?? null, params, fix);
    if (sev === 'error') {
      this.hasError = true;
      this.bits[this.base + col.fi] = 1;
    }
  }
}

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

interface Ctx {
  cap: number;
  index: HeaderIndex;
  schemaSet: SchemaSet;
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

function applies(c: Check, schema: LedgerSchema, st: { has(f: string): boolean }): boolean {
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

  constructor(
    sheet: SheetData,
    private readonly rec: Recognition,
    env: CheckEnv,
    private readonly sink: Sink,
    file: string,
  ) {
    const cols = compileColumns(rec, env);
    this.cols = cols;
    this.nCols = cols.length;
    const maxRecords = Math.max(0, sheet.rows.length - rec.rowIndex);
    const st = new SheetState(env, rec.schema, file, sheet.name, fileBase(file), cols, sink, maxRecords);
    this.st = st;
    const schema = rec.schema;
    // Header problems.
    for (const f of rec.missing) sink.add('header.missing-column', rec.row, undefined, f, null, { column: f });
    for (const d of rec.duplicates)
      sink.add('header.duplicate-column', rec.row, d.col, d.field, d.header, { header: d.header, column: d.field });
    for (const u of rec.unknown)
      sink.add('header.unknown-column', rec.row, u.col, undefined, u.header, { header: u.header });

    for (const c of CHECKS) {
      if (!applies(c, schema, st)) continue;
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
    for (let k = 0; k < nCols; k++) {
      const c = cols[k];
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
        this.sink.add('total.mismatch', rd.r, c.col, c.field, cells[c.idx], { total: t, sum });
    }
  }

  /** After the last row: the sheet-level checks. */
  finish(): SheetState {
    const st = this.st;
    st.size = this.n;
    if (this.n === 0) this.sink.add('sheet.no-data', this.rec.row, undefined, undefined, null, {});
    for (const c of CHECKS) if (c.sheet && applies(c, st.schema, st)) c.sheet(st);
    return st;
  }
}

function checkLedgerSheet(sheet: SheetData, rec: Recognition, env: CheckEnv, sink: Sink, file: string): SheetState {
  const loop = new SheetLoop(sheet, rec, env, sink, file);
  const rows = sheet.rows;
  for (let ri = rec.rowIndex + 1; ri < rows.length; ri++) loop.row(rows[ri]);
  return loop.finish();
}

/**
 * Check workbooks. `settings` are authoritative; only when `settings.villages` is empty does a
 * workbook's own village list (its `settings`, else its 设置 sheet) apply to that workbook.
 */
export function checkWorkbooks(books: readonly WorkbookData[], settings: Settings, opts: CheckOptions = {}): CheckResult {
  const schemaSet: SchemaSet = opts.schemas
    ? { ledgers: opts.schemas, countyCodes: opts.schemaOverride?.countyCodes ? new Set(opts.schemaOverride.countyCodes) : undefined }
    : buildSchemaSet(opts.schemaOverride);
  const levels = compileLevels(opts.ruleLevels);
  const ctx: Ctx = { cap: opts.maxProblemsPerSheet ?? DEFAULT_CAP, index: compileHeaderIndex(schemaSet.ledgers), schemaSet };
  const today = opts.today ?? new Date();
  const total = books.reduce((n, b) => n + b.sheets.length, 0);
  let done = 0;

  const sinks: Sink[] = [];
  const reports: Array<{ report: SheetReport; sink: Sink }> = [];
  const states: SheetState[] = [];
  const baseEnv = makeEnv(settings, today, settings.villages ?? [], ctx.schemaSet.countyCodes);

  books.forEach((book, bi) => {
    let env = baseEnv;
    if (baseEnv.villages.length === 0) {
      let own = book.settings?.villages;
      if (!own) {
        const ss = book.sheets.find((s) => normCompact(s.name) === '设置');
        if (ss) own = readSettingsSheet(ss).villages;
      }
      if (own && own.length > 0) env = makeEnv(settings, today, own, ctx.schemaSet.countyCodes);
    }
    if (book.date1904) env = { ...env, date1904: true };
    const fileSink = new Sink(book.file, undefined, ctx.cap, bi, -1, levels);
    sinks.push(fileSink);
    let ledgers = 0;
    book.sheets.forEach((sheet, si) => {
      const sink = new Sink(book.file, sheet.name, ctx.cap, bi, si, levels);
      sinks.push(sink);
      const report: SheetReport = { file: book.file, sheet: sheet.name, ledger: null, dataRows: 0, errors: 0, warnings: 0, omitted: 0 };
      reports.push({ report, sink });
      const empty = !sheet.rows.some((r) => r.cells.some((c) => !isEmpty(c)));
      if (empty) {
        // An empty Sheet2/Sheet3 is no ledger and not worth a line.
      } else if (sheet.hidden) sink.add('sheet.hidden', undefined, undefined, undefined, null, {});
      else if (isNonLedgerSheetName(sheet.name)) sink.add('sheet.not-ledger', undefined, undefined, undefined, null, {});
      else {
        const rec = recognizeSheet(sheet, ctx.index);
        if (rec === null) sink.add('sheet.not-ledger', undefined, undefined, undefined, null, {});
        else {
          ledgers++;
          const st = checkLedgerSheet(sheet, rec, env, sink, book.file);
          states.push(st);
          report.ledger = rec.schema.id;
          report.headerRow = rec.row;
          report.dataRows = st.size;
        }
      }
      done++;
      opts.onProgress?.({ file: book.file, sheet: sheet.name, done, total });
    });
    if (ledgers === 0) fileSink.add('file.no-ledger', undefined, undefined, undefined, null, {});
  });

  // Cross-sheet and cross-workbook rules.
  const all: readonly SheetRecords[] = states;
  for (const c of CHECKS) {
    if (!c.cross) continue;
    const sheets = states.filter((s) => applies(c, s.schema, s));
    if (sheets.length === 0) continue;
    c.cross({ env: baseEnv, sheets, allSheets: all });
  }

  for (const { report, sink } of reports) {
    report.errors = sink.errors;
    report.warnings = sink.warnings;
    report.omitted = sink.omitted;
  }

  const problems: Problem[] = [];
  sinks.sort((a, b) => a.bookIndex - b.bookIndex || a.sheetIndex - b.sheetIndex);
  for (const s of sinks) {
    const ps = s.problems;
    ps.sort(byRowCol);
    for (let i = 0; i < ps.length; i++) problems.push(ps[i]);
  }

  // `records` is a getter: the record objects are only built when a consumer reads them.
  const tables: LedgerTable[] = states.map((s) => ({
    file: s.file,
    sheet: s.sheet,
    ledger: s.schema.id,
    headerRow: reports.find((r) => r.sink === s.sink)!.report.headerRow!,
    columns: s.cols.map((c) => ({ field: c.field, header: c.header, col: c.col })),
    get records() {
      return s.records;
    },
  }));

  return { settings, sheets: reports.map((r) => r.report), problems, tables, schemas: schemaSet.ledgers };
}

function byRowCol(a: Problem, b: Problem): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

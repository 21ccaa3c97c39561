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
import { Sink } from './sink';
import { SheetState, type CompiledColumn } from './sheet-state';

const DEFAULT_CAP = 1000;

// Local bindings of the functions called per cell: module loaders that expose imports through
// getters (tsx, bundlers) would otherwise pay a getter call per use in the hot loop.
const isEmpty = isEmptyCell;
const classify = classifyRow;
const isError = isCellError;

/** The per-row context handed to the parsers and row checks; one instance per sheet, reused. */
class RowRunner implements RowCtx, CellCtx {
  row = 0;
  v: Record<string, FieldValue> = {};
  cells: readonly CellValue[] = [];
  cur: CompiledColumn;
  /** Per record and column: 1 when the cell's own check raised an error (the sheet's table;
   *  the current row's flags start at `base`). */
  bits: Uint8Array = new Uint8Array(0);
  base = 0;
  hasError = false;
  /** Field → index among the sheet's columns (Map lookups measured faster than a keyed object). */
  readonly fi: Map<string, number>;
  /** The parsed values of the current row by column index (shared with the engine loop). */
  vals: readonly FieldValue[] = [];
  constructor(
    readonly env: CheckEnv,
    readonly st: SheetState,
  ) {
    this.cur = st.cols[0];
    this.fi = new Map(st.cols.map((c) => [c.field, c.fi]));
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

/**
 * A function building a record's values object from the parsed values, all records of a sheet
 * sharing one layout. Where the host allows it, a small generated object literal (named property
 * stores: several times faster than keyed stores); otherwise (a Content-Security-Policy without
 * 'unsafe-eval') a clone of a template object. Field names are embedded with JSON.stringify, so any
 * schema text is a safe string literal.
 */
export function recordFactory(fields: readonly string[]): (vals: readonly FieldValue[]) => Record<string, FieldValue> {
  try {
    if (fields.includes('__proto__')) throw new Error('no literal');
    const body = `return {${fields.map((f, j) => `${JSON.stringify(f)}: a[${j}]`).join(', ')}};`;
    const f = new Function('a', body) as (vals: readonly FieldValue[]) => Record<string, FieldValue>;
    const probe = f(fields.map(() => null));
    if (Object.keys(probe).length === new Set(fields).size) return f;
  } catch {
    // fall through
  }
  const proto: Record<string, FieldValue> = {};
  for (const f of fields) proto[f] = null;
  const template = JSON.parse(JSON.stringify(proto)) as Record<string, FieldValue>;
  return (a) => {
    const v = { ...template };
    for (let j = 0; j < fields.length; j++) v[fields[j]] = a[j];
    return v;
  };
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

function checkLedgerSheet(sheet: SheetData, rec: Recognition, env: CheckEnv, sink: Sink, file: string): SheetState {
  const cols = compileColumns(rec, env);
  const st = new SheetState(env, rec.schema, file, sheet.name, fileBase(file), cols, sink);
  const schema = rec.schema;
  // Header problems.
  for (const f of rec.missing) sink.add('header.missing-column', rec.row, undefined, f, null, { column: f });
  for (const d of rec.duplicates) sink.add('header.duplicate-column', rec.row, d.col, d.field, d.header, { header: d.header, column: d.field });
  for (const u of rec.unknown) sink.add('header.unknown-column', rec.row, u.col, undefined, u.header, { header: u.header });

  const rowChecks: Array<(r: RowCtx) => void> = [];
  for (const c of CHECKS) {
    if (!applies(c, schema, st)) continue;
    if (c.compileRow) {
      const f = c.compileRow(schema, (field) => st.has(field), (field) => st.colByField.get(field)?.fi ?? -1);
      if (f) rowChecks.push(f);
    } else if (c.row) rowChecks.push(c.row.bind(c));
  }
  const nRowChecks = rowChecks.length;
  const runner = new RowRunner(env, st);
  const nCols = cols.length;
  const sums = new Float64Array(nCols);
  const bitsAll = new Uint8Array(Math.max(1, (sheet.rows.length - rec.rowIndex) * nCols));
  // Every record gets the same shape: cloned from a template with every field (fast in V8).
  const makeRecord = recordFactory(cols.map((c) => c.field));
  const vals: FieldValue[] = new Array<FieldValue>(nCols).fill(null);
  runner.vals = vals;
  runner.bits = bitsAll;
  const firstKey = cols.find((c) => c.required && !c.seq);
  // ID keys of the `id` columns, computed while the value is fresh in the cache (duplicate rules).
  const maxRecords = Math.max(0, sheet.rows.length - rec.rowIndex);
  const idCols: number[] = [];
  const idHi: Int32Array[] = [];
  const idLo: Int32Array[] = [];
  // (A field mapped twice keeps its last column's value in the record, so key that column.)
  const lastIdCol = new Map<string, number>();
  for (const c of cols) if (c.schema.type === 'id') lastIdCol.set(c.field, c.fi);
  for (const [field, fi] of lastIdCol) {
    const keys = { hi: new Int32Array(maxRecords).fill(-1), lo: new Int32Array(maxRecords) };
    st.idKeyByField.set(field, keys);
    idCols.push(fi);
    idHi.push(keys.hi);
    idLo.push(keys.lo);
  }
  const nIdCols = idCols.length;
  const keyOf = idKeyHiLo;
  const KEY_ = KEY;

  const rows = sheet.rows;
  for (let ri = rec.rowIndex + 1; ri < rows.length; ri++) {
    const rd: RowData = rows[ri];
    const cells = rd.cells;
    const kind = classify(cells);
    if (kind === 'blank' || kind === 'note' || kind === 'subtotal') continue;
    if (kind === 'total') {
      for (const c of cols) {
        if (!c.summed) continue;
        const t = numericCell(cells[c.idx]);
        if (t === null) continue;
        const sum = Math.round(sums[c.fi] * 100) / 100;
        if (Math.abs(sum - t) > 0.005) sink.add('total.mismatch', rd.r, c.col, c.field, cells[c.idx], { total: t, sum });
      }
      continue;
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
    if (!any) continue;
    // A repeated header row (printed pages) is no data.
    if (firstKey !== undefined && cells[firstKey.idx] === firstKey.header) continue;

    runner.row = rd.r;
    runner.cells = cells;
    runner.hasError = false;
    runner.base = st.records.length * nCols;
    for (let k = 0; k < nCols; k++) {
      const c = cols[k];
      const raw = cells[c.idx];
      vals[k] = null;
      if (raw === undefined || raw === null || isEmpty(raw)) {
        if (c.required) {
          runner.cur = c;
          runner.report('cell.required', { column: c.field });
        }
        continue;
      }
      if (typeof raw === 'object' && !(raw instanceof Date) && isError(raw)) {
        runner.cur = c;
        runner.report('cell.error-value', { error: raw.error });
        continue;
      }
      runner.cur = c;
      const val = c.parse(raw, runner);
      vals[k] = val;
      if (c.summed && typeof val === 'number') sums[k] += val;
    }
    const recIndex = st.records.length;
    for (let j = 0; j < nIdCols; j++) {
      const iv = vals[idCols[j]];
      if (typeof iv === 'string' && keyOf(iv)) {
        idHi[j][recIndex] = KEY_[0];
        idLo[j][recIndex] = KEY_[1];
      }
    }
    const v = makeRecord(vals);
    runner.v = v;
    for (let k = 0; k < nRowChecks; k++) rowChecks[k](runner);
    st.records.push({ row: rd.r, v, hasError: runner.hasError });
    st.rawRows.push(rd);
  }
  st.badBits = bitsAll;
  if (st.records.length === 0) sink.add('sheet.no-data', rec.row, undefined, undefined, null, {});
  for (const c of CHECKS) if (c.sheet && applies(c, schema, st)) c.sheet(st);
  return st;
}

/**
 * Check workbooks. `settings` are authoritative; only when `settings.villages` is empty does a
 * workbook's own village list (its `settings`, else its 设置 sheet) apply to that workbook.
 */
export function checkWorkbooks(books: readonly WorkbookData[], settings: Settings, opts: CheckOptions = {}): CheckResult {
  const schemaSet: SchemaSet = opts.schemas
    ? { ledgers: opts.schemas, countyCodes: opts.schemaOverride?.countyCodes ? new Set(opts.schemaOverride.countyCodes) : undefined }
    : buildSchemaSet(opts.schemaOverride);
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
    const fileSink = new Sink(book.file, undefined, ctx.cap, bi, -1);
    sinks.push(fileSink);
    let ledgers = 0;
    book.sheets.forEach((sheet, si) => {
      const sink = new Sink(book.file, sheet.name, ctx.cap, bi, si);
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
          report.dataRows = st.records.length;
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

  const tables: LedgerTable[] = states.map((s) => ({
    file: s.file,
    sheet: s.sheet,
    ledger: s.schema.id,
    headerRow: s.sink && reports.find((r) => r.sink === s.sink)!.report.headerRow!,
    columns: s.cols.map((c) => ({ field: c.field, header: c.header, col: c.col })),
    records: s.records,
  }));

  return { settings, sheets: reports.map((r) => r.report), problems, tables };
}

function byRowCol(a: Problem, b: Problem): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

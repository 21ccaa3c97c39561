/**
 * The incremental entry point: re-check the rows of a sheet that changed, given the last result.
 *
 * `startLiveCheck(books, settings, opts)` runs one full check and keeps what an update needs: the
 * workbooks, every sheet's problems by row, which rows are records, and an index of the keys that
 * join rows of different places (ID numbers, 对子编号, the 双拥活动 duplicate key).
 * `recheckRows(state, edits)` applies whole-row edits and re-checks only
 * - the changed rows C,
 * - the rows A that share a key (before or after the edit) with a changed row (their duplicate
 *   or cross-village problem, or a 对子编号 reference, may appear or go),
 * reading besides them only the rows that share a key with A (the context their rules need) and
 * the first rows of every ledger sheet (so each is recognised exactly as in the full check). The
 * problems of the rows in A are replaced; every other row keeps its problems.
 *
 * It falls back to a full check when the change touches what every row depends on: a sheet's
 * header (recognition differs after the edit), a sheet that is no ledger (a 设置 sheet's village
 * list, a sheet becoming a ledger). A sheet with a 合计 row (its totals sum every row above) and a
 * 双拥活动 sheet whose 对子编号 cannot be verified (one info on its first reference) re-check all of
 * their rows. The result equals a full re-check of the edited workbooks (a property test holds it
 * to that), with no per-sheet cap on problems. Tables (normalised records) are not kept up to
 * date: statistics read a full check.
 *
 * Pure: no I/O.
 */
import type { CheckOptions, SheetReport } from '../check-api';
import type { FieldValue } from '../ledger';
import type { CellValue, RowData, SheetData, WorkbookData } from '../model';
import type { Problem } from '../problem';
import { compileHeaderIndex, recognizeSheet, type HeaderIndex, type Recognition } from '../recognize/header';
import { classifyRow } from '../recognize/rows';
import type { LedgerSchema } from '../schema/types';
import type { Settings } from '../settings';
import { normCompact } from '../text/normalize';
import { id15to18 } from '../values/id';
import { checkWorkbooks, resolveSchemas } from './check-workbooks';

/** One row's new content (the whole row: cells[0] is column A; [] = an empty row). */
export interface RowEdit {
  file: string;
  sheet: string;
  /** Excel row number. */
  r: number;
  cells: readonly CellValue[];
}

/** Per sheet: what an update needs to know of the last result. */
interface SheetMemo {
  /** The recognition of a ledger sheet (null: no ledger). */
  rec: Recognition | null;
  /** Signature of the recognition (header row, columns, header problems). */
  sig: string;
  /** Problems on the header row or without a row (sheet.no-data excluded), in order. */
  head: Problem[];
  /** The sheet.no-data problem, when the sheet has no data rows. */
  noData: Problem | null;
  /** Problems on data rows, by row, in (col, insertion) order. */
  rows: Map<number, Problem[]>;
  /** Rows that are records (data rows). */
  records: Set<number>;
  /** Keys of each record row (see keysOf). */
  keys: Map<number, string[]>;
  /** 合计 rows. */
  totals: Set<number>;
}

export interface LiveCheck {
  readonly books: readonly WorkbookData[];
  readonly settings: Settings;
  readonly opts: CheckOptions;
  /** Every problem, in the order of a full check. */
  readonly problems: readonly Problem[];
  readonly sheets: readonly SheetReport[];
  /** Internal: per book, per sheet. */
  readonly memo: SheetMemo[][];
  /** Internal: per book, its file-level problems. */
  readonly fileProblems: Problem[][];
  /** Internal: key → rows ("book:sheet:row") holding it. */
  readonly index: Map<string, Set<string>>;
  readonly schemas: readonly LedgerSchema[];
  readonly headerIndex: HeaderIndex;
}

export interface RecheckedSheet {
  file: string;
  sheet: string;
  /** The rows whose problems were recomputed (all rows of the sheet after a full check). */
  rows: number[];
}

export interface LiveUpdate {
  state: LiveCheck;
  /** True when the update was a full re-check (a header or a non-ledger sheet changed). */
  full: boolean;
  /** Sheets and rows whose problems were recomputed. */
  rechecked: RecheckedSheet[];
  /** Problems that are new, and problems that are gone (compared by content). */
  added: Problem[];
  removed: Problem[];
}

const SCAN_ROWS = 30;

/** The full check an update starts from (no per-sheet cap: an update needs every problem). */
export function startLiveCheck(books: readonly WorkbookData[], settings: Settings, opts: CheckOptions = {}): LiveCheck {
  const schemas = resolveSchemas(opts).ledgers;
  const o: CheckOptions = { ...opts, schemas, maxProblemsPerSheet: Infinity, onProgress: undefined };
  return fromFull(books, settings, o, schemas, compileHeaderIndex(schemas));
}

function fromFull(books: readonly WorkbookData[], settings: Settings, opts: CheckOptions, schemas: readonly LedgerSchema[], headerIndex: HeaderIndex): LiveCheck {
  const result = checkWorkbooks(books, settings, opts);
  const memo: SheetMemo[][] = [];
  const fileProblems: Problem[][] = [];
  const sheetPos = positions(books);
  const bySheet = new Map<string, Problem[]>();
  for (const p of result.problems) {
    const bi = sheetPos.book.get(p.file ?? "") ?? 0;
    if (p.sheet === undefined) {
      (fileProblems[bi] ??= []).push(p);
      continue;
    }
    const k = `${bi}:${p.sheet}`;
    let l = bySheet.get(k);
    if (!l) bySheet.set(k, (l = []));
    l.push(p);
  }
  const tables = new Map(result.tables.map((t) => [`${sheetPos.book.get(t.file) ?? 0}:${t.sheet}`, t]));
  const index = new Map<string, Set<string>>();
  books.forEach((book, bi) => {
    fileProblems[bi] ??= [];
    memo[bi] = book.sheets.map((sheet, si) => {
      const list = bySheet.get(`${bi}:${sheet.name}`) ?? [];
      const table = tables.get(`${bi}:${sheet.name}`);
      const rec = table ? recognizeSheet(sheet, headerIndex) : null;
      const m = emptyMemo(rec);
      for (const p of list) addProblem(m, p);
      if (rec && table) {
        const schema = schemas.find((s) => s.id === table.ledger)!;
        for (const r of table.records) {
          m.records.add(r.row);
          const ks = keysOf(schema, r.v, bi, si);
          m.keys.set(r.row, ks);
          for (const k of ks) indexAdd(index, k, `${bi}:${si}:${r.row}`);
        }
        for (const rd of sheet.rows) if (classifyRow(rd.cells) === 'total') m.totals.add(rd.r);
      }
      return m;
    });
  });
  return {
    books,
    settings,
    opts,
    problems: result.problems,
    sheets: result.sheets,
    memo,
    fileProblems,
    index,
    schemas,
    headerIndex,
  };
}

function emptyMemo(rec: Recognition | null): SheetMemo {
  return { rec, sig: recSig(rec), head: [], noData: null, rows: new Map(), records: new Set(), keys: new Map(), totals: new Set() };
}

function addProblem(m: SheetMemo, p: Problem): void {
  if (p.code === 'sheet.no-data') m.noData = p;
  else if (p.row === undefined || m.rec === null || p.row <= m.rec.row) m.head.push(p);
  else {
    let l = m.rows.get(p.row);
    if (!l) m.rows.set(p.row, (l = []));
    l.push(p);
  }
}

function recSig(rec: Recognition | null): string {
  if (rec === null) return '';
  return JSON.stringify([rec.schema.id, rec.row, rec.columns, rec.missing, rec.duplicates, rec.unknown]);
}

function positions(books: readonly WorkbookData[]): { book: Map<string, number> } {
  const book = new Map<string, number>();
  books.forEach((b, bi) => {
    if (!book.has(b.file)) book.set(b.file, bi);
  });
  return { book };
}

function indexAdd(index: Map<string, Set<string>>, k: string, ref: string): void {
  let s = index.get(k);
  if (!s) index.set(k, (s = new Set()));
  s.add(ref);
}

function indexRemove(index: Map<string, Set<string>>, k: string, ref: string): void {
  const s = index.get(k);
  if (!s) return;
  s.delete(ref);
  if (s.size === 0) index.delete(k);
}

/**
 * The keys by which a record meets records elsewhere: each ID number (by its 18-digit form, as the
 * duplicate rules group them), 对子编号 (unique across 共建对子 ledgers, referenced by 双拥活动), and
 * the 双拥活动 duplicate key within its sheet. A superset of what the rules group by is harmless.
 */
function keysOf(schema: LedgerSchema, v: Readonly<Record<string, FieldValue>>, bi: number, si: number): string[] {
  const out: string[] = [];
  for (const c of schema.columns) {
    if (c.type !== 'id') continue;
    const x = v[c.field];
    if (typeof x !== 'string' || x === '') continue;
    out.push(`id:${/^\d{15}$/.test(x) ? id15to18(x) : x}`);
  }
  const pair = v['对子编号'];
  if (typeof pair === 'string' && pair !== '') out.push(`pair:${pair}`);
  if (schema.id === '双拥活动') {
    const d = v['日期'];
    const u = v['所在村/单位'];
    const n = v['活动名称'];
    if (d !== null && d !== undefined && u !== null && u !== undefined && n !== null && n !== undefined) out.push(`act:${bi}:${si}:${d}|${u}|${n}`);
  }
  return out;
}

/** Apply whole-row edits: new workbook, sheet and rows objects where something changed (rows
 *  already checked are never changed). */
function applyEdits(books: readonly WorkbookData[], edits: readonly RowEdit[]): { books: WorkbookData[]; changed: Map<string, Set<number>> } | null {
  const pos = positions(books);
  const bySheet = new Map<string, Map<number, readonly CellValue[]>>();
  for (const e of edits) {
    const bi = pos.book.get(e.file);
    if (bi === undefined) return null;
    const si = books[bi].sheets.findIndex((s) => s.name === e.sheet);
    if (si < 0) return null;
    const k = `${bi}:${si}`;
    let m = bySheet.get(k);
    if (!m) bySheet.set(k, (m = new Map()));
    m.set(e.r, e.cells.slice());
  }
  const changed = new Map<string, Set<number>>();
  const out = books.map((book, bi) => {
    let touched = false;
    const sheets = book.sheets.map((sheet, si): SheetData => {
      const m = bySheet.get(`${bi}:${si}`);
      if (!m) return sheet;
      touched = true;
      changed.set(`${bi}:${si}`, new Set(m.keys()));
      const rows: RowData[] = [];
      const pending = [...m.keys()].sort((a, b) => a - b);
      let j = 0;
      for (const rd of sheet.rows) {
        while (j < pending.length && pending[j] < rd.r) {
          rows.push({ r: pending[j], cells: m.get(pending[j])! });
          j++;
        }
        if (j < pending.length && pending[j] === rd.r) {
          rows.push({ r: rd.r, cells: m.get(rd.r)! });
          j++;
        } else rows.push(rd);
      }
      for (; j < pending.length; j++) rows.push({ r: pending[j], cells: m.get(pending[j])! });
      return { ...sheet, rows };
    });
    return touched ? { ...book, sheets } : book;
  });
  return { books: out, changed };
}

/** Re-check after whole-row edits (see the file comment). Edits naming an unknown file or sheet
 *  make it a full check. The state passed in is consumed (its indexes are updated in place): use
 *  the returned one from then on. */
export function recheckRows(state: LiveCheck, edits: readonly RowEdit[]): LiveUpdate {
  const applied = applyEdits(state.books, edits);
  if (applied === null) return full(state, state.books);
  const { books, changed } = applied;
  if (changed.size === 0) return { state, full: false, rechecked: [], added: [], removed: [] };

  // 1. Is every edited sheet a ledger recognised as before? Else a full check.
  const hasPairLedger = state.memo.some((ms) => ms.some((m) => m.rec?.schema.id === '共建对子'));
  const whole = new Set<string>(); // sheets whose every row is re-checked
  const recs = new Map<string, Recognition>();
  for (const [k, rowsChanged] of changed) {
    const [bi, si] = k.split(':').map(Number);
    const m = state.memo[bi][si];
    const sheet = books[bi].sheets[si];
    if (m.rec === null || sheet.hidden) return full(state, books);
    const old = state.books[bi].sheets[si];
    const scan = Math.max(SCAN_ROWS, m.rec.rowIndex + 2);
    const near = (rows: readonly RowData[]) => rows.slice(0, scan).some((rd) => rowsChanged.has(rd.r));
    let rec: Recognition | null = m.rec;
    if (near(old.rows) || near(sheet.rows) || [...rowsChanged].some((r) => r <= m.rec!.row + 1)) {
      rec = recognizeSheet(sheet, state.headerIndex);
      if (recSig(rec) !== m.sig) return full(state, books);
    }
    recs.set(k, rec!);
    if (m.totals.size > 0 || [...rowsChanged].some((r) => classifyRow(rowOf(sheet, r)) === 'total')) whole.add(k);
    if (!hasPairLedger && m.rec.schema.id === '双拥活动' && m.rec.columns.some((c) => c.field === '对子编号')) whole.add(k);
  }

  // The changed rows C (data rows only: rows at or above the header are covered by recognition).
  const C = new Map<string, Set<number>>();
  for (const [k, rowsChanged] of changed) {
    const [bi, si] = k.split(':').map(Number);
    const rec = recs.get(k)!;
    const sheet = books[bi].sheets[si];
    const set = new Set<number>();
    if (whole.has(k)) {
      for (const rd of sheet.rows) if (rd.r > rec.row) set.add(rd.r);
      for (const r of state.memo[bi][si].rows.keys()) set.add(r);
    } else for (const r of rowsChanged) if (r > rec.row) set.add(r);
    C.set(k, set);
  }

  // 2. New keys of the changed rows (a first, small check of just them).
  const first = reducedCheck(state, books, C);
  const newKeys = first.keys; // "b:s:r" → keys
  const newIndex = new Map<string, Set<string>>();
  for (const [ref, ks] of newKeys) for (const k of ks) indexAdd(newIndex, k, ref);

  // 3. A = C ∪ rows sharing an old or new key with C; context = A ∪ rows sharing a key with A.
  const A = new Map<string, Set<number>>();
  const addRef = (target: Map<string, Set<number>>, ref: string) => {
    const i = ref.lastIndexOf(':');
    const k = ref.slice(0, i);
    let s = target.get(k);
    if (!s) target.set(k, (s = new Set()));
    s.add(Number(ref.slice(i + 1)));
  };
  const currentKeys = (ref: string): string[] => {
    const nk = newKeys.get(ref);
    if (nk) return nk;
    const [bi, si, r] = ref.split(':').map(Number);
    const inC = C.get(`${bi}:${si}`)?.has(r);
    if (inC) return []; // a changed row that is no record any more
    return state.memo[bi][si].keys.get(r) ?? [];
  };
  const sharing = (k: string, into: Map<string, Set<number>>) => {
    for (const ref of state.index.get(k) ?? []) addRef(into, ref);
    for (const ref of newIndex.get(k) ?? []) addRef(into, ref);
  };
  for (const [k, rows] of C) {
    const [bi, si] = k.split(':').map(Number);
    for (const r of rows) {
      const ref = `${k}:${r}`;
      addRef(A, ref);
      for (const key of state.memo[bi][si].keys.get(r) ?? []) sharing(key, A);
      for (const key of newKeys.get(ref) ?? []) sharing(key, A);
    }
  }
  const X = new Map<string, Set<number>>();
  for (const [k, rows] of A) {
    for (const r of rows) {
      const ref = `${k}:${r}`;
      addRef(X, ref);
      for (const key of currentKeys(ref)) sharing(key, X);
    }
  }

  // 4. Check A with its context; replace the problems of A.
  const second = reducedCheck(state, books, X);
  const memo = state.memo.map((ms) => ms.slice());
  const index = state.index; // updated in place below (the previous state is not reused)
  for (const [k, rec] of recs) {
    const [bi, si] = k.split(':').map(Number);
    memo[bi][si] = { ...memo[bi][si], rec };
  }
  const rechecked: RecheckedSheet[] = [];
  const sheets = state.sheets.slice();
  const added: Problem[] = [];
  const removed: Problem[] = [];
  const reportAt = sheetReportPositions(books);
  for (const [k, rows] of A) {
    const [bi, si] = k.split(':').map(Number);
    const oldM = memo[bi][si];
    const m: SheetMemo = {
      rec: oldM.rec,
      sig: oldM.sig,
      head: oldM.head,
      noData: oldM.noData,
      // Updated in place, as the key index is: the previous state is consumed by this update.
      rows: oldM.rows,
      records: oldM.records,
      keys: oldM.keys,
      totals: oldM.totals,
    };
    const before: Problem[] = [];
    const after: Problem[] = [];
    const sheet = books[bi].sheets[si];
    const oldKeys = new Map<number, string[] | undefined>();
    for (const r of rows) oldKeys.set(r, oldM.keys.get(r));
    for (const r of rows) {
      const ref = `${k}:${r}`;
      before.push(...(m.rows.get(r) ?? []));
      const ps = second.rowProblems.get(ref) ?? [];
      if (ps.length) m.rows.set(r, ps);
      else m.rows.delete(r);
      after.push(...ps);
      const ks = second.keys.get(ref);
      for (const key of oldKeys.get(r) ?? []) indexRemove(index, key, ref);
      if (ks) {
        m.records.add(r);
        m.keys.set(r, ks);
        for (const key of ks) indexAdd(index, key, ref);
      } else {
        m.records.delete(r);
        m.keys.delete(r);
      }
      if (classifyRow(rowOf(sheet, r)) === 'total') m.totals.add(r);
      else m.totals.delete(r);
    }
    const hadNoData = m.noData;
    if (m.records.size === 0) m.noData = second.noData.get(k) ?? oldM.noData;
    else m.noData = null;
    if (hadNoData && !m.noData) removed.push(hadNoData);
    if (!hadNoData && m.noData) added.push(m.noData);
    diff(before, after, added, removed);
    memo[bi][si] = m;
    rechecked.push({ file: books[bi].file, sheet: sheet.name, rows: [...rows].sort((a, b) => a - b) });
    const at = reportAt.get(k)!;
    sheets[at] = { ...sheets[at], ...counts(m) };
  }

  const problems: Problem[] = [];
  books.forEach((_b, bi) => {
    problems.push(...state.fileProblems[bi]);
    memo[bi].forEach((m) => problems.push(...sheetProblems(m)));
  });
  return {
    state: { ...state, books, problems, sheets, memo, index },
    full: false,
    rechecked,
    added,
    removed,
  };
}

function rowOf(sheet: SheetData, r: number): readonly CellValue[] {
  for (const rd of sheet.rows) if (rd.r === r) return rd.cells;
  return [];
}

function sheetReportPositions(books: readonly WorkbookData[]): Map<string, number> {
  const out = new Map<string, number>();
  let n = 0;
  books.forEach((b, bi) => b.sheets.forEach((_s, si) => out.set(`${bi}:${si}`, n++)));
  return out;
}

function counts(m: SheetMemo): Pick<SheetReport, 'dataRows' | 'errors' | 'warnings'> {
  let errors = 0;
  let warnings = 0;
  for (const p of sheetProblems(m)) {
    if (p.severity === 'error') errors++;
    else if (p.severity === 'warning') warnings++;
  }
  return { dataRows: m.records.size, errors, warnings };
}

/** A sheet's problems in the full check's order: by row, then column (stable). */
function sheetProblems(m: SheetMemo): Problem[] {
  const head = m.noData ? [...m.head, m.noData] : m.head.slice();
  const byCol = (a: Problem, b: Problem) => (a.row ?? 0) - (b.row ?? 0) || (a.col ?? 0) - (b.col ?? 0);
  head.sort(byCol);
  const rows = [...m.rows.keys()].sort((a, b) => a - b);
  const out = head;
  for (const r of rows) out.push(...m.rows.get(r)!);
  return out;
}

function problemKey(p: Problem): string {
  return JSON.stringify([p.code, p.file, p.sheet, p.row, p.col, p.column, p.value, p.params, p.fix instanceof Date ? p.fix.toISOString() : p.fix]);
}

function diff(before: Problem[], after: Problem[], added: Problem[], removed: Problem[]): void {
  const count = new Map<string, number>();
  for (const p of before) count.set(problemKey(p), (count.get(problemKey(p)) ?? 0) + 1);
  for (const p of after) {
    const k = problemKey(p);
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else added.push(p);
  }
  for (const p of before) {
    const k = problemKey(p);
    const n = count.get(k) ?? 0;
    if (n > 0) {
      removed.push(p);
      count.set(k, n - 1);
    }
  }
}

/** A check of only some rows: every ledger sheet keeps its first rows (recognised as in the full
 *  check) plus the given rows; a 设置 sheet is kept whole; other sheets are left out (empty). */
function reducedCheck(
  state: LiveCheck,
  books: readonly WorkbookData[],
  want: Map<string, Set<number>>,
): { rowProblems: Map<string, Problem[]>; keys: Map<string, string[]>; noData: Map<string, Problem> } {
  const reduced: WorkbookData[] = books.map((book, bi) => ({
    ...book,
    sheets: book.sheets.map((sheet, si): SheetData => {
      const m = state.memo[bi][si];
      if (m.rec === null) return normCompact(sheet.name) === '设置' ? sheet : { name: sheet.name, rows: [], hidden: sheet.hidden };
      const w = want.get(`${bi}:${si}`);
      const scan = Math.max(SCAN_ROWS, m.rec.rowIndex + 2);
      const rows = sheet.rows.filter((rd, i) => i < scan || (w !== undefined && w.has(rd.r)));
      return { ...sheet, rows };
    }),
  }));
  const result = checkWorkbooks(reduced, state.settings, state.opts);
  const pos = positions(books);
  const sheetIdx = (bi: number, name: string) => books[bi].sheets.findIndex((s) => s.name === name);
  const rowProblems = new Map<string, Problem[]>();
  const noData = new Map<string, Problem>();
  for (const p of result.problems) {
    if (p.sheet === undefined) continue;
    const bi = pos.book.get(p.file ?? "") ?? 0;
    const si = sheetIdx(bi, p.sheet);
    const m = state.memo[bi][si];
    if (m.rec === null) continue;
    if (p.code === 'sheet.no-data') {
      noData.set(`${bi}:${si}`, p);
      continue;
    }
    if (p.row === undefined || p.row <= m.rec.row) continue;
    const ref = `${bi}:${si}:${p.row}`;
    let l = rowProblems.get(ref);
    if (!l) rowProblems.set(ref, (l = []));
    l.push(p);
  }
  const keys = new Map<string, string[]>();
  for (const t of result.tables) {
    const bi = pos.book.get(t.file) ?? 0;
    const si = sheetIdx(bi, t.sheet);
    const w = want.get(`${bi}:${si}`);
    if (!w) continue;
    const schema = state.schemas.find((s) => s.id === t.ledger)!;
    for (const r of t.records) if (w.has(r.row)) keys.set(`${bi}:${si}:${r.row}`, keysOf(schema, r.v, bi, si));
  }
  return { rowProblems, keys, noData };
}

function full(state: LiveCheck, books: readonly WorkbookData[]): LiveUpdate {
  const next = fromFull(books, state.settings, state.opts, state.schemas, state.headerIndex);
  const added: Problem[] = [];
  const removed: Problem[] = [];
  diff(state.problems.slice(), next.problems.slice(), added, removed);
  const rechecked: RecheckedSheet[] = [];
  books.forEach((b) => b.sheets.forEach((s) => rechecked.push({ file: b.file, sheet: s.name, rows: s.rows.map((r) => r.r) })));
  return { state: next, full: true, rechecked, added, removed };
}

/**
 * Year over year (ledgers.md §6): matches last year's and this year's rows by key and reports
 * what was added, removed (and whether that removal is explained by a 注销/终止 row) and changed,
 * and which men registered last year still need this year's 核验 (未核验). Pure: reads the records
 * the checks normalised (synonyms mapped, dates ISO, amounts numbers).
 */
import type { FieldValue, LedgerId, LedgerRecord, LedgerTable } from '../ledger';
import { idBirthYear } from '../values/id';
import { idKey, isActive, isClosed, nameKey, ref, textOf, valueText, villageOf, villageOrder, type SourceRef } from './keys';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'not-verified';

export interface FieldChange {
  column: string;
  before: string;
  after: string;
}

export interface YoyChange {
  ledger: LedgerId;
  kind: ChangeKind;
  /** Only on `removed`: true when last year's row was 在册/有效 and no 注销/终止 row explains it. */
  unexplained?: boolean;
  /** Matching key (`身份证号|优抚类别`, `身份证号|安置类型`, `对子编号`); none for `not-verified`. */
  key?: string;
  /** 身份证号 (normalised, 18 digits) or, for a pair, its 对子编号. */
  id: string;
  name: string;
  village: string;
  fields?: FieldChange[];
  last?: SourceRef;
  this?: SourceRef;
}

export interface YoyCount {
  ledger: LedgerId;
  village: string;
  added: number;
  removed: number;
  changed: number;
}

export interface YoyResult {
  year: number;
  changes: YoyChange[];
  counts: YoyCount[];
  /** Extra per-village figures (not in cli.md's counts): unexplained removals and 未核验 men. */
  extra: Array<{ ledger: LedgerId; village: string; unexplained: number; notVerified: number }>;
  /** Facts worth telling the user (e.g. no 兵役登记 roster this year). */
  notes: string[];
}

/** The ledgers diffed row by row, with the field that completes the person's key. */
export const DIFFED: ReadonlyArray<{ ledger: LedgerId; second: string | null; idField: string }> = [
  { ledger: '优抚对象', second: '优抚类别', idField: '身份证号' },
  { ledger: '安置', second: '安置类型', idField: '身份证号' },
  { ledger: '共建对子', second: null, idField: '对子编号' },
];

/** Columns never compared. */
const SKIP = new Set(['序号', '备注']);

interface Row {
  t: LedgerTable;
  r: LedgerRecord;
  id: string;
  /** The person (or pair): the ID, or for a row without one its name and village. */
  who: string;
  /** The field that completes the key (优抚类别, 安置类型), null when the ID alone is the key. */
  second: string | null;
}

/** The matching key (`身份证号|优抚类别`, …), built only for the rows reported. */
const keyOf = (x: Row): string => (x.second !== null ? `${x.who}|${x.second}` : x.who);

function rowsOf(tables: readonly LedgerTable[], ledger: LedgerId, second: string | null, idField: string): Row[] {
  const out: Row[] = [];
  for (const t of tables) {
    if (t.ledger !== ledger) continue;
    for (const r of t.records) {
      const id = idField === '对子编号' ? textOf(r, '对子编号') : idKey(r.v[idField]);
      // A row without an ID is matched by its name (and village) instead, so it is not lost.
      const who = id || `姓名:${nameKey(r.v['姓名'] ?? r.v['地方单位'] ?? null)}@${villageOf(ledger, r)}`;
      out.push({ t, r, id, who, second: second ? textOf(r, second) : null });
    }
  }
  return out;
}

/** 状态: an empty cell counts as 在册 (有效 for a pair), so it equals them (ledgers.md §4, §6). */
function statusText(v: FieldValue | undefined): string {
  const t = valueText(v ?? null);
  return t === '' || t === '有效' ? '在册' : t;
}

function same(a: FieldValue | undefined, b: FieldValue | undefined, field: string): boolean {
  if (field === '状态') return statusText(a) === statusText(b);
  if (field === '身份证号' || field === '帮扶对象身份证号') return idKey(a ?? null) === idKey(b ?? null);
  if (field === '姓名' || field === '帮扶对象姓名') return nameKey(a ?? null) === nameKey(b ?? null);
  if (typeof a === 'number' && typeof b === 'number') return Math.round(a * 100) === Math.round(b * 100);
  return valueText(a) === valueText(b);
}

type ColumnCache = Map<LedgerTable, Map<LedgerTable, string[]>>;

/** Columns both tables have, in last year's order, without 序号 and 备注. */
function commonColumns(a: LedgerTable, b: LedgerTable, cache: ColumnCache): string[] {
  let byB = cache.get(a);
  if (!byB) cache.set(a, (byB = new Map()));
  let cols = byB.get(b);
  if (!cols) {
    const inB = new Set(b.columns.map((c) => c.field));
    cols = [];
    for (const c of a.columns) if (!SKIP.has(c.field) && inB.has(c.field) && !cols.includes(c.field)) cols.push(c.field);
    byB.set(b, cols);
  }
  return cols;
}

function compareRows(last: Row, cur: Row, cache: ColumnCache): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of commonColumns(last.t, cur.t, cache)) {
    const a = last.r.v[f];
    const b = cur.r.v[f];
    // Identical normalised values are the same under every rule below (the common case: most
    // rows do not change), so the normalisations are only paid for values that differ.
    if (a === b) continue;
    if (!same(a, b, f)) out.push({ column: f, before: shown(a, f), after: shown(b, f) });
  }
  return out;
}

function shown(v: FieldValue | undefined, field: string): string {
  if (field === '身份证号' || field === '帮扶对象身份证号') return idKey(v ?? null);
  return valueText(v ?? null);
}

function nameOf(ledger: LedgerId, r: LedgerRecord): string {
  if (ledger === '共建对子') return textOf(r, '帮扶对象姓名') || textOf(r, '地方单位');
  return textOf(r, '姓名');
}

export interface DiffOptions {
  /** This year (ages for 未核验 are taken on 31 December of it). */
  year: number;
  /** The village list, for the order of the counts. */
  villages?: readonly string[];
}

/** Diff last year's ledgers against this year's. */
export function diffYears(lastTables: readonly LedgerTable[], thisTables: readonly LedgerTable[], opts: DiffOptions): YoyResult {
  const changes: YoyChange[] = [];
  const cache: ColumnCache = new Map();
  // The people with a 注销/终止 row in this year's 优抚对象 or 安置 (they explain a removal of either).
  let closedIds: Set<string> | null = null;
  const closedPeople = (): Set<string> => {
    if (!closedIds) {
      closedIds = new Set();
      for (const t of thisTables)
        if (t.ledger === '优抚对象' || t.ledger === '安置')
          for (const r of t.records)
            if (isClosed(r)) {
              const id = idKey(r.v['身份证号']);
              if (id) closedIds.add(id);
            }
    }
    return closedIds;
  };
  for (const { ledger, second, idField } of DIFFED) {
    const last = rowsOf(lastTables, ledger, second, idField);
    const cur = rowsOf(thisTables, ledger, second, idField);
    if (last.length === 0 && cur.length === 0) continue;
    // Rows with the same key pair up in order (a duplicate present in both years is no change):
    // per person the rows of this year chained in order, the first unpaired one of the same
    // category taken (the map is keyed by the ID strings the records hold: no key is built).
    const nextOf = new Int32Array(cur.length);
    const head = new Map<string, number>();
    for (let i = cur.length - 1; i >= 0; i--) {
      nextOf[i] = head.get(cur[i].who) ?? -1;
      head.set(cur[i].who, i);
    }
    const paired = new Uint8Array(cur.length);
    const removed: Row[] = [];
    const pairs: Array<[Row, Row]> = [];
    for (const r of last) {
      let i = head.get(r.who) ?? -1;
      while (i >= 0 && (paired[i] || cur[i].second !== r.second)) i = nextOf[i];
      if (i >= 0) {
        pairs.push([r, cur[i]]);
        paired[i] = 1;
      } else removed.push(r);
    }
    const added: Row[] = [];
    for (let i = 0; i < cur.length; i++) if (!paired[i]) added.push(cur[i]);

    // 优抚对象: a person whose only row changed category is one change of 优抚类别.
    if (ledger === '优抚对象') {
      // Rows per person, counted only for the people both added and removed (few).
      const both = new Set<string>();
      const addedIds = new Set<string>();
      for (const a of added) if (a.id) addedIds.add(a.id);
      for (const r of removed) if (r.id && addedIds.has(r.id)) both.add(r.id);
      const count = (rows: Row[]): Map<string, number> => {
        const m = new Map<string, number>();
        if (both.size) for (const r of rows) if (r.id && both.has(r.id)) m.set(r.id, (m.get(r.id) ?? 0) + 1);
        return m;
      };
      const lastN = count(last);
      const curN = count(cur);
      const addedById = new Map<string, Row>();
      for (const a of added) if (a.id && lastN.get(a.id) === 1 && curN.get(a.id) === 1) addedById.set(a.id, a);
      const rest: Row[] = [];
      const taken = new Set<Row>();
      for (const r of removed) {
        const a = r.id ? addedById.get(r.id) : undefined;
        if (a && lastN.get(r.id) === 1 && curN.get(r.id) === 1) {
          pairs.push([r, a]);
          addedById.delete(r.id);
          taken.add(a);
        } else rest.push(r);
      }
      removed.length = 0;
      removed.push(...rest);
      if (taken.size) {
        const left = added.filter((a) => !taken.has(a));
        added.length = 0;
        added.push(...left);
      }
    }

    // Who has a 注销/终止 row this year (any category).
    const closed = new Set<string>();
    for (const r of cur) if (isClosed(r.r)) closed.add(r.id || keyOf(r));
    if (ledger !== '共建对子') for (const id of closedPeople()) closed.add(id);

    for (const a of added)
      changes.push({ ledger, kind: 'added', key: keyOf(a), id: a.id, name: nameOf(ledger, a.r), village: villageOf(ledger, a.r), this: ref(a.t, a.r) });
    for (const r of removed) {
      const unexplained = isActive(r.r) && !closed.has(r.id || keyOf(r));
      changes.push({ ledger, kind: 'removed', unexplained, key: keyOf(r), id: r.id, name: nameOf(ledger, r.r), village: villageOf(ledger, r.r), last: ref(r.t, r.r) });
    }
    for (const [l, c] of pairs) {
      const fields = compareRows(l, c, cache);
      if (fields.length === 0) continue;
      changes.push({ ledger, kind: 'changed', key: keyOf(c), id: c.id, name: nameOf(ledger, c.r), village: villageOf(ledger, c.r), fields, last: ref(l.t, l.r), this: ref(c.t, c.r) });
    }
  }

  const nv = notVerified(lastTables, thisTables, opts.year);
  changes.push(...nv.changes);

  const order: Record<string, number> = { added: 0, removed: 1, changed: 2, 'not-verified': 3 };
  const pos = (c: YoyChange): SourceRef => (c.this ?? c.last)!;
  const ledgerOrder = (l: LedgerId): number => {
    const i = DIFFED.findIndex((d) => d.ledger === l);
    return i < 0 ? DIFFED.length : i;
  };
  changes.sort((a, b) => {
    const pa = pos(a);
    const pb = pos(b);
    return ledgerOrder(a.ledger) - ledgerOrder(b.ledger) || order[a.kind] - order[b.kind] || (pa.file < pb.file ? -1 : pa.file > pb.file ? 1 : 0) || (pa.sheet < pb.sheet ? -1 : pa.sheet > pb.sheet ? 1 : 0) || pa.row - pb.row;
  });

  // Counts per ledger and village.
  const seen: string[] = [];
  const tally = new Map<string, YoyCount & { unexplained: number; notVerified: number }>();
  for (const c of changes) {
    seen.push(c.village);
    const k = `${c.ledger}\u0001${c.village}`;
    let t = tally.get(k);
    if (!t) {
      t = { ledger: c.ledger, village: c.village, added: 0, removed: 0, changed: 0, unexplained: 0, notVerified: 0 };
      tally.set(k, t);
    }
    if (c.kind === 'added') t.added++;
    else if (c.kind === 'removed') {
      t.removed++;
      if (c.unexplained) t.unexplained++;
    } else if (c.kind === 'changed') t.changed++;
    else t.notVerified++;
  }
  const vOrder = villageOrder(opts.villages ?? [], seen);
  const vi = new Map(vOrder.map((v, i) => [v, i]));
  const rows = [...tally.values()].sort((a, b) => ledgerOrder(a.ledger) - ledgerOrder(b.ledger) || vi.get(a.village)! - vi.get(b.village)!);
  const counts = rows.filter((r) => r.ledger !== '兵役登记').map(({ ledger, village, added, removed, changed }) => ({ ledger, village, added, removed, changed }));
  const extra = rows.map(({ ledger, village, unexplained, notVerified }) => ({ ledger, village, unexplained, notVerified }));
  return { year: opts.year, changes, counts, extra, notes: nv.notes };
}

/**
 * 兵役登记: a man registered last year (初次, 补登 or 核验 with 是否已登记=是) who is 24 or younger
 * on 31 December of this year must be in this year's roster as 核验 or 补登 (any village).
 */
export function notVerified(lastTables: readonly LedgerTable[], thisTables: readonly LedgerTable[], year: number): { changes: YoyChange[]; notes: string[] } {
  const lastRoster = lastTables.filter((t) => t.ledger === '兵役登记');
  const thisRoster = thisTables.filter((t) => t.ledger === '兵役登记');
  if (lastRoster.length === 0) return { changes: [], notes: [] };
  if (thisRoster.length === 0)
    return { changes: [], notes: ['今年的材料中没有兵役登记名册，未做核验比对（去年已登记人员的年度核验需要今年的名册）。'] };
  const verified = new Set<string>();
  for (const t of thisRoster)
    for (const r of t.records) {
      const type = textOf(r, '登记类型');
      if (type === '核验' || type === '补登') {
        const id = idKey(r.v['身份证号']);
        if (id) verified.add(id);
      }
    }
  const changes: YoyChange[] = [];
  const done = new Set<string>();
  for (const t of lastRoster)
    for (const r of t.records) {
      const type = textOf(r, '登记类型');
      if (type !== '初次' && type !== '补登' && type !== '核验') continue;
      if (r.v['是否已登记'] !== true) continue;
      const id = idKey(r.v['身份证号']);
      if (!id || done.has(id)) continue;
      done.add(id);
      const by = idBirthYear(id);
      // Age on 31 December of this year; an ID without a birth date cannot prove he is over age.
      if (Number.isFinite(by) && year - by > 24) continue;
      if (verified.has(id)) continue;
      changes.push({ ledger: '兵役登记', kind: 'not-verified', id, name: textOf(r, '姓名'), village: villageOf('兵役登记', r), last: ref(t, r) });
    }
  return { changes, notes: [] };
}

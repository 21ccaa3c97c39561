/**
 * Year over year (ledgers.md §6): matches last year's and this year's rows by key and reports
 * what was added, removed (and whether that removal is explained by a 注销/终止 row) and changed,
 * and which men registered last year still need this year's 核验 (未核验). Pure: reads the values
 * the checks normalised (synonyms mapped, dates ISO, amounts numbers), column-wise from each
 * table's store (`tableRows`: no record object per row), people matched by number (KeyIndex).
 */
import { tableRows, type FieldValue, type LedgerId, type LedgerRows, type LedgerTable } from '../ledger';
import { idBirthYear } from '../values/id';
import { activeStatus, closedStatus, idKey, idNumber, KeyIndex, nameKey, refAt, textValue, valueText, villageField, villageOrder, villageText, type SourceRef } from './keys';

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

/**
 * One year's rows of one ledger, column-wise over its tables' views (no object per row): for row j,
 * its table `tab[j]`, its index `rec[j]` in that table, its person `pid[j]` (KeyIndex: the ID, or
 * for a row without one its name and village), whether that person is an ID (`hasId[j]`) and the
 * field that completes the key (`sec[j]`: 优抚类别, 安置类型; null when the ID alone is the key).
 */
interface Side {
  tables: LedgerTable[];
  views: LedgerRows[];
  n: number;
  tab: Int32Array;
  rec: Int32Array;
  pid: Int32Array;
  hasId: Uint8Array;
  sec: Array<string | null>;
}

function sideOf(tables: readonly LedgerTable[], ledger: LedgerId, second: string | null, idField: string, ix: KeyIndex): Side {
  const ts = tables.filter((t) => t.ledger === ledger);
  const views = ts.map(tableRows);
  let n = 0;
  for (const v of views) n += v.size;
  const side: Side = { tables: ts, views, n, tab: new Int32Array(n), rec: new Int32Array(n), pid: new Int32Array(n), hasId: new Uint8Array(n), sec: new Array<string | null>(n) };
  let j = 0;
  for (let ti = 0; ti < ts.length; ti++) {
    const rows = views[ti];
    const kId = rows.fieldAt(idField);
    const keys = ledger === '共建对子' ? undefined : rows.idKeys?.(idField);
    const kSec = second ? rows.fieldAt(second) : -1;
    const kName = rows.fieldAt('姓名');
    const kUnit = rows.fieldAt('地方单位');
    const kVillage = rows.fieldAt(villageField(ledger));
    for (let i = 0; i < rows.size; i++, j++) {
      side.tab[j] = ti;
      side.rec[j] = i;
      let p: number;
      if (ledger === '共建对子') {
        const id = textValue(rows.valueAt(i, kId));
        p = id === '' ? -1 : ix.ofText(id);
      } else p = idNumber(ix, rows, kId, keys, i);
      if (p >= 0) side.hasId[j] = 1;
      else {
        // A row without an ID is matched by its name (and village) instead, so it is not lost.
        p = ix.ofText(nameVillageKey(rows, i, kName, kUnit, kVillage));
      }
      side.pid[j] = p;
      side.sec[j] = second ? textValue(rows.valueAt(i, kSec)) : null;
    }
  }
  return side;
}

/** The person of row j as text: the ID (normalised, 18 digits), or for a pair its 对子编号; '' without one. */
function idText(s: Side, j: number, ledger: LedgerId, idField: string): string {
  const rows = s.views[s.tab[j]];
  const v = rows.valueAt(s.rec[j], rows.fieldAt(idField));
  return ledger === '共建对子' ? textValue(v) : idKey(v);
}

/** The text a row is keyed by (`身份证号|优抚类别`, …): the ID, or its name and village. */
function whoText(s: Side, j: number, ledger: LedgerId, idField: string): string {
  const id = idText(s, j, ledger, idField);
  if (id) return id;
  const rows = s.views[s.tab[j]];
  return nameVillageKey(rows, s.rec[j], rows.fieldAt('姓名'), rows.fieldAt('地方单位'), rows.fieldAt(villageField(ledger)));
}

/** The key of a row without an ID: its 姓名 (a pair's 地方单位) and its village. */
function nameVillageKey(rows: LedgerRows, i: number, kName: number, kUnit: number, kVillage: number): string {
  const name = rows.valueAt(i, kName) ?? rows.valueAt(i, kUnit);
  return `姓名:${nameKey(name)}@${villageText(rows.valueAt(i, kVillage))}`;
}

/** The matching key (`身份证号|优抚类别`, …), built only for the rows reported. */
function keyText(s: Side, j: number, ledger: LedgerId, idField: string): string {
  const who = whoText(s, j, ledger, idField);
  const sec = s.sec[j];
  return sec !== null ? `${who}|${sec}` : who;
}

function field(s: Side, j: number, f: string): FieldValue {
  const rows = s.views[s.tab[j]];
  return rows.valueAt(s.rec[j], rows.fieldAt(f));
}

function place(s: Side, j: number): SourceRef {
  const t = s.tables[s.tab[j]];
  return refAt(t, s.views[s.tab[j]], s.rec[j]);
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

/** The columns both tables have, in last year's order, without 序号 and 备注: their names and
 *  their indices in each table's view. */
interface Common {
  fields: string[];
  a: Int32Array;
  b: Int32Array;
}

function commonColumns(a: LedgerTable, av: LedgerRows, b: LedgerTable, bv: LedgerRows): Common {
  const inB = new Set(b.columns.map((c) => c.field));
  const fields: string[] = [];
  for (const c of a.columns) if (!SKIP.has(c.field) && inB.has(c.field) && !fields.includes(c.field)) fields.push(c.field);
  return { fields, a: Int32Array.from(fields, (f) => av.fieldAt(f)), b: Int32Array.from(fields, (f) => bv.fieldAt(f)) };
}

/**
 * Rows with the same key pair up in order (a duplicate present in both years is no change): per
 * person this year's rows chained in order, the first unpaired one of the same category taken.
 * Returns the pairs (last year's row, this year's row) in the order found, and the rows left.
 */
function pairUp(last: Side, cur: Side, people: number): { pairL: Int32Array; pairC: Int32Array; nPairs: number; removed: number[]; added: number[] } {
  const headOf = new Int32Array(people).fill(-1);
  const nextOf = new Int32Array(cur.n);
  for (let i = cur.n - 1; i >= 0; i--) {
    nextOf[i] = headOf[cur.pid[i]];
    headOf[cur.pid[i]] = i;
  }
  const paired = new Uint8Array(cur.n);
  const removed: number[] = [];
  const pairL = new Int32Array(last.n);
  const pairC = new Int32Array(last.n);
  let nPairs = 0;
  for (let j = 0; j < last.n; j++) {
    const sec = last.sec[j];
    let i = headOf[last.pid[j]];
    while (i >= 0 && (paired[i] || cur.sec[i] !== sec)) i = nextOf[i];
    if (i >= 0) {
      pairL[nPairs] = j;
      pairC[nPairs++] = i;
      paired[i] = 1;
    } else removed.push(j);
  }
  const added: number[] = [];
  for (let i = 0; i < cur.n; i++) if (!paired[i]) added.push(i);
  return { pairL, pairC, nPairs, removed, added };
}

/** Compares paired rows column by column (the common columns of each pair of tables, found once). */
class PairCompare {
  private readonly commons: Array<Common | undefined>;

  constructor(
    private readonly last: Side,
    private readonly cur: Side,
  ) {
    this.commons = new Array<Common | undefined>(last.views.length * cur.views.length).fill(undefined);
  }

  compare(l: number, c: number): FieldChange[] | null {
    const { last, cur } = this;
    const lt = last.tab[l];
    const ct = cur.tab[c];
    const ck = lt * cur.views.length + ct;
    let common = this.commons[ck];
    if (common === undefined) this.commons[ck] = common = commonColumns(last.tables[lt], last.views[lt], cur.tables[ct], cur.views[ct]);
    return compareRows(common, last.views[lt], last.rec[l], cur.views[ct], cur.rec[c]);
  }
}

function compareRows(c: Common, av: LedgerRows, i: number, bv: LedgerRows, j: number): FieldChange[] | null {
  let out: FieldChange[] | null = null;
  for (let k = 0; k < c.fields.length; k++) {
    const a = av.valueAt(i, c.a[k]);
    const b = bv.valueAt(j, c.b[k]);
    // Identical normalised values are the same under every rule below (the common case: most
    // rows do not change), so the normalisations are only paid for values that differ.
    if (a === b) continue;
    const f = c.fields[k];
    if (!same(a, b, f)) (out ??= []).push({ column: f, before: shown(a, f), after: shown(b, f) });
  }
  return out;
}

function shown(v: FieldValue | undefined, field: string): string {
  if (field === '身份证号' || field === '帮扶对象身份证号') return idKey(v ?? null);
  return valueText(v ?? null);
}

function nameOf(ledger: LedgerId, s: Side, j: number): string {
  if (ledger === '共建对子') return textValue(field(s, j, '帮扶对象姓名')) || textValue(field(s, j, '地方单位'));
  return textValue(field(s, j, '姓名'));
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
  // The people with a 注销/终止 row in this year's 优抚对象 or 安置 (they explain a removal of either).
  let closedIds: Set<string> | null = null;
  const closedPeople = (): Set<string> => {
    if (!closedIds) {
      closedIds = new Set();
      for (const t of thisTables)
        if (t.ledger === '优抚对象' || t.ledger === '安置') {
          const rows = tableRows(t);
          const kState = rows.fieldAt('状态');
          if (kState < 0) continue;
          const kId = rows.fieldAt('身份证号');
          for (let i = 0; i < rows.size; i++)
            if (closedStatus(rows.valueAt(i, kState))) {
              const id = idKey(rows.valueAt(i, kId));
              if (id) closedIds.add(id);
            }
        }
    }
    return closedIds;
  };
  for (const { ledger, second, idField } of DIFFED) {
    let expected = 0;
    for (const t of [...lastTables, ...thisTables]) if (t.ledger === ledger) expected += tableRows(t).size;
    if (expected === 0) continue;
    const ix = new KeyIndex(expected);
    const last = sideOf(lastTables, ledger, second, idField, ix);
    const cur = sideOf(thisTables, ledger, second, idField, ix);
    if (last.n === 0 && cur.n === 0) continue;
    const { pairL, pairC, nPairs, removed, added: addedRows } = pairUp(last, cur, ix.size);
    let added = addedRows;

    // 优抚对象: a person whose only row changed category is one change of 优抚类别.
    const extraPairs: Array<[number, number]> = [];
    if (ledger === '优抚对象' && added.length > 0 && removed.length > 0) {
      // Rows per person, counted only for the people both added and removed (few).
      const addedIds = new Set<number>();
      for (const a of added) if (cur.hasId[a]) addedIds.add(cur.pid[a]);
      const both = new Set<number>();
      for (const r of removed) if (last.hasId[r] && addedIds.has(last.pid[r])) both.add(last.pid[r]);
      const count = (s: Side): Map<number, number> => {
        const m = new Map<number, number>();
        if (both.size) for (let j = 0; j < s.n; j++) if (s.hasId[j] && both.has(s.pid[j])) m.set(s.pid[j], (m.get(s.pid[j]) ?? 0) + 1);
        return m;
      };
      const lastN = count(last);
      const curN = count(cur);
      const addedById = new Map<number, number>();
      for (const a of added) if (cur.hasId[a] && lastN.get(cur.pid[a]) === 1 && curN.get(cur.pid[a]) === 1) addedById.set(cur.pid[a], a);
      const rest: number[] = [];
      const taken = new Set<number>();
      for (const r of removed) {
        const p = last.pid[r];
        const a = last.hasId[r] ? addedById.get(p) : undefined;
        if (a !== undefined && lastN.get(p) === 1 && curN.get(p) === 1) {
          extraPairs.push([r, a]);
          addedById.delete(p);
          taken.add(a);
        } else rest.push(r);
      }
      removed.length = 0;
      removed.push(...rest);
      if (taken.size) added = added.filter((a) => !taken.has(a));
    }

    // Who has a 注销/终止 row this year (any category): by their key text (few rows).
    const closed = new Set<string>();
    for (let v = 0, j = 0; v < cur.views.length; j += cur.views[v].size, v++) {
      const rows = cur.views[v];
      const kState = rows.fieldAt('状态');
      if (kState < 0) continue;
      for (let i = 0; i < rows.size; i++)
        if (closedStatus(rows.valueAt(i, kState))) closed.add(cur.hasId[j + i] ? idText(cur, j + i, ledger, idField) : keyText(cur, j + i, ledger, idField));
    }
    if (ledger !== '共建对子') for (const id of closedPeople()) closed.add(id);

    for (const a of added)
      changes.push({ ledger, kind: 'added', key: keyText(cur, a, ledger, idField), id: idText(cur, a, ledger, idField), name: nameOf(ledger, cur, a), village: villageText(field(cur, a, villageField(ledger))), this: place(cur, a) });
    for (const r of removed) {
      const id = idText(last, r, ledger, idField);
      const key = keyText(last, r, ledger, idField);
      const unexplained = activeStatus(field(last, r, '状态')) && !closed.has(id || key);
      changes.push({ ledger, kind: 'removed', unexplained, key, id, name: nameOf(ledger, last, r), village: villageText(field(last, r, villageField(ledger))), last: place(last, r) });
    }
    const pc = new PairCompare(last, cur);
    const report = (l: number, c: number, fields: FieldChange[]): void => {
      changes.push({ ledger, kind: 'changed', key: keyText(cur, c, ledger, idField), id: idText(cur, c, ledger, idField), name: nameOf(ledger, cur, c), village: villageText(field(cur, c, villageField(ledger))), fields, last: place(last, l), this: place(cur, c) });
    };
    for (let p = 0; p < nPairs; p++) {
      const fields = pc.compare(pairL[p], pairC[p]);
      if (fields !== null) report(pairL[p], pairC[p], fields);
    }
    for (const [l, c] of extraPairs) {
      const fields = pc.compare(l, c);
      if (fields !== null) report(l, c, fields);
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
  for (const t of thisRoster) {
    const rows = tableRows(t);
    const kType = rows.fieldAt('登记类型');
    const kId = rows.fieldAt('身份证号');
    for (let i = 0; i < rows.size; i++) {
      const type = textValue(rows.valueAt(i, kType));
      if (type === '核验' || type === '补登') {
        const id = idKey(rows.valueAt(i, kId));
        if (id) verified.add(id);
      }
    }
  }
  const changes: YoyChange[] = [];
  const done = new Set<string>();
  for (const t of lastRoster) {
    const rows = tableRows(t);
    const kType = rows.fieldAt('登记类型');
    const kId = rows.fieldAt('身份证号');
    const kReg = rows.fieldAt('是否已登记');
    const kName = rows.fieldAt('姓名');
    const kVillage = rows.fieldAt(villageField('兵役登记'));
    for (let i = 0; i < rows.size; i++) {
      const type = textValue(rows.valueAt(i, kType));
      if (type !== '初次' && type !== '补登' && type !== '核验') continue;
      if (rows.valueAt(i, kReg) !== true) continue;
      const id = idKey(rows.valueAt(i, kId));
      if (!id || done.has(id)) continue;
      done.add(id);
      const by = idBirthYear(id);
      // Age on 31 December of this year; an ID without a birth date cannot prove he is over age.
      if (Number.isFinite(by) && year - by > 24) continue;
      if (verified.has(id)) continue;
      changes.push({ ledger: '兵役登记', kind: 'not-verified', id, name: textValue(rows.valueAt(i, kName)), village: villageText(rows.valueAt(i, kVillage)), last: refAt(t, rows, i) });
    }
  }
  return { changes, notes: [] };
}

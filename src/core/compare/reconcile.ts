/**
 * Ledgers against reference lists (ledgers.md §7): the police's 适龄男青年名单 against the 兵役登记
 * roster (figures per village and the men to chase), and the 死亡人员名单 against 优抚对象 and 安置
 * (people still 在册 after death, payments after death, names that differ).
 */
import type { LedgerTable } from '../ledger';
import type { Problem } from '../problem';
import { cellAddress } from '../model';
import { idKey, isActive, nameKey, ref, textOf, villageOf, villageOrder, type SourceRef } from './keys';
import { UNKNOWN_VILLAGE, type ReferenceList } from './reference';

export interface RosterVillage {
  village: string;
  listed: number;
  registered: number;
  unregistered: number;
  outsideList: number;
  villageMismatch: number;
  /** registered ÷ listed, rounded to 4 decimals; null when listed is 0. */
  rate: number | null;
}

export type RosterKind = 'unregistered' | 'outside-list' | 'village-mismatch';

export interface RosterPerson {
  kind: RosterKind;
  id: string;
  name: string;
  /** The list's village (the roster's for an outside-list man). */
  village: string;
  /** village-mismatch: the roster's village. */
  ledgerVillage?: string;
  list?: SourceRef;
  ledger?: SourceRef;
}

export interface RosterResult {
  file: string;
  listed: number;
  villages: RosterVillage[];
  people: RosterPerson[];
}

export function rate(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 10000) / 10000;
}

/** The police list against this year's 兵役登记 roster(s). */
export function reconcileRoster(list: ReferenceList, tables: readonly LedgerTable[], villages: readonly string[] = []): RosterResult {
  /** A roster row of a man; his other rows chained behind it in order (no array per man). */
  interface Reg {
    t: LedgerTable;
    i: number;
    village: string;
    registered: boolean;
    first: boolean;
    next: Reg | null;
    /** On the man's first row: he is on the list. */
    listed: boolean;
    /** On the man's first row: his last row. */
    tail: Reg | null;
  }
  const roster = new Map<string, Reg>();
  for (const t of tables) {
    if (t.ledger !== '兵役登记') continue;
    const recs = t.records;
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i];
      const id = idKey(r.v['身份证号']);
      if (!id) continue;
      const reg: Reg = { t, i, village: villageOf('兵役登记', r), registered: r.v['是否已登记'] === true, first: textOf(r, '登记类型') === '初次', next: null, listed: false, tail: null };
      const head = roster.get(id);
      if (head) {
        (head.tail ?? head).next = reg;
        head.tail = reg;
      } else roster.set(id, reg);
    }
  }
  const figures = new Map<string, RosterVillage>();
  const seen: string[] = [];
  const fig = (v: string): RosterVillage => {
    let f = figures.get(v);
    if (!f) {
      f = { village: v, listed: 0, registered: 0, unregistered: 0, outsideList: 0, villageMismatch: 0, rate: null };
      figures.set(v, f);
      seen.push(v);
    }
    return f;
  };
  const people: RosterPerson[] = [];
  for (const e of list.entries) {
    const head = roster.get(e.id) ?? null;
    if (head) head.listed = true;
    const village = e.village !== UNKNOWN_VILLAGE ? e.village : (head?.village ?? UNKNOWN_VILLAGE);
    const f = fig(village);
    f.listed++;
    let reg: Reg | null = null;
    let sameVillage = false;
    for (let g = head; g; g = g.next) {
      if (!reg && g.registered) reg = g;
      if (g.village === e.village) sameVillage = true;
    }
    const listRef = (): SourceRef => ({ file: list.file, sheet: e.sheet, row: e.row });
    if (reg) f.registered++;
    else {
      f.unregistered++;
      people.push({ kind: 'unregistered', id: e.id, name: e.name || (head ? textOf(head.t.records[head.i], '姓名') : ''), village, list: listRef() });
    }
    if (head && e.village !== UNKNOWN_VILLAGE && !sameVillage) {
      const g = reg ?? head;
      f.villageMismatch++;
      people.push({ kind: 'village-mismatch', id: e.id, name: e.name, village: e.village, ledgerVillage: g.village, list: listRef(), ledger: ref(g.t, g.t.records[g.i]) });
    }
  }
  for (const [id, head] of roster) {
    if (head.listed) continue;
    let g: Reg | null = head;
    while (g && !(g.first && g.registered)) g = g.next;
    if (!g) continue;
    const r = g.t.records[g.i];
    fig(g.village).outsideList++;
    people.push({ kind: 'outside-list', id, name: textOf(r, '姓名'), village: g.village, ledger: ref(g.t, r) });
  }
  const order = villageOrder(villages, seen).filter((v) => figures.has(v));
  // 未知 last.
  order.sort((a, b) => (a === UNKNOWN_VILLAGE ? 1 : 0) - (b === UNKNOWN_VILLAGE ? 1 : 0));
  const out = order.map((v) => {
    const f = figures.get(v)!;
    f.rate = rate(f.registered, f.listed);
    return f;
  });
  const kindOrder: Record<RosterKind, number> = { unregistered: 0, 'outside-list': 1, 'village-mismatch': 2 };
  const vi = new Map(order.map((v, i) => [v, i]));
  const at = (p: RosterPerson): SourceRef => (p.list ?? p.ledger)!;
  people.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (vi.get(a.village) ?? 0) - (vi.get(b.village) ?? 0) || (at(a).sheet < at(b).sheet ? -1 : at(a).sheet > at(b).sheet ? 1 : 0) || at(a).row - at(b).row);
  return { file: list.file, listed: list.entries.length, villages: out, people };
}

/** The totals of the per-village figures (the 合计 row). */
export function rosterTotal(r: RosterResult): RosterVillage {
  const t: RosterVillage = { village: '合计', listed: 0, registered: 0, unregistered: 0, outsideList: 0, villageMismatch: 0, rate: null };
  for (const v of r.villages) {
    t.listed += v.listed;
    t.registered += v.registered;
    t.unregistered += v.unregistered;
    t.outsideList += v.outsideList;
    t.villageMismatch += v.villageMismatch;
  }
  t.rate = rate(t.registered, t.listed);
  return t;
}

export type DeceasedKind = 'deceased-active' | 'name-mismatch' | 'paid-after-death';

export interface DeceasedPerson {
  kind: DeceasedKind;
  id: string;
  /** The ledger's name. */
  name: string;
  village: string;
  deathDate: string | null;
  /** deceased-active: 本年发放金额 > 0 and death before 1 January of the year. */
  paidAfterDeath?: boolean;
  /** name-mismatch: the name on the death list. */
  listName?: string;
  ledger: SourceRef;
  /** Ledger, 优抚类别 or 安置类型, 状态 and 本年发放金额 of the row (for the workbook). */
  ledgerName: string;
  category: string;
  status: string;
  amount: number | null;
  list: SourceRef;
}

export interface DeceasedResult {
  file: string;
  listed: number;
  people: DeceasedPerson[];
  /** `person.deceased`, `person.paid-after-death` and `person.deceased-name` on the ledger rows. */
  problems: Problem[];
}

/** The death list against this year's 优抚对象 and 安置 rows. */
export function reconcileDeceased(list: ReferenceList, tables: readonly LedgerTable[], year: number): DeceasedResult {
  const byId = new Map(list.entries.map((e) => [e.id, e]));
  const people: DeceasedPerson[] = [];
  const problems: Problem[] = [];
  const yearStart = `${year}-01-01`;
  for (const t of tables) {
    if (t.ledger !== '优抚对象' && t.ledger !== '安置') continue;
    const colOf = new Map(t.columns.map((c) => [c.field, c.col]));
    const recs = t.records;
    for (const r of recs) {
      const id = idKey(r.v['身份证号']);
      const e = id ? byId.get(id) : undefined;
      if (!e) continue;
      const amountV = r.v['本年发放金额(元)'];
      const amount = typeof amountV === 'number' ? amountV : null;
      const paid = amount !== null && amount > 0 && e.deathDate !== null && e.deathDate < yearStart;
      const active = isActive(r);
      const base = {
        id, name: textOf(r, '姓名'), village: villageOf(t.ledger, r), deathDate: e.deathDate,
        ledger: ref(t, r), ledgerName: t.ledger,
        category: textOf(r, t.ledger === '优抚对象' ? '优抚类别' : '安置类型'), status: textOf(r, '状态'), amount,
        list: { file: list.file, sheet: e.sheet, row: e.row },
      };
      const at = (field: string): Pick<Problem, 'column' | 'col' | 'cell' | 'value'> => {
        const col = colOf.get(field);
        if (col === undefined) return {};
        const v = r.v[field];
        return { column: field, col, cell: cellAddress(r.row, col), value: v === null || v === undefined ? '' : String(v) };
      };
      const p = (code: string, severity: 'error' | 'warning', field: string, params: Record<string, string | number>): void => {
        problems.push({ code, severity, file: t.file, sheet: t.sheet, row: r.row, ...at(colOf.has(field) ? field : '身份证号'), params });
      };
      const date = e.deathDate ?? '（日期不详）';
      if (active) {
        people.push({ kind: 'deceased-active', ...base, paidAfterDeath: paid });
        p('person.deceased', 'error', '状态', { date, list: list.file });
      } else if (paid) {
        people.push({ kind: 'paid-after-death', ...base, paidAfterDeath: true });
      }
      if (paid) p('person.paid-after-death', 'error', '本年发放金额(元)', { date, year, amount: amount! });
      if (e.name && base.name && nameKey(base.name) !== e.name) {
        people.push({ kind: 'name-mismatch', ...base, listName: e.name });
        p('person.deceased-name', 'warning', '姓名', { listName: e.name, list: list.file });
      }
    }
  }
  return { file: list.file, listed: list.entries.length, people, problems };
}

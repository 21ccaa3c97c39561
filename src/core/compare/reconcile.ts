/**
 * Ledgers against reference lists (ledgers.md §7): the police's 适龄男青年名单 against the 兵役登记
 * roster (figures per village and the men to chase), and the 死亡人员名单 against 优抚对象 and 安置
 * (people still 在册 after death, payments after death, names that differ).
 */
import { tableRows, type FieldValue, type LedgerRows, type LedgerTable } from '../ledger';
import type { Problem } from '../problem';
import { cellAddress } from '../model';
import { activeStatus, idKey, idNumber, KeyIndex, nameKey, refAt, textValue, villageField, villageOrder, villageText, type SourceRef } from './keys';
import { UNKNOWN_VILLAGE, type ListEntry, type ReferenceList } from './reference';

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

/**
 * The roster's rows, column-wise (no object per row): per man (KeyIndex number, in the order of
 * his first row) his rows chained in order, with each row's village and whether it is registered
 * and an 初次 registration. Loops are methods (small functions V8 optimises whole).
 */
class Roster {
  readonly ix: KeyIndex;
  readonly tab: Int32Array;
  readonly rec: Int32Array;
  readonly village: string[];
  readonly registered: Uint8Array;
  readonly first: Uint8Array;
  readonly nextOf: Int32Array;
  /** (Only the roster's rows are numbered while it is built: at most n men.) */
  readonly headOf: Int32Array;
  private readonly tailOf: Int32Array;
  private j = 0;

  constructor(
    readonly tables: readonly LedgerTable[],
    readonly views: readonly LedgerRows[],
    extra: number,
  ) {
    let n = 0;
    for (const v of views) n += v.size;
    this.ix = new KeyIndex(n + extra);
    this.tab = new Int32Array(n);
    this.rec = new Int32Array(n);
    this.village = new Array<string>(n);
    this.registered = new Uint8Array(n);
    this.first = new Uint8Array(n);
    this.nextOf = new Int32Array(n).fill(-1);
    this.headOf = new Int32Array(n).fill(-1);
    this.tailOf = new Int32Array(n).fill(-1);
    for (let ti = 0; ti < views.length; ti++) this.add(ti);
  }

  private add(ti: number): void {
    const rows = this.views[ti];
    const kId = rows.fieldAt('身份证号');
    const keys = rows.idKeys?.('身份证号');
    const kVillage = rows.fieldAt('所在村');
    const kReg = rows.fieldAt('是否已登记');
    const kType = rows.fieldAt('登记类型');
    // Consecutive rows mostly repeat their village and 登记类型: the text of the last value is reused.
    let lastV: FieldValue | undefined;
    let lastVText = '';
    let lastT: FieldValue | undefined;
    let lastFirst = 0;
    for (let i = 0; i < rows.size; i++) {
      const p = idNumber(this.ix, rows, kId, keys, i);
      if (p < 0) continue;
      const j = this.j++;
      this.tab[j] = ti;
      this.rec[j] = i;
      const v = rows.valueAt(i, kVillage);
      if (v !== lastV || j === 0) {
        lastV = v;
        lastVText = villageText(v);
      }
      this.village[j] = lastVText;
      this.registered[j] = rows.valueAt(i, kReg) === true ? 1 : 0;
      const t = rows.valueAt(i, kType);
      if (t !== lastT || j === 0) {
        lastT = t;
        lastFirst = textValue(t) === '初次' ? 1 : 0;
      }
      this.first[j] = lastFirst;
      if (this.headOf[p] < 0) this.headOf[p] = j;
      else this.nextOf[this.tailOf[p]] = j;
      this.tailOf[p] = j;
    }
  }

  placeOf(g: number): SourceRef {
    const t = this.tables[this.tab[g]];
    return refAt(t, this.views[this.tab[g]], this.rec[g]);
  }

  text(g: number, field: string): string {
    const rows = this.views[this.tab[g]];
    return textValue(rows.valueAt(this.rec[g], rows.fieldAt(field)));
  }

  id(g: number): string {
    const rows = this.views[this.tab[g]];
    return idKey(rows.valueAt(this.rec[g], rows.fieldAt('身份证号')));
  }
}

/** The figures per village and the people found, filled entry by entry. */
class RosterMatch {
  readonly figures = new Map<string, RosterVillage>();
  readonly seen: string[] = [];
  readonly people: RosterPerson[] = [];
  readonly listed: Uint8Array;
  private readonly men: number;

  constructor(
    private readonly r: Roster,
    private readonly file: string,
  ) {
    this.men = r.ix.size;
    this.listed = new Uint8Array(this.men);
  }

  fig(v: string): RosterVillage {
    let f = this.figures.get(v);
    if (!f) {
      f = { village: v, listed: 0, registered: 0, unregistered: 0, outsideList: 0, villageMismatch: 0, rate: null };
      this.figures.set(v, f);
      this.seen.push(v);
    }
    return f;
  }

  entry(e: ListEntry): void {
    const r = this.r;
    const p = e.id ? r.ix.ofText(e.id, false) : -1;
    const head = p >= 0 && p < this.men ? r.headOf[p] : -1;
    if (head >= 0) this.listed[p] = 1;
    const v = e.village !== UNKNOWN_VILLAGE ? e.village : head >= 0 ? r.village[head] : UNKNOWN_VILLAGE;
    const f = this.fig(v);
    f.listed++;
    let reg = -1;
    let sameVillage = false;
    for (let g = head; g >= 0; g = r.nextOf[g]) {
      if (reg < 0 && r.registered[g]) reg = g;
      if (r.village[g] === e.village) sameVillage = true;
    }
    if (reg >= 0) f.registered++;
    else {
      f.unregistered++;
      this.people.push({ kind: 'unregistered', id: e.id, name: e.name || (head >= 0 ? r.text(head, '姓名') : ''), village: v, list: { file: this.file, sheet: e.sheet, row: e.row } });
    }
    if (head >= 0 && e.village !== UNKNOWN_VILLAGE && !sameVillage) {
      const g = reg >= 0 ? reg : head;
      f.villageMismatch++;
      this.people.push({ kind: 'village-mismatch', id: e.id, name: e.name, village: e.village, ledgerVillage: r.village[g], list: { file: this.file, sheet: e.sheet, row: e.row }, ledger: r.placeOf(g) });
    }
  }

  /** Men not on the list, in the order of their first row: registered as 初次 is 名单外. */
  outside(): void {
    const r = this.r;
    for (let p = 0; p < this.men; p++) {
      const head = r.headOf[p];
      if (head < 0 || this.listed[p]) continue;
      let g = head;
      while (g >= 0 && !(r.first[g] && r.registered[g])) g = r.nextOf[g];
      if (g < 0) continue;
      this.fig(r.village[g]).outsideList++;
      this.people.push({ kind: 'outside-list', id: r.id(head), name: r.text(g, '姓名'), village: r.village[g], ledger: r.placeOf(g) });
    }
  }
}

/** The police list against this year's 兵役登记 roster(s). */
export function reconcileRoster(list: ReferenceList, tables: readonly LedgerTable[], villages: readonly string[] = []): RosterResult {
  const ts = tables.filter((t) => t.ledger === '兵役登记');
  const roster = new Roster(ts, ts.map(tableRows), list.entries.length);
  const m = new RosterMatch(roster, list.file);
  for (const e of list.entries) m.entry(e);
  m.outside();
  const { figures, seen, people } = m;
  const order = villageOrder(villages, seen).filter((v) => figures.has(v));
  // 未知 last.
  order.sort((a, b) => (a === UNKNOWN_VILLAGE ? 1 : 0) - (b === UNKNOWN_VILLAGE ? 1 : 0));
  const out = order.map((v) => {
    const f = figures.get(v)!;
    f.rate = rate(f.registered, f.listed);
    return f;
  });
  // By kind, village, sheet and row (keys computed once; the sort is stable).
  const kindOrder: Record<RosterKind, number> = { unregistered: 0, 'outside-list': 1, 'village-mismatch': 2 };
  const vi = new Map(order.map((v, i) => [v, i]));
  const n = people.length;
  const kv = new Float64Array(n);
  const sheet: string[] = new Array<string>(n);
  const row = new Float64Array(n);
  people.forEach((p, i) => {
    const at = (p.list ?? p.ledger)!;
    kv[i] = kindOrder[p.kind] * 1e6 + (vi.get(p.village) ?? 0);
    sheet[i] = at.sheet;
    row[i] = at.row;
  });
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => kv[a] - kv[b] || (sheet[a] < sheet[b] ? -1 : sheet[a] > sheet[b] ? 1 : 0) || row[a] - row[b]);
  return { file: list.file, listed: list.entries.length, villages: out, people: idx.map((i) => people[i]) };
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
  // The listed people by number (KeyIndex); the ledgers' rows read column-wise, only those of
  // listed people looked at further.
  const ix = new KeyIndex(list.entries.length);
  const entryOf: ListEntry[] = [];
  for (const e of list.entries) entryOf[ix.ofText(e.id)] = e;
  const people: DeceasedPerson[] = [];
  const problems: Problem[] = [];
  const yearStart = `${year}-01-01`;
  for (const t of tables) {
    if (t.ledger !== '优抚对象' && t.ledger !== '安置') continue;
    const colOf = new Map(t.columns.map((c) => [c.field, c.col]));
    const rows = tableRows(t);
    const kId = rows.fieldAt('身份证号');
    const keys = rows.idKeys?.('身份证号');
    for (let i = 0; i < rows.size; i++) {
      const p0 = idNumber(ix, rows, kId, keys, i, false);
      const e = p0 >= 0 ? entryOf[p0] : undefined;
      if (!e) continue;
      const id = idKey(rows.valueAt(i, kId));
      const get = (field: string): FieldValue => rows.valueAt(i, rows.fieldAt(field));
      const row = rows.rowOf(i);
      const amountV = get('本年发放金额(元)');
      const amount = typeof amountV === 'number' ? amountV : null;
      const paid = amount !== null && amount > 0 && e.deathDate !== null && e.deathDate < yearStart;
      const active = activeStatus(get('状态'));
      const base = {
        id, name: textValue(get('姓名')), village: villageText(get(villageField(t.ledger))), deathDate: e.deathDate,
        ledger: refAt(t, rows, i), ledgerName: t.ledger,
        category: textValue(get(t.ledger === '优抚对象' ? '优抚类别' : '安置类型')), status: textValue(get('状态')), amount,
        list: { file: list.file, sheet: e.sheet, row: e.row },
      };
      const at = (field: string): Pick<Problem, 'column' | 'col' | 'cell' | 'value'> => {
        const col = colOf.get(field);
        if (col === undefined) return {};
        const v = get(field);
        return { column: field, col, cell: cellAddress(row, col), value: v === null || v === undefined ? '' : String(v) };
      };
      const p = (code: string, severity: 'error' | 'warning', field: string, params: Record<string, string | number>): void => {
        problems.push({ code, severity, file: t.file, sheet: t.sheet, row, ...at(colOf.has(field) ? field : '身份证号'), params });
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

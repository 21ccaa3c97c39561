/**
 * The keys by which rows of two years, or a ledger and a reference list, are matched (ledgers.md
 * §6, §7): an ID after normalisation (trimmed, half-width, no inner spaces, upper-case X) and a
 * 15-digit number after its upgrade to 18 digits; text after normalisation.
 */
import type { FieldValue, LedgerId, LedgerRecord, LedgerRows, LedgerTable } from '../ledger';
import { MIDDLE_DOT, NAME_DOT_VARIANTS, normCompact, normNameDots, numberText } from '../text/normalize';
import { hashSeed, id15to18, idHash, LAST_ID_KEY, scanId18 } from '../values/id';

/** Where a row is: file, sheet and Excel row number. */
export interface SourceRef {
  file: string;
  sheet: string;
  row: number;
}

/** The matching key of an ID cell: '' when empty. */
const ID18 = /^\d{17}[\dX]$/;

export function idKey(v: FieldValue | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  // Already in its key form (the common case after the checks' normalisation): the same string.
  if (typeof v === 'string' && v.length === 18 && ID18.test(v)) return v;
  const s = normCompact(typeof v === 'number' ? numberText(v) : String(v)).toUpperCase();
  return /^\d{15}$/.test(s) ? id15to18(s) : s;
}

/** A name for comparison: no spaces, the standard middle dot. */
export function nameKey(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  const s = normCompact(String(v));
  // Most names have no dot at all: only those are rewritten.
  for (let i = 0; i < s.length; i++) if (DOTS[s.charCodeAt(i)] === 1) return normNameDots(s);
  return s;
}

/** The characters normNameDots replaces, and the standard dot itself (replaced by itself). */
const DOTS = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of NAME_DOT_VARIANTS + MIDDLE_DOT) t[c.charCodeAt(0)] = 1;
  return t;
})();

/** Plain text of a normalised value: '' for empty, 是/否 for booleans, plain digits for numbers. */
export function valueText(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return numberText(Math.round(v * 100) / 100);
  return normCompact(v);
}

export const NO_VILLAGE = '(未填)';

/** A value as text for keys and reports: normalised text, '' when empty (see valueText). */
export function textValue(v: FieldValue | undefined): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? normCompact(v) : valueText(v);
}

export function textOf(r: LedgerRecord, field: string): string {
  return textValue(r.v[field]);
}

/** The field holding a row's village: 所在村, or 地方单位 for a pair. */
export const villageField = (ledger: LedgerId): string => (ledger === '共建对子' ? '地方单位' : '所在村');

/** A village value as shown: `(未填)` when empty. */
export function villageText(v: FieldValue | undefined): string {
  return textValue(v) || NO_VILLAGE;
}

/** The village of a row (所在村, or 地方单位 for a pair), `(未填)` when empty. */
export function villageOf(ledger: LedgerId, r: LedgerRecord): string {
  return villageText(r.v[villageField(ledger)]);
}

/** Is a 状态 value current (在册/有效)? Empty (or no 状态 column) counts as 在册. */
export function activeStatus(s: FieldValue | undefined): boolean {
  if (s === null || s === undefined || s === '') return true;
  const t = normCompact(String(s));
  return t === '在册' || t === '有效';
}

/** Is a 状态 value an end (注销/终止)? */
export function closedStatus(s: FieldValue | undefined): boolean {
  if (typeof s !== 'string') return false;
  const t = normCompact(s);
  return t === '注销' || t === '终止';
}

/** Is the row counted as current (在册/有效)? An empty 状态 or no 状态 column counts as 在册. */
export function isActive(r: LedgerRecord): boolean {
  return activeStatus(r.v['状态']);
}

/** Is the row marked as ended (注销/终止)? */
export function isClosed(r: LedgerRecord): boolean {
  return closedStatus(r.v['状态']);
}

export function ref(t: LedgerTable, r: LedgerRecord): SourceRef {
  return { file: t.file, sheet: t.sheet, row: r.row };
}

/** Where row i of a table's column-wise view is. */
export function refAt(t: LedgerTable, rows: LedgerRows, i: number): SourceRef {
  return { file: t.file, sheet: t.sheet, row: rows.rowOf(i) };
}

/**
 * Numbers the people (or pairs) of a comparison: one small integer per matching key, so that the
 * rows of two years or of a ledger and a list meet through typed arrays, not through a Map keyed
 * by strings (100k-row ledgers: most of the matching time was hashing and comparing ID strings).
 * An ID in its 18-digit form is keyed as two integers (`scanId18`: the check's own keys where it
 * computed them) in an open-addressing table; any other key (a 对子编号, an ID that is no
 * 18-digit number, a row without ID keyed by its name and village) by its text. The two never
 * meet: a text key is never an 18-digit ID.
 */
export class KeyIndex {
  /** [hi, lo, number + 1] per slot; 0 = empty. */
  private table: Int32Array;
  private mask: number;
  private ids = 0;
  private readonly texts = new Map<string, number>();
  private readonly seed = hashSeed();
  /** How many keys have a number. */
  size = 0;
  /** Slots looked at beyond the first, over all lookups (tests: the table stays linear). */
  extraProbes = 0;

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.table = new Int32Array(cap * 3);
    this.mask = cap - 1;
  }

  /** The number of an ID given as its key (`scanId18`); `add` false: -1 when it has none. */
  ofId(hi: number, lo: number, add = true): number {
    const t = this.table;
    let h = idHash(hi, lo, this.seed) & this.mask;
    for (;;) {
      const at = h * 3;
      const n = t[at + 2];
      if (n === 0) break;
      if (t[at] === hi && t[at + 1] === lo) return n - 1;
      h = (h + 1) & this.mask;
      this.extraProbes++;
    }
    if (!add) return -1;
    const n = this.size++;
    t[h * 3] = hi;
    t[h * 3 + 1] = lo;
    t[h * 3 + 2] = n + 1;
    if (++this.ids * 2 > this.mask + 1) this.grow();
    return n;
  }

  /** The number of a key given as text: an 18-digit ID by its integers, anything else by its text. */
  ofText(key: string, add = true): number {
    if (key.length === 18 && scanId18(key) >= 0) return this.ofId(LAST_ID_KEY[0], LAST_ID_KEY[1], add);
    let n = this.texts.get(key);
    if (n === undefined) {
      if (!add) return -1;
      n = this.size++;
      this.texts.set(key, n);
    }
    return n;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = (this.mask << 1) | 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === 0) continue;
      let h = idHash(old[at], old[at + 1], this.seed) & this.mask;
      while (this.table[h * 3 + 2] !== 0) h = (h + 1) & this.mask;
      this.table[h * 3] = old[at];
      this.table[h * 3 + 1] = old[at + 1];
      this.table[h * 3 + 2] = old[at + 2];
    }
  }
}

/** The number of the ID in a row's `id` column: the check's key when it computed one, else the
 *  ID's normalised form (idKey); -1 when the cell is empty. */
export function idNumber(ix: KeyIndex, rows: LedgerRows, k: number, keys: ReturnType<NonNullable<LedgerRows['idKeys']>>, i: number, add = true): number {
  if (keys !== undefined && keys.hi[i] >= 0) return ix.ofId(keys.hi[i], keys.lo[i], add);
  const id = idKey(rows.valueAt(i, k));
  return id === '' ? -1 : ix.ofText(id, add);
}

/** Villages in display order: the village list first, then the others in order of appearance. */
export function villageOrder(list: readonly string[], seen: Iterable<string>): string[] {
  const out = [...list];
  const set = new Set(out);
  for (const v of seen) if (!set.has(v)) {
    set.add(v);
    out.push(v);
  }
  return out;
}

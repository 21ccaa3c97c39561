/**
 * The keys by which rows of two years, or a ledger and a reference list, are matched (ledgers.md
 * §6, §7): an ID after normalisation (trimmed, half-width, no inner spaces, upper-case X) and a
 * 15-digit number after its upgrade to 18 digits; text after normalisation.
 */
import type { FieldValue, LedgerId, LedgerRecord, LedgerTable } from '../ledger';
import { normCompact, normNameDots, numberText } from '../text/normalize';
import { id15to18 } from '../values/id';

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
  return normNameDots(normCompact(String(v)));
}

/** Plain text of a normalised value: '' for empty, 是/否 for booleans, plain digits for numbers. */
export function valueText(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return numberText(Math.round(v * 100) / 100);
  return normCompact(v);
}

export const NO_VILLAGE = '(未填)';

export function textOf(r: LedgerRecord, field: string): string {
  const v = r.v[field];
  return v === null || v === undefined ? '' : typeof v === 'string' ? normCompact(v) : valueText(v);
}

/** The village of a row (所在村, or 地方单位 for a pair), `(未填)` when empty. */
export function villageOf(ledger: LedgerId, r: LedgerRecord): string {
  const v = ledger === '共建对子' ? textOf(r, '地方单位') : textOf(r, '所在村');
  return v || NO_VILLAGE;
}

/** Is the row counted as current (在册/有效)? An empty 状态 or no 状态 column counts as 在册. */
export function isActive(r: LedgerRecord): boolean {
  const s = r.v['状态'];
  if (s === null || s === undefined || s === '') return true;
  const t = normCompact(String(s));
  return t === '在册' || t === '有效';
}

/** Is the row marked as ended (注销/终止)? */
export function isClosed(r: LedgerRecord): boolean {
  const s = r.v['状态'];
  if (typeof s !== 'string') return false;
  const t = normCompact(s);
  return t === '注销' || t === '终止';
}

export function ref(t: LedgerTable, r: LedgerRecord): SourceRef {
  return { file: t.file, sheet: t.sheet, row: r.row };
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

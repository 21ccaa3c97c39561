/** Helpers shared by row checks (not a check). */
import { isoKey } from '../values/date';
import { idBirthYear, idSex } from '../values/id';
import type { RowCtx } from './types';

// Local bindings of imported functions used per cell: no getter call per use under module
// loaders that expose imports through getters (tsx, some bundlers).
const isoKey_ = isoKey;
const idBirthYear_ = idBirthYear;
const idSex_ = idSex;

/** Birth year of the row's person: from a valid 身份证号, else from 出生日期; NaN when unknown. */
export function birthYear(r: RowCtx, idField = '身份证号'): number {
  if (r.ok(idField)) {
    const y = idBirthYear_(r.get(idField) as string);
    if (!isNaN(y)) return y;
  }
  if (r.ok('出生日期')) {
    const d = r.get('出生日期');
    if (typeof d === 'string' && d.length >= 7) return +d.slice(0, 4);
  }
  return NaN;
}

/** Sex of the row's person: from a valid 身份证号, else the 性别 column. */
export function personSex(r: RowCtx, idField = '身份证号'): '男' | '女' | null {
  if (r.ok(idField)) {
    const s = idSex_(r.get(idField) as string);
    if (s) return s;
  }
  const v = r.has('性别') && r.ok('性别') ? r.get('性别') : null;
  return v === '男' || v === '女' ? v : null;
}

/** yyyymmdd (day precision) or yyyymm00 (month precision) of an ISO value, for ordering. */
export function dateKey(iso: string): number {
  return isoKey_(iso);
}

/** Is an ISO value later than the yyyymmdd limit? A month is later only when its whole month is. */
export function isAfter(iso: string, limit: number): boolean {
  return isAfterKey(dateKey(iso), iso.length === 7, limit);
}

/** isAfter on a date key (`dateKey`); `month` when the value has month precision. */
export function isAfterKey(key: number, month: boolean, limit: number): boolean {
  return month ? key > Math.floor(limit / 100) * 100 : key > limit;
}

/** Compare two date keys (`dateKey`) at their common precision: <0, 0, >0; `aDay`/`bDay` when
 *  the value has day precision. */
export function compareKeys(a: number, aDay: boolean, b: number, bDay: boolean): number {
  if (aDay && bDay) return a - b;
  return Math.floor(a / 100) - Math.floor(b / 100);
}

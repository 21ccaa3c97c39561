/** Helpers for duplicate and cross-village checks (not a check). Linear in the number of records;
 *  objects are only allocated for keys that occur more than once. */
import { LAST_ID_KEY, hashSeed, id15to18, idHash, scanId18 } from '../values/id';
import type { SheetRecords } from './types';

/** Village of record i: its 所在村 (when usable), else the workbook's name. */
export function recordVillage(s: SheetRecords, i: number): string {
  const v = s.value(i, '所在村');
  if (typeof v === 'string' && v !== '' && !s.bad(i, '所在村')) return v;
  return s.fileVillage;
}

/** Within one sheet: report `code` on every later row whose key equals an earlier row's. */
export function sheetDuplicates(
  s: SheetRecords,
  key: (i: number) => string | null,
  code: string,
  field: string,
): void {
  const seen = new Map<string, number>();
  const n = s.size;
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (k === null) continue;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else s.report(i, code, field, { otherFile: s.file, otherSheet: s.sheet, otherRow: s.rowOf(first) });
  }
}

export interface Occurrence {
  s: SheetRecords;
  i: number;
  village: string;
}

/**
 * For every group: occurrences in different villages → `crossCode` on every occurrence, naming the
 * first occurrence in another village; occurrences in the same village but another sheet →
 * `dupCode` on the later one (same-sheet duplicates are the sheet check's business).
 */
export function reportCross(groups: Map<string, Occurrence[]>, crossCode: string, dupCode: string | null, field: string): void {
  for (const g of groups.values()) {
    // First occurrence per village, and the first two distinct villages.
    const firstOfVillage = new Map<string, Occurrence>();
    for (const o of g) if (!firstOfVillage.has(o.village)) firstOfVillage.set(o.village, o);
    const villages = [...firstOfVillage.keys()];
    const sheetsSeen = new Set<SheetRecords>();
    for (const o of g) {
      if (villages.length > 1) {
        const other = firstOfVillage.get(villages[0] === o.village ? villages[1] : villages[0])!;
        o.s.report(o.i, crossCode, field, {
          otherVillage: other.village,
          otherFile: other.s.file,
          otherSheet: other.s.sheet,
          otherRow: other.s.rowOf(other.i),
        });
        continue;
      }
      if (dupCode !== null && !sheetsSeen.has(o.s)) {
        const earlier = firstOfVillage.get(o.village)!;
        if (earlier.s !== o.s) {
          o.s.report(o.i, dupCode, field, {
            otherFile: earlier.s.file,
            otherSheet: earlier.s.sheet,
            otherRow: earlier.s.rowOf(earlier.i),
          });
        }
      }
      sheetsSeen.add(o.s);
    }
  }
}

/**
 * Group records by 身份证号 without a string-keyed Map: each usable ID becomes two 31-bit integers
 * in an open-addressing table (a 100k-row ledger is grouped in a few milliseconds). A 15-digit
 * legacy number is keyed by its 18-digit form, so both forms of one person meet. Returns only the
 * repeated IDs, keyed by their 18-digit form, occurrences in sheet and row order.
 */
export function groupByIdAcross(sheets: readonly SheetRecords[], field = '身份证号'): Map<string, Occurrence[]> {
  // A single sheet is grouped once and shared by its sheet rule and the cross rules.
  if (sheets.length === 1) {
    let perField = singleCache.get(sheets[0]);
    if (!perField) {
      perField = new Map();
      singleCache.set(sheets[0], perField);
    }
    let g = perField.get(field);
    if (!g) {
      g = groupByIdUncached(sheets, field);
      perField.set(field, g);
    }
    return g;
  }
  return groupByIdUncached(sheets, field);
}

/** The key of an ID (hi = first 9 digits, lo = next 8 digits * 11 + check character; see
 *  `scanId18`) is left in KEY by idKeyHiLo, which returns false for a value that is no
 *  15/18-character ID. A 15-digit number is keyed by its 18-digit form. */
export const KEY = LAST_ID_KEY;
export function idKeyHiLo(v: string): boolean {
  return scanId18(v.length === 15 ? id15to18(v) : v) >= 0;
}

const singleCache = new WeakMap<SheetRecords, Map<string, Map<string, Occurrence[]>>>();

function groupByIdUncached(sheets: readonly SheetRecords[], field: string): Map<string, Occurrence[]> {
  let n = 0;
  for (const s of sheets) n += s.size;
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  const mask = cap - 1;
  // One interleaved table [hi, lo, state] per slot: one cache line per probe.
  const table = new Int32Array(cap * 3); // state 0 empty, 1 seen once, 2 repeated
  const seed = hashSeed();
  const slotOf = new Int32Array(n).fill(-1);
  let base = 0;
  let repeated = 0;
  for (const s of sheets) {
    const size = s.size;
    const keys = s.idKeys?.(field);
    for (let i = 0; i < size; i++, base++) {
      let hi: number;
      let lo: number;
      if (keys !== undefined) {
        hi = keys.hi[i];
        if (hi < 0 || s.bad(i, field)) continue;
        lo = keys.lo[i];
      } else {
        const v = s.value(i, field);
        if (typeof v !== 'string' || s.bad(i, field) || !idKeyHiLo(v)) continue;
        hi = KEY[0];
        lo = KEY[1];
      }
      let h = idHash(hi, lo, seed) & mask;
      for (;;) {
        const at = h * 3;
        const st = table[at + 2];
        if (st === 0) {
          table[at] = hi;
          table[at + 1] = lo;
          table[at + 2] = 1;
          break;
        }
        if (table[at] === hi && table[at + 1] === lo) {
          if (st === 1) {
            table[at + 2] = 2;
            repeated++;
          }
          break;
        }
        h = (h + 1) & mask;
      }
      slotOf[base] = h;
    }
  }
  const out = new Map<string, Occurrence[]>();
  if (repeated === 0) return out;
  base = 0;
  for (const s of sheets) {
    const size = s.size;
    for (let i = 0; i < size; i++, base++) {
      const h = slotOf[base];
      if (h < 0 || table[h * 3 + 2] !== 2) continue;
      const v = s.value(i, field) as string;
      const k = v.length === 15 ? id15to18(v) : v;
      const o: Occurrence = { s, i, village: recordVillage(s, i) };
      const g = out.get(k);
      if (g) g.push(o);
      else out.set(k, [o]);
    }
  }
  return out;
}

export function idKey(s: SheetRecords, i: number, field = '身份证号'): string | null {
  const v = s.value(i, field);
  if (typeof v !== 'string' || v === '' || s.bad(i, field)) return null;
  return v;
}

/** Helpers for duplicate and cross-village checks (not a check). */
import type { SheetRecords } from './types';

/** Village of record i: its 所在村 (when usable), else the workbook's name. */
export function recordVillage(s: SheetRecords, i: number): string {
  const v = s.records[i].v['所在村'];
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
  const recs = s.records;
  for (let i = 0; i < recs.length; i++) {
    const k = key(i);
    if (k === null) continue;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else s.report(i, code, field, { otherFile: s.file, otherSheet: s.sheet, otherRow: recs[first].row });
  }
}

export interface Occurrence {
  s: SheetRecords;
  i: number;
  village: string;
}

/** Group the records of several sheets by a key. */
export function groupAcross(sheets: readonly SheetRecords[], key: (s: SheetRecords, i: number) => string | null): Map<string, Occurrence[]> {
  const m = new Map<string, Occurrence[]>();
  for (const s of sheets) {
    for (let i = 0; i < s.records.length; i++) {
      const k = key(s, i);
      if (k === null) continue;
      const o: Occurrence = { s, i, village: recordVillage(s, i) };
      const g = m.get(k);
      if (g) g.push(o);
      else m.set(k, [o]);
    }
  }
  return m;
}

/**
 * For every group: occurrences in different villages → `crossCode` on every occurrence, naming the
 * first occurrence in another village; occurrences in the same village but another sheet →
 * `dupCode` on the later one (same-sheet duplicates are the sheet check's business).
 */
export function reportCross(groups: Map<string, Occurrence[]>, crossCode: string, dupCode: string | null, field: string): void {
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (let a = 0; a < g.length; a++) {
      const o = g[a];
      const other = g.find((x) => x.village !== o.village);
      if (other) {
        o.s.report(o.i, crossCode, field, {
          otherVillage: other.village,
          otherFile: other.s.file,
          otherSheet: other.s.sheet,
          otherRow: other.s.records[other.i].row,
        });
        continue;
      }
      if (dupCode === null) continue;
      const earlier = g.slice(0, a).find((x) => x.s !== o.s);
      if (earlier && !g.slice(0, a).some((x) => x.s === o.s)) {
        o.s.report(o.i, dupCode, field, {
          otherFile: earlier.s.file,
          otherSheet: earlier.s.sheet,
          otherRow: earlier.s.records[earlier.i].row,
        });
      }
    }
  }
}

export function idKey(s: SheetRecords, i: number, field = '身份证号'): string | null {
  const v = s.records[i].v[field];
  if (typeof v !== 'string' || v === '' || s.bad(i, field)) return null;
  return v;
}

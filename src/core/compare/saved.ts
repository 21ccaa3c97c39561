/**
 * What a host keeps of a comparison to fill 统计汇总 and templates later (the add-in keeps it in the
 * workbook's settings): the figures only — counts per ledger and village, never names or IDs — with
 * the year they are for and a fingerprint of this year's ledgers they were computed from. They stay
 * valid while the year is the same and those ledgers are unchanged (docs/compare.md).
 */
import type { LedgerId, LedgerTable } from '../ledger';
import type { ChangeKind, YoyResult } from './diff';
import type { RosterResult } from './reconcile';

/** The year-over-year counts without the people: one line per kind, ledger, village (and 未说明). */
export interface YoyTally {
  year: number;
  lastYear: number;
  counts: Array<{ kind: ChangeKind; ledger: LedgerId; village: string; unexplained: boolean; n: number }>;
}

/** The police-list figures per village (no people). */
export type RosterFigures = Pick<RosterResult, 'file' | 'listed' | 'villages'>;

export function yoyTally(r: YoyResult, lastYear = r.year - 1): YoyTally {
  const by = new Map<string, YoyTally['counts'][number]>();
  for (const c of r.changes) {
    const unexplained = Boolean(c.unexplained);
    const k = [c.kind, c.ledger, c.village, unexplained].join('\u0001');
    const e = by.get(k);
    if (e) e.n++;
    else by.set(k, { kind: c.kind, ledger: c.ledger, village: c.village, unexplained, n: 1 });
  }
  return { year: r.year, lastYear, counts: [...by.values()] };
}

/** The ledgers each comparison reads from this year's workbook: a change to another ledger does not
 *  make its figures stale. */
export const YOY_LEDGERS: readonly LedgerId[] = ['优抚对象', '安置', '共建对子', '兵役登记'];
export const ROSTER_LEDGERS: readonly LedgerId[] = ['兵役登记'];

/**
 * A fingerprint of the given ledgers' records as checked (sheet, row, normalised values): any
 * edit, added or deleted row changes it. Not the file name (a workbook saved under another name is
 * the same workbook). FNV-1a, 2 × 32 bits — a check for staleness, not a security measure.
 */
export function ledgerFingerprint(tables: readonly LedgerTable[], ledgers: readonly LedgerId[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
  };
  for (const t of tables) {
    if (!ledgers.includes(t.ledger)) continue;
    feed(`\u0002${t.ledger}\u0001${t.sheet}\u0001`);
    for (const r of t.records) feed(`${r.row}\u0001${JSON.stringify(r.v)}\u0003`);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** A saved comparison as kept by a host. */
export interface SavedComparison<T> {
  year: number;
  fingerprint: string;
  /** When it ran (ISO), for the pane to say. */
  at?: string;
  figures: T;
}

/** The saved figures when they still apply (same year, the ledgers unchanged), else null. Anything
 *  malformed (an older add-in's record, a hand-edited setting) is null too. */
export function savedFigures<T>(saved: unknown, year: number, tables: readonly LedgerTable[], ledgers: readonly LedgerId[]): T | null {
  if (!saved || typeof saved !== 'object') return null;
  const s = saved as Partial<SavedComparison<T>>;
  if (s.year !== year || typeof s.fingerprint !== 'string' || !s.figures || typeof s.figures !== 'object') return null;
  return s.fingerprint === ledgerFingerprint(tables, ledgers) ? s.figures : null;
}

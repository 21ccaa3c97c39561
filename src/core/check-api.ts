/**
 * Types of the validation entry point (implemented in src/core/check/ — `checkWorkbooks`).
 * Adapters code against these.
 */
import type { LedgerId, LedgerTable } from './ledger';
import type { Problem } from './problem';
import type { Settings } from './settings';

export interface SheetReport {
  file: string;
  sheet: string;
  /** The ledger recognised from the header row, or null when the sheet is no ledger. */
  ledger: LedgerId | null;
  headerRow?: number;
  /** Number of data rows (not title, blank, 合计 or note rows). */
  dataRows: number;
  errors: number;
  warnings: number;
  /** Problems found beyond the per-sheet cap: counted, not listed. */
  omitted: number;
}

export interface CheckProgress {
  file: string;
  sheet: string;
  /** Sheets done so far and in all. */
  done: number;
  total: number;
}

export interface CheckOptions {
  /** At most this many problems are listed per sheet; the rest are counted (default 1000). */
  maxProblemsPerSheet?: number;
  onProgress?: (p: CheckProgress) => void;
}

export interface CheckResult {
  settings: Settings;
  sheets: SheetReport[];
  /** Every problem, in file, sheet, row, column order; file-level problems carry no sheet. */
  problems: Problem[];
  /** The recognised ledgers with normalised records, for statistics, merge and feedback. */
  tables: LedgerTable[];
}

/**
 * Types of the validation entry point (implemented in src/core/check/ — `checkWorkbooks`).
 * Adapters code against these.
 */
import type { LedgerId, LedgerTable } from './ledger';
import type { Problem } from './problem';
import type { Settings } from './settings';
import type { LedgerSchema, SchemaOverride } from './schema/types';

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
  /** User changes to the default ledger schemas (vocabularies, aliases, added columns, rules). */
  schemaOverride?: SchemaOverride;
  /** Levels per problem code set by the township (规则 of the configuration): a code set to
   *  `off` is not reported at all; `error`/`warning`/`info` replace the built-in severity (and so
   *  the counts, the rows' error flags and the CLI's exit code follow). */
  ruleLevels?: Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>;
  /** Complete schemas to use instead of the defaults (e.g. from `buildSchemas(override)`). */
  schemas?: readonly LedgerSchema[];
  /** "Today", only for warnings about dates in the future (default: the current date). Ages and
   *  periods are always computed against 31 December of the reporting year. */
  today?: Date;
  /** Normalise only: recognise the ledgers and parse every value (the cell checks that normalise
   *  run as always), but skip the row, sheet and cross-sheet rules. For consumers that read the
   *  normalised records and print no problems (`diff`, `reconcile`): the records are the same as
   *  a full check's, the problems are not complete. */
  normaliseOnly?: boolean;
  /** With `normaliseOnly`: the `name` columns of these fields are parsed when a value is first
   *  read (same value), not in the row loop (their problems are not collected). `reconcile` reads
   *  a roster's 姓名 for a few people only. */
  lazyFields?: readonly string[];
}

export interface CheckResult {
  settings: Settings;
  sheets: SheetReport[];
  /** Every problem, in file, sheet, row, column order; file-level problems carry no sheet. */
  problems: Problem[];
  /** The recognised ledgers with normalised records, for statistics, merge and feedback. */
  tables: LedgerTable[];
  /** The ledger schemas the check ran with (defaults plus the township's configuration): what
   *  the merged ledger and the records follow, so that a configured column survives. */
  schemas?: readonly LedgerSchema[];
}

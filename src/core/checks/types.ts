/**
 * The shape of a check. One check per file in this folder; the engine (src/core/check/) compiles
 * each sheet's columns to the value parsers once and runs the row checks per row, the sheet checks
 * per sheet and the cross checks over all sheets of all workbooks.
 *
 * Checks never build messages: they report a `code` and `params`; messages are rendered lazily from
 * the catalogues (src/core/messages/).
 */
import type { LedgerId, LedgerRecord } from '../ledger';
import type { CellValue } from '../model';
import type { Severity } from '../problem';
import type { ColumnSchema, ColumnType, LedgerSchema } from '../schema/types';
import type { Settings } from '../settings';

export interface CodeDef {
  code: string;
  severity: Severity;
  /** Its fix chooses between two sources of truth (性别 rewritten from the 身份证号, whose hint
   *  says 核对性别或身份证号): the proposal is marked `fixNeedsChoice` and never applied in bulk. */
  fixNeedsChoice?: boolean;
}

export type Params = Record<string, string | number>;

/** Values derived once from the settings for all checks. */
export interface CheckEnv {
  settings: Settings;
  year: number;
  /** 31 December of the reporting year as yyyymmdd. */
  yearEnd: number;
  /** 1 January of the reporting year as yyyymmdd. */
  yearStart: number;
  /** Today as yyyymmdd (only for "in the future" warnings, never for ages). */
  today: number;
  /** Latest acceptable birth date as yyyymmdd: min(today, yearEnd). */
  latestBirth: number;
  /** Registration deadline of the year as yyyymmdd. */
  deadline: number;
  villages: readonly string[];
  villageSet: ReadonlySet<string>;
  countyCodes?: ReadonlySet<string>;
  /** The workbook being checked uses the 1904 date system (serials in date columns). */
  date1904?: boolean;
}

/** What a value parser sees: the current cell, and a way to report on it. */
export interface CellCtx {
  readonly env: CheckEnv;
  readonly column: ColumnSchema;
  readonly row: number;
  /** Report a problem on the current cell. */
  report(code: string, params?: Params, fix?: CellValue): void;
  /** Optional: the ID parser hands over the 18-digit key (see SheetRecords.idKeys) of the value it
   *  returns, so that the engine need not read the ID again. */
  idKey?(hi: number, lo: number): void;
}

/** A value parser for one column type: raw (non-empty, non-error) cell → normalised FieldValue. */
export type Parser = (raw: CellValue, c: CellCtx) => string | number | boolean | null;

export interface RowCtx {
  readonly env: CheckEnv;
  readonly ledger: LedgerId;
  readonly schema: LedgerSchema;
  readonly row: number;
  /** Normalised value of a field of this row; null when empty or absent (row checks compiled
   *  with `compileRow` read by index with `valAt`). */
  get(field: string): string | number | boolean | null;
  /** Is this column present in the sheet? */
  has(field: string): boolean;
  /** Did the field's own value check raise an error (so cross-field rules should not pile on)? */
  bad(field: string): boolean;
  /** A usable value: present, non-empty and without an error. */
  ok(field: string): boolean;
  report(code: string, field: string | null, params?: Params, fix?: CellValue): void;
  /** Index-based access for compiled row checks (`compileRow`'s `index(field)`, -1 = absent). */
  okAt(k: number): boolean;
  valAt(k: number): string | number | boolean | null;
}

export interface SheetRecords {
  readonly file: string;
  readonly sheet: string;
  readonly ledger: LedgerId;
  /** Number of records (data rows). */
  readonly size: number;
  /** Excel row number of record i. */
  rowOf(i: number): number;
  /** Normalised value of a field of record i; null when empty or when the sheet has no such column. */
  value(i: number, field: string): string | number | boolean | null;
  /** The records as objects, built on first use: checks use size, rowOf and value instead (a
   *  check over 100k rows then allocates nothing per row). */
  readonly records: readonly LedgerRecord[];
  /** Village of the workbook when the sheet has no 所在村 value (file name without extension). */
  readonly fileVillage: string;
  has(field: string): boolean;
  /** Did the field of record i raise an error of its own? */
  bad(i: number, field: string): boolean;
  report(i: number, code: string, field: string | null, params?: Params, fix?: CellValue): void;
  /** Optional: the 18-digit ID key of every record of an `id` column, computed while the cell was
   *  parsed (hi = first 9 digits, lo = next 8 digits * 11 + check character; hi -1 = no key). */
  idKeys?(field: string): IdKeys | undefined;
}

export interface IdKeys {
  hi: Int32Array;
  lo: Int32Array;
}

export interface SheetCtx extends SheetRecords {
  readonly env: CheckEnv;
  readonly schema: LedgerSchema;
}

export interface CrossCtx {
  readonly env: CheckEnv;
  /** The sheets whose ledger schema lists this check. */
  readonly sheets: readonly SheetRecords[];
  /** Every recognised sheet of every workbook. */
  readonly allSheets: readonly SheetRecords[];
}

export interface Check {
  /** Rule id, referenced from a schema's `rules` (ledger-specific checks). */
  id: string;
  /** Every code the check may report. */
  codes: readonly CodeDef[];
  /** Generic checks run on every ledger; the others only when listed in the schema's rules. */
  generic?: boolean;
  /** A value type this check parses (at most one check per type). */
  type?: ColumnType;
  /** Compile a parser for one column of a sheet (called once per sheet and column). */
  parser?(column: ColumnSchema, env: CheckEnv): Parser;
  /** Fields that must be present in the sheet for row/sheet to run. */
  needs?: readonly string[];
  row?(r: RowCtx): void;
  /** Alternative to `row`: build the row function once per sheet (null = nothing to check). */
  compileRow?(schema: LedgerSchema, has: (field: string) => boolean, index: (field: string) => number): ((r: RowCtx) => void) | null;
  sheet?(s: SheetCtx): void;
  /** Runs once over all recognised sheets of all workbooks. */
  cross?(x: CrossCtx): void;
}

/**
 * The operations the task pane and the ribbon commands ask of the host (Excel). The task pane
 * receives an implementation as a prop, so the UI is tested against a fake; `src/excel/` provides
 * the real one over Office.js.
 */
import type { CheckResult } from '../core/check-api';
import type { ConfigTexts } from '../core/config/text';
import type { LedgerConfig } from '../core/config/types';
import type { Problem } from '../core/problem';
import type { Locale, Settings } from '../core/settings';
import type { ProgressCode } from './labels';

export type { ProgressCode };

export interface HostProgress {
  /** What is being worked on, rendered in the run's locale (e.g. 读取 优抚对象 / Reading 优抚对象). */
  label: string;
  done: number;
  total: number;
  /** The label as a code + params (src/excel/labels.ts), for a UI that renders its own text. */
  code?: ProgressCode;
  params?: Record<string, string>;
}

export interface RunOptions {
  onProgress?: (p: HostProgress) => void;
  /** Aborting stops the work between chunks; nothing is left half-written. */
  signal?: AbortSignal;
  /** Locale of progress labels for operations that take no Settings (applyFixes); otherwise
   *  `settings.locale` decides. Default zh-CN. */
  locale?: Locale;
}

export interface ImportFile {
  name: string;
  /** The .xlsx bytes, base64. */
  base64: string;
}

export interface ImportFileStatus {
  name: string;
  ok: boolean;
  /** Ledgers recognised in it. */
  ledgers: string[];
  errors: number;
  warnings: number;
  /** Why the file could not be read, when !ok. */
  message?: string;
}

/** What filling a user template sheet did (additive, optional in HostOps). */
export interface TemplateFillReport {
  /** Placeholders replaced. */
  filled: number;
  /** Unknown placeholders, each with a message naming the ones that exist. */
  unknown: Array<{ cell: string; placeholder: string; message: string }>;
}

/** What 年度比对 / 名单比对 wrote: the sheets, and counts for the pane (added, removed, unexplained,
 *  changed, notVerified; listed, unregistered, outsideList, villageMismatch, deceasedActive,
 *  paidAfterDeath). */
export interface CompareSummary {
  sheets: string[];
  figures: Record<string, number>;
}
/** What 统计汇总 wrote (the form sheets, the first one active) and what it counted from: the
 *  ledgers recognised and the errors among their rows. */
export interface SummarizedSheets {
  sheets: string[];
  ledgers: number;
  errors: number;
}

/** What 规范本表 did (src/excel/conform.ts). */
export interface ConformSummary {
  sheets: string[];
  columns: number;
  skipped: Array<{ sheet: string; field: string; reason: 'own-validation' | 'done' }>;
  protectedSheets: string[];
}

/** 边录入边校验 (src/excel/live.ts): an update of the problems after a change was re-checked. */
export interface LiveUpdate {
  result: CheckResult;
  /** Problems that appeared / went with this change. */
  added: number;
  removed: number;
}

export interface LiveOps {
  /** Whether it is on in this workbook (remembered in the workbook's settings). */
  isOn(): Promise<boolean>;
  /** Turn it on (remembered): reads, checks and marks the workbook, then follows every change.
   *  `ok: false` with a message where Excel cannot report changes. */
  start(settings: Settings, onUpdate: (u: LiveUpdate) => void, onError: (e: unknown) => void): Promise<{ ok: true; result: CheckResult } | { ok: false; message: string }>;
  /** Turn it off (remembered); marks stay. */
  stop(): Promise<void>;
}

export interface HostOps {
  loadSettings(): Promise<Partial<Settings>>;
  saveSettings(s: Settings): Promise<void>;
  /** Validate the whole workbook or only the active sheet, mark problem cells and write the
   *  校验结果 report sheet. */
  check(scope: 'workbook' | 'activeSheet', settings: Settings, opts?: RunOptions): Promise<CheckResult>;
  /** Activate the problem's sheet and select its cell. */
  goTo(p: Problem): Promise<void>;
  /** Apply the `fix` values of the given fixable problems; returns how many cells changed. */
  applyFixes(problems: Problem[], opts?: RunOptions): Promise<number>;
  /** Restore the values changed by the last applyFixes runs (撤销修正). */
  undoFixes(): Promise<number>;
  /** Remove every mark the add-in added, restoring previous fills (清除标记). */
  clearMarks(): Promise<number>;
  /** Write the five standard forms and 年度汇总 (统计汇总); returns the sheet names written, with
   *  (when the host knows) the ledgers found and the errors in them, so that the pane does not
   *  report plain success over wrong input or a workbook without ledgers. */
  summarize(settings: Settings, opts?: RunOptions): Promise<SummarizedSheets>;
  /** Read picked village workbooks and check them together (cross-village rules included)
   *  without leaving anything in the workbook: one status per file (ledgers recognised, error and
   *  warning counts, or why it cannot be read). Optional (added later): without it the pane
   *  imports in one step. */
  previewImport?(files: ImportFile[], settings: Settings, opts?: RunOptions): Promise<ImportFileStatus[]>;
  /** Read picked village workbooks, check them together, merge each ledger with a 来源 column. */
  importWorkbooks(files: ImportFile[], settings: Settings, opts?: RunOptions): Promise<ImportFileStatus[]>;
  /** Insert the blank standard ledger sheets (插入空白台账); returns the sheet names added. */
  insertBlankLedgers(settings: Settings): Promise<string[]>;
  /** Values of the used range's first column of a sheet (to take a village list from it). */
  readColumn(sheet: string, column: string): Promise<string[]>;
  listSheets(): Promise<string[]>;
  /** The township's vocabulary, column aliases and rule levels kept in the workbook's 词表, 列名
   *  and 规则 sheets, with any mistakes in them (optional: added later); `texts`: their rows as
   *  read, one entry a line, the entries with a mistake included. */
  loadConfig?(): Promise<{ config: LedgerConfig; issues: Problem[]; texts?: ConfigTexts }>;
  /** Write the vocabulary, aliases and rule levels into those sheets. */
  saveConfig?(c: Pick<LedgerConfig, 'vocab' | 'aliases' | 'rules'>): Promise<void>;
  /** 边录入边校验 (optional: added later). */
  live?: LiveOps;
  /** 规范本表: dropdowns, input messages and formats on the recognised ledgers (optional). */
  conform?(settings: Settings): Promise<ConformSummary>;
  /** 年度比对: last year's picked workbooks against the open one; writes the 比对_ sheets (optional). */
  compareYears?(lastYear: ImportFile[], settings: Settings, opts?: RunOptions): Promise<CompareSummary>;
  /** 名单比对: a police list and/or a death list against the open workbook (optional). */
  compareLists?(lists: { roster?: ImportFile; deceased?: ImportFile }, settings: Settings, opts?: RunOptions): Promise<CompareSummary>;
  /** Fill a user template sheet in place with the workbook's statistics (optional: added later). */
  fillTemplate?(sheet: string, settings: Settings, opts?: RunOptions): Promise<TemplateFillReport>;
}

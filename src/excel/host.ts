/**
 * The operations the task pane and the ribbon commands ask of the host (Excel). The task pane
 * receives an implementation as a prop, so the UI is tested against a fake; `src/excel/` provides
 * the real one over Office.js.
 */
import type { CheckResult } from '../core/check-api';
import type { ConfigTexts } from '../core/config/text';
import type { LedgerConfig } from '../core/config/types';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import type { ProgressCode } from './labels';

export type { ProgressCode };
// What every host's operations share (src/core/ops).
export type { HostProgress, ImportFile } from '../core/ops/port';
export type { ImportFileStatus } from '../core/ops/import';
export type { SummarizedSheets } from '../core/ops/summarize';
export type { TemplateFillReport } from '../core/ops/template';
import type { ImportFile, RunOptions as CoreRunOptions } from '../core/ops/port';

/** The operations' options as the pane gives them: its cancel button's AbortSignal (the core
 *  only asks whether it was aborted). */
export type RunOptions = Omit<CoreRunOptions, 'signal'> & { signal?: AbortSignal };
import type { ImportFileStatus } from '../core/ops/import';
import type { SummarizedSheets } from '../core/ops/summarize';
import type { TemplateFillReport } from '../core/ops/template';

/** What 年度比对 / 名单比对 wrote: the sheets, and counts for the pane (added, removed, unexplained,
 *  changed, notVerified; listed, unregistered, outsideList, villageMismatch, deceasedActive,
 *  paidAfterDeath). */
export interface CompareSummary {
  sheets: string[];
  figures: Record<string, number>;
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

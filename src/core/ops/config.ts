/**
 * The township's configuration kept in the workbook itself, in the sheets of ledgers.md §8 (设置,
 * 村名单, 词表, 列名, 规则): read with the other sheets on every run, a pure function over the
 * sheet model. A mistake in them is a problem with a link to its cell, like any.
 */
import type { CheckOptions } from '../check-api';
// (Not the config index: the pane needs no JSON parser.)
import { configCheckOptions, configSettings, withConfigIssues as withIssues } from '../config/apply';
import { readConfigSheets } from '../config/raw';
import { rawToTexts, type ConfigTexts } from '../config/text';
import type { LedgerConfig } from '../config/types';
import { validateConfig } from '../config/validate';
import type { WorkbookData } from '../model';
import type { Problem } from '../problem';
import type { Settings } from '../settings';
import type { CheckResult } from '../check-api';

export interface WorkbookConfig {
  /** Whether the workbook has any §8 sheet. */
  present: boolean;
  config: LedgerConfig;
  /** Mistakes in the §8 sheets, as problems located by sheet and cell. */
  issues: Problem[];
  /** The 词表, 列名 and 规则 rows as read, mistakes included (for the settings view). */
  texts: ConfigTexts;
  settings: Partial<Settings>;
  checkOptions: Pick<CheckOptions, 'schemaOverride' | 'ruleLevels'>;
}

/** The configuration in sheets already read (a pure function over the sheet model). */
export function configFromWorkbook(data: WorkbookData): WorkbookConfig {
  const raw = readConfigSheets(data.file, data.sheets, { standalone: false });
  const r = validateConfig(raw);
  return { present: raw.present.length > 0, config: r.config, issues: r.issues, texts: rawToTexts(raw), settings: configSettings(r.config), checkOptions: configCheckOptions(r.config) };
}

/** `settings` with what the workbook's 设置 and 村名单 sheets say laid over it. */
export function withWorkbookSettings(settings: Settings, wc: WorkbookConfig): Settings {
  return { ...settings, ...wc.settings };
}

/** A mistake in the configuration sheets is listed (and marked) like any problem. */
export function withConfigIssues(result: CheckResult, wc: WorkbookConfig): CheckResult {
  return withIssues(result, wc.issues);
}

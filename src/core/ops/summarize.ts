/**
 * 统计汇总: the statistics of the checked ledgers (with the police list compared last, when it is
 * of the same year), the five standard forms and 年度汇总, written as sheets. The pure part
 * (`summaryForms`) is what the CLI's `ledger summarize` writes too.
 */
import type { CheckResult } from '../check-api';
import { withComparison, type RosterResult, type YoyResult } from '../compare';
import { buildForms } from '../forms/build';
import type { FormSheet } from '../forms/types';
import { formLayout } from '../layout/form';
import type { Settings } from '../settings';
import { computeStatistics } from '../stats/compute';
import type { Statistics } from '../stats/types';
import { readAndCheck, progressOf } from './check';
import { throwIfAborted } from './errors';
import type { RunOptions, SheetPort } from './port';

/** What a summary is compared with: the police list (兵役登记 denominators), last year's ledgers. */
export interface ComparisonInputs {
  roster?: RosterResult;
  yoy?: YoyResult;
}

/** The key under which a host keeps the police list compared last (年度比对 / 名单比对). */
export const ROSTER_KEY = 'shuangyong.roster';

/** What is kept of that list: enough for the 兵役登记统计表's denominators. */
export type SavedRoster = Pick<RosterResult, 'file' | 'listed' | 'villages'> & { year?: number };

export interface SummaryForms {
  stats: Statistics;
  forms: FormSheet[];
  /** Errors in the input (the forms say so). */
  errors: number;
}

/** Statistics and forms of a check result, with what was compared (police list, last year). */
export function summaryForms(result: CheckResult, settings: Settings, comparison?: ComparisonInputs): SummaryForms {
  const computed = computeStatistics(result.tables, settings);
  const stats = comparison && (comparison.roster || comparison.yoy) ? withComparison(computed, comparison) : computed;
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  return { stats, forms: buildForms(stats, settings, { inputErrors: errors, locale: settings.locale }), errors };
}

/** The roster kept by the host, when it is usable for this year. */
export function rosterOf(saved: SavedRoster | null, year: number): ComparisonInputs | undefined {
  if (!saved || saved.year !== year || !Array.isArray(saved.villages)) return undefined;
  return { roster: { file: saved.file, listed: saved.listed, villages: saved.villages, people: [] } };
}

/** The sheet names written; `ledgers` and `errors` describe the input. */
export type SummarizedSheets = string[] & { ledgers?: number; errors?: number };

/** 统计汇总 on a workbook: read, check, compute, write the forms (all of them, or — cancelled
 *  before writing — none). */
export async function runSummarize(port: SheetPort, settings: Settings, opts: RunOptions = {}): Promise<SummarizedSheets> {
  const { result } = await readAndCheck(port, settings, opts);
  // The settings as the workbook's 设置 sheet says (township, year…), as the CLI reads them.
  const used = result.settings;
  const saved = await port.getValue<SavedRoster>(ROSTER_KEY);
  const { forms, errors } = summaryForms(result, used, rosterOf(saved, used.year));
  throwIfAborted(opts.signal);
  const progress = progressOf(opts, settings.locale);
  const sheets = await port.writeSheets(forms.map(formLayout), {
    refuseProtected: true,
    activate: forms[0]?.name,
    onProgress: (p) => progress('write', { sheet: p.label }, p.done, p.total),
  });
  return Object.assign(sheets, { ledgers: result.tables.length, errors });
}

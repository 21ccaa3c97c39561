/**
 * 统计汇总: the statistics of the checked ledgers (with the figures of the comparisons run earlier
 * in the workbook that still apply), the five standard forms and 年度汇总, written as sheets. The
 * pure part (`summaryForms`) is what the CLI's `ledger summarize` writes too.
 */
import type { CheckResult } from '../check-api';
import { ROSTER_LEDGERS, YOY_LEDGERS, savedFigures, withComparison, type RosterFigures, type RosterResult, type YoyResult, type YoyTally } from '../compare';
import { buildForms } from '../forms/build';
import type { FormSheet } from '../forms/types';
import { formLayout } from '../layout/form';
import type { LedgerTable } from '../ledger';
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
  return formsOf(stats, result, settings);
}

function formsOf(stats: Statistics, result: CheckResult, settings: Settings): SummaryForms {
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  return { stats, forms: buildForms(stats, settings, { inputErrors: errors, locale: settings.locale }), errors };
}

/** Keys under which a host keeps the figures of the comparisons run in the workbook: the police
 *  list compared last (名单比对, a `SavedComparison<RosterFigures>`) and the last 年度比对's counts
 *  (a `SavedComparison<YoyTally>`). */
export const ROSTER_KEY = 'shuangyong.roster';
export const YOY_KEY = 'shuangyong.yoy';

/**
 * The statistics with the figures of the comparisons run earlier in this workbook, those that still
 * apply: same year, and the ledgers they read unchanged since (any edit, added or deleted row of
 * 优抚对象/安置/共建对子/兵役登记 drops the year-over-year counts; of 兵役登记 the list figures).
 * Figures that do not apply show "—" (and the 兵役登记统计表 counts against the roster alone).
 */
export async function withSavedComparisons(port: SheetPort, stats: Statistics, tables: LedgerTable[]): Promise<Statistics> {
  const saved = await port.getValues([YOY_KEY, ROSTER_KEY]);
  const t = savedFigures<YoyTally>(saved[YOY_KEY] ?? null, stats.year, tables, YOY_LEDGERS);
  const l = savedFigures<RosterFigures>(saved[ROSTER_KEY] ?? null, stats.year, tables, ROSTER_LEDGERS);
  const tally = t && Array.isArray(t.counts) ? t : undefined;
  const list = l && Array.isArray(l.villages) ? l : undefined;
  return tally || list ? withComparison(stats, { yoy: tally, roster: list }) : stats;
}

/** What 统计汇总 wrote (the form sheets, the first one active) and what it counted from: the
 *  ledgers recognised and the errors among their rows. */
export interface SummarizedSheets {
  sheets: string[];
  ledgers: number;
  errors: number;
}

/** 统计汇总 on a workbook: read, check, compute, write the forms (all of them, or — cancelled
 *  before writing — none). */
export async function runSummarize(port: SheetPort, settings: Settings, opts: RunOptions = {}): Promise<SummarizedSheets> {
  const { result } = await readAndCheck(port, settings, opts);
  // The settings as the workbook's 设置 sheet says (township, year…), as the CLI reads them.
  const used = result.settings;
  const stats = await withSavedComparisons(port, computeStatistics(result.tables, used), result.tables);
  const { forms, errors } = formsOf(stats, result, used);
  throwIfAborted(opts.signal);
  const progress = progressOf(opts, settings.locale);
  const sheets = await port.writeSheets(forms.map(formLayout), {
    refuseProtected: true,
    activate: forms[0]?.name,
    onProgress: (p) => progress('write', { sheet: p.label }, p.done, p.total),
  });
  return { sheets, ledgers: result.tables.length, errors };
}

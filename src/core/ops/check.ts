/**
 * 校验: read the workbook, check it with the configuration its own §8 sheets hold, mark the problem
 * cells and write the 校验结果 report — the same pipeline on every host (src/core/ops/port.ts).
 */
import type { CheckOptions, CheckResult } from '../check-api';
import { checkWorkbooks } from '../check/check-workbooks';
import { markLayout } from '../layout/marks';
import { reportLayout } from '../layout/report';
import { renderMessage } from '../messages/render';
import type { WorkbookData } from '../model';
import type { Problem } from '../problem';
import type { Locale, Settings } from '../settings';
import { configFromWorkbook, withConfigIssues, withWorkbookSettings } from './config';
import { structureError, throwIfAborted } from './errors';
import { progressLabel, type ProgressCode } from './labels';
import type { MarkOutcome, ReadSheets, RunOptions, SheetPort } from './port';

/** Progress in the run's locale, with its code and params (labels.ts). */
export function progressOf(opts: RunOptions, locale: Locale | undefined) {
  return (code: ProgressCode, params: Record<string, string>, done: number, total: number) =>
    opts.onProgress?.({ label: progressLabel(opts.locale ?? locale, code, params), code, params, done, total });
}

/** A local time as 2026-11-29 10:00 (report titles). */
export function localeDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The result narrowed to one sheet (problems, reports and tables). */
export function onlySheet(result: CheckResult, sheet: string): CheckResult {
  return {
    settings: result.settings,
    sheets: result.sheets.filter((s) => s.sheet === sheet),
    problems: result.problems.filter((p) => p.sheet === sheet),
    tables: result.tables.filter((t) => t.sheet === sheet),
  };
}

/**
 * Check `books` with the configuration the workbook's §8 sheets hold (`configSheets`: the sheets
 * as read, the ones that are not §8 ignored) laid over `settings` — how every operation checks.
 * With `listIssues`, mistakes in the §8 sheets are listed as problems too (校验 reports them).
 */
export function checkConfigured(
  books: readonly WorkbookData[],
  configSheets: WorkbookData,
  settings: Settings,
  o: { onProgress?: CheckOptions['onProgress']; listIssues?: boolean } = {},
): CheckResult {
  return checkWith(books, configFromWorkbook(configSheets), settings, o);
}

function checkWith(books: readonly WorkbookData[], wc: ReturnType<typeof configFromWorkbook>, settings: Settings, o: { onProgress?: CheckOptions['onProgress']; listIssues?: boolean }): CheckResult {
  const result = checkWorkbooks(books, withWorkbookSettings(settings, wc), { ...wc.checkOptions, onProgress: o.onProgress });
  return o.listIssues ? withConfigIssues(result, wc) : result;
}

/**
 * Read the workbook (or the sheets named) and check it with the configuration of its §8 sheets
 * over `settings`. A workbook whose structure is protected is refused (the report needs a sheet).
 */
/** Reads the sheets and checks them (checkConfigured, the §8 sheets listed as problems); also gives
 *  the check options the workbook's 词表/列名/规则 make, for other books read alongside. */
export async function readAndCheck(port: SheetPort, settings: Settings, opts: RunOptions, sheets?: string[]): Promise<{ read: ReadSheets; result: CheckResult; checkOptions: CheckOptions }> {
  const progress = progressOf(opts, settings.locale);
  const read = await port.readSheets({
    sheets,
    signal: opts.signal,
    onProgress: (p) => progress('read', { sheet: p.label }, p.done, p.total),
  });
  // Refused before checking: the check of a whole workbook would be wasted.
  if (read.structureProtected) throw structureError();
  const wc = configFromWorkbook(read.data);
  const result = checkWith([read.data], wc, settings, {
    onProgress: (p) => progress('check', { sheet: p.sheet }, p.done, p.total),
    listIssues: true,
  });
  return { read, result, checkOptions: wc.checkOptions };
}

export interface MarkAndReportOptions extends RunOptions {
  /** The report's title line. */
  title: string;
  /** The note of each marked cell (default: the core's note, message and 怎么改). */
  render?: (p: Problem) => string;
  /** Whether a problem's sheet can be linked to (default: every sheet). */
  linkable?: (sheet: string) => boolean;
  /** Problems counted but not listed (the per-sheet cap); default from the result. */
  omitted?: number;
}

/** The lines above the report that say what marking could not do. */
export function markNotes(m: MarkOutcome): string[] {
  const notes: string[] = [];
  if (m.protectedSheets.length) notes.push(`工作表“${m.protectedSheets.join('、')}”受保护，未标记单元格（问题仍列于下表）`);
  if (m.noteMode === 'none') notes.push('当前 Excel 不支持批注，问题说明只列于本表');
  if (m.commentsBlocked) notes.push('部分单元格已有注释（批注），其后的问题说明只列于本表');
  return notes;
}

/**
 * Mark the problems and write the report. Cancellation is atomic: honoured before anything is
 * written and while marking (the port then removes this run's marks); once the marks are
 * written, the report is always written with them — never fills without their 校验结果 sheet.
 */
export async function markAndReport(port: SheetPort, result: CheckResult, settings: Settings, opts: MarkAndReportOptions): Promise<MarkOutcome> {
  const render = opts.render ?? ((p: Problem) => renderMessage(p, settings.locale));
  const progress = progressOf(opts, settings.locale);
  throwIfAborted(opts.signal);
  const m = await port.markCells(markLayout(result.problems, settings.locale, opts.render ? render : undefined), {
    signal: opts.signal,
    onProgress: (p) => progress('mark', {}, p.done, p.total),
  });
  progress('report', {}, 0, 1);
  const layout = reportLayout(result.problems, {
    locale: settings.locale,
    render,
    title: opts.title,
    notes: markNotes(m),
    omitted: opts.omitted ?? result.sheets.reduce((a, s) => a + s.omitted, 0),
    linkable: opts.linkable,
  });
  await port.writeSheets([layout], { activate: layout.name });
  return m;
}

/**
 * 校验: the whole workbook is read and checked (cross-sheet rules need every ledger); with scope
 * 'activeSheet' only that sheet's problems are marked and listed.
 */
export async function runCheck(
  port: SheetPort,
  scope: 'workbook' | 'activeSheet',
  settings: Settings,
  opts: RunOptions & { render?: (p: Problem) => string; now?: Date } = {},
): Promise<{ result: CheckResult; marks: MarkOutcome }> {
  const { read, result } = await readAndCheck(port, settings, opts);
  const shown = scope === 'activeSheet' ? onlySheet(result, read.active) : result;
  const title = `校验结果（${scope === 'activeSheet' ? read.active : read.data.file}，${localeDate(opts.now ?? new Date())}）`;
  const marks = await markAndReport(port, shown, settings, { ...opts, title });
  return { result: shown, marks };
}

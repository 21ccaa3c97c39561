/**
 * `createExcelHost()`: the HostOps the task pane and the ribbon commands use, over Office.js.
 * Every operation is one `Excel.run`; see docs/excel.md for the syncs each takes.
 */
import { checkWorkbooks, renderMessage, resolveSettings } from '../core';
import type { CheckResult } from '../core/check-api';
import { buildForms } from '../core/forms';
import type { WorkbookData } from '../core/model';
import type { Problem } from '../core/problem';
import type { Locale, Settings } from '../core/settings';
import { computeStatistics } from '../core/stats';
import { SETTINGS_KEY, colLetters, excelRun, isOwnSheet, lettersToIndex, queueStructureProtection, structureError, throwIfAborted, toHostError } from './common';
import { applyFixes, undoFixes } from './fix';
import { type TemplateFillReport, fillTemplateSheet, writeForms } from './forms';
import type { HostOps, ImportFile, RunOptions } from './host';
import { type InsertedFile, booksAsInFiles, inWorkbook, insertFiles, statusesOf, writeMergedSheets } from './import';
import { type NoteMode, clearMarks, detectNoteMode, markProblems } from './mark';
import { readWorkbook } from './read';
import { compareLists, compareYears, withSavedComparisons } from './compare';
import { writeReport } from './report';
import { insertBlankLedgers } from './blank';
import { withConfigIssues as withIssues } from '../core/config/apply';
import { configFromWorkbook, loadWorkbookConfig, saveConfigSheets, saveSettingsSheets, withWorkbookSettings, type WorkbookConfig } from './config';
import { clearConform, conformSheets } from './conform';
import { LIVE_KEY, LiveSession, saveLiveSetting } from './live';
import { type ProgressCode, progressLabel } from './labels';

/** What the last check/import did besides its result (for the pane's status line). */
export interface LastRunInfo {
  marked: number;
  protectedSheets: string[];
  noteMode: NoteMode;
}

export interface ExcelHost extends HostOps {
  /** Fill a user template sheet in place with the workbook's statistics. */
  fillTemplate(sheet: string, settings: Settings, opts?: RunOptions): Promise<TemplateFillReport>;
  /** Details of the last check or import (marks made, sheets skipped because protected). */
  lastRun(): LastRunInfo | null;
}

function localeDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function onlySheet(result: CheckResult, sheet: string): CheckResult {
  return {
    settings: result.settings,
    sheets: result.sheets.filter((s) => s.sheet === sheet),
    problems: result.problems.filter((p) => p.sheet === sheet),
    tables: result.tables.filter((t) => t.sheet === sheet),
  };
}

/** Progress in the run's locale, with its code and params (see labels.ts). */
function progressOf(opts: RunOptions, locale: Locale | undefined) {
  return (code: ProgressCode, params: Record<string, string>, done: number, total: number) =>
    opts.onProgress?.({ label: progressLabel(opts.locale ?? locale, code, params), code, params, done, total });
}

/** Queue the deletion of sheets this run inserted (a very hidden one must be made visible first). */
function removeSheets(ctx: Excel.RequestContext, names: string[]): void {
  for (const n of names) {
    const ws = ctx.workbook.worksheets.getItem(n);
    ws.visibility = 'Visible';
    ws.delete();
  }
}

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toHostError(e);
  }
}

/** A mistake in the configuration sheets is listed (and marked) like any problem. */
function withConfigIssues(result: CheckResult, wc: WorkbookConfig): CheckResult {
  return withIssues(result, wc.issues);
}

export function createExcelHost(): ExcelHost {
  let last: LastRunInfo | null = null;
  /** 边录入边校验, while on: the add-in's own writes run through `own` (never re-checked). */
  let live: LiveSession | null = null;
  const own = <T,>(f: () => Promise<T>): Promise<T> => (live ? live.own(f) : f());

  /** Mark the problems and write the report, in the same Excel.run as the read. */
  /**
   * Cancellation is atomic: honoured before anything is written and while marking (markProblems
   * then removes this run's marks and a record sheet it created — only while no earlier marks
   * have been cleared); once the marks are written, the report is always written with them, so
   * there are never fills without their 校验结果 sheet.
   */
  async function markAndReport(ctx: Excel.RequestContext, result: CheckResult, settings: Settings, opts: RunOptions, title: string): Promise<void> {
    const render = (p: Problem) => renderMessage(p, settings.locale);
    const progress = progressOf(opts, settings.locale);
    throwIfAborted(opts.signal);
    const m = await markProblems(ctx, result.problems, {
      render,
      signal: opts.signal,
      onProgress: (p) => progress('mark', {}, p.done, p.total),
    });
    last = { marked: m.marked, protectedSheets: m.protectedSheets, noteMode: m.mode };
    const notes: string[] = [];
    if (m.protectedSheets.length) notes.push(`工作表“${m.protectedSheets.join('、')}”受保护，未标记单元格（问题仍列于下表）`);
    if (m.mode === 'none') notes.push('当前 Excel 不支持批注，问题说明只列于本表');
    if (m.commentsBlocked) notes.push('部分单元格已有注释（批注），其后的问题说明只列于本表');
    progress('report', {}, 0, 1);
    await writeReport(ctx, result, { render, notes, title });
  }

  async function readAndCheck(ctx: Excel.RequestContext, settings: Settings, opts: RunOptions, sheets?: string[]) {
    const progress = progressOf(opts, settings.locale);
    const read = await readWorkbook(ctx, {
      scope: 'workbook',
      sheets,
      signal: opts.signal,
      onProgress: (p) => progress('read', { sheet: p.label }, p.done, p.total),
    });
    // The township's configuration sheets (设置, 村名单, 词表, 列名, 规则), read on every run.
    const wc = configFromWorkbook(read.data);
    const result = withConfigIssues(
      checkWorkbooks([read.data], withWorkbookSettings(settings, wc), {
        ...wc.checkOptions,
        onProgress: (p) => progress('check', { sheet: p.sheet }, p.done, p.total),
      }),
      wc,
    );
    if (read.structureProtected) throw structureError();
    return { read, result };
  }

  /**
   * Insert the files' sheets (their names pushed onto `added` as they come), read them and check
   * them together. `result` is null when no file could be inserted.
   */
  async function insertAndCheck(ctx: Excel.RequestContext, files: ImportFile[], settings: Settings, opts: RunOptions, added: string[]) {
    const structure = queueStructureProtection(ctx);
    await ctx.sync();
    if (structure.protected) throw structureError();
    const progress = progressOf(opts, settings.locale);
    let i = 0;
    const inserted = await insertFiles(ctx, files, opts.signal, (n) => added.push(...n), (f) => progress('insert', { file: f }, i++, files.length), settings.locale);
    const names = inserted.flatMap((f) => f.sheets);
    if (!names.length) return { inserted, result: null };
    const read = await readWorkbook(ctx, {
      scope: 'workbook',
      sheets: names,
      signal: opts.signal,
      onProgress: (p) => progress('read', { sheet: p.label }, p.done, p.total),
    });
    // Checked as the files are (their own sheet names), as the CLI checks them.
    const books: WorkbookData[] = booksAsInFiles(inserted, read.data.sheets);
    const wc = await loadWorkbookConfig(ctx);
    const result = checkWorkbooks(books, withWorkbookSettings(settings, wc), {
      ...wc.checkOptions,
      onProgress: (p) => progress('checkFile', { file: p.file, sheet: p.sheet }, p.done, p.total),
    });
    throwIfAborted(opts.signal);
    return { inserted, result };
  }

  const host: ExcelHost = {
    loadSettings: () =>
      guarded(() =>
        excelRun(async (ctx) => {
          const s = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
          s.load('value');
          await ctx.sync();
          const stored = !s.isNullObject && s.value && typeof s.value === 'object' ? (s.value as Partial<Settings>) : {};
          // The 设置 / 村名单 sheets win: they may have been edited in Excel since.
          return { ...stored, ...(await loadWorkbookConfig(ctx)).settings };
        }),
      ),

    saveSettings: (s) =>
      guarded(() =>
        excelRun(async (ctx) => {
          ctx.workbook.settings.add(SETTINGS_KEY, JSON.parse(JSON.stringify(s)));
          await ctx.sync();
          await saveSettingsSheets(ctx, s);
        }),
      ),

    loadConfig: () =>
      guarded(() =>
        excelRun(async (ctx) => {
          const wc = await loadWorkbookConfig(ctx);
          return { config: wc.config, issues: wc.issues, texts: wc.texts };
        }),
      ),

    saveConfig: (c) => guarded(() => excelRun((ctx) => saveConfigSheets(ctx, c))),

    check: (scope, settings, opts = {}) =>
      own(() => guarded(() =>
        excelRun(async (ctx) => {
          // Cross-sheet rules (对子编号 ∈ 共建对子…) need every ledger, so the whole workbook is read
          // and checked; with scope 'activeSheet' only that sheet's problems are marked and listed.
          const { read, result } = await readAndCheck(ctx, settings, opts);
          const shown = scope === 'activeSheet' ? onlySheet(result, read.active) : result;
          await markAndReport(ctx, shown, settings, opts, `校验结果（${scope === 'activeSheet' ? read.active : read.data.file}，${localeDate(new Date())}）`);
          return shown;
        }),
      )),

    goTo: (p) =>
      guarded(() =>
        excelRun(async (ctx) => {
          if (!p.sheet) return;
          const ws = ctx.workbook.worksheets.getItem(p.sheet);
          ws.activate();
          ws.getRange(p.cell ?? `A${p.row ?? 1}`).select();
          await ctx.sync();
        }),
      ),

    applyFixes: (problems, opts = {}) =>
      own(() => guarded(() =>
        excelRun(async (ctx) => {
          const progress = progressOf(opts, undefined);
          return (await applyFixes(ctx, problems, { signal: opts.signal, onProgress: (p) => progress('fix', {}, p.done, p.total) })).changed;
        }),
      )),

    undoFixes: () => own(() => guarded(() => excelRun(async (ctx) => (await undoFixes(ctx)).changed))),

    // 清除标记 also undoes 规范本表 (dropdowns, input messages, formats).
    clearMarks: () =>
      own(() =>
        guarded(() =>
          excelRun(async (ctx) => {
            const cleared = (await clearMarks(ctx)).cleared;
            return cleared + (await clearConform(ctx)).restored;
          }),
        ),
      ),

    conform: (settings) => own(() => guarded(() => excelRun((ctx) => conformSheets(ctx, settings)))),

    live: {
      isOn: () =>
        guarded(() =>
          excelRun(async (ctx) => {
            const s = ctx.workbook.settings.getItemOrNullObject(LIVE_KEY);
            s.load('value');
            await ctx.sync();
            return !s.isNullObject && s.value === true;
          }),
        ),
      start: (settings, onUpdate, onError) =>
        guarded(async () => {
          await live?.stop();
          const session = new LiveSession({
            settings,
            render: (p) => renderMessage(p, settings.locale),
            onUpdate: (u) => onUpdate({ result: { settings, sheets: [...u.sheets], problems: [...u.problems], tables: [] }, added: u.added.length, removed: u.removed.length }),
            onError: (e) => onError(toHostError(e)),
          });
          const r = await session.start();
          if (!r.ok) return r;
          live = session;
          await excelRun((ctx) => saveLiveSetting(ctx, true));
          const st = session.current();
          return { ok: true as const, result: { settings, sheets: [...st.sheets], problems: [...st.problems], tables: [] } };
        }),
      stop: () =>
        guarded(async () => {
          const s = live;
          live = null;
          await s?.stop();
          await excelRun((ctx) => saveLiveSetting(ctx, false));
        }),
    },

    summarize: (settings, opts = {}) =>
      guarded(() =>
        excelRun(async (ctx) => {
          const { result } = await readAndCheck(ctx, settings, opts);
          // The settings as the workbook's 设置 sheet says (township, year…), as the CLI reads them.
          const used = result.settings;
          // With the figures of a 年度比对/名单比对 run earlier that still apply (src/excel/compare.ts).
          const stats = await withSavedComparisons(ctx, computeStatistics(result.tables, used), result.tables);
          const errors = result.problems.filter((p) => p.severity === 'error').length;
          const forms = buildForms(stats, used, { inputErrors: errors, locale: used.locale });
          throwIfAborted(opts.signal);
          // Once writing starts the forms are written together (cancel is honoured before it).
          const w = await writeForms(ctx, forms, {
            onProgress: (p) => progressOf(opts, settings.locale)('write', { sheet: p.label }, p.done, p.total),
          });
          return { sheets: w.sheets, ledgers: result.tables.length, errors };
        }),
      ),

    fillTemplate: (sheet, settings, opts = {}) =>
      guarded(() =>
        excelRun(async (ctx) => {
          const read = await readWorkbook(ctx, { scope: 'workbook', signal: opts.signal });
          const data: WorkbookData = { ...read.data, sheets: read.data.sheets.filter((s) => s.name !== sheet) };
          const wc = configFromWorkbook(read.data);
          const result = checkWorkbooks([data], withWorkbookSettings(settings, wc), wc.checkOptions);
          const stats = await withSavedComparisons(ctx, computeStatistics(result.tables, result.settings), result.tables);
          return fillTemplateSheet(ctx, sheet, stats, { locale: settings.locale });
        }),
      ),

    compareYears: (files: ImportFile[], settings, opts = {}) => guarded(() => excelRun((ctx) => compareYears(ctx, files, settings, opts))),

    compareLists: (lists, settings, opts = {}) =>
      guarded(() => excelRun(async (ctx) => {
        const { sheets, figures } = await compareLists(ctx, lists, settings, opts);
        return { sheets, figures };
      })),

    previewImport: (files: ImportFile[], settings, opts = {}) =>
      guarded(() =>
        excelRun(async (ctx) => {
          // Insert, read and check together, then take every inserted sheet out again — whatever
          // happens (cancel, failure): the workbook is left as it was.
          const added: string[] = [];
          try {
            const { inserted, result } = await insertAndCheck(ctx, files, settings, opts, added);
            return statusesOf(inserted, result);
          } finally {
            if (added.length) {
              removeSheets(ctx, added);
              await ctx.sync();
            }
          }
        }),
      ),

    importWorkbooks: (files: ImportFile[], settings, opts = {}) =>
      guarded(() =>
        excelRun(async (ctx) => {
          // Until the check is done, cancelling takes the inserted sheets out again; after it, the
          // marks, the report and the merged sheets are written together (cancel is not honoured).
          const added: string[] = [];
          let inserted: InsertedFile[];
          let result: CheckResult | null;
          try {
            ({ inserted, result } = await insertAndCheck(ctx, files, settings, opts, added));
            throwIfAborted(opts.signal);
          } catch (e) {
            if ((e as Error).name === 'AbortError' && added.length) {
              removeSheets(ctx, added);
              await ctx.sync();
            }
            throw e;
          }
          if (!result) return statusesOf(inserted, null);
          const progress = progressOf(opts, settings.locale);
          await markAndReport(ctx, inWorkbook(result, inserted), settings, { onProgress: opts.onProgress, locale: opts.locale }, `导入校验结果（${files.length} 个文件，${localeDate(new Date())}）`);
          progress('merge', {}, 0, 1);
          await writeMergedSheets(ctx, result);
          // The report is the sheet the user should see first.
          ctx.workbook.worksheets.getItem('校验结果').activate();
          await ctx.sync();
          return statusesOf(inserted, result);
        }),
      ),

    insertBlankLedgers: (settings) =>
      guarded(() =>
        excelRun(async (ctx) => {
          const structure = queueStructureProtection(ctx);
          await ctx.sync();
          if (structure.protected) throw structureError();
          return insertBlankLedgers(ctx, settings, detectNoteMode());
        }),
      ),

    readColumn: (sheet, column) =>
      guarded(() =>
        excelRun(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(sheet);
          const used = ws.getUsedRangeOrNullObject(true);
          used.load('rowIndex,columnIndex,rowCount,columnCount');
          await ctx.sync();
          if (used.isNullObject) return [];
          let col = used.columnIndex;
          let fromRow = used.rowIndex;
          const letter = /^[A-Za-z]{1,3}$/.test(column) ? lettersToIndex(column) : -1;
          if (letter >= 0) col = letter;
          else if (column) {
            // A header name: find it in the first rows, take the cells below it.
            const head = ws.getRangeByIndexes(used.rowIndex, used.columnIndex, Math.min(10, used.rowCount), used.columnCount);
            head.load('values');
            await ctx.sync();
            const want = column.replace(/\s/g, '');
            head.values.some((row, i) =>
              row.some((v, j) => {
                if (String(v).replace(/\s/g, '') !== want) return false;
                col = used.columnIndex + j;
                fromRow = used.rowIndex + i + 1;
                return true;
              }),
            );
          }
          const last = used.rowIndex + used.rowCount - 1;
          if (last < fromRow) return [];
          const r = ws.getRange(`${colLetters(col)}${fromRow + 1}:${colLetters(col)}${last + 1}`);
          r.load('values');
          await ctx.sync();
          return r.values.map((x) => String(x[0] ?? '').trim()).filter(Boolean);
        }),
      ),

    listSheets: () =>
      guarded(() =>
        excelRun(async (ctx) => {
          const ws = ctx.workbook.worksheets;
          ws.load('items/name,items/visibility');
          await ctx.sync();
          return ws.items.filter((w) => w.visibility === 'Visible' && !isOwnSheet(w.name)).map((w) => w.name);
        }),
      ),

    lastRun: () => last,
  };
  return host;
}

/** Settings to use outside the pane (ribbon): the workbook's, over the defaults. */
export async function workbookSettings(host: HostOps): Promise<Settings> {
  return resolveSettings(await host.loadSettings());
}

/**
 * `createExcelHost()`: the HostOps the task pane and the ribbon commands use, over Office.js.
 * Every operation is one `Excel.run`; see docs/excel.md for the syncs each takes.
 */
import { checkWorkbooks, renderMessage, resolveSettings } from '../core';
import type { CheckResult } from '../core/check-api';
import { buildForms } from '../core/forms';
import type { WorkbookData } from '../core/model';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import { computeStatistics } from '../core/stats';
import { SETTINGS_KEY, colLetters, isOwnSheet, lettersToIndex, queueStructureProtection, structureError, throwIfAborted, toHostError } from './common';
import { applyFixes, undoFixes } from './fix';
import { type TemplateFillReport, fillTemplateSheet, writeForms } from './forms';
import type { HostOps, ImportFile, ImportFileStatus, RunOptions } from './host';
import { insertFiles, writeMergedSheets } from './import';
import { type NoteMode, clearMarks, detectNoteMode, markProblems, rollbackMarks } from './mark';
import { readWorkbook } from './read';
import { writeReport } from './report';
import { insertBlankLedgers } from './blank';

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

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toHostError(e);
  }
}

export function createExcelHost(): ExcelHost {
  let last: LastRunInfo | null = null;

  /** Mark the problems and write the report, in the same Excel.run as the read. */
  async function markAndReport(ctx: Excel.RequestContext, result: CheckResult, settings: Settings, opts: RunOptions, title: string): Promise<void> {
    const render = (p: Problem) => renderMessage(p, settings.locale);
    throwIfAborted(opts.signal);
    const m = await markProblems(ctx, result.problems, {
      render,
      signal: opts.signal,
      onProgress: (p) => opts.onProgress?.({ label: '标记问题单元格', done: p.done, total: p.total }),
    });
    last = { marked: m.marked, protectedSheets: m.protectedSheets, noteMode: m.mode };
    const notes: string[] = [];
    if (m.protectedSheets.length) notes.push(`工作表“${m.protectedSheets.join('、')}”受保护，未标记单元格（问题仍列于下表）`);
    if (m.mode === 'none') notes.push('当前 Excel 不支持批注，问题说明只列于本表');
    if (opts.signal?.aborted) {
      // Cancelled after the marks, before the report: take this run's marks back.
      await rollbackMarks(ctx);
      throwIfAborted(opts.signal);
    }
    await writeReport(ctx, result, { render, notes, title });
  }

  async function readAndCheck(ctx: Excel.RequestContext, settings: Settings, opts: RunOptions, sheets?: string[]) {
    const read = await readWorkbook(ctx, {
      scope: 'workbook',
      sheets,
      signal: opts.signal,
      onProgress: (p) => opts.onProgress?.({ label: `读取 ${p.label}`, done: p.done, total: p.total }),
    });
    const result = checkWorkbooks([read.data], settings, {
      onProgress: (p) => opts.onProgress?.({ label: `校验 ${p.sheet}`, done: p.done, total: p.total }),
    });
    if (read.structureProtected) throw structureError();
    return { read, result };
  }

  const host: ExcelHost = {
    loadSettings: () =>
      guarded(() =>
        Excel.run(async (ctx) => {
          const s = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
          s.load('value');
          await ctx.sync();
          return !s.isNullObject && s.value && typeof s.value === 'object' ? (s.value as Partial<Settings>) : {};
        }),
      ),

    saveSettings: (s) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          ctx.workbook.settings.add(SETTINGS_KEY, JSON.parse(JSON.stringify(s)));
          await ctx.sync();
        }),
      ),

    check: (scope, settings, opts = {}) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          // Cross-sheet rules (对子编号 ∈ 共建对子…) need every ledger, so the whole workbook is read
          // and checked; with scope 'activeSheet' only that sheet's problems are marked and listed.
          const { read, result } = await readAndCheck(ctx, settings, opts);
          const shown = scope === 'activeSheet' ? onlySheet(result, read.active) : result;
          await markAndReport(ctx, shown, settings, opts, `校验结果（${scope === 'activeSheet' ? read.active : read.data.file}，${localeDate(new Date())}）`);
          return shown;
        }),
      ),

    goTo: (p) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          if (!p.sheet) return;
          const ws = ctx.workbook.worksheets.getItem(p.sheet);
          ws.activate();
          ws.getRange(p.cell ?? `A${p.row ?? 1}`).select();
          await ctx.sync();
        }),
      ),

    applyFixes: (problems, opts = {}) => guarded(() => Excel.run(async (ctx) => (await applyFixes(ctx, problems, opts)).changed)),

    undoFixes: () => guarded(() => Excel.run(async (ctx) => (await undoFixes(ctx)).changed)),

    clearMarks: () => guarded(() => Excel.run(async (ctx) => (await clearMarks(ctx)).cleared)),

    summarize: (settings, opts = {}) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          const { result } = await readAndCheck(ctx, settings, opts);
          const stats = computeStatistics(result.tables, settings);
          const errors = result.problems.filter((p) => p.severity === 'error').length;
          const forms = buildForms(stats, settings, { inputErrors: errors, locale: settings.locale });
          throwIfAborted(opts.signal);
          // Once writing starts the forms are written together (cancel is honoured before it).
          const w = await writeForms(ctx, forms, {
            onProgress: (p) => opts.onProgress?.({ label: `写入 ${p.label}`, done: p.done, total: p.total }),
          });
          return w.sheets;
        }),
      ),

    fillTemplate: (sheet, settings, opts = {}) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          const read = await readWorkbook(ctx, { scope: 'workbook', signal: opts.signal });
          const data: WorkbookData = { ...read.data, sheets: read.data.sheets.filter((s) => s.name !== sheet) };
          const result = checkWorkbooks([data], settings);
          const stats = computeStatistics(result.tables, settings);
          return fillTemplateSheet(ctx, sheet, stats, { locale: settings.locale });
        }),
      ),

    importWorkbooks: (files: ImportFile[], settings, opts = {}) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          const structure = queueStructureProtection(ctx);
          await ctx.sync();
          if (structure.protected) throw structureError();
          // Until the check is done, cancelling takes the inserted sheets out again; after it, the
          // marks, the report and the merged sheets are written together (cancel is not honoured).
          const added: string[] = [];
          let inserted: Awaited<ReturnType<typeof insertFiles>>;
          let result: CheckResult;
          try {
            inserted = await insertFiles(ctx, files, opts.signal, (n) => added.push(...n));
            const names = inserted.flatMap((f) => f.sheets);
            if (!names.length) {
              return inserted.map((f) => ({ name: f.name, ok: false, ledgers: [], errors: 0, warnings: 0, message: f.error ?? '工作簿中没有工作表' }));
            }
            const read = await readWorkbook(ctx, {
              scope: 'workbook',
              sheets: names,
              signal: opts.signal,
              onProgress: (p) => opts.onProgress?.({ label: `读取 ${p.label}`, done: p.done, total: p.total }),
            });
            const books: WorkbookData[] = inserted
              .filter((f) => f.sheets.length)
              .map((f) => ({ file: f.name, sheets: read.data.sheets.filter((s) => f.sheets.includes(s.name)) }));
            result = checkWorkbooks(books, settings, {
              onProgress: (p) => opts.onProgress?.({ label: `校验 ${p.file} ${p.sheet}`, done: p.done, total: p.total }),
            });
            throwIfAborted(opts.signal);
          } catch (e) {
            if ((e as Error).name === 'AbortError' && added.length) {
              for (const n of added) ctx.workbook.worksheets.getItem(n).delete();
              await ctx.sync();
            }
            throw e;
          }
          const statuses: ImportFileStatus[] = [];
          await markAndReport(ctx, result, settings, { onProgress: opts.onProgress }, `导入校验结果（${files.length} 个文件，${localeDate(new Date())}）`);
          await writeMergedSheets(ctx, result);
          for (const f of inserted) {
            if (f.error) {
              statuses.push({ name: f.name, ok: false, ledgers: [], errors: 0, warnings: 0, message: f.error });
              continue;
            }
            const sheets = result.sheets.filter((s) => s.file === f.name);
            statuses.push({
              name: f.name,
              ok: true,
              ledgers: [...new Set(sheets.map((s) => s.ledger).filter((l): l is NonNullable<typeof l> => !!l))],
              errors: result.problems.filter((p) => p.file === f.name && p.severity === 'error').length,
              warnings: result.problems.filter((p) => p.file === f.name && p.severity === 'warning').length,
            });
          }
          // The report is the sheet the user should see first.
          ctx.workbook.worksheets.getItem('校验结果').activate();
          await ctx.sync();
          return statuses;
        }),
      ),

    insertBlankLedgers: (settings) =>
      guarded(() =>
        Excel.run(async (ctx) => {
          const structure = queueStructureProtection(ctx);
          await ctx.sync();
          if (structure.protected) throw structureError();
          return insertBlankLedgers(ctx, settings, detectNoteMode());
        }),
      ),

    readColumn: (sheet, column) =>
      guarded(() =>
        Excel.run(async (ctx) => {
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
        Excel.run(async (ctx) => {
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

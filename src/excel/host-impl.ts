/**
 * `createExcelHost()`: the HostOps the task pane and the ribbon commands use, over Office.js.
 * Every operation is one `Excel.run`; see docs/excel.md for the syncs each takes.
 */
import { renderMessage, resolveSettings } from '../core';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import { progressOf, runCheck } from '../core/ops/check';
import { runApplyFixes, runUndoFixes } from '../core/ops/fix';
import { runImport, runPreviewImport } from '../core/ops/import';
import type { MarkOutcome } from '../core/ops/port';
import { runSummarize } from '../core/ops/summarize';
import { runFillTemplate, type TemplateFillReport } from '../core/ops/template';
import { SETTINGS_KEY, colLetters, excelRun, isOwnSheet, lettersToIndex, queueStructureProtection, structureError, toHostError } from './common';
import type { HostOps, ImportFile, RunOptions } from './host';
import { clearMarks, detectNoteMode, type NoteMode } from './mark';
import { compareLists, compareYears } from './compare';
import { insertBlankLedgers } from './blank';
import { loadWorkbookConfig, saveConfigSheets, saveSettingsSheets } from './config';
import { clearConform, conformSheets } from './conform';
import { LIVE_KEY, LiveSession, saveLiveSetting } from './live';
import { officePort } from './port';

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

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toHostError(e);
  }
}

/** The add-in's notes hold the message alone: its 校验结果 sheet lists the 怎么改 of each. */
const noteOf = (settings: Settings) => (p: Problem) => renderMessage(p, settings.locale);

export function createExcelHost(): ExcelHost {
  let last: LastRunInfo | null = null;
  /** 边录入边校验, while on: the add-in's own writes run through `own` (never re-checked). */
  let live: LiveSession | null = null;
  const own = <T,>(f: () => Promise<T>): Promise<T> => (live ? live.own(f) : f());

  const remember = (m: MarkOutcome | null) => {
    if (m) last = { marked: m.marked, protectedSheets: m.protectedSheets, noteMode: m.noteMode };
  };

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
      own(() =>
        guarded(() =>
          excelRun(async (ctx) => {
            const r = await runCheck(officePort(ctx), scope, settings, { ...opts, render: noteOf(settings) });
            remember(r.marks);
            return r.result;
          }),
        ),
      ),

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
      own(() =>
        guarded(() =>
          excelRun(async (ctx) => {
            const progress = progressOf(opts, undefined);
            return (await runApplyFixes(officePort(ctx), problems, { signal: opts.signal, onProgress: (p) => progress('fix', {}, p.done, p.total) })).changed;
          }),
        ),
      ),

    undoFixes: () => own(() => guarded(() => excelRun(async (ctx) => (await runUndoFixes(officePort(ctx))).changed))),

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

    summarize: (settings, opts = {}) => guarded(() => excelRun((ctx) => runSummarize(officePort(ctx), settings, opts))),

    fillTemplate: (sheet, settings, opts = {}) => guarded(() => excelRun((ctx) => runFillTemplate(officePort(ctx), sheet, settings, opts))),

    compareYears: (files: ImportFile[], settings, opts = {}) => guarded(() => excelRun((ctx) => compareYears(ctx, files, settings, opts))),

    compareLists: (lists, settings, opts = {}) =>
      guarded(() => excelRun(async (ctx) => {
        const { sheets, figures } = await compareLists(ctx, lists, settings, opts);

        return { sheets, figures };
      })),

    previewImport: (files: ImportFile[], settings, opts = {}) => guarded(() => excelRun((ctx) => runPreviewImport(officePort(ctx), files, settings, opts))),

    importWorkbooks: (files: ImportFile[], settings, opts = {}) =>
      guarded(() =>
        excelRun(async (ctx) => {
          const r = await runImport(officePort(ctx), files, settings, { ...opts, render: noteOf(settings) });
          remember(r.marks);
          return r.statuses;
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

/**
 * The port of the operations (src/core/ops/port.ts) over Office.js: one instance per `Excel.run`,
 * so that an operation's reads, marks and writes share one request context and its cancellation
 * rules. Every request stays under what Microsoft's client sends in one go (5 MB on the web):
 * the batching lives in the functions used here (read.ts, mark.ts, forms.ts, state.ts), each
 * measured with the real client (docs/excel.md).
 */
import type { CellMark } from '../core/layout/marks';
import type { MergedSheet } from '../core/layout/merged';
import type { CellValue } from '../core/model';
import type {
  CellRef,
  CellWrite,
  ImportFile,
  LoadedRecord,
  MarkCellsOptions,
  MarkOutcome,
  RawCellState,
  ReadSheets,
  ReadSheetsOptions,
  SheetInfo,
  SheetPort,
  TemplateCell,
  TemplateWrite,
  WriteSheetsOptions,
} from '../core/ops/port';
import type { SheetLayout } from '../core/layout/types';
import type { Locale } from '../core/settings';
import { jsonBytes, queueStructureProtection, sheetLookup, structureError, untracked, utf8Length, type CancelSignal } from './common';
import { FIX_BUDGET, FIX_COST, excelInput } from './fix';
import { editTexts, writeLayouts } from './forms';
import { insertFiles, writeMergedLayouts } from './import';
import { type NoteMode, clearMarks, markCells } from './mark';
import { queueDateSystem, readWorkbook } from './read';
import { type LedgerState, encodeState, loadState, queueStateWrite } from './state';

/** Cells per fix batch at most, and per undo batch (5,000 keeps both requests far below 5 MB;
 *  20,000 passed it at 50,000 fixed cells: bench/excel.bench.ts). */
const FIX_BATCH = 20000;
const UNDO_BATCH = 5000;

export interface OfficePort extends SheetPort {
  /** Syncs made through this port so far. */
  readonly syncs: number;
}

export interface OfficePortOptions {
  /** How marked cells get their note (default: detected from the requirement sets). */
  noteMode?: NoteMode;
}

/** The port over one request context. */
export function officePort(ctx: Excel.RequestContext, options: OfficePortOptions = {}): OfficePort {
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await ctx.sync();
  };

  // The workbook's date system, once a read has asked Excel for it (the merged sheets need it).
  let date1904: boolean | undefined;

  /** Queue the lookup of sheets by name or id; after the sync, what was found. */
  const queueSheets = (keys: string[]): (() => Map<string, SheetInfo>) => {
    const found = keys.map((k) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(k);
      ws.load('name,id,protection/protected');
      return [k, ws] as const;
    });
    return () => {
      const out = new Map<string, SheetInfo>();
      for (const [k, ws] of found) if (!ws.isNullObject) out.set(k, { name: ws.name, id: ws.id, protected: ws.protection.protected });
      return out;
    };
  };

  const sheetInfo = async (keys: string[]): Promise<Map<string, SheetInfo>> => {
    const found = queueSheets(keys);
    await sync();
    return found();
  };

  const port: OfficePort = {
    get syncs() {
      return syncs;
    },

    async readSheets(opts: ReadSheetsOptions = {}): Promise<ReadSheets> {
      const r = await readWorkbook(ctx, { scope: 'workbook', sheets: opts.sheets, withConfig: opts.withConfig, signal: opts.signal, onProgress: opts.onProgress });
      syncs += r.syncs;
      date1904 = r.date1904;
      return { data: r.data, active: r.active, structureProtected: r.structureProtected };
    },

    sheetInfo,

    async readCells(refs: CellRef[]): Promise<RawCellState[]> {
      const wsOf = sheetLookup(ctx);
      const ranges = refs.map((c) => {
        const r = untracked(ctx, wsOf(c.sheet).getRange(c.cell));
        r.load('values,valueTypes,numberFormat,formulas');
        return r;
      });
      await sync();
      return ranges.map((r) => {
        const formula = r.formulas[0][0];
        return {
          value: r.values[0][0] as string | number | boolean,
          type: String(r.valueTypes[0][0]),
          numberFormat: String(r.numberFormat[0][0]),
          ...(typeof formula === 'string' && formula.startsWith('=') ? { formula } : {}),
        };
      });
    },

    async writeSheets(layouts: SheetLayout[], opts: WriteSheetsOptions = {}): Promise<string[]> {
      const w = await writeLayouts(ctx, layouts, opts);
      syncs += w.syncs;
      return w.sheets;
    },

    async writeTables(tables: MergedSheet[], opts: WriteSheetsOptions = {}): Promise<string[]> {
      // (Protected 合并_ sheets are always refused, before anything is written; the activation
      // goes with the last sheet's sync.)
      if (!tables.length) {
        if (opts.activate) {
          ctx.workbook.worksheets.getItem(opts.activate).activate();
          await sync();
        }
        return [];
      }
      return writeMergedLayouts(ctx, tables, { signal: opts.signal, onProgress: opts.onProgress, activate: opts.activate, date1904 });
    },

    async writeCells(writes: CellWrite[], record?: { state: LedgerState; existed: boolean }): Promise<void> {
      const wsOf = sheetLookup(ctx);
      for (const w of writes) {
        // A new proxy: one read earlier was not kept past its sync (see untracked).
        const target = untracked(ctx, wsOf(w.sheet).getRange(w.cell));
        if (w.setFormat) target.numberFormat = [[w.numberFormat]];
        target.values = [[excelInput(w.value, w.numberFormat, w.type)]];
      }
      if (record) queueStateWrite(ctx, record.state, record.existed);
      await sync();
    },

    async editTexts(sheet: string, edit: (c: TemplateCell) => TemplateWrite | null): Promise<void> {
      await editTexts(ctx, sheet, edit);
    },

    async markCells(marks: CellMark[], opts: MarkCellsOptions = {}): Promise<MarkOutcome> {
      const m = await markCells(ctx, marks, { signal: opts.signal, onProgress: opts.onProgress, mode: options.noteMode });
      syncs += m.syncs;
      return { marked: m.marked, protectedSheets: m.protectedSheets, noteMode: m.mode, commentsBlocked: m.commentsBlocked };
    },

    async clearMarks(): Promise<number> {
      const r = await clearMarks(ctx);
      syncs += r.syncs;
      return r.cleared;
    },

    async loadRecord(sheets: string[] = [], o: { dateSystem?: boolean } = {}): Promise<LoadedRecord> {
      // The record, the workbook's structure and the sheets in one sync (two with a record).
      let structure: Excel.WorkbookProtection | undefined;
      let dates: { readonly date1904: boolean } | undefined;
      let found = (): Map<string, SheetInfo> => new Map();
      const loaded = await loadState(ctx, () => {
        structure = queueStructureProtection(ctx);
        if (o.dateSystem && date1904 === undefined) dates = queueDateSystem(ctx);
        found = queueSheets(sheets);
      });
      syncs += loaded.syncs;
      if (dates) date1904 = dates.date1904;
      return { record: loaded.state, existed: loaded.existed, sheets: found(), structureProtected: Boolean(structure?.protected), date1904: date1904 ?? false };
    },

    async getValues(keys: string[]): Promise<Record<string, unknown>> {
      const items = keys.map((k) => {
        const s = ctx.workbook.settings.getItemOrNullObject(k);
        s.load('value');
        return [k, s] as const;
      });
      await sync();
      const out: Record<string, unknown> = {};
      for (const [k, s] of items) if (!s.isNullObject && s.value !== null && s.value !== undefined) out[k] = s.value;
      return out;
    },

    async setValue(key: string, value: unknown): Promise<void> {
      ctx.workbook.settings.add(key, JSON.parse(JSON.stringify(value)));
      await sync();
    },

    async insertFiles(files: ImportFile[], opts: { signal?: CancelSignal; locale: Locale; onFile?: (name: string) => void; onInserted?: (sheets: string[]) => void }) {
      const structure = queueStructureProtection(ctx);
      await sync();
      if (structure.protected) throw structureError();
      return insertFiles(ctx, files, opts.signal, opts.onInserted, opts.onFile, opts.locale);
    },

    async removeSheets(names: string[]): Promise<void> {
      for (const n of names) {
        // A very hidden sheet must be made visible before Excel lets it be deleted.
        const ws = ctx.workbook.worksheets.getItem(n);
        ws.visibility = 'Visible';
        ws.delete();
      }
      await sync();
    },

    /** As many cells as fit the serialised-size budget, the record (rewritten whole) included. */
    fixBatch(pending: ReadonlyArray<{ fix?: CellValue }>, record: LedgerState): number {
      let bytes = FIX_COST.base + utf8Length(encodeState(record)) * 1.05;
      let j = 0;
      while (j < pending.length && j < FIX_BATCH) {
        const f = pending[j].fix;
        const cost = FIX_COST.cell + 2 * jsonBytes(f instanceof Date ? 0 : (f ?? ''));
        if (j > 0 && bytes + cost > FIX_BUDGET) break;
        bytes += cost;
        j++;
      }
      return j;
    },

    undoBatch: UNDO_BATCH,
  };
  return port;
}

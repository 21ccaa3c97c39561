/**
 * The port of the operations (src/core/ops/port.ts) over a workbook file loaded with exceljs: the
 * files host. `ledger check --marked` marks and reports a copy through the same pipeline as the
 * add-in's 校验 (src/core/ops/check.ts `markAndReport`); every other operation runs on a file too
 * (tests: test/cli/port.test.ts). Reading for a check stays the streaming reader of src/cli/read.ts:
 * this port reads a workbook already in memory, sheet by sheet, with the same cell reader.
 *
 * The record of marks and fixes is kept, as in the add-in, in the very hidden sheet
 * `_双拥助手记录` (the core's encoding), unless `keepRecord: false` — a marked copy needs none: the
 * input it was made from is never modified.
 */
import ExcelJS from 'exceljs';
import { dateToSerial, isDateFormat, serialToDate } from '../core/cells/read-cell';
import { configSheetName } from '../core/config/raw';
import type { CellMark } from '../core/layout/marks';
import type { MergedSheet } from '../core/layout/merged';
import type { SheetLayout } from '../core/layout/types';
import type { WorkbookData } from '../core/model';
import { HostError, protectedError } from '../core/ops/errors';
import type { CellWrite, LoadedRecord, MarkOutcome, RawCellState, SheetInfo, SheetPort, TemplateCell, TemplateWrite, WriteSheetsOptions } from '../core/ops/port';
import { addMark, decodeState, emptyState, encodeState, type FillSnapshot, type LedgerState } from '../core/ops/record';
import { MERGED_PREFIX, STATE_SHEET, isOwnSheet } from '../core/ops/sheets';
import { addLayoutSheet, solidFill } from './layout-xlsx';
import { writeMergedSheet } from './merge';
import { sheetFromWorksheet } from './read';

export interface WorkbookPortOptions {
  /** The file's name as the user knows it (the report's 文件/村). */
  file: string;
  /** Keep the record of marks and fixes in the workbook (default true). */
  keepRecord?: boolean;
  /** The workbook's 1904 date system. */
  date1904?: boolean;
  /** Show the sheet an operation asks to activate (default true; a marked copy keeps its view). */
  activate?: boolean;
}

const PIECE = 30000; // a cell holds at most 32,767 characters

const visible = (ws: ExcelJS.Worksheet) => ws.state !== 'hidden' && ws.state !== 'veryHidden';
const isProtected = (ws: ExcelJS.Worksheet) => Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);

/** A cell's fill as a snapshot to restore (a solid colour or none; other patterns kept whole). */
function snapshotOf(fill: ExcelJS.Fill | undefined): FillSnapshot {
  if (!fill || fill.type !== 'pattern' || fill.pattern === 'none') return { pattern: 'None' };
  const argb = fill.fgColor?.argb;
  return fill.pattern === 'solid' ? { pattern: 'Solid', color: argb ? `#${argb.slice(-6)}` : undefined } : { pattern: fill.pattern, color: argb, patternColor: fill.bgColor?.argb };
}

function fillOf(s: FillSnapshot): ExcelJS.Fill | undefined {
  if (s.pattern === 'None') return undefined;
  if (s.pattern === 'Solid') return solidFill((s.color ?? '#FFFFFF').replace('#', ''));
  return { type: 'pattern', pattern: s.pattern as ExcelJS.FillPatterns, fgColor: s.color ? { argb: s.color } : undefined, bgColor: s.patternColor ? { argb: s.patternColor } : undefined };
}

function noteText(n: ExcelJS.Cell['note']): string {
  if (!n) return '';
  if (typeof n === 'string') return n;
  return Array.isArray(n.texts) ? n.texts.map((t) => t.text).join('') : '';
}

/** A cell as Excel holds it (`Range.Value2`): a date is its serial, rich text its text. */
function rawOf(cell: ExcelJS.Cell, date1904: boolean): RawCellState {
  const fmt = cell.numFmt || 'General';
  let v = cell.value as unknown;
  let formula: string | undefined;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { formula?: string; sharedFormula?: string; result?: unknown; richText?: Array<{ text: string }>; error?: string; text?: unknown };
    if (o.formula !== undefined || o.sharedFormula !== undefined) {
      formula = `=${o.formula ?? o.sharedFormula}`;
      v = o.result ?? '';
    } else if (Array.isArray(o.richText)) v = o.richText.map((r) => r.text).join('');
    else if (typeof o.error === 'string') return { value: o.error, type: 'Error', numberFormat: fmt };
    else if (typeof o.text === 'string') v = o.text;
  }
  const f = formula ? { formula } : {};
  if (v === null || v === undefined || v === '') return { value: '', type: 'Empty', numberFormat: fmt, ...f };
  if (v instanceof Date) return { value: dateToSerial(v, date1904), type: 'Double', numberFormat: fmt, ...f };
  if (typeof v === 'number') return { value: v, type: 'Double', numberFormat: fmt, ...f };
  if (typeof v === 'boolean') return { value: v, type: 'Boolean', numberFormat: fmt, ...f };
  return { value: String(v), type: 'String', numberFormat: fmt, ...f };
}

export function workbookPort(wb: ExcelJS.Workbook, opts: WorkbookPortOptions): SheetPort {
  const keep = opts.keepRecord ?? true;
  const find = (key: string) => wb.worksheets.find((w) => w.name === key || String(w.id) === key);
  const must = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new HostError('notFound', `找不到工作表“${name}”。(No sheet ${name}.)`);
    return ws;
  };
  const info = (ws: ExcelJS.Worksheet): SheetInfo => ({ name: ws.name, protected: isProtected(ws) });
  const loadState = (): { state: LedgerState; existed: boolean } => {
    const ws = wb.getWorksheet(STATE_SHEET);
    if (!ws) return { state: emptyState(), existed: false };
    const parts: string[] = [];
    ws.getColumn(1).eachCell((c) => parts.push(String(c.value ?? '')));
    return { state: decodeState(parts.join('')), existed: true };
  };
  const saveState = (state: LedgerState) => {
    if (!keep) return;
    const old = wb.getWorksheet(STATE_SHEET);
    if (old) wb.removeWorksheet(old.id);
    const ws = wb.addWorksheet(STATE_SHEET, { state: 'veryHidden' });
    const text = encodeState(state);
    for (let i = 0, r = 1; i < text.length; i += PIECE, r++) {
      const c = ws.getCell(r, 1);
      c.numFmt = '@';
      c.value = text.slice(i, i + PIECE);
    }
  };
  /** Replace (or add) the sheets `names`, each written by `write`: the protected ones refused
   *  first when asked, then the one to activate shown. */
  const replaceSheets = (names: string[], refuse: boolean, o: WriteSheetsOptions, write: (i: number) => void): string[] => {
    const locked = names.filter((n) => {
      const ws = wb.getWorksheet(n);
      return ws && isProtected(ws);
    });
    if (refuse && locked.length) throw protectedError(locked);
    names.forEach((n, i) => {
      const old = wb.getWorksheet(n);
      if (old) wb.removeWorksheet(old.id);
      write(i);
      o.onProgress?.({ label: n, done: i + 1, total: names.length });
    });
    if (o.activate && opts.activate !== false) {
      const tab = wb.worksheets.findIndex((w) => w.name === o.activate);
      if (tab >= 0) wb.views = [{ ...(wb.views?.[0] ?? {}), activeTab: tab } as ExcelJS.WorkbookView];
    }
    return names;
  };
  /** Take the marks in the record away, restoring each cell; the record as it is then. */
  const clearRecorded = (): { state: LedgerState; cleared: number } => {
    const { state, existed } = loadState();
    if (!existed || !state.marks.length) return { state, cleared: 0 };
    let n = 0;
    for (const m of state.marks) {
      const ws = find(m.sheetId ?? m.sheet) ?? wb.getWorksheet(m.sheet);
      if (!ws) continue;
      for (const g of m.fills)
        for (const a1 of g.cells) {
          const cell = ws.getCell(a1);
          const { fill: _ours, ...rest } = cell.style;
          const fill = fillOf(g.prev);
          cell.style = fill ? { ...rest, fill } : rest;
          // exceljs has no public way to take a note away: its setter always makes one.
          if (m.notes.includes(a1)) (cell as unknown as { _comment?: unknown })._comment = undefined;
          n++;
        }
    }
    const cleared = { ...state, marks: [] };
    saveState(cleared);
    return { state: cleared, cleared: n };
  };
  // A hidden sheet is read and flagged, as the add-in's and the CLI's readers do: the check says a
  // hidden ledger was skipped, and a hidden configuration sheet (规则…) applies.
  const sheetsOf = (want: (ws: ExcelJS.Worksheet) => boolean): WorkbookData => ({
    file: opts.file,
    sheets: wb.worksheets.filter(want).map((ws) => {
      const sheet = sheetFromWorksheet(ws, opts.date1904).sheet;
      return visible(ws) ? sheet : { ...sheet, hidden: true };
    }),
  });

  const port: SheetPort = {
    async readSheets(o = {}) {
      const want = (ws: ExcelJS.Worksheet) =>
        !isOwnSheet(ws.name) && (!o.sheets || o.sheets.includes(ws.name) || (Boolean(o.withConfig) && configSheetName(ws.name) !== null));
      const data = sheetsOf(want);
      data.sheets.forEach((s, i) => o.onProgress?.({ label: s.name, done: i + 1, total: data.sheets.length }));
      const tab = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
      return { data, active: wb.worksheets[tab]?.name ?? data.sheets[0]?.name ?? '', structureProtected: false };
    },

    async sheetInfo(keys) {
      const out = new Map<string, SheetInfo>();
      for (const k of keys) {
        const ws = find(k);
        if (ws) out.set(k, info(ws));
      }
      return out;
    },

    async readCells(refs) {
      return refs.map((r) => rawOf(must(r.sheet).getCell(r.cell), Boolean(opts.date1904)));
    },

    async writeSheets(layouts: SheetLayout[], o: WriteSheetsOptions = {}) {
      return replaceSheets(
        layouts.map((l) => l.name),
        Boolean(o.refuseProtected),
        o,
        (i) => addLayoutSheet(wb, layouts[i]),
      );
    },

    async writeTables(tables: MergedSheet[], o: WriteSheetsOptions = {}) {
      // (Protected 合并_ sheets are always refused, as in the add-in.)
      const names = tables.map((t) => `${MERGED_PREFIX}${t.ledger}`);
      return replaceSheets(names, true, o, (i) => writeMergedSheet(wb, tables[i], names[i]));
    },

    async writeCells(writes: CellWrite[], record?: { state: LedgerState }) {
      for (const w of writes) {
        const cell = must(w.sheet).getCell(w.cell);
        if (w.setFormat && (cell.numFmt || 'General') !== w.numberFormat) cell.numFmt = w.numberFormat;
        // exceljs holds a date as a Date (a serial under a date format, as Excel holds it, is read so).
        const v = typeof w.value === 'number' && isDateFormat(w.numberFormat) ? serialToDate(w.value, Boolean(opts.date1904)) : w.value;
        cell.value = w.type === 'Error' ? ({ error: String(w.value) } as ExcelJS.CellErrorValue) : v === '' || v === null ? null : v;
      }
      if (record) saveState(record.state);
    },

    async editTexts(sheet: string, edit: (c: TemplateCell) => TemplateWrite | null) {
      const ws = must(sheet);
      if (isProtected(ws)) throw protectedError([sheet]);
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.type === ExcelJS.ValueType.Merge || typeof cell.value !== 'string') return;
          const w = edit({ cell: cell.address, text: cell.value, numberFormat: cell.numFmt || 'General' });
          if (!w) return;
          if (w.numberFormat !== undefined) cell.numFmt = w.numberFormat;
          cell.value = w.value;
        }),
      );
    },

    async markCells(marks: CellMark[], o = {}): Promise<MarkOutcome> {
      // The record after clearing, not read again.
      const { state } = keep ? clearRecorded() : loadState();
      // A copy (no record) is marked whole: protection guards the user's own file only.
      const protectedSheets = [...new Set(marks.map((m) => m.sheet))].filter((n) => {
        if (!keep) return false;
        const ws = wb.getWorksheet(n);
        return ws && isProtected(ws);
      });
      let marked = 0;
      let commentsBlocked = false;
      for (const m of marks) {
        const ws = wb.getWorksheet(m.sheet);
        if (!ws || protectedSheets.includes(m.sheet)) continue;
        const cell = ws.getCell(m.row, m.col);
        const prev = noteText(cell.note);
        addMark(state, ws.name, undefined, m.cell, snapshotOf(cell.fill), prev ? null : 'note');
        // exceljs shares one style object between the cells of a style id: replace, never mutate it.
        cell.style = { ...cell.style, fill: solidFill(m.fill) };
        // A note already there: a copy (no record) gets ours appended; the user's own file keeps
        // the note untouched (清除标记 must restore it exactly) and the problem is in 校验结果 only,
        // as in the add-in.
        if (!prev) cell.note = m.note;
        else if (!keep) cell.note = `${prev}\n${m.note}`;
        else commentsBlocked = true;
        marked++;
        o.onProgress?.({ label: m.sheet, done: marked, total: marks.length });
      }
      if (marked) saveState(state);
      return { marked, protectedSheets, noteMode: 'notes', ...(commentsBlocked ? { commentsBlocked } : {}) };
    },

    async clearMarks() {
      return clearRecorded().cleared;
    },

    async loadRecord(sheets: string[] = []): Promise<LoadedRecord> {
      const { state, existed } = loadState();
      return { record: state, existed, sheets: await port.sheetInfo(sheets), structureProtected: false, date1904: Boolean(opts.date1904) };
    },

    async getValues() {
      return {}; // a file keeps no keyed values besides its record
    },

    async setValue() {
      /* nothing to keep */
    },
  };
  return port;
}

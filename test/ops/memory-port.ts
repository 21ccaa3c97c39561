/**
 * A third host, in memory: the port of src/core/ops/port.ts over a plain workbook model. Every
 * operation of the add-in (check, fix/undo, summarize, template fill, import) runs on it through
 * the core's pipelines — the proof that a WPS 表格 host is this much code plus its JS API calls.
 * Nothing here decides content: the layouts, marks, record and statistics are the core's.
 */
import { cellFromRaw } from '../../src/core/cells/read-cell';
import type { CellMark } from '../../src/core/layout/marks';
import type { SheetLayout } from '../../src/core/layout/types';
import { columnLetter, type CellValue, type RowData, type WorkbookData } from '../../src/core/model';
import { HostError, abortError, protectedError, structureError } from '../../src/core/ops/errors';
import { configSheetName } from '../../src/core/config/raw';
import type { CellWrite, ImportFile, InsertedFile, LoadedRecord, MarkOutcome, SheetInfo, SheetPort, TemplateCell, TemplateWrite } from '../../src/core/ops/port';
import { addMark, decodeState, encodeState, type LedgerState } from '../../src/core/ops/record';
import { MERGED_PREFIX, importedSheetName } from '../../src/core/ops/import';
import { mergedCellFormat } from '../../src/core/layout/merged';
import { isOwnSheet } from '../../src/core/ops/sheets';

/** A cell as the host holds it (Value2 model: a date is a serial under a date format). */
export interface MemCell {
  value: string | number | boolean;
  type?: 'Error';
  numberFormat?: string;
  formula?: string;
  /** RRGGBB, absent = no fill. */
  fill?: string;
  note?: string;
}

export interface MemSheet {
  name: string;
  id: string;
  cells: Map<string, MemCell>;
  protected?: boolean;
  hidden?: boolean;
  /** What a replayed layout set besides cells (merges, widths, print setup …). */
  layout?: Omit<SheetLayout, 'cells'>;
}

let ids = 0;

const A1 = /^([A-Z]+)(\d+)$/;
function parseA1(a1: string): { r: number; c: number } {
  const m = A1.exec(a1.replace(/\$/g, '').toUpperCase());
  if (!m) throw new Error(`bad address ${a1}`);
  let c = 0;
  for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]), c };
}

const EPOCH = Date.UTC(1899, 11, 30);
/** A model value as the host would hold it. */
function rawOf(v: CellValue): MemCell | null {
  if (v === null || v === '') return null;
  if (v instanceof Date) return { value: Math.round((v.getTime() - EPOCH) / 86400000), numberFormat: 'yyyy-mm-dd' };
  if (typeof v === 'object') return { value: v.error, type: 'Error' };
  return { value: v, numberFormat: typeof v === 'string' ? '@' : 'General' };
}

export class MemoryWorkbook {
  sheets: MemSheet[] = [];
  active = '';
  values = new Map<string, unknown>();
  /** The record of marks and fixes, as the core encodes it. */
  record: string | null = null;
  structureProtected = false;
  date1904 = false;

  constructor(public file = 'Book1.xlsx') {}

  /** A workbook holding these sheets (model values → host cells). */
  static from(data: WorkbookData): MemoryWorkbook {
    const wb = new MemoryWorkbook(data.file);
    for (const s of data.sheets) wb.addSheet(s.name, s.rows);
    wb.active = data.sheets[0]?.name ?? '';
    return wb;
  }

  addSheet(name: string, rows: readonly RowData[] = []): MemSheet {
    const s: MemSheet = { name, id: `id-${++ids}`, cells: new Map() };
    for (const row of rows)
      row.cells.forEach((v, i) => {
        const c = rawOf(v);
        if (c) s.cells.set(`${columnLetter(i + 1)}${row.r}`, c);
      });
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): MemSheet | undefined {
    return this.sheets.find((s) => s.name === name || s.id === name);
  }

  /** A deep copy of what a user sees and what the record holds (for exact-restore checks). */
  snapshot(): string {
    return JSON.stringify(this.sheets.map((s) => [s.name, [...s.cells.entries()].sort()]));
  }
}

/** The files an import may pick, by name (a real host decodes the base64 .xlsx it is given). */
export type FileShelf = Map<string, WorkbookData>;

export function memoryPort(wb: MemoryWorkbook, shelf: FileShelf = new Map()): SheetPort {
  const must = (name: string): MemSheet => {
    const s = wb.sheet(name);
    if (!s) throw new HostError('notFound', `找不到工作表“${name}”。(No sheet ${name}.)`);
    return s;
  };
  const load = (): LedgerState => decodeState(wb.record ?? '');
  const info = (s: MemSheet): SheetInfo => ({ name: s.name, id: s.id, protected: Boolean(s.protected) });

  const port: SheetPort = {
    async readSheets(opts = {}) {
      const sheets = wb.sheets
        .filter((s) => (opts.sheets ? opts.sheets.includes(s.name) || (Boolean(opts.withConfig) && configSheetName(s.name) !== null) : true) && !s.hidden && !isOwnSheet(s.name))
        .map((s, i, all) => {
          if (opts.signal?.aborted) throw abortError();
          const rows = new Map<number, CellValue[]>();
          for (const [a1, c] of s.cells) {
            const { r, c: col } = parseA1(a1);
            const row = rows.get(r) ?? [];
            row[col - 1] = c.type === 'Error' ? { error: String(c.value) } : cellFromRaw(c.value, c.numberFormat, wb.date1904);
            rows.set(r, row);
          }
          opts.onProgress?.({ label: s.name, done: i + 1, total: all.length });
          return {
            name: s.name,
            rows: [...rows.keys()].sort((a, b) => a - b).map((r) => ({ r, cells: Array.from(rows.get(r)!, (v) => v ?? null) })),
          };
        });
      return { data: { file: wb.file, sheets }, active: wb.active, structureProtected: wb.structureProtected };
    },

    async sheetInfo(keys) {
      const out = new Map<string, SheetInfo>();
      for (const k of keys) {
        const s = wb.sheet(k);
        if (s) out.set(k, info(s));
      }
      return out;
    },

    async readCells(refs) {
      return refs.map(({ sheet, cell }) => {
        const c = must(sheet).cells.get(cell.toUpperCase());
        if (!c) return { value: '', type: 'Empty', numberFormat: 'General' };
        const type = c.type ?? (typeof c.value === 'string' ? 'String' : typeof c.value === 'boolean' ? 'Boolean' : 'Double');
        return { value: c.value, type, numberFormat: c.numberFormat ?? 'General', ...(c.formula ? { formula: c.formula } : {}) };
      });
    },

    async writeSheets(layouts, opts = {}) {
      const locked = layouts.filter((l) => wb.sheet(l.name)?.protected).map((l) => l.name);
      if (opts.refuseProtected && locked.length) throw protectedError(locked);
      for (const [i, l] of layouts.entries()) {
        const at = wb.sheets.findIndex((s) => s.name === l.name);
        const { cells, ...rest } = l;
        const s: MemSheet = { name: l.name, id: `id-${++ids}`, cells: new Map(), layout: rest };
        for (const c of cells) {
          const raw = rawOf(c.value);
          if (!raw) continue;
          s.cells.set(`${columnLetter(c.c)}${c.r}`, { ...raw, numberFormat: c.style?.numFmt ?? raw.numberFormat, ...(c.style?.fill ? { fill: c.style.fill } : {}) });
        }
        if (at >= 0) wb.sheets[at] = s;
        else wb.sheets.push(s);
        opts.onProgress?.({ label: l.name, done: i + 1, total: layouts.length });
      }
      if (opts.activate) wb.active = opts.activate;
      return layouts.map((l) => l.name);
    },

    async writeTables(tables, opts = {}) {
      const layouts: SheetLayout[] = tables.map((t) => {
        const cells: SheetLayout['cells'] = t.columns.map((c, j) => ({ r: 1, c: j + 1, value: c.header, style: t.headerStyle }));
        let r = 1;
        for (const row of t.rows()) {
          r++;
          row.values.forEach((v, j) => cells.push({ r, c: j + 1, value: v, style: { numFmt: mergedCellFormat(t.columns[j], v), ...(row.error ? { fill: t.errorFill } : {}) } }));
        }
        return { name: `${MERGED_PREFIX}${t.ledger}`, cells, merges: [], widths: t.columns.map((c) => c.width), heights: {}, freeze: { rows: t.freezeRows, cols: 0 } };
      });
      return port.writeSheets(layouts, { ...opts, refuseProtected: true });
    },

    async writeCells(writes: CellWrite[], record?: { state: LedgerState }) {
      for (const w of writes) {
        const s = must(w.sheet);
        const key = w.cell.toUpperCase();
        const old = s.cells.get(key);
        if (w.value === '' && w.type !== 'Error') {
          if (old) s.cells.set(key, { ...old, value: '', numberFormat: w.numberFormat });
          continue;
        }
        s.cells.set(key, { ...old, value: w.value, numberFormat: w.numberFormat, ...(w.type === 'Error' ? { type: 'Error' as const } : { type: undefined }) });
      }
      if (record) wb.record = encodeState(record.state);
    },

    async editTexts(sheet: string, edit: (c: TemplateCell) => TemplateWrite | null) {
      const s = must(sheet);
      if (s.protected) throw protectedError([sheet]);
      for (const [cell, c] of s.cells) {
        if (typeof c.value !== 'string' || c.formula) continue;
        const w = edit({ cell, text: c.value, numberFormat: c.numberFormat ?? 'General' });
        if (w) s.cells.set(cell, { ...c, value: w.value, numberFormat: w.numberFormat ?? c.numberFormat });
      }
    },

    async markCells(marks: CellMark[], opts = {}): Promise<MarkOutcome> {
      await port.clearMarks();
      const state = load();
      const protectedSheets = [...new Set(marks.map((m) => m.sheet))].filter((n) => wb.sheet(n)?.protected);
      let marked = 0;
      for (const m of marks) {
        const s = wb.sheet(m.sheet);
        if (!s || s.protected) continue;
        if (opts.signal?.aborted) throw abortError();
        const c = s.cells.get(m.cell) ?? { value: '' };
        addMark(state, s.name, s.id, m.cell, c.fill ? { pattern: 'Solid', color: `#${c.fill}` } : { pattern: 'None' }, c.note ? null : 'note');
        s.cells.set(m.cell, { ...c, fill: m.fill, note: c.note ?? m.note });
        marked++;
      }
      wb.record = encodeState(state);
      return { marked, protectedSheets, noteMode: 'notes' };
    },

    async clearMarks() {
      const state = load();
      let n = 0;
      for (const m of state.marks) {
        const s = wb.sheet(m.sheetId ?? m.sheet) ?? wb.sheet(m.sheet);
        if (!s) continue;
        for (const g of m.fills)
          for (const cell of g.cells) {
            const c = s.cells.get(cell);
            if (!c) continue;
            const next: MemCell = { ...c };
            if (g.prev.pattern === 'None') delete next.fill;
            else next.fill = g.prev.color?.replace('#', '');
            if (m.notes.includes(cell)) delete next.note;
            if (next.value === '' && !next.fill && !next.note && !next.numberFormat) s.cells.delete(cell);
            else s.cells.set(cell, next);
            n++;
          }
      }
      if (state.marks.length) wb.record = encodeState({ ...state, marks: [] });
      return n;
    },

    async loadRecord(sheets: string[] = []): Promise<LoadedRecord> {
      return { record: load(), existed: wb.record !== null, sheets: await port.sheetInfo(sheets), structureProtected: wb.structureProtected, date1904: wb.date1904 };
    },

    async getValues(keys) {
      return Object.fromEntries(keys.filter((k) => wb.values.has(k)).map((k) => [k, wb.values.get(k)]));
    },

    async setValue(key, value) {
      wb.values.set(key, JSON.parse(JSON.stringify(value)));
    },

    async insertFiles(files: ImportFile[], opts) {
      if (wb.structureProtected) throw structureError();
      const out: InsertedFile[] = [];
      for (const f of files) {
        if (opts.signal?.aborted) throw abortError();
        opts.onFile?.(f.name);
        const data = shelf.get(f.base64);
        if (!data) {
          out.push({ name: f.name, sheets: [], error: '无法读取：不是有效的 .xlsx 工作簿，或文件已加密/损坏。' });
          continue;
        }
        const names: string[] = [];
        for (const s of data.sheets) {
          const name = importedSheetName(f.name, s.name, new Set(wb.sheets.map((x) => x.name)));
          wb.addSheet(name, s.rows);
          names.push(name);
        }
        out.push({ name: f.name, sheets: names });
        opts.onInserted?.(names);
      }
      return out;
    },

    async removeSheets(names) {
      wb.sheets = wb.sheets.filter((s) => !names.includes(s.name));
    },
  };
  return port;
}

export { parseA1 };

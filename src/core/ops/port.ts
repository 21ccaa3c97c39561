/**
 * The port: what an operation (src/core/ops) asks of the workbook it runs on. A host implements it
 * once — the Excel add-in (src/excel/port.ts), the tests over an in-memory workbook
 * (test/ops/memory-port.ts), a WPS 表格 add-in — and every operation (check,
 * fix/undo, summarize, template fill, import) runs on it unchanged.
 *
 * Four things, nothing more:
 *  - read sheets: raw values and number formats, handed to the core's cell reader
 *    (src/core/cells/read-cell.ts `cellFromRaw`), as the sheet model;
 *  - write blocks: replay a layout (src/core/layout) as a sheet, or write single cells;
 *  - mark cells: a fill and a note on each CellMark, keeping what was there so that it can be
 *    restored exactly (清除标记);
 *  - keep state: the record of marks and fixes (src/core/ops/record.ts, encoded by the core) and a
 *    few keyed values, saved in the workbook so that they travel with it.
 *
 * The host decides how to batch (the add-in sizes its requests for Microsoft's 5 MB limit), not
 * what to write: content, looks and the record's logic are the core's.
 */
import type { CellMark } from '../layout/marks';
import type { MergedSheet } from '../layout/merged';
import type { SheetLayout } from '../layout/types';
import type { CellValue, WorkbookData } from '../model';
import type { CancelSignal } from './errors';
import type { LedgerState } from './record';
import type { ProgressCode } from './labels';
import type { Locale } from '../settings';

/** Progress of an operation, rendered in the run's locale (src/core/ops/labels.ts). */
export interface HostProgress {
  /** What is being worked on, e.g. 读取 优抚对象 / Reading 优抚对象. */
  label: string;
  done: number;
  total: number;
  /** The label as a code + params, for a front that renders its own text. */
  code?: ProgressCode;
  params?: Record<string, string>;
}

export interface RunOptions {
  onProgress?: (p: HostProgress) => void;
  /** Aborting stops the work between chunks; nothing is left half-written. */
  signal?: CancelSignal;
  /** Locale of progress labels for operations that take no Settings (applyFixes); otherwise
   *  `settings.locale` decides. Default zh-CN. */
  locale?: Locale;
}

/** The port's own progress: a label (a sheet's name, a file's) and counts. */
export type PortProgress = (p: { label: string; done: number; total: number }) => void;

export interface ReadSheetsOptions {
  /** Only these sheets (by name); default every visible sheet that is not the product's own. */
  sheets?: string[];
  /** With `sheets`: the configuration sheets of ledgers.md §8 (设置, 村名单, 词表, 列名, 规则) too,
   *  in the same read (the sheet list is asked once). */
  withConfig?: boolean;
  signal?: CancelSignal;
  onProgress?: PortProgress;
}

export interface ReadSheets {
  /** Through the core's cell reader (dates, times, text `@`, the 1904 system …). */
  data: WorkbookData;
  /** The sheet the user is on. */
  active: string;
  /** The workbook's structure is protected (no sheet can be added or deleted). */
  structureProtected: boolean;
}

export interface WriteSheetsOptions {
  signal?: CancelSignal;
  onProgress?: PortProgress;
  /** Refuse, before writing anything, when a sheet to be replaced is protected. */
  refuseProtected?: boolean;
  /** The sheet to show when done. */
  activate?: string;
}

export type NoteMode = 'notes' | 'comments' | 'none';

export interface MarkOutcome {
  marked: number;
  /** Sheets not marked because they are protected (their problems are still listed). */
  protectedSheets: string[];
  /** How the host attached the note: a note, a threaded comment, or not at all. */
  noteMode: NoteMode;
  /** Some cells already held a note, so the rest of the run added no comments. */
  commentsBlocked?: boolean;
}

export interface MarkCellsOptions {
  signal?: CancelSignal;
  onProgress?: PortProgress;
}

/** A sheet as the port finds it, by name or by its id (which survives a rename). */
export interface SheetInfo {
  name: string;
  id?: string;
  protected: boolean;
}

/**
 * A cell as the host holds it (a spreadsheet's raw value): a date is its serial number
 * under a date format, an error its text with type 'Error'.
 */
export interface RawCellState {
  value: string | number | boolean;
  /** 'String' | 'Double' | 'Boolean' | 'Empty' | 'Error' (the value types of src/excel's host). */
  type: string;
  numberFormat: string;
  /** The formula, when the cell holds one ('=…'). */
  formula?: string;
}

export interface CellRef {
  sheet: string;
  cell: string;
}

export interface CellWrite extends CellRef {
  value: string | number | boolean;
  /** The number format the cell has once written (text is written so that it stays text). */
  numberFormat: string;
  /** Set `numberFormat` first (otherwise it is the cell's already). */
  setFormat?: boolean;
  /** 'Error' writes an error value as it was (undo). */
  type?: string;
}

export interface LoadedRecord {
  record: LedgerState;
  /** Whether the host already keeps a record in this workbook. */
  existed: boolean;
  /** The sheets asked for, found by name (absent: no such sheet). */
  sheets: Map<string, SheetInfo>;
  structureProtected: boolean;
  /** The workbook's 1904 date system (asked for with `dateSystem`). */
  date1904: boolean;
}

/** A text cell of a template, offered to the operation that fills it. */
export interface TemplateCell {
  cell: string;
  text: string;
  numberFormat: string;
}

export interface TemplateWrite {
  value: string | number;
  /** Set this number format (absent: keep the cell's). */
  numberFormat?: string;
}

/** A picked workbook file (e.g. a village's ledger), as the front hands it over. */
export interface ImportFile {
  name: string;
  /** The .xlsx bytes, base64. */
  base64: string;
}

export interface InsertedFile {
  name: string;
  /** Names the file's sheets got in this workbook (a clash renames them: "优抚对象 (2)"). */
  sheets: string[];
  /** The names the same sheets have in the file (what the merged ledger's 来源工作表 shows). */
  originals?: string[];
  error?: string;
}

export interface SheetPort {
  // ── read sheets ──
  readSheets(opts?: ReadSheetsOptions): Promise<ReadSheets>;
  /** Where given sheets are (by name or id) and whether they are protected. */
  sheetInfo(keys: string[]): Promise<Map<string, SheetInfo>>;
  /** The cells as the host holds them, in the order asked. */
  readCells(refs: CellRef[]): Promise<RawCellState[]>;

  // ── write blocks ──
  /** Create or replace one sheet per layout, in order; returns the names written. */
  writeSheets(layouts: SheetLayout[], opts?: WriteSheetsOptions): Promise<string[]>;
  /** Create or replace one sheet per merged-ledger layout (src/core/layout/merged.ts: a header
   *  and rows produced one at a time, for tables of any length); returns the names written. */
  writeTables(tables: MergedSheet[], opts?: WriteSheetsOptions): Promise<string[]>;
  /** Write cells and, in the same step, the record (so a failure midway loses nothing). */
  writeCells(writes: CellWrite[], record?: { state: LedgerState; existed: boolean }): Promise<void>;
  /** Offer every text cell of `sheet` (not formulas) to `edit`; write what it returns. Refuses
   *  a missing or protected sheet. */
  editTexts(sheet: string, edit: (c: TemplateCell) => TemplateWrite | null): Promise<void>;

  // ── mark cells ──
  /** Fill and annotate the cells, first clearing earlier marks; what was there is kept in the
   *  record. Cancelling midway removes this run's marks again. */
  markCells(marks: CellMark[], opts?: MarkCellsOptions): Promise<MarkOutcome>;
  /** Remove every mark, restoring what was there; returns the cells restored. */
  clearMarks(): Promise<number>;

  // ── keep state ──
  /** The record of marks and fixes, with the sheets named (in one step where the host can). */
  loadRecord(sheets?: string[], opts?: { dateSystem?: boolean }): Promise<LoadedRecord>;
  /** Keyed values kept in the workbook (e.g. the figures of the police list compared last), in one
   *  step; a key not kept is absent. */
  getValues(keys: string[]): Promise<Record<string, unknown>>;
  setValue(key: string, value: unknown): Promise<void>;

  // ── import (optional: a host that cannot insert sheets from a file leaves it out) ──
  /** Insert each file's sheets at the end of the workbook; one status per file. */
  insertFiles?(files: ImportFile[], opts: { signal?: CancelSignal; locale: Locale; onFile?: (name: string) => void; onInserted?: (sheets: string[]) => void }): Promise<InsertedFile[]>;
  /** Take sheets out again (those this run inserted). */
  removeSheets?(names: string[]): Promise<void>;

  // ── batching (optional: how many of the next fixes one step carries; default all) ──
  fixBatch?(pending: ReadonlyArray<{ fix?: CellValue }>, record: LedgerState): number;
  undoBatch?: number;
}

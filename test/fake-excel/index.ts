/**
 * A faithful fake of the part of the Excel JavaScript API that src/excel/ uses, over an in-memory
 * workbook. `installFakeExcel(description)` sets `globalThis.Excel` and a minimal `globalThis.Office`.
 * No Node APIs: the task pane's end-to-end helper bundles this file into a browser page.
 */
import type { WorkbookData } from '../../src/core/model';
import { type Rect, parseLocal } from './address';
import { type FakeErrorValue, type Stored, SheetModel, WorkbookModel, key } from './model';
import { FakeOfficeError, FakeRequestContext, coerceInput, importHooks } from './proxy';

export { FakeOfficeError, FakeRequestContext, coerceInput } from './proxy';
export { SheetModel, WorkbookModel, key } from './model';
export type { FakeStats, FillState } from './model';
export { parseLocal, rectToA1, colToLetters, utf8Length } from './address';

/** A cell in a description: a value, or a value with its number format / fill. */
export type FakeCellInput =
  | string
  | number
  | boolean
  | null
  | undefined
  | Date
  | FakeErrorValue
  | { v: string | number | boolean | null | Date | FakeErrorValue; f?: string; fill?: string };

export interface FakeSheetDescription {
  name: string;
  /** Row-major cells from A1 (or from `startRow`, 1-based). */
  rows?: FakeCellInput[][];
  /** Rows with explicit Excel row numbers (like the core's RowData). */
  numberedRows?: Array<{ r: number; cells: FakeCellInput[] }>;
  startRow?: number;
  /** Number formats by A1 address or range, e.g. { 'G2:G100': 'yyyy/m/d' }. */
  numberFormats?: Record<string, string>;
  /** Fills by A1 address or range: '#RRGGBB'. */
  fills?: Record<string, string>;
  /** Notes already in the sheet by A1 address. */
  notes?: Record<string, string>;
  merges?: string[];
  hidden?: boolean | 'VeryHidden';
  protected?: boolean;
}

export interface FakeWorkbookDescription {
  name?: string;
  sheets: FakeSheetDescription[];
  /** Active sheet name (default: the first visible sheet). */
  active?: string;
  /** Supported requirement sets, e.g. { ExcelApi: '1.18' } (the default). */
  requirementSets?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Workbook structure protection (no sheet can be added, deleted or renamed). */
  protectedStructure?: boolean;
}

const DEFAULT_DATE_FORMAT = 'yyyy/m/d';
const EPOCH = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date): number {
  return (d.getTime() - EPOCH) / 86400000;
}

function storeInput(sheet: SheetModel, r: number, c: number, input: FakeCellInput): void {
  if (input === null || input === undefined) return;
  let v: unknown = input;
  let f: string | undefined;
  let fill: string | undefined;
  if (typeof input === 'object' && !(input instanceof Date) && 'v' in input) {
    v = input.v;
    f = input.f;
    fill = input.fill;
  }
  if (v instanceof Date) {
    v = dateToSerial(v);
    f = f ?? DEFAULT_DATE_FORMAT;
  }
  if (f) sheet.formats.set(key(r, c), f);
  if (fill) sheet.fills.set(key(r, c), { color: fill.toUpperCase(), pattern: 'Solid' });
  if (v === null || v === undefined || v === '') return;
  let stored: Stored;
  if (typeof v === 'object') stored = { error: (v as FakeErrorValue).error };
  else stored = v as string | number | boolean; // descriptions store as given (no coercion)
  sheet.set(r, c, stored);
}

function forRange(address: string, f: (r: number, c: number) => void): void {
  const rect: Rect | null = parseLocal(address);
  if (!rect) throw new Error(`bad address in description: ${address}`);
  for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) f(r, c);
}

export function buildSheet(d: FakeSheetDescription): SheetModel {
  const s = new SheetModel(d.name);
  const start = (d.startRow ?? 1) - 1;
  d.rows?.forEach((row, i) => row.forEach((cell, c) => storeInput(s, start + i, c, cell)));
  d.numberedRows?.forEach((row) => row.cells.forEach((cell, c) => storeInput(s, row.r - 1, c, cell)));
  for (const [addr, fmt] of Object.entries(d.numberFormats ?? {})) forRange(addr, (r, c) => s.formats.set(key(r, c), fmt));
  for (const [addr, color] of Object.entries(d.fills ?? {})) forRange(addr, (r, c) => s.fills.set(key(r, c), { color: color.toUpperCase(), pattern: 'Solid' }));
  for (const [addr, content] of Object.entries(d.notes ?? {})) forRange(addr, (r, c) => s.notes.set(key(r, c), { content, author: 'User' }));
  for (const m of d.merges ?? []) {
    const rect = parseLocal(m);
    if (rect) s.merges.push(rect);
  }
  if (d.hidden) s.visibility = d.hidden === 'VeryHidden' ? 'VeryHidden' : 'Hidden';
  s.protected = !!d.protected;
  return s;
}

export function buildWorkbook(desc: FakeWorkbookDescription): WorkbookModel {
  const m = new WorkbookModel();
  if (desc.name) m.name = desc.name;
  m.sheets = desc.sheets.map(buildSheet);
  if (desc.requirementSets) m.requirementSets = { ...desc.requirementSets };
  m.structureProtected = !!desc.protectedStructure;
  for (const [k, v] of Object.entries(desc.settings ?? {})) m.settings.set(k, v);
  m.active = (desc.active ? m.sheet(desc.active) : undefined) ?? m.sheets.find((s) => s.visibility === 'Visible') ?? null;
  if (m.active) m.selection = { sheet: m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  return m;
}

/** A description from the core's WorkbookData (sample workbooks); dates keep a date format. */
export function descriptionFromWorkbookData(wb: WorkbookData, extra: Partial<FakeWorkbookDescription> = {}): FakeWorkbookDescription {
  return {
    name: wb.file,
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      hidden: s.hidden,
      numberedRows: s.rows.map((row) => ({ r: row.r, cells: row.cells.map((v) => v as FakeCellInput) })),
    })),
    settings: wb.settings ? { ...wb.settings } : undefined,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Imported files: the fake cannot read real .xlsx bytes, so a "file" is the base64 of a JSON
// description behind a marker. Anything else is rejected like a corrupt file.

const MARKER = 'FAKE-XLSX:';

function utf8ToBase64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function base64ToUtf8(b: string): string {
  const bin = atob(b);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** The base64 "file" of a workbook description, for `insertWorksheetsFromBase64` in the fake. */
export function fakeXlsxBase64(desc: FakeWorkbookDescription): string {
  return utf8ToBase64(
    MARKER +
      JSON.stringify(desc, function (this: Record<string, unknown>, k: string, v: unknown) {
        const raw = this[k]; // before Date.prototype.toJSON
        return raw instanceof Date ? { __date: raw.toISOString() } : v;
      }),
  );
}

importHooks.decode = (base64: string) => {
  let text: string;
  try {
    text = base64ToUtf8(base64);
  } catch {
    throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.', 'Workbook.insertWorksheetsFromBase64');
  }
  if (!text.startsWith(MARKER))
    throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.', 'Workbook.insertWorksheetsFromBase64');
  const desc = JSON.parse(text.slice(MARKER.length), (_k, v) =>
    v && typeof v === 'object' && typeof v.__date === 'string' ? new Date(v.__date) : v,
  ) as FakeWorkbookDescription;
  return desc.sheets.map(buildSheet);
};

// ---------------------------------------------------------------------------------------------
// Install

export interface FakeOffice {
  model: WorkbookModel;
  /** Registered ribbon actions (Office.actions.associate). */
  actions: Map<string, (event: unknown) => unknown>;
  uninstall(): void;
}

const ENUMS = {
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  RangeValueType: { unknown: 'Unknown', empty: 'Empty', string: 'String', integer: 'Integer', double: 'Double', boolean: 'Boolean', error: 'Error', richValue: 'RichValue' },
  ChartType: { columnClustered: 'ColumnClustered', barClustered: 'BarClustered', pie: 'Pie', line: 'Line' },
  ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
  WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
  ErrorCodes: {
    accessDenied: 'AccessDenied',
    apiNotFound: 'ApiNotFound',
    invalidArgument: 'InvalidArgument',
    invalidOperation: 'InvalidOperation',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
    responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  },
};

/** Install `Excel` and a minimal `Office` on globalThis over a workbook built from `desc`. */
export function installFakeExcel(desc: FakeWorkbookDescription | WorkbookModel): FakeOffice {
  const model = desc instanceof WorkbookModel ? desc : buildWorkbook(desc);
  const g = globalThis as unknown as Record<string, unknown>;
  const prevExcel = g.Excel;
  const prevOffice = g.Office;
  const actions = new Map<string, (event: unknown) => unknown>();
  const Excel = {
    ...ENUMS,
    RequestContext: FakeRequestContext,
    async run<T>(batch: (ctx: FakeRequestContext) => Promise<T>): Promise<T> {
      const ctx = new FakeRequestContext(model);
      const result = await batch(ctx);
      if (ctx._queue.length) await ctx.sync();
      return result;
    },
  };
  const Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) => model.supports(name, version ?? '1.1'),
      },
      document: { url: model.name },
    },
    onReady: async (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      cb?.(info);
      return info;
    },
    actions: {
      associate: (id: string, f: (event: unknown) => unknown) => {
        actions.set(id, f);
      },
    },
  };
  g.Excel = Excel;
  g.Office = Office;
  return {
    model,
    actions,
    uninstall() {
      g.Excel = prevExcel;
      g.Office = prevOffice;
    },
  };
}

/** What a user sees in a cell (for assertions): the stored value, error as {error}, empty null. */
export function cellValue(model: WorkbookModel, sheet: string, a1: string): string | number | boolean | FakeErrorValue | null {
  const s = model.sheet(sheet);
  const rect = parseLocal(a1);
  if (!s || !rect) throw new Error(`no cell ${sheet}!${a1}`);
  return s.get(rect.r0, rect.c0) ?? null;
}

export { coerceInput as _coerceInput };

/**
 * The in-process "Excel" behind Microsoft's own Office.js client: it receives the RichApi request
 * the client serialised (ObjectPaths + Actions: Instantiate, Query, Method, SetProperty) and
 * executes it against the in-memory workbook (model.ts), returning the response body the client
 * parses (`Results`, or `Error` with `ActionIndex`). Proxies, load/sync, PropertyNotLoaded, request
 * serialisation and error classes are the client's; only the host's side lives here.
 *
 * No Node APIs: the browser suite bundles this file.
 *
 * Where a behaviour is not obvious, the Microsoft page or office-js issue it follows is named
 * beside it. Base URLs: MS = https://learn.microsoft.com/en-us/javascript/api/excel/,
 * ISSUE = https://github.com/OfficeDev/office-js/issues/.
 *
 * Adding a behaviour: find (or add) the object type in TYPES below; `props` are scalar properties
 * (get for Query, set for SetProperty), `nav` child objects (ObjectPath type 4), `methods` both
 * object-returning methods (ObjectPath type 3) and plain methods (Action type 3). Names arrive in
 * PascalCase and are looked up in camelCase. Writes to cells go through `changed()`, the one place
 * that will fire worksheet onChanged events.
 */
import { MAX_COLS, MAX_ROWS, type Rect, colToLetters, intersects, parseLocal, quoteSheet, rectToA1, splitSheet, utf8Length } from './address';
import { type ChartState, type FillState, type FontState, SheetModel, type Stored, type TableState, type WorkbookModel, key } from './model';

// ---------------------------------------------------------------------------------------------
// Host profiles

export type ProfileName = 'web' | 'windows' | 'mac' | 'office2021' | 'ipad';

export interface HostProfile {
  name: ProfileName;
  /** Office.context.platform / diagnostics.platform as Office.js reports it. */
  platform: 'OfficeOnline' | 'PC' | 'Mac' | 'iOS';
  /** Requirement sets the host supports (highest version of each). */
  sets: Record<string, string>;
  /** Request and response caps in bytes (Excel on the web: 5 MB each way). */
  payloadLimit: number;
  /** APIs the platform lacks although its requirement sets would include them. */
  missing: string[];
}

const LATEST = { ExcelApi: '1.18', DelayForCellEdit: '1.1' };

/**
 * Requirement sets per host: MS ../requirement-sets/excel/excel-api-requirement-sets (the table of
 * Office on the web / Windows M365 / Office 2021 perpetual / Mac / iPad). Office 2021 stops at
 * ExcelApi 1.14 ("Office 2021: Version 2108"). Payload caps: "Excel on the web has a payload size
 * limit for requests and responses of 5MB" (https://learn.microsoft.com/en-us/office/dev/add-ins/
 * concepts/resource-limits-and-performance-optimization#excel-add-ins). Desktop hosts have no
 * documented cap; a large one is used so that runaway requests still show up.
 * insertWorksheetsFromBase64: "This API is currently supported only for Excel on the web, Windows
 * and Mac" (MS excel.workbook#excel-excel-workbook-insertworksheetsfrombase64-member(1)): not iPad.
 */
export const PROFILES: Record<ProfileName, HostProfile> = {
  web: { name: 'web', platform: 'OfficeOnline', sets: { ...LATEST }, payloadLimit: 5 * 1024 * 1024, missing: [] },
  windows: { name: 'windows', platform: 'PC', sets: { ...LATEST }, payloadLimit: 1024 * 1024 * 1024, missing: [] },
  mac: { name: 'mac', platform: 'Mac', sets: { ...LATEST }, payloadLimit: 1024 * 1024 * 1024, missing: [] },
  office2021: { name: 'office2021', platform: 'PC', sets: { ExcelApi: '1.14', DelayForCellEdit: '1.1' }, payloadLimit: 1024 * 1024 * 1024, missing: [] },
  ipad: { name: 'ipad', platform: 'iOS', sets: { ...LATEST }, payloadLimit: 1024 * 1024 * 1024, missing: ['Workbook.insertWorksheetsFromBase64'] },
};

export function versionAtLeast(have: string | undefined, want: string): boolean {
  if (!have) return false;
  const [a1, b1] = have.split('.').map(Number);
  const [a2, b2] = (want || '1.1').split('.').map(Number);
  return a1 > a2 || (a1 === a2 && (b1 ?? 0) >= (b2 ?? 0));
}

// ---------------------------------------------------------------------------------------------
// Errors (codes and texts as Excel.ErrorCodes and the client's resource strings)

export class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location = '',
    readonly status = 400,
  ) {
    super(message);
  }
}

const MSG: Record<string, string> = {
  AccessDenied: 'The cell or chart you are trying to change is on a protected sheet. To make a change, unprotect the sheet.',
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: 'The resource being created already exists.',
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: 'The operation is not allowed on this object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  InvalidOperationInCellEditMode: 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
  GeneralException: 'There was an internal error while processing the request.',
};

function fail(code: string, location = '', status = 400): SimError {
  return new SimError(code, MSG[code] ?? code, location, status);
}

// ---------------------------------------------------------------------------------------------
// Objects the server resolves paths to

type Obj =
  | { t: 'Workbook' }
  | { t: 'Application' }
  | { t: 'WorksheetCollection' }
  | { t: 'Worksheet'; s: SheetModel }
  | { t: 'Range'; s: SheetModel; r: Rect }
  | { t: 'RangeAreas'; s: SheetModel; rs: Rect[] }
  | { t: 'RangeFormat'; s: SheetModel; rs: Rect[] }
  | { t: 'RangeFill'; s: SheetModel; rs: Rect[] }
  | { t: 'RangeFont'; s: SheetModel; rs: Rect[] }
  | { t: 'DataValidation'; s: SheetModel; r: Rect }
  | { t: 'WorkbookProtection' }
  | { t: 'Functions' }
  | { t: 'FunctionResult'; value: number | string; error: string | null }
  | { t: 'WorksheetProtection'; s: SheetModel }
  | { t: 'SettingCollection' }
  | { t: 'Setting'; k: string }
  | { t: 'CommentCollection'; s: SheetModel | null }
  | { t: 'NoteCollection'; s: SheetModel | null }
  | { t: 'Comment'; s: SheetModel; k: number }
  | { t: 'Note'; s: SheetModel; k: number }
  | { t: 'TableCollection'; s: SheetModel }
  | { t: 'Table'; s: SheetModel; tb: TableState }
  | { t: 'ChartCollection'; s: SheetModel }
  | { t: 'Chart'; s: SheetModel; c: ChartState }
  | { t: 'ChartSeriesCollection'; c: ChartState }
  | { t: 'ChartSeries'; c: ChartState; i: number }
  | { t: 'ChartTitle'; c: ChartState }
  | { t: 'PageLayout'; s: SheetModel }
  | { t: 'WorksheetFreezePanes'; s: SheetModel };

type O<T extends Obj['t']> = Extract<Obj, { t: T }>;

interface Ctx {
  m: WorkbookModel;
  p: HostProfile;
  /** Require ExcelApi `version` for `api`, else ApiNotFound (as Excel answers). */
  need(version: string, api: string): void;
  changed(s: SheetModel, rects: Rect[], kind: 'values' | 'format'): void;
}

interface Prop {
  get?(o: never, c: Ctx): unknown;
  set?(o: never, v: unknown, c: Ctx): void;
}

interface TypeDef {
  /** Properties loaded by `load()` without arguments. */
  scalars?: string[];
  props?: Record<string, Prop>;
  nav?: Record<string, (o: never, c: Ctx) => Obj | null>;
  methods?: Record<string, (o: never, args: unknown[], c: Ctx) => unknown>;
  /** Collections: their items. */
  items?(o: never, c: Ctx): Obj[];
  /** Collections: the indexer (ObjectPath type 5), e.g. worksheets.getItem(key). */
  index?(o: never, args: unknown[], c: Ctx): Obj | null;
  /** Key of an item, returned as `_Id` so that the client addresses it by key. */
  id?(o: never): string;
}

// ---------------------------------------------------------------------------------------------
// Values

const ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#UNKNOWN!'];
const EPOCH = Date.UTC(1899, 11, 30);
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What Excel stores when `Range.values` (or formulas) writes `v` into a cell of number format `fmt`.
 * Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="),
 * Excel interprets this value as a formula" (MS excel.range#excel-excel-range-values-member); as
 * when typed, text that reads as a number, TRUE/FALSE, an error or a date is converted, and a
 * leading apostrophe keeps the rest as text; a Text ('@') cell keeps what is written as text
 * (https://support.microsoft.com/office/format-numbers-as-text-583160db-35d5-4ec4-8b7b-b5ed6b5ee2b6).
 * Formulas are not evaluated: a numeric one becomes its number, any other "=…"/"+…"/"-…" becomes
 * #NAME? (never the text that was meant).
 * Returns null for "leave the cell as it is" (null in the input), undefined for "empty".
 */
export function coerceInput(v: unknown, fmt: string): { value: Stored | undefined; format?: string } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : { error: '#NUM!' } };
  if (typeof v === 'boolean') return { value: v };
  const s = String(v);
  if (s === '') return { value: undefined };
  if (fmt === '@') return { value: s };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith('=') || s.startsWith('+') || s.startsWith('-')) {
    const body = s.startsWith('=') ? s.slice(1) : s;
    if (NUMBER.test(body.trim())) return { value: Number(body.trim()) };
    return { value: { error: '#NAME?' } };
  }
  const t = s.trim();
  if (NUMBER.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  if (ERRORS.includes(t.toUpperCase())) return { value: { error: t.toUpperCase() } };
  const d = ISO_DATE.exec(t) ?? SLASH_DATE.exec(t);
  if (d) {
    const ms = Date.UTC(+d[1], +d[2] - 1, +d[3]);
    const back = new Date(ms);
    if (back.getUTCMonth() === +d[2] - 1 && back.getUTCDate() === +d[3]) {
      return { value: Math.round((ms - EPOCH) / 86400000), format: fmt === 'General' ? (ISO_DATE.test(t) ? 'yyyy-mm-dd' : 'yyyy/m/d') : undefined };
    }
  }
  return { value: s };
}

function display(v: Stored | undefined): string | number | boolean {
  if (v === undefined) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

function valueType(v: Stored | undefined): string {
  if (v === undefined) return 'Empty';
  if (typeof v === 'object') return 'Error';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Double' : 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

function textOf(v: Stored | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function cellsOf(rects: Rect[]): number {
  return rects.reduce((a, r) => a + (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1), 0);
}

function forCells(rects: Rect[], f: (r: number, c: number) => void): void {
  for (const rect of rects) for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) f(r, c);
}

function matrix<V>(rect: Rect, f: (r: number, c: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: V[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

/** A 2-D input must match the range, or be a single value broadcast to every cell. */
function inputAt(input: unknown, rect: Rect, api: string): (r: number, c: number) => unknown {
  if (!Array.isArray(input)) return () => input;
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
    if (input.length === 1 && Array.isArray(input[0]) && input[0].length === 1) return () => (input[0] as unknown[])[0];
    throw fail('InvalidArgument', api);
  }
  return (r, c) => (input[r - rect.r0] as unknown[])[c - rect.c0];
}

/** Cells a single read may return (Excel refuses far larger reads; the 5 MB cap bites first on the web). */
const CELL_LIMIT_READ = 5_000_000;

function guardWrite(s: SheetModel, api: string): void {
  // Worksheet protection: "Protected sheets … prevent the modification of cells" — writes answer
  // AccessDenied (MS excel.worksheetprotection; Excel.ErrorCodes.accessDenied).
  if (s.protected) throw fail('AccessDenied', api);
}

function guardStructure(m: WorkbookModel, api: string): void {
  // Workbook structure protection blocks adding, deleting, renaming, moving and hiding sheets
  // (MS excel.workbookprotection).
  if (m.structureProtected) throw fail('AccessDenied', api);
}

const BAD_SHEET_CHARS = /[\\/?*[\]:]/;

function checkSheetName(m: WorkbookModel, name: string, api: string, self?: SheetModel): void {
  if (!name || name.length > 31 || BAD_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) throw fail('InvalidArgument', api);
  const other = m.sheet(name);
  if (other && other !== self) throw fail('ItemAlreadyExists', api);
}

function rangeAddress(s: SheetModel, r: Rect): string {
  return `${quoteSheet(s.name)}!${rectToA1(r)}`;
}

/** Parse an address on sheet `s` (a sheet-qualified one must name `s`). */
function localRect(s: SheetModel, address: string, api: string): Rect {
  const { sheet, local } = splitSheet(address);
  if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) throw fail('InvalidArgument', api);
  const rect = parseLocal(local);
  if (!rect) throw fail('InvalidArgument', api);
  return rect;
}

function rangeObj(s: SheetModel, r: Rect, api: string): O<'Range'> {
  if (r.r0 < 0 || r.c0 < 0 || r.r1 >= MAX_ROWS || r.c1 >= MAX_COLS || r.r1 < r.r0 || r.c1 < r.c0) throw fail('InvalidArgument', api);
  return { t: 'Range', s, r };
}

/** A cell given as an address string or a Range object (notes, comments). */
function cellOf(c: Ctx, scope: SheetModel | null, a: unknown, api: string): { s: SheetModel; r: number; col: number } {
  let s: SheetModel;
  let rect: Rect;
  if (a && typeof a === 'object' && (a as Obj).t === 'Range') {
    s = (a as O<'Range'>).s;
    rect = (a as O<'Range'>).r;
  } else if (typeof a === 'string') {
    const res = c.m.resolveAddress(a, scope ?? c.m.active ?? undefined);
    if (!res) throw fail('InvalidArgument', api);
    s = res.sheet;
    rect = res.rect;
  } else throw fail('InvalidArgument', api);
  if (rect.r0 !== rect.r1 || rect.c0 !== rect.c1) throw fail('InvalidArgument', api);
  if (scope && s !== scope) throw fail('InvalidArgument', api);
  return { s, r: rect.r0, col: rect.c0 };
}

// ---------------------------------------------------------------------------------------------
// Fills: No Fill reads as white

/**
 * What Excel reports for a cell's fill. "No Fill" is reported as color #FFFFFF — the same as a
 * white fill — and `pattern` does not tell them apart either; only `tintAndShade` does: null for
 * No Fill, a number for a fill (office-js issues 6218 and 4900; MS excel.rangefill
 * #excel-excel-rangefill-tintandshade-member). Patterned fills report their pattern.
 */
function fillReport(f: FillState | undefined): { color: string; pattern: string | null; patternColor: string; tintAndShade: number | null } {
  if (!f) return { color: '#FFFFFF', pattern: null, patternColor: '#000000', tintAndShade: null };
  return {
    color: f.color,
    pattern: f.pattern === 'Solid' ? null : f.pattern,
    patternColor: f.patternColor ?? '#000000',
    tintAndShade: f.tintAndShade ?? 0,
  };
}

function normColor(v: unknown, api: string): string {
  const s = String(v ?? '').trim();
  if (/^#[0-9a-f]{6}$/i.test(s)) return s.toUpperCase();
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', yellow: '#FFFF00', green: '#008000', blue: '#0000FF' };
  if (named[s.toLowerCase()]) return named[s.toLowerCase()];
  throw fail('InvalidArgument', api);
}

// ---------------------------------------------------------------------------------------------
// Object types

function writeValues(o: O<'Range'>, v: unknown, c: Ctx, api: string): void {
  guardWrite(o.s, api);
  if (cellsOf([o.r]) > CELL_LIMIT_READ) throw fail('InvalidArgument', api);
  const at = inputAt(v, o.r, api);
  forCells([o.r], (r, col) => {
    // Merged cells: "only the top-left cell … holds the value" — writes to the others are
    // dropped and reads return "" for them (MS excel.range#excel-excel-range-merge-member,
    // https://support.microsoft.com/office/merge-and-unmerge-cells-5cbd15d5-9375-4540-907f-c673a93fcedf).
    const mg = o.s.mergeAt(r, col);
    if (mg && (mg.r0 !== r || mg.c0 !== col)) return;
    const stored = coerceInput(at(r, col), o.s.format(r, col));
    if (stored === null) return;
    o.s.set(r, col, stored.value);
    if (stored.format) o.s.formats.set(key(r, col), stored.format);
  });
  c.changed(o.s, [o.r], 'values');
}

function fontProp(name: keyof FontState, dflt: unknown): Prop {
  return {
    get: (o: O<'RangeFont'>) => {
      const f = o.s.fonts.get(key(o.rs[0].r0, o.rs[0].c0)) ?? {};
      return f[name] ?? dflt;
    },
    set: (o: O<'RangeFont'>, v, c) => {
      guardWrite(o.s, `RangeFont.${name}`);
      forCells(o.rs, (r, col) => {
        const k = key(r, col);
        o.s.fonts.set(k, { ...(o.s.fonts.get(k) ?? {}), [name]: v });
      });
      c.changed(o.s, o.rs, 'format');
    },
  };
}

function formatProp(name: string, dflt: unknown): Prop {
  return { get: () => dflt, set: (o: O<'RangeFormat'>) => guardWrite(o.s, `RangeFormat.${name}`) };
}

function insertFromBase64(c: Ctx, base64: unknown, options: unknown): string[] {
  c.need('1.13', 'Workbook.insertWorksheetsFromBase64');
  if (c.p.missing.includes('Workbook.insertWorksheetsFromBase64')) throw fail('ApiNotFound', 'Workbook.insertWorksheetsFromBase64');
  guardStructure(c.m, 'Workbook.insertWorksheetsFromBase64');
  if (!importHooks.decode || typeof base64 !== 'string') throw fail('InvalidArgument', 'Workbook.insertWorksheetsFromBase64');
  let sheets: SheetModel[];
  try {
    sheets = importHooks.decode(base64);
  } catch {
    throw fail('InvalidArgument', 'Workbook.insertWorksheetsFromBase64');
  }
  const opts = (options ?? {}) as Excel.InsertWorksheetOptions;
  if (opts.sheetNamesToInsert?.length) {
    const want = opts.sheetNamesToInsert;
    sheets = sheets.filter((s) => want.includes(s.name));
  }
  for (const s of sheets) {
    // A clash of names: Excel inserts the sheet under a new name ("Sheet1 (2)").
    const base = s.name;
    for (let i = 2; c.m.sheet(s.name); i++) s.name = `${base.slice(0, 26)} (${i})`;
  }
  const pos = opts.positionType ?? 'End';
  if (pos === 'Beginning') c.m.sheets.unshift(...sheets);
  else c.m.sheets.push(...sheets);
  // "Returns an array of the IDs corresponding to each newly inserted worksheet" — IDs, not names
  // (MS excel.workbook#excel-excel-workbook-insertworksheetsfrombase64-member(1)).
  return sheets.map((s) => s.id);
}

/** Decodes an imported file's base64 into sheets; installed by workbook.ts (SheetJS). */
export const importHooks: { decode?: (base64: string) => SheetModel[] } = {};

const TYPES: Record<string, TypeDef> = {
  Workbook: {
    scalars: ['name'],
    props: { name: { get: (_o, c) => c.m.name } },
    nav: {
      worksheets: () => ({ t: 'WorksheetCollection' }),
      application: () => ({ t: 'Application' }),
      settings: () => ({ t: 'SettingCollection' }),
      protection: () => ({ t: 'WorkbookProtection' }),
      functions: (_o, c) => (c.need('1.2', 'Workbook.functions'), { t: 'Functions' }),
      comments: (_o, c) => (c.need('1.10', 'Workbook.comments'), { t: 'CommentCollection', s: null }),
      notes: (_o, c) => (c.need('1.18', 'Workbook.notes'), { t: 'NoteCollection', s: null }),
    },
    methods: {
      getSelectedRange: (_o, _a, c) => {
        const sel = c.m.selection ?? (c.m.active ? { sheet: c.m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } } : null);
        if (!sel) throw fail('ItemNotFound', 'Workbook.getSelectedRange');
        return { t: 'Range', s: sel.sheet, r: sel.rect };
      },
      getActiveCell: (_o, _a, c) => {
        const sel = c.m.selection ?? (c.m.active ? { sheet: c.m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } } : null);
        if (!sel) throw fail('ItemNotFound', 'Workbook.getActiveCell');
        return { t: 'Range', s: sel.sheet, r: { r0: sel.rect.r0, c0: sel.rect.c0, r1: sel.rect.r0, c1: sel.rect.c0 } };
      },
      insertWorksheetsFromBase64: (_o, a, c) => insertFromBase64(c, a[0], a[1]),
    },
  },
  Application: {
    scalars: ['calculationMode'],
    props: { calculationMode: { get: () => 'Automatic' } },
    methods: { suspendApiCalculationUntilNextSync: () => undefined },
  },
  WorksheetCollection: {
    items: (_o, c) => c.m.sheets.map((s): Obj => ({ t: 'Worksheet', s })),
    index: (_o, a, c) => {
      const s = c.m.sheet(String(a[0]));
      if (!s) throw fail('ItemNotFound', 'WorksheetCollection.getItem');
      return { t: 'Worksheet', s };
    },
    methods: {
      getItem: (_o, a, c) => {
        const s = c.m.sheet(String(a[0]));
        if (!s) throw fail('ItemNotFound', 'WorksheetCollection.getItem');
        return { t: 'Worksheet', s };
      },
      getItemOrNullObject: (_o, a, c) => {
        const s = c.m.sheet(String(a[0]));
        return s ? { t: 'Worksheet', s } : null;
      },
      getActiveWorksheet: (_o, _a, c) => {
        if (!c.m.active) throw fail('ItemNotFound', 'WorksheetCollection.getActiveWorksheet');
        return { t: 'Worksheet', s: c.m.active };
      },
      getItemAt: (_o, a, c) => {
        const s = c.m.sheets[Number(a[0])];
        if (!s) throw fail('ItemNotFound', 'WorksheetCollection.getItemAt');
        return { t: 'Worksheet', s };
      },
      getCount: (_o, a, c) => c.m.sheets.filter((s) => !a[0] || s.visibility === 'Visible').length,
      add: (_o, a, c) => {
        guardStructure(c.m, 'WorksheetCollection.add');
        let n = a[0] === null || a[0] === undefined ? undefined : String(a[0]);
        if (n === undefined) for (let i = c.m.sheets.length + 1; !n || c.m.sheet(n); i++) n = `Sheet${i}`;
        checkSheetName(c.m, n, 'WorksheetCollection.add');
        const s = new SheetModel(n);
        c.m.sheets.push(s);
        return { t: 'Worksheet', s };
      },
    },
  },
  Worksheet: {
    scalars: ['name', 'id', 'position', 'visibility', 'tabColor'],
    id: (o: O<'Worksheet'>) => o.s.id,
    props: {
      name: {
        get: (o: O<'Worksheet'>) => o.s.name,
        set: (o: O<'Worksheet'>, v, c) => {
          guardStructure(c.m, 'Worksheet.name');
          checkSheetName(c.m, String(v), 'Worksheet.name', o.s);
          o.s.name = String(v);
        },
      },
      id: { get: (o: O<'Worksheet'>) => o.s.id },
      position: {
        get: (o: O<'Worksheet'>, c) => c.m.sheets.indexOf(o.s),
        set: (o: O<'Worksheet'>, v, c) => {
          guardStructure(c.m, 'Worksheet.position');
          c.m.sheets.splice(c.m.sheets.indexOf(o.s), 1);
          c.m.sheets.splice(Math.max(0, Math.min(Number(v), c.m.sheets.length)), 0, o.s);
        },
      },
      visibility: {
        get: (o: O<'Worksheet'>) => o.s.visibility,
        set: (o: O<'Worksheet'>, v, c) => {
          guardStructure(c.m, 'Worksheet.visibility');
          // A workbook keeps at least one visible sheet; "VeryHidden" sheets cannot be made
          // visible from Excel's UI, only by code (MS excel.sheetvisibility).
          if (v !== 'Visible' && c.m.sheets.filter((x) => x !== o.s && x.visibility === 'Visible').length === 0) throw fail('InvalidOperation', 'Worksheet.visibility');
          o.s.visibility = v as SheetModel['visibility'];
          if (v !== 'Visible' && c.m.active === o.s) c.m.active = c.m.sheets.find((x) => x.visibility === 'Visible') ?? null;
        },
      },
      tabColor: {
        get: (o: O<'Worksheet'>) => o.s.tabColor,
        set: (o: O<'Worksheet'>, v) => {
          o.s.tabColor = String(v);
        },
      },
      showGridlines: { get: () => true, set: () => undefined },
    },
    nav: {
      protection: (o: O<'Worksheet'>) => ({ t: 'WorksheetProtection', s: o.s }),
      tables: (o: O<'Worksheet'>) => ({ t: 'TableCollection', s: o.s }),
      charts: (o: O<'Worksheet'>) => ({ t: 'ChartCollection', s: o.s }),
      pageLayout: (o: O<'Worksheet'>, c) => (c.need('1.9', 'Worksheet.pageLayout'), { t: 'PageLayout', s: o.s }),
      freezePanes: (o: O<'Worksheet'>, c) => (c.need('1.7', 'Worksheet.freezePanes'), { t: 'WorksheetFreezePanes', s: o.s }),
      comments: (o: O<'Worksheet'>, c) => (c.need('1.10', 'Worksheet.comments'), { t: 'CommentCollection', s: o.s }),
      notes: (o: O<'Worksheet'>, c) => (c.need('1.18', 'Worksheet.notes'), { t: 'NoteCollection', s: o.s }),
    },
    methods: {
      getRange: (o: O<'Worksheet'>, a) => {
        const address = a[0];
        if (address === undefined || address === null || address === '') return rangeObj(o.s, { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 }, 'Worksheet.getRange');
        return rangeObj(o.s, localRect(o.s, String(address), 'Worksheet.getRange'), 'Worksheet.getRange');
      },
      getRanges: (o: O<'Worksheet'>, a, c) => {
        c.need('1.9', 'Worksheet.getRanges');
        const rs = String(a[0] ?? '')
          .split(',')
          .map((part) => localRect(o.s, part, 'Worksheet.getRanges'));
        return { t: 'RangeAreas', s: o.s, rs };
      },
      getRangeByIndexes: (o: O<'Worksheet'>, a, c) => {
        c.need('1.7', 'Worksheet.getRangeByIndexes');
        const [r0, c0, n, k] = a.map(Number);
        if (n < 1 || k < 1) throw fail('InvalidArgument', 'Worksheet.getRangeByIndexes');
        return rangeObj(o.s, { r0, c0, r1: r0 + n - 1, c1: c0 + k - 1 }, 'Worksheet.getRangeByIndexes');
      },
      getCell: (o: O<'Worksheet'>, a) => rangeObj(o.s, { r0: Number(a[0]), c0: Number(a[1]), r1: Number(a[0]), c1: Number(a[1]) }, 'Worksheet.getCell'),
      getUsedRange: (o: O<'Worksheet'>, a) => ({ t: 'Range', s: o.s, r: o.s.usedRect(!!a[0]) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } }),
      getUsedRangeOrNullObject: (o: O<'Worksheet'>, a) => {
        const r = o.s.usedRect(!!a[0]);
        return r ? { t: 'Range', s: o.s, r } : null;
      },
      activate: (o: O<'Worksheet'>, _a, c) => {
        if (o.s.visibility !== 'Visible') throw fail('InvalidOperation', 'Worksheet.activate');
        c.m.active = o.s;
        c.m.selection = { sheet: o.s, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
      },
      delete: (o: O<'Worksheet'>, _a, c) => {
        guardStructure(c.m, 'Worksheet.delete');
        // "Worksheets with a visibility of "VeryHidden" cannot be deleted with this method. You
        // must first change the visibility to hidden or visible" (MS excel.worksheet#excel-excel-worksheet-delete-member(1)).
        if (o.s.visibility === 'VeryHidden') throw fail('InvalidOperation', 'Worksheet.delete');
        if (c.m.sheets.filter((x) => x !== o.s && x.visibility === 'Visible').length === 0) throw fail('InvalidOperation', 'Worksheet.delete');
        c.m.sheets.splice(c.m.sheets.indexOf(o.s), 1);
        if (c.m.active === o.s) c.m.active = c.m.sheets.find((x) => x.visibility === 'Visible') ?? null;
        if (c.m.selection?.sheet === o.s) c.m.selection = null;
      },
    },
  },
  Functions: {
    methods: {
      // Excel's worksheet functions evaluated without a cell (MS excel.functions, ExcelApi 1.2). Only
      // DATE is modelled: "year: Is a number from 1900 or 1904 (depending on the workbook's date
      // system) to 9999" (MS excel.functions#excel-excel-functions-date-member(1)); a year 0–1899
      // has 1900 added, months and days beyond their range roll over, and a day before the
      // system's first is #NUM! (https://support.microsoft.com/office/date-function-e36c0c8c-4104-49da-ab83-82328b832349).
      date: (_o, a, c): Obj => {
        c.m.stats.dateAsks += 1;
        const [y, m, d] = a.map(Number);
        if (![y, m, d].every(Number.isFinite) || y < 0 || y > 9999) return { t: 'FunctionResult', value: '#NUM!', error: '#NUM!' };
        const ms = Date.UTC(y < 1900 ? y + 1900 : y, Math.trunc(m) - 1, Math.trunc(d));
        let serial: number;
        if (c.m.date1904) serial = Math.round((ms - Date.UTC(1904, 0, 1)) / 86400000);
        else {
          serial = Math.round((ms - EPOCH) / 86400000);
          if (serial < 61) serial -= 1; // Excel's phantom 1900-02-29 is serial 60
        }
        if (serial < (c.m.date1904 ? 0 : 1)) return { t: 'FunctionResult', value: '#NUM!', error: '#NUM!' };
        return { t: 'FunctionResult', value: serial, error: null };
      },
    },
  },
  FunctionResult: {
    scalars: ['value', 'error'],
    props: {
      value: { get: (o: O<'FunctionResult'>) => o.value },
      error: { get: (o: O<'FunctionResult'>) => o.error },
    },
  },
  WorkbookProtection: {
    scalars: ['protected'],
    props: { protected: { get: (_o, c) => (c.need('1.7', 'WorkbookProtection.protected'), c.m.structureProtected) } },
  },
  WorksheetProtection: {
    scalars: ['protected'],
    props: {
      protected: { get: (o: O<'WorksheetProtection'>) => o.s.protected },
      isPasswordProtected: { get: () => false },
    },
    methods: {
      protect: (o: O<'WorksheetProtection'>) => {
        if (o.s.protected) throw fail('AccessDenied', 'WorksheetProtection.protect');
        o.s.protected = true;
      },
      unprotect: (o: O<'WorksheetProtection'>) => {
        o.s.protected = false;
      },
    },
  },
  Range: {
    scalars: ['address', 'addressLocal', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'valueTypes', 'numberFormat', 'formulas', 'text'],
    props: {
      address: { get: (o: O<'Range'>) => rangeAddress(o.s, o.r) },
      addressLocal: { get: (o: O<'Range'>) => rangeAddress(o.s, o.r) },
      rowIndex: { get: (o: O<'Range'>) => o.r.r0 },
      columnIndex: { get: (o: O<'Range'>) => o.r.c0 },
      rowCount: { get: (o: O<'Range'>) => o.r.r1 - o.r.r0 + 1 },
      columnCount: { get: (o: O<'Range'>) => o.r.c1 - o.r.c0 + 1 },
      cellCount: { get: (o: O<'Range'>) => cellsOf([o.r]) },
      values: { get: (o: O<'Range'>) => big(o, () => matrix(o.r, (r, c) => display(o.s.get(r, c)))), set: (o: O<'Range'>, v, c) => writeValues(o, v, c, 'Range.values') },
      formulas: { get: (o: O<'Range'>) => big(o, () => matrix(o.r, (r, c) => display(o.s.get(r, c)))), set: (o: O<'Range'>, v, c) => writeValues(o, v, c, 'Range.formulas') },
      valueTypes: { get: (o: O<'Range'>) => big(o, () => matrix(o.r, (r, c) => valueType(o.s.get(r, c)))) },
      text: { get: (o: O<'Range'>) => big(o, () => matrix(o.r, (r, c) => textOf(o.s.get(r, c)))) },
      numberFormat: {
        get: (o: O<'Range'>) => big(o, () => matrix(o.r, (r, c) => o.s.format(r, c))),
        set: (o: O<'Range'>, v, c) => {
          guardWrite(o.s, 'Range.numberFormat');
          const at = inputAt(v, o.r, 'Range.numberFormat');
          forCells([o.r], (r, col) => {
            const f = at(r, col);
            if (f === null || f === undefined) return;
            if (f === 'General') o.s.formats.delete(key(r, col));
            else o.s.formats.set(key(r, col), String(f));
          });
          c.changed(o.s, [o.r], 'format');
        },
      },
      hyperlink: {
        get: (o: O<'Range'>) => o.s.hyperlinks.get(key(o.r.r0, o.r.c0)) ?? null,
        set: (o: O<'Range'>, v, c) => {
          c.need('1.7', 'Range.hyperlink');
          guardWrite(o.s, 'Range.hyperlink');
          const h = v as Excel.RangeHyperlink | null;
          forCells([o.r], (r, col) => {
            if (!h || (!h.address && !h.documentReference)) o.s.hyperlinks.delete(key(r, col));
            else o.s.hyperlinks.set(key(r, col), { ...h });
            if (h?.textToDisplay !== undefined) o.s.set(r, col, h.textToDisplay);
          });
          c.changed(o.s, [o.r], 'values');
        },
      },
      isEntireRow: { get: (o: O<'Range'>) => o.r.c0 === 0 && o.r.c1 === MAX_COLS - 1 },
      isEntireColumn: { get: (o: O<'Range'>) => o.r.r0 === 0 && o.r.r1 === MAX_ROWS - 1 },
    },
    nav: {
      format: (o: O<'Range'>) => ({ t: 'RangeFormat', s: o.s, rs: [o.r] }),
      worksheet: (o: O<'Range'>) => ({ t: 'Worksheet', s: o.s }),
      dataValidation: (o: O<'Range'>, c) => (c.need('1.8', 'Range.dataValidation'), { t: 'DataValidation', s: o.s, r: o.r }),
    },
    methods: {
      // "Returns a RangeAreas object that represents the merged areas in this range … If there are
      // no merged areas in this range, then this method will return a null object" (MS
      // excel.range#excel-excel-range-getmergedareasornullobject-member(1), ExcelApi 1.13). Each
      // area whole, also where it reaches outside the range.
      getMergedAreasOrNullObject: (o: O<'Range'>, _a, c) => {
        c.need('1.13', 'Range.getMergedAreasOrNullObject');
        const rs = o.s.merges.filter((m) => intersects(m, o.r));
        return rs.length ? { t: 'RangeAreas', s: o.s, rs } : null;
      },
      getCell: (o: O<'Range'>, a) => rangeObj(o.s, { r0: o.r.r0 + Number(a[0]), c0: o.r.c0 + Number(a[1]), r1: o.r.r0 + Number(a[0]), c1: o.r.c0 + Number(a[1]) }, 'Range.getCell'),
      getRow: (o: O<'Range'>, a) => rangeObj(o.s, { ...o.r, r0: o.r.r0 + Number(a[0]), r1: o.r.r0 + Number(a[0]) }, 'Range.getRow'),
      getColumn: (o: O<'Range'>, a) => rangeObj(o.s, { ...o.r, c0: o.r.c0 + Number(a[0]), c1: o.r.c0 + Number(a[0]) }, 'Range.getColumn'),
      getResizedRange: (o: O<'Range'>, a) => rangeObj(o.s, { ...o.r, r1: o.r.r1 + Number(a[0]), c1: o.r.c1 + Number(a[1]) }, 'Range.getResizedRange'),
      getOffsetRange: (o: O<'Range'>, a) =>
        rangeObj(o.s, { r0: o.r.r0 + Number(a[0]), r1: o.r.r1 + Number(a[0]), c0: o.r.c0 + Number(a[1]), c1: o.r.c1 + Number(a[1]) }, 'Range.getOffsetRange'),
      getAbsoluteResizedRange: (o: O<'Range'>, a) => rangeObj(o.s, { r0: o.r.r0, c0: o.r.c0, r1: o.r.r0 + Number(a[0]) - 1, c1: o.r.c0 + Number(a[1]) - 1 }, 'Range.getAbsoluteResizedRange'),
      getCellProperties: (o: O<'Range'>, a, c) => {
        c.need('1.9', 'Range.getCellProperties');
        const opts = (a[0] ?? {}) as Excel.CellPropertiesLoadOptions;
        return big(o, () =>
          matrix(o.r, (r, col) => {
            const out: Record<string, unknown> = {};
            if (opts.address) out.address = `${quoteSheet(o.s.name)}!${colToLetters(col)}${r + 1}`;
            const f = opts.format;
            if (f) {
              const fmt: Record<string, unknown> = {};
              if (f.fill) {
                const rep = fillReport(o.s.fills.get(key(r, col)));
                const fill: Record<string, unknown> = {};
                for (const k of ['color', 'pattern', 'patternColor', 'tintAndShade'] as const) if ((f.fill as Record<string, unknown>)[k]) fill[k] = rep[k];
                fmt.fill = fill;
              }
              if (f.font) {
                const font = o.s.fonts.get(key(r, col)) ?? {};
                const fo: Record<string, unknown> = {};
                if (f.font.bold) fo.bold = font.bold ?? false;
                if (f.font.color) fo.color = font.color ?? '#000000';
                fmt.font = fo;
              }
              out.format = fmt;
            }
            if (opts.hyperlink) out.hyperlink = o.s.hyperlinks.get(key(r, col));
            return out;
          }),
        );
      },
      setCellProperties: (o: O<'Range'>, a, c) => {
        c.need('1.9', 'Range.setCellProperties');
        guardWrite(o.s, 'Range.setCellProperties');
        const at = inputAt(a[0], o.r, 'Range.setCellProperties');
        forCells([o.r], (r, col) => {
          const p = at(r, col) as Excel.SettableCellProperties | null;
          const fill = p?.format?.fill;
          if (fill) {
            if (fill.pattern === 'None') o.s.fills.delete(key(r, col));
            else {
              const prev = o.s.fills.get(key(r, col));
              const next: FillState = { color: fill.color ? normColor(fill.color, 'Range.setCellProperties') : (prev?.color ?? '#FFFFFF'), pattern: fill.pattern ?? prev?.pattern ?? 'Solid' };
              const pc = fill.patternColor ?? prev?.patternColor;
              if (pc !== undefined) next.patternColor = pc;
              const ts = fill.tintAndShade ?? prev?.tintAndShade;
              if (ts !== undefined && ts !== null) next.tintAndShade = ts;
              o.s.fills.set(key(r, col), next);
            }
          }
          const font = p?.format?.font;
          if (font) o.s.fonts.set(key(r, col), { ...(o.s.fonts.get(key(r, col)) ?? {}), ...(font as FontState) });
        });
        c.changed(o.s, [o.r], 'format');
      },
      merge: (o: O<'Range'>, a) => {
        guardWrite(o.s, 'Range.merge');
        const across = !!a[0];
        const rects: Rect[] = across ? Array.from({ length: o.r.r1 - o.r.r0 + 1 }, (_, i) => ({ ...o.r, r0: o.r.r0 + i, r1: o.r.r0 + i })) : [o.r];
        for (const m of rects) {
          if (o.s.overlappingMerges(m).length) throw fail('InvalidOperation', 'Range.merge');
          // Merging keeps only the upper-left value (https://support.microsoft.com/office/merge-and-unmerge-cells-5cbd15d5-9375-4540-907f-c673a93fcedf).
          forCells([m], (r, col) => {
            if (r !== m.r0 || col !== m.c0) o.s.set(r, col, undefined);
          });
          o.s.merges.push({ ...m });
        }
      },
      unmerge: (o: O<'Range'>) => {
        guardWrite(o.s, 'Range.unmerge');
        o.s.merges = o.s.merges.filter((m) => !intersects(m, o.r));
      },
      select: (o: O<'Range'>, _a, c) => {
        if (o.s.visibility !== 'Visible') throw fail('InvalidOperation', 'Range.select');
        c.m.active = o.s;
        c.m.selection = { sheet: o.s, rect: o.r };
      },
      clear: (o: O<'Range'>, a, c) => clearRects(o.s, [o.r], String(a[0] ?? 'All'), c, 'Range.clear'),
    },
  },
  RangeAreas: {
    scalars: ['address', 'areaCount', 'cellCount'],
    props: {
      address: { get: (o: O<'RangeAreas'>) => o.rs.map((r) => rangeAddress(o.s, r)).join(',') },
      areaCount: { get: (o: O<'RangeAreas'>) => o.rs.length },
      cellCount: { get: (o: O<'RangeAreas'>) => cellsOf(o.rs) },
    },
    nav: { format: (o: O<'RangeAreas'>) => ({ t: 'RangeFormat', s: o.s, rs: o.rs }) },
    methods: { clear: (o: O<'RangeAreas'>, a, c) => clearRects(o.s, o.rs, String(a[0] ?? 'All'), c, 'RangeAreas.clear') },
  },
  RangeFormat: {
    scalars: ['columnWidth', 'wrapText', 'horizontalAlignment', 'verticalAlignment', 'rowHeight'],
    props: {
      columnWidth: {
        get: (o: O<'RangeFormat'>) => o.s.columnWidths.get(o.rs[0].c0) ?? 48,
        set: (o: O<'RangeFormat'>, v) => {
          guardWrite(o.s, 'RangeFormat.columnWidth');
          for (const r of o.rs) for (let c = r.c0; c <= r.c1; c++) o.s.columnWidths.set(c, Number(v));
        },
      },
      wrapText: formatProp('wrapText', false),
      horizontalAlignment: formatProp('horizontalAlignment', 'General'),
      verticalAlignment: formatProp('verticalAlignment', 'Bottom'),
      rowHeight: formatProp('rowHeight', 15),
    },
    nav: {
      fill: (o: O<'RangeFormat'>) => ({ t: 'RangeFill', s: o.s, rs: o.rs }),
      font: (o: O<'RangeFormat'>) => ({ t: 'RangeFont', s: o.s, rs: o.rs }),
    },
    methods: {
      autofitColumns: (o: O<'RangeFormat'>) => {
        guardWrite(o.s, 'RangeFormat.autofitColumns');
        for (const rect of o.rs) {
          const r1 = Math.min(rect.r1, o.s.rows.length - 1);
          for (let c = rect.c0; c <= rect.c1 && c < 200; c++) {
            let w = 8;
            for (let r = rect.r0; r <= r1 && r < rect.r0 + 2000; r++) w = Math.max(w, utf8Length(textOf(o.s.get(r, c))));
            o.s.columnWidths.set(c, Math.min(w, 60) * 6);
          }
        }
      },
      autofitRows: (o: O<'RangeFormat'>) => guardWrite(o.s, 'RangeFormat.autofitRows'),
    },
  },
  RangeFill: {
    scalars: ['color', 'pattern', 'tintAndShade'],
    props: {
      // Several cells with different fills: null (as Excel reports mixed formatting).
      color: { get: (o: O<'RangeFill'>) => fillSame(o, 'color'), set: (o: O<'RangeFill'>, v, c) => setFill(o, normColor(v, 'RangeFill.color'), c) },
      pattern: { get: (o: O<'RangeFill'>) => fillSame(o, 'pattern') },
      patternColor: { get: (o: O<'RangeFill'>) => fillSame(o, 'patternColor') },
      tintAndShade: {
        get: (o: O<'RangeFill'>) => fillSame(o, 'tintAndShade'),
        set: (o: O<'RangeFill'>, v, c) => {
          guardWrite(o.s, 'RangeFill.tintAndShade');
          forCells(o.rs, (r, col) => {
            const f = o.s.fills.get(key(r, col));
            if (f) f.tintAndShade = Number(v);
          });
          c.changed(o.s, o.rs, 'format');
        },
      },
    },
    methods: {
      clear: (o: O<'RangeFill'>, _a, c) => {
        guardWrite(o.s, 'RangeFill.clear');
        forCells(o.rs, (r, col) => o.s.fills.delete(key(r, col)));
        c.changed(o.s, o.rs, 'format');
      },
    },
  },
  RangeFont: {
    scalars: ['bold', 'color', 'size', 'italic'],
    props: { bold: fontProp('bold', false), color: fontProp('color', '#000000'), size: fontProp('size', 11), italic: fontProp('italic', false) },
  },
  DataValidation: {
    scalars: ['rule', 'type'],
    props: {
      rule: {
        get: (o: O<'DataValidation'>) => o.s.validations.find((d) => intersects(d.rect, o.r))?.rule ?? {},
        set: (o: O<'DataValidation'>, v) => {
          guardWrite(o.s, 'DataValidation.rule');
          if (!v || typeof v !== 'object' || Object.keys(v).length !== 1) throw fail('InvalidArgument', 'DataValidation.rule');
          o.s.validations = o.s.validations.filter((x) => !intersects(x.rect, o.r));
          o.s.validations.push({ rect: o.r, rule: JSON.parse(JSON.stringify(v)) });
        },
      },
      type: {
        get: (o: O<'DataValidation'>) => {
          const x = o.s.validations.find((d) => intersects(d.rect, o.r));
          return x ? (Object.keys(x.rule)[0] ?? 'None') : 'None';
        },
      },
      prompt: {
        get: (o: O<'DataValidation'>) => o.s.validations.find((d) => intersects(d.rect, o.r))?.prompt ?? null,
        set: (o: O<'DataValidation'>, v) => {
          guardWrite(o.s, 'DataValidation.prompt');
          const x = o.s.validations.find((d) => intersects(d.rect, o.r));
          if (x) x.prompt = { ...(v as object) } as Record<string, unknown>;
          else o.s.validations.push({ rect: o.r, rule: {}, prompt: { ...(v as object) } as Record<string, unknown> });
        },
      },
      errorAlert: { set: (o: O<'DataValidation'>) => guardWrite(o.s, 'DataValidation.errorAlert') },
    },
    methods: {
      clear: (o: O<'DataValidation'>) => {
        guardWrite(o.s, 'DataValidation.clear');
        o.s.validations = o.s.validations.filter((x) => !intersects(x.rect, o.r));
      },
    },
  },
  TableCollection: {
    items: (o: O<'TableCollection'>) => o.s.tables.map((tb): Obj => ({ t: 'Table', s: o.s, tb })),
    methods: {
      getCount: (o: O<'TableCollection'>) => o.s.tables.length,
      add: (o: O<'TableCollection'>, a, c) => {
        let sheet = o.s;
        let rect: Rect | null;
        const address = a[0];
        if (address && typeof address === 'object') {
          sheet = (address as O<'Range'>).s;
          rect = (address as O<'Range'>).r;
        } else {
          const res = c.m.resolveAddress(String(address), o.s);
          rect = res?.rect ?? null;
          if (res) sheet = res.sheet;
        }
        if (!rect) throw fail('InvalidArgument', 'TableCollection.add');
        guardWrite(sheet, 'TableCollection.add');
        const r = rect;
        if (sheet.tables.some((x) => intersects(x.rect, r)) || sheet.overlappingMerges(r).length) throw fail('InvalidOperation', 'TableCollection.add');
        c.m.tableSeq += 1;
        let name = `Table${c.m.tableSeq}`;
        while (c.m.sheets.some((x) => x.tables.some((tb) => tb.name === name))) name = `Table${++c.m.tableSeq}`;
        const tb: TableState = { name, rect: r, showFilterButton: true, style: 'TableStyleMedium2' };
        if (!a[1]) for (let col = r.c0; col <= r.c1; col++) sheet.set(r.r0, col, `Column${col - r.c0 + 1}`);
        sheet.tables.push(tb);
        return { t: 'Table', s: sheet, tb };
      },
    },
  },
  Table: {
    scalars: ['name', 'showFilterButton', 'style'],
    props: {
      name: {
        get: (o: O<'Table'>) => o.tb.name,
        set: (o: O<'Table'>, v, c) => {
          const n = String(v);
          if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(n) || c.m.sheets.some((s) => s.tables.some((x) => x !== o.tb && x.name.toLowerCase() === n.toLowerCase()))) throw fail('InvalidArgument', 'Table.name');
          o.tb.name = n;
        },
      },
      showFilterButton: {
        get: (o: O<'Table'>) => o.tb.showFilterButton,
        set: (o: O<'Table'>, v) => {
          o.tb.showFilterButton = !!v;
        },
      },
      style: {
        get: (o: O<'Table'>) => o.tb.style,
        set: (o: O<'Table'>, v) => {
          o.tb.style = String(v);
        },
      },
    },
    methods: {
      getRange: (o: O<'Table'>) => ({ t: 'Range', s: o.s, r: o.tb.rect }),
      delete: (o: O<'Table'>) => {
        guardWrite(o.s, 'Table.delete');
        o.s.tables = o.s.tables.filter((x) => x !== o.tb);
      },
    },
  },
  ChartCollection: {
    items: (o: O<'ChartCollection'>) => o.s.charts.map((ch): Obj => ({ t: 'Chart', s: o.s, c: ch })),
    methods: {
      getCount: (o: O<'ChartCollection'>) => o.s.charts.length,
      add: (o: O<'ChartCollection'>, a, c) => {
        guardWrite(o.s, 'ChartCollection.add');
        const src = a[1] as O<'Range'>;
        if (!src || src.t !== 'Range') throw fail('InvalidArgument', 'ChartCollection.add');
        c.m.chartSeq += 1;
        const ch: ChartState = { name: `Chart ${c.m.chartSeq}`, type: String(a[0]), source: rangeAddress(src.s, src.r), seriesBy: String(a[2] ?? 'Auto'), title: '', xValues: {}, seriesNames: {} };
        o.s.charts.push(ch);
        return { t: 'Chart', s: o.s, c: ch };
      },
    },
  },
  Chart: {
    scalars: ['name', 'chartType'],
    props: {
      name: {
        get: (o: O<'Chart'>) => o.c.name,
        set: (o: O<'Chart'>, v) => {
          o.c.name = String(v);
        },
      },
      chartType: { get: (o: O<'Chart'>) => o.c.type },
    },
    nav: {
      title: (o: O<'Chart'>) => ({ t: 'ChartTitle', c: o.c }),
      series: (o: O<'Chart'>) => ({ t: 'ChartSeriesCollection', c: o.c }),
    },
    methods: {
      setPosition: (o: O<'Chart'>, a) => {
        const start = a[0] as O<'Range'> | string;
        o.c.position = typeof start === 'string' ? start : rectToA1(start.r);
      },
      delete: (o: O<'Chart'>) => {
        o.s.charts = o.s.charts.filter((x) => x !== o.c);
      },
    },
  },
  ChartSeriesCollection: {
    items: (o: O<'ChartSeriesCollection'>) => [{ t: 'ChartSeries', c: o.c, i: 0 }],
    methods: {
      getItemAt: (o: O<'ChartSeriesCollection'>, a) => ({ t: 'ChartSeries', c: o.c, i: Number(a[0]) }),
      getCount: () => 1,
    },
  },
  ChartSeries: {
    scalars: ['name'],
    props: {
      name: {
        get: (o: O<'ChartSeries'>) => o.c.seriesNames[o.i] ?? `Series${o.i + 1}`,
        set: (o: O<'ChartSeries'>, v) => {
          o.c.seriesNames[o.i] = String(v);
        },
      },
    },
    methods: {
      setXAxisValues: (o: O<'ChartSeries'>, a, c) => {
        c.need('1.7', 'ChartSeries.setXAxisValues');
        const src = a[0] as O<'Range'>;
        o.c.xValues[o.i] = rangeAddress(src.s, src.r);
      },
    },
  },
  ChartTitle: {
    scalars: ['text'],
    props: {
      text: {
        get: (o: O<'ChartTitle'>) => o.c.title,
        set: (o: O<'ChartTitle'>, v) => {
          o.c.title = String(v);
        },
      },
    },
  },
  PageLayout: {
    scalars: ['orientation'],
    props: {
      orientation: {
        get: (o: O<'PageLayout'>) => o.s.orientation,
        set: (o: O<'PageLayout'>, v) => {
          o.s.orientation = String(v);
        },
      },
    },
  },
  WorksheetFreezePanes: {
    methods: {
      freezeRows: (o: O<'WorksheetFreezePanes'>, a) => {
        o.s.frozenRows = a[0] === undefined || a[0] === null ? 1 : Number(a[0]);
      },
      unfreeze: (o: O<'WorksheetFreezePanes'>) => {
        o.s.frozenRows = 0;
      },
    },
  },
  SettingCollection: {
    items: (_o, c) => [...c.m.settings.keys()].map((k): Obj => ({ t: 'Setting', k })),
    methods: {
      // Workbook settings (ExcelApi 1.4) are stored in the workbook, as JSON: "Sets or adds the
      // specified setting to the workbook" — add() on an existing key replaces it
      // (MS excel.settingcollection#excel-excel-settingcollection-add-member(1)).
      add: (_o, a, c) => {
        c.need('1.4', 'SettingCollection.add');
        const k = String(a[0] ?? '');
        if (!k) throw fail('InvalidArgument', 'SettingCollection.add');
        c.m.settings.set(k, JSON.parse(JSON.stringify(a[1] ?? null)));
        return { t: 'Setting', k };
      },
      getItem: (_o, a, c) => {
        const k = String(a[0]);
        if (!c.m.settings.has(k)) throw fail('ItemNotFound', 'SettingCollection.getItem');
        return { t: 'Setting', k };
      },
      getItemOrNullObject: (_o, a, c) => {
        const k = String(a[0]);
        return c.m.settings.has(k) ? { t: 'Setting', k } : null;
      },
      getCount: (_o, _a, c) => c.m.settings.size,
    },
  },
  Setting: {
    scalars: ['key', 'value'],
    props: {
      key: { get: (o: O<'Setting'>) => o.k },
      value: {
        get: (o: O<'Setting'>, c) => c.m.settings.get(o.k),
        set: (o: O<'Setting'>, v, c) => {
          c.m.settings.set(o.k, JSON.parse(JSON.stringify(v ?? null)));
        },
      },
    },
    methods: {
      delete: (o: O<'Setting'>, _a, c) => {
        c.m.settings.delete(o.k);
      },
    },
  },
  CommentCollection: {
    items: (o: O<'CommentCollection'>, c) => (o.s ? [o.s] : c.m.sheets).flatMap((s) => [...s.comments.keys()].map((k): Obj => ({ t: 'Comment', s, k }))),
    index: (o: O<'CommentCollection'>, a, c) => {
      const [sid, k] = String(a[0]).split(':');
      const s = c.m.sheets.find((x) => x.id === sid);
      if (!s || (o.s && o.s !== s) || !s.comments.has(Number(k))) throw fail('ItemNotFound', 'CommentCollection.getItem');
      return { t: 'Comment', s, k: Number(k) };
    },
    methods: {
      getCount: (o: O<'CommentCollection'>, _a, c) => (o.s ? [o.s] : c.m.sheets).reduce((n, s) => n + s.comments.size, 0),
      add: (o: O<'CommentCollection'>, a, c) => {
        const { s, r, col } = cellOf(c, o.s, a[0], 'CommentCollection.add');
        guardWrite(s, 'CommentCollection.add');
        const k = key(r, col);
        // A cell holds one threaded comment or one note, not both and not two: adding to a cell
        // that has either fails (https://support.microsoft.com/office/the-difference-between-threaded-comments-and-notes-75a51eec-4092-42ab-abf8-7669077b7be3).
        if (s.comments.has(k) || s.notes.has(k)) throw fail('InvalidArgument', 'CommentCollection.add');
        s.comments.set(k, { content: String(a[1] ?? '') });
        return { t: 'Comment', s, k };
      },
      getItemByCell: (o: O<'CommentCollection'>, a, c) => {
        const { s, r, col } = cellOf(c, o.s, a[0], 'CommentCollection.getItemByCell');
        if (!s.comments.has(key(r, col))) throw fail('ItemNotFound', 'CommentCollection.getItemByCell');
        return { t: 'Comment', s, k: key(r, col) };
      },
      getItemAt: (o: O<'CommentCollection'>, a, c) => {
        const all = (o.s ? [o.s] : c.m.sheets).flatMap((s) => [...s.comments.keys()].map((k): Obj => ({ t: 'Comment', s, k })));
        const it = all[Number(a[0])];
        if (!it) throw fail('ItemNotFound', 'CommentCollection.getItemAt');
        return it;
      },
    },
  },
  Comment: {
    scalars: ['content', 'id'],
    id: (o: O<'Comment'>) => `${o.s.id}:${o.k}`,
    props: {
      content: { get: (o: O<'Comment'>) => o.s.comments.get(o.k)?.content ?? '' },
      id: { get: (o: O<'Comment'>) => `${o.s.id}:${o.k}` },
    },
    methods: {
      delete: (o: O<'Comment'>) => {
        guardWrite(o.s, 'Comment.delete');
        if (!o.s.comments.delete(o.k)) throw fail('ItemNotFound', 'Comment.delete');
      },
      getLocation: (o: O<'Comment'>) => {
        const r = Math.floor(o.k / MAX_COLS);
        const col = o.k % MAX_COLS;
        return { t: 'Range', s: o.s, r: { r0: r, c0: col, r1: r, c1: col } };
      },
    },
  },
  NoteCollection: {
    items: (o: O<'NoteCollection'>, c) => (o.s ? [o.s] : c.m.sheets).flatMap((s) => [...s.notes.keys()].map((k): Obj => ({ t: 'Note', s, k }))),
    methods: {
      add: (o: O<'NoteCollection'>, a, c) => {
        const { s, r, col } = cellOf(c, o.s, a[0], 'NoteCollection.add');
        guardWrite(s, 'NoteCollection.add');
        const k = key(r, col);
        if (s.notes.has(k) || s.comments.has(k)) throw fail('InvalidArgument', 'NoteCollection.add'); // one note or one comment per cell (see CommentCollection.add)
        s.notes.set(k, { content: String(a[1] ?? ''), author: 'Add-in' });
        return { t: 'Note', s, k };
      },
      getItem: (o: O<'NoteCollection'>, a, c) => {
        const { s, r, col } = cellOf(c, o.s, a[0], 'NoteCollection.getItem');
        if (!s.notes.has(key(r, col))) throw fail('ItemNotFound', 'NoteCollection.getItem');
        return { t: 'Note', s, k: key(r, col) };
      },
      getItemOrNullObject: (o: O<'NoteCollection'>, a, c) => {
        const { s, r, col } = cellOf(c, o.s, a[0], 'NoteCollection.getItemOrNullObject');
        return s.notes.has(key(r, col)) ? { t: 'Note', s, k: key(r, col) } : null;
      },
    },
  },
  Note: {
    scalars: ['content', 'authorName'],
    props: {
      content: {
        get: (o: O<'Note'>) => o.s.notes.get(o.k)?.content ?? '',
        set: (o: O<'Note'>, v) => {
          guardWrite(o.s, 'Note.content');
          const n = o.s.notes.get(o.k);
          if (!n) throw fail('ItemNotFound', 'Note.content');
          n.content = String(v);
        },
      },
      authorName: { get: (o: O<'Note'>) => o.s.notes.get(o.k)?.author ?? '' },
    },
    methods: {
      delete: (o: O<'Note'>) => {
        guardWrite(o.s, 'Note.delete');
        if (!o.s.notes.delete(o.k)) throw fail('ItemNotFound', 'Note.delete');
      },
      getLocation: (o: O<'Note'>) => {
        const r = Math.floor(o.k / MAX_COLS);
        const col = o.k % MAX_COLS;
        return { t: 'Range', s: o.s, r: { r0: r, c0: col, r1: r, c1: col } };
      },
    },
  },
};

function big<T>(o: { r: Rect }, f: () => T): T {
  if (cellsOf([o.r]) > CELL_LIMIT_READ) throw fail('ResponsePayloadSizeLimitExceeded', 'Range');
  return f();
}

function fillSame(o: O<'RangeFill'>, k: 'color' | 'pattern' | 'patternColor' | 'tintAndShade'): unknown {
  const seen = new Set<unknown>();
  forCells(o.rs, (r, c) => {
    seen.add(fillReport(o.s.fills.get(key(r, c)))[k]);
  });
  return seen.size === 1 ? [...seen][0] : null;
}

function setFill(o: O<'RangeFill'>, color: string, c: Ctx): void {
  guardWrite(o.s, 'RangeFill.color');
  forCells(o.rs, (r, col) => o.s.fills.set(key(r, col), { color, pattern: 'Solid', tintAndShade: 0 }));
  c.changed(o.s, o.rs, 'format');
}

function clearRects(s: SheetModel, rects: Rect[], what: string, c: Ctx, api: string): void {
  guardWrite(s, api);
  // Only cells that can hold anything (a whole column has a million rows).
  const used = s.usedRect(false);
  if (!used) return;
  const clipped = rects
    .map((t) => ({ r0: Math.max(t.r0, used.r0), r1: Math.min(t.r1, used.r1), c0: Math.max(t.c0, used.c0), c1: Math.min(t.c1, used.c1) }))
    .filter((r) => r.r0 <= r.r1 && r.c0 <= r.c1);
  forCells(clipped, (r, col) => {
    const k = key(r, col);
    if (what === 'All' || what === 'Contents') s.set(r, col, undefined);
    if (what === 'All' || what === 'Formats') {
      s.formats.delete(k);
      s.fills.delete(k);
      s.fonts.delete(k);
    }
    if (what === 'All' || what === 'Hyperlinks' || what === 'RemoveHyperlinks') s.hyperlinks.delete(k);
  });
  if (clipped.length) c.changed(s, clipped, what === 'Formats' ? 'format' : 'values');
}

// ---------------------------------------------------------------------------------------------
// The RichApi executor

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}

export interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface SentRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body: unknown;
}

export interface SimResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const camel = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);
const pascal = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** What a request sent through the client looked like, for tests and the bench. */
export interface RequestLog {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  error?: string;
}

export class RichApiServer {
  private refs = new Map<string, Obj>();
  private refSeq = 0;
  readonly log: RequestLog[] = [];

  constructor(
    readonly model: WorkbookModel,
    public profile: HostProfile,
  ) {}

  /** Handle one request as the client's custom send function receives it. */
  async handle(req: SentRequest): Promise<SimResponse> {
    const m = this.model;
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? '');
    const requestBytes = utf8Length(text);
    const flags = Number(/[?&]flags=(-?\d+)/.exec(req.url)?.[1] ?? 0);
    m.stats.syncs += 1;
    const rec = { request: requestBytes, response: 0 };
    m.stats.requests.push(rec);
    m.stats.maxRequestBytes = Math.max(m.stats.maxRequestBytes, requestBytes);
    const entry: RequestLog = { requestBytes, responseBytes: 0, actions: 0 };
    this.log.push(entry);
    m.beforeSync?.(m.stats.syncs);
    const out = (body: Record<string, unknown>): SimResponse => {
      const s = JSON.stringify(body);
      rec.response = utf8Length(s);
      entry.responseBytes = rec.response;
      m.stats.maxResponseBytes = Math.max(m.stats.maxResponseBytes, rec.response);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: s };
    };
    const errorBody = (e: SimError, actionIndex: number, results: unknown[]) => {
      entry.error = e.code;
      return out({ Results: results, Error: { Code: e.code, Message: e.message, HttpStatusCode: e.status, Location: e.location, ActionIndex: actionIndex } });
    };
    // The 5 MB request cap of Excel on the web: nothing of an oversized request runs.
    if (requestBytes > m.payloadLimit) return errorBody(fail('RequestPayloadSizeLimitExceeded', 'RequestContext.sync', 413), -1, []);
    // Cell-edit mode: Excel refuses API calls while the user edits a cell, unless the batch was
    // sent with delayForCellEdit, which "delays the batch request until the user exits cell edit
    // mode" (MS excel.runoptions#excel-excel-runoptions-delayforcelledit-member; the error is
    // Excel.ErrorCodes.invalidOperationInCellEditMode, office-js issue 625). The client sets
    // request flag 64 for it.
    if (m.editing) {
      if (flags & 64) await m.editDone;
      else return errorBody(fail('InvalidOperationInCellEditMode', 'RequestContext.sync'), -1, []);
    }
    if (m.busy > 0) {
      // A workbook busy with another operation answers GeneralException (office-js issue 771).
      m.busy -= 1;
      return errorBody(fail('GeneralException', 'RequestContext.sync', 500), -1, []);
    }
    const body = (typeof req.body === 'string' ? JSON.parse(req.body) : req.body) as RequestBody;
    entry.actions = body.Actions.length;
    const results: Array<{ ActionId: number; Value: unknown }> = [];
    const resolved = new Map<number, Obj | null>();
    const kept = new Set<number>();
    const c: Ctx = {
      m,
      p: this.profile,
      need: (version, api) => {
        if (!versionAtLeast(this.profile.sets.ExcelApi, version)) throw fail('ApiNotFound', api);
      },
      changed: (s, rects, kind) => {
        // The place where worksheet onChanged events are to be fired (one per written area).
        for (const l of m.onChanged) for (const r of rects) l(s, r, kind);
      },
    };
    const paths = body.ObjectPaths ?? {};
    const args = (info: ObjectPathInfo['ArgumentInfo']): unknown[] => {
      const a = [...(info?.Arguments ?? [])];
      (info?.ReferencedObjectPathIds ?? []).forEach((id, i) => {
        if (id) a[i] = resolve(id);
      });
      return a;
    };
    const resolve = (id: number): Obj | null => {
      if (resolved.has(id)) return resolved.get(id) ?? null;
      const p = paths[String(id)];
      if (!p) throw fail('InvalidObjectPath', 'ObjectPath');
      let o: Obj | null;
      switch (p.ObjectPathType) {
        case 1:
          o = { t: 'Workbook' };
          break;
        case 4: {
          const parent = resolve(p.ParentObjectPathId as number);
          if (!parent) o = null;
          else {
            const nav = TYPES[parent.t]?.nav?.[camel(p.Name)];
            if (!nav) throw fail('ApiNotFound', `${parent.t}.${camel(p.Name)}`);
            o = nav(parent as never, c);
          }
          break;
        }
        case 3: {
          const parent = resolve(p.ParentObjectPathId as number);
          if (!parent) o = null;
          else {
            const f = TYPES[parent.t]?.methods?.[camel(p.Name)];
            if (!f) throw fail('ApiNotFound', `${parent.t}.${camel(p.Name)}`);
            o = f(parent as never, args(p.ArgumentInfo), c) as Obj | null;
          }
          break;
        }
        case 5: {
          const parent = resolve(p.ParentObjectPathId as number);
          const ix = parent && TYPES[parent.t]?.index;
          if (!parent) o = null;
          else if (!ix) throw fail('ApiNotFound', `${parent.t}.getItem`);
          else o = ix(parent as never, args(p.ArgumentInfo), c);
          break;
        }
        case 6: {
          const r = this.refs.get(p.Name);
          if (!r) throw fail('InvalidObjectPath', p.Name);
          o = r;
          break;
        }
        case 7:
          o = null;
          break;
        default:
          throw fail('InvalidArgument', 'ObjectPath');
      }
      resolved.set(id, o);
      return o;
    };
    for (let i = 0; i < body.Actions.length; i++) {
      const a = body.Actions[i];
      try {
        switch (a.ActionType) {
          case 1: {
            // Instantiate: the object's identity. Objects the client keeps (ranges) and objects
            // a method created get a reference id, which the client uses from then on.
            const o = resolve(a.ObjectPathId);
            if (o === null) results.push({ ActionId: a.Id, Value: null });
            else {
              const p = paths[String(a.ObjectPathId)];
              const value: Record<string, unknown> = {};
              // …unless the client asked not to keep it (trackedObjects.remove sets "D" on the path).
              const dontKeep = (p as ObjectPathInfo & { D?: boolean })?.D === true;
              if (!dontKeep && (kept.has(a.ObjectPathId) || (p?.ObjectPathType === 3 && !/^Get/.test(p.Name)))) {
                const ref = `sim:${++this.refSeq}`;
                this.refs.set(ref, o);
                value._ReferenceId = ref;
              }
              const id = TYPES[o.t]?.id;
              if (id) value._Id = id(o as never);
              results.push({ ActionId: a.Id, Value: value });
            }
            break;
          }
          case 2: {
            const o = resolve(a.ObjectPathId);
            results.push({ ActionId: a.Id, Value: o === null ? null : query(o, a.QueryInfo?.Select, c, a.QueryInfo) });
            break;
          }
          case 3: {
            const o = resolve(a.ObjectPathId);
            if (a.Name === '_KeepReference') {
              kept.add(a.ObjectPathId);
              break;
            }
            if (a.Name === '_RemoveReference') break;
            if (o === null) throw fail('InvalidObjectPath', a.Name);
            const f = TYPES[o.t]?.methods?.[camel(a.Name)];
            if (!f) throw fail('ApiNotFound', `${o.t}.${camel(a.Name)}`);
            const v = f(o as never, args(a.ArgumentInfo), c);
            results.push({ ActionId: a.Id, Value: v && typeof v === 'object' && 't' in (v as object) ? {} : (v ?? null) });
            break;
          }
          case 4: {
            const o = resolve(a.ObjectPathId);
            if (o === null) throw fail('InvalidObjectPath', a.Name);
            const prop = TYPES[o.t]?.props?.[camel(a.Name)];
            if (!prop?.set) throw fail(prop ? 'InvalidArgument' : 'ApiNotFound', `${o.t}.${camel(a.Name)}`);
            prop.set(o as never, args(a.ArgumentInfo)[0], c);
            break;
          }
          case 5:
            // Trace: a marker the client uses to run a callback once the request is done (event
            // handlers are registered from one, see events.ts); nothing to do but answer it.
            results.push({ ActionId: a.Id, Value: null });
            break;
          default:
            throw fail('InvalidArgument', 'Action');
        }
      } catch (e) {
        if (e instanceof SimError) return errorBody(e, i, results);
        throw e;
      }
    }
    const s = JSON.stringify({ Results: results });
    const size = utf8Length(s);
    if (size > m.payloadLimit) {
      // The 5 MB response cap: the request ran, its answer cannot come back. The log keeps the
      // size the answer would have had.
      const res = errorBody(fail('ResponsePayloadSizeLimitExceeded', 'RequestContext.sync', 413), -1, []);
      rec.response = size;
      entry.responseBytes = size;
      m.stats.maxResponseBytes = Math.max(m.stats.maxResponseBytes, size);
      return res;
    }
    rec.response = size;
    entry.responseBytes = size;
    m.stats.maxResponseBytes = Math.max(m.stats.maxResponseBytes, size);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: s };
  }
}

/** The answer to a Query: the selected properties in PascalCase, navigation properties nested. */
function query(o: Obj, select: string[] | undefined, c: Ctx, info?: ActionInfo['QueryInfo']): unknown {
  const def = TYPES[o.t];
  if (!def) throw fail('ApiNotFound', o.t);
  if (def.items) {
    let items = def.items(o as never, c);
    if (info?.Skip) items = items.slice(info.Skip);
    if (info?.Top !== undefined && info.Top !== null) items = items.slice(0, info.Top);
    const sel = select && select.length ? select : ['*'];
    return { _Items: items.map((it) => queryOne(it, sel, c)) };
  }
  return queryOne(o, select && select.length ? select : ['*'], c);
}

function queryOne(o: Obj, select: string[], c: Ctx): Record<string, unknown> {
  const def = TYPES[o.t];
  const out: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  for (const path of select) {
    const [head, ...rest] = path.split('/');
    if (head === '*' || head === '' || head === '$all') {
      for (const n of def.scalars ?? []) out[pascal(n)] = readProp(o, n, c);
      continue;
    }
    if (rest.length) {
      nested.set(head, [...(nested.get(head) ?? []), rest.join('/')]);
      continue;
    }
    if (def.nav?.[head]) {
      nested.set(head, [...(nested.get(head) ?? []), '*']);
      continue;
    }
    if (head === 'items' && def.items) continue;
    out[pascal(head)] = readProp(o, head, c);
  }
  for (const [head, sub] of nested) {
    const nav = def.nav?.[head];
    if (!nav) throw fail('InvalidArgument', `${o.t}.${head}`);
    const child = nav(o as never, c);
    out[pascal(head)] = child === null ? null : query(child, sub, c);
  }
  const id = def.id;
  if (id) out._Id = id(o as never);
  return out;
}

function readProp(o: Obj, name: string, c: Ctx): unknown {
  const prop = TYPES[o.t]?.props?.[name];
  if (!prop?.get) throw fail('InvalidArgument', `${o.t}.${name}`);
  return prop.get(o as never, c);
}

/** The object types, for behaviours kept in files of their own (events.ts adds the worksheet
 *  event registration methods). */
export const SIM_TYPES = TYPES;

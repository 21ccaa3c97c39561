/**
 * The in-memory Excel every test uses: Microsoft's Office.js client (client.ts) talking to an
 * in-process host (server.ts) over a workbook model (model.ts).
 *
 *   const xl = createExcel({ sheets: [{ name: '优抚对象', rows: [['姓名'], ['张三']] }] }, { profile: 'web' });
 *   await Excel.run(async (ctx) => { … });      // the real client, answered by the simulator
 *   xl.model.sheet('优抚对象')!.get(1, 0);      // what the workbook holds now
 *   xl.uninstall();
 *
 * No Node APIs here: the browser suite bundles this file (test/e2e/sim-bundle.ts); Node tests get
 * the client script from `node.ts` (imported by `createExcel` callers through './node').
 */
import * as XLSX from '@e965/xlsx';
import type { WorkbookData } from '../../src/core/model';
import { type Rect, parseLocal } from './address';
import { type OfficeClient, loadClient } from './client';
import { type FakeErrorValue as ErrorValue, type Stored, SheetModel, WorkbookModel, key } from './model';
import { type HostProfile, PROFILES, type ProfileName, type RequestLog, RichApiServer, importHooks, versionAtLeast } from './server';

export { SheetModel, WorkbookModel, key, keyRow, keyCol } from './model';
export type { FakeStats as SimStats, FillState } from './model';
export { parseLocal, rectToA1, colToLetters, utf8Length } from './address';
export { PROFILES, coerceInput, type HostProfile, type ProfileName, type RequestLog } from './server';

/** A cell in a description: a value, or a value with its number format / fill. */
export type CellInput =
  | string
  | number
  | boolean
  | null
  | undefined
  | Date
  | ErrorValue
  | { v: string | number | boolean | null | Date | ErrorValue; f?: string; fill?: string };

export interface SheetDescription {
  name: string;
  /** Row-major cells from A1 (or from `startRow`, 1-based). */
  rows?: CellInput[][];
  /** Rows with explicit Excel row numbers (like the core's RowData). */
  numberedRows?: Array<{ r: number; cells: CellInput[] }>;
  startRow?: number;
  /** Number formats by A1 address or range, e.g. { 'G2:G100': 'yyyy/m/d' }. */
  numberFormats?: Record<string, string>;
  /** Fills by A1 address or range: '#RRGGBB' (a solid fill; '#FFFFFF' is a white fill, not No Fill). */
  fills?: Record<string, string>;
  /** Notes already in the sheet by A1 address. */
  notes?: Record<string, string>;
  /** Threaded comments already in the sheet by A1 address. */
  comments?: Record<string, string>;
  merges?: string[];
  hidden?: boolean | 'VeryHidden';
  protected?: boolean;
}

export interface WorkbookDescription {
  name?: string;
  sheets: SheetDescription[];
  /** Active sheet name (default: the first visible sheet). */
  active?: string;
  /** Requirement sets to use instead of the profile's, e.g. { ExcelApi: '1.12' }. */
  requirementSets?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Workbook structure protection (no sheet can be added, deleted or renamed). */
  protectedStructure?: boolean;
  /** The 1904 date system (serials count days from 1904-01-01). */
  date1904?: boolean;
}

const DEFAULT_DATE_FORMAT = 'yyyy/m/d';
const EPOCH = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date, date1904 = false): number {
  return (d.getTime() - (date1904 ? Date.UTC(1904, 0, 1) : EPOCH)) / 86400000;
}

function storeInput(sheet: SheetModel, r: number, c: number, input: CellInput, date1904 = false): void {
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
    v = dateToSerial(v, date1904);
    f = f ?? DEFAULT_DATE_FORMAT;
  }
  if (f) sheet.formats.set(key(r, c), f);
  if (fill) sheet.fills.set(key(r, c), { color: fill.toUpperCase(), pattern: 'Solid', tintAndShade: 0 });
  if (v === null || v === undefined || v === '') return;
  let stored: Stored;
  if (typeof v === 'object') stored = { error: (v as ErrorValue).error };
  else stored = v as string | number | boolean; // descriptions store as given (no coercion)
  sheet.set(r, c, stored);
}

function forRange(address: string, f: (r: number, c: number) => void): void {
  const rect: Rect | null = parseLocal(address);
  if (!rect) throw new Error(`bad address in description: ${address}`);
  for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) f(r, c);
}

export function buildSheet(d: SheetDescription, date1904 = false): SheetModel {
  const s = new SheetModel(d.name);
  const start = (d.startRow ?? 1) - 1;
  d.rows?.forEach((row, i) => row.forEach((cell, c) => storeInput(s, start + i, c, cell, date1904)));
  d.numberedRows?.forEach((row) => row.cells.forEach((cell, c) => storeInput(s, row.r - 1, c, cell, date1904)));
  for (const [addr, fmt] of Object.entries(d.numberFormats ?? {})) forRange(addr, (r, c) => s.formats.set(key(r, c), fmt));
  for (const [addr, color] of Object.entries(d.fills ?? {})) forRange(addr, (r, c) => s.fills.set(key(r, c), { color: color.toUpperCase(), pattern: 'Solid', tintAndShade: 0 }));
  for (const [addr, content] of Object.entries(d.notes ?? {})) forRange(addr, (r, c) => s.notes.set(key(r, c), { content, author: 'User' }));
  for (const [addr, content] of Object.entries(d.comments ?? {})) forRange(addr, (r, c) => s.comments.set(key(r, c), { content }));
  for (const m of d.merges ?? []) {
    const rect = parseLocal(m);
    if (rect) s.merges.push(rect);
  }
  if (d.hidden) s.visibility = d.hidden === 'VeryHidden' ? 'VeryHidden' : 'Hidden';
  s.protected = !!d.protected;
  return s;
}

export function buildWorkbook(desc: WorkbookDescription): WorkbookModel {
  const m = new WorkbookModel();
  if (desc.name) m.name = desc.name;
  m.sheets = desc.sheets.map((d) => buildSheet(d, !!desc.date1904));
  m.structureProtected = !!desc.protectedStructure;
  m.date1904 = !!desc.date1904;
  for (const [k, v] of Object.entries(desc.settings ?? {})) m.settings.set(k, v);
  m.active = (desc.active ? m.sheet(desc.active) : undefined) ?? m.sheets.find((s) => s.visibility === 'Visible') ?? null;
  if (m.active) m.selection = { sheet: m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  return m;
}

/** A description from the core's WorkbookData (sample workbooks); dates keep a date format. */
export function descriptionFromWorkbookData(wb: WorkbookData, extra: Partial<WorkbookDescription> = {}): WorkbookDescription {
  return {
    name: wb.file,
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      hidden: s.hidden,
      numberedRows: s.rows.map((row) => ({ r: row.r, cells: row.cells.map((v) => v as CellInput) })),
    })),
    settings: wb.settings ? { ...wb.settings } : undefined,
    ...extra,
  };
}


// ---------------------------------------------------------------------------------------------
// Imported files: real .xlsx bytes, read and written with SheetJS (as Excel reads the file the
// add-in passes to insertWorksheetsFromBase64).

function base64ToBytes(b: string): Uint8Array {
  const bin = atob(b);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The sheets of an .xlsx file given as base64 (throws on anything that is not an .xlsx). */
export function decodeXlsx(base64: string): SheetModel[] {
  const bytes = base64ToBytes(base64);
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('not an .xlsx (zip) file');
  // A zip ends with its central directory record (PK\x05\x06); SheetJS loops on a truncated one.
  let eocd = false;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = true;
      break;
    }
  }
  if (!eocd) throw new Error('truncated zip');
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellDates: false, cellFormula: false });
  if (!wb.SheetNames.length) throw new Error('no sheets');
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const s = new SheetModel(name);
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden;
    if (hidden === 1) s.visibility = 'Hidden';
    if (hidden === 2) s.visibility = 'VeryHidden';
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue;
      const rect = parseLocal(addr);
      if (!rect) continue;
      const c = cell as XLSX.CellObject;
      const k = key(rect.r0, rect.c0);
      if (c.z && c.z !== 'General') s.formats.set(k, String(c.z));
      let v: Stored | undefined;
      if (c.t === 'n') v = c.v as number;
      else if (c.t === 's') v = String(c.v ?? '');
      else if (c.t === 'b') v = !!c.v;
      else if (c.t === 'e') v = { error: c.w ?? '#N/A' };
      else if (c.t === 'd') v = (new Date(c.v as Date).getTime() - EPOCH) / 86400000;
      if (v !== undefined && v !== '') s.set(rect.r0, rect.c0, v);
    }
    for (const m of ws['!merges'] ?? []) s.merges.push({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c });
    return s;
  });
}

importHooks.decode = decodeXlsx;

/** A real .xlsx (base64) of a workbook description, for import tests. */
export function xlsxBase64(desc: WorkbookDescription): string {
  const m = buildWorkbook(desc);
  const wb = XLSX.utils.book_new();
  for (const s of m.sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxR = 0;
    let maxC = 0;
    s.rows.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (v === undefined) return;
        const cell: XLSX.CellObject =
          typeof v === 'object' ? { t: 'e', v: 0x2a, w: v.error } : typeof v === 'number' ? { t: 'n', v } : typeof v === 'boolean' ? { t: 'b', v } : { t: 's', v };
        const f = s.formats.get(key(r, c));
        if (f) cell.z = f;
        ws[XLSX.utils.encode_cell({ r, c })] = cell;
        maxR = Math.max(maxR, r);
        maxC = Math.max(maxC, c);
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    if (s.merges.length) ws['!merges'] = s.merges.map((g) => ({ s: { r: g.r0, c: g.c0 }, e: { r: g.r1, c: g.c1 } }));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: m.sheets.map((s) => ({ name: s.name, Hidden: s.visibility === 'Hidden' ? 1 : s.visibility === 'VeryHidden' ? 2 : 0 })) } as XLSX.WBProps;
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
}

// ---------------------------------------------------------------------------------------------
// The simulator

export interface SimOptions {
  /** Host to behave as (default 'web': 5 MB caps, current requirement sets). */
  profile?: ProfileName | HostProfile;
  /** Node: a function returning the client script's text (node.ts supplies it). */
  clientScript?: () => string;
  /** Milliseconds the host takes per request (browser tests watch progress and cancel). */
  delayMs?: number;
}

export interface ExcelSim {
  model: WorkbookModel;
  server: RichApiServer;
  profile: HostProfile;
  client: OfficeClient;
  /** Ribbon functions the add-in associated (Office.actions.associate), by id. */
  actions: Map<string, (event: unknown) => unknown>;
  /** Every request the client sent, with its serialised size and its answer's. */
  requests: RequestLog[];
  /** URLs of the dialogs the add-in opened (Office.context.ui.displayDialogAsync). */
  dialogs: string[];
  /** How often Office.onReady was called. */
  readonly readyCalls: number;
  /** Excel.run of the real client against this workbook. */
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** The user starts / stops typing in a cell (cell-edit mode). */
  enterCellEdit(): void;
  exitCellEdit(): void;
  /** Remove the hooks and the host globals (the client library stays loaded). */
  uninstall(): void;
}

let current: ExcelSim | null = null;
let defaultScript: (() => string) | undefined;

/** Node entry (node.ts) registers how to read the client script. */
export function setClientScript(f: () => string): void {
  defaultScript = f;
}

function profileOf(p: SimOptions['profile'], sets?: Record<string, string>): HostProfile {
  const base = typeof p === 'object' ? p : PROFILES[p ?? 'web'];
  return sets ? { ...base, sets: { ...base.sets, ...sets } } : { ...base, sets: { ...base.sets } };
}

/**
 * Build a workbook from `desc` (or take a model), load the real Office.js client if needed, route
 * its requests to a new in-process host, and install `Excel`/`Office` globals as a task pane sees
 * them. The last created simulator answers the client.
 */
export function createExcel(desc: WorkbookDescription | WorkbookModel, opts: SimOptions = {}): ExcelSim {
  const model = desc instanceof WorkbookModel ? desc : buildWorkbook(desc);
  const profile = profileOf(opts.profile, desc instanceof WorkbookModel ? undefined : desc.requirementSets);
  model.requirementSets = { ...profile.sets };
  model.payloadLimit = profile.payloadLimit;
  const client = loadClient(opts.clientScript ?? defaultScript);
  const server = new RichApiServer(model, profile);
  const g = globalThis as unknown as Record<string, unknown>;
  const office = client.Office as unknown as Record<string, unknown>;
  const osf = g.OSF as Record<string, unknown>;
  const prev = { factory: osf._OfficeAppFactory, onReady: office.onReady, associate: (office.actions as Record<string, unknown> | undefined)?.associate };
  const actions = new Map<string, (event: unknown) => unknown>();
  const dialogs: string[] = [];
  let readyCalls = 0;
  const platform = profile.platform;
  // What the Office application hands office.js at start-up: requirement sets, platform, host.
  const context = {
    requirements: { isSetSupported: (name: string, version?: string) => versionAtLeast(profile.sets[name], version ?? '1.1') },
    platform,
    host: 'Excel',
    diagnostics: { host: 'Excel', platform, version: '16.0' },
    displayLanguage: 'zh-CN',
    contentLanguage: 'zh-CN',
    document: { url: model.name },
    // Dialog API: the host shows the page; the simulator records its URL.
    ui: {
      displayDialogAsync: (url: string, _o?: unknown, cb?: (r: { status: string; value: { close(): void } }) => void) => {
        dialogs.push(url);
        cb?.({ status: 'succeeded', value: { close() {} } });
      },
    },
  };
  // office.js reads Office.context from OSF._OfficeAppFactory, which the loader fills from the
  // host's handshake (absent here: this is that handshake's result).
  const hostInfo = () => ({ hostType: 'excel', hostPlatform: platform === 'OfficeOnline' ? 'web' : platform.toLowerCase() });
  const factory = prev.factory as Record<string, unknown> | undefined;
  const prevFactory = factory ? { getContext: factory.getContext, getHostInfo: factory.getHostInfo } : null;
  if (factory) {
    // office.js (the loader) is there, as in the browser: keep its factory, answer as the host.
    factory.getContext = () => context;
    factory.getHostInfo = hostInfo;
  } else osf._OfficeAppFactory = { getContext: () => context, getHostInfo: hostInfo };
  office.onReady = (cb?: (info: { host: string; platform: string }) => void) => {
    readyCalls += 1;
    const info = { host: 'Excel', platform };
    cb?.(info);
    return Promise.resolve(info);
  };
  if (office.actions) {
    (office.actions as Record<string, unknown>).associate = (id: string, f: (event: unknown) => unknown) => {
      actions.set(id, f);
    };
  }
  client.OfficeExtension.ClientRequestContext.defaultRequestUrlAndHeaders = { url: 'https://excel-sim.invalid/', headers: {} };
  const sim: ExcelSim = {
    model,
    server,
    profile,
    client,
    actions,
    requests: server.log,
    dialogs,
    get readyCalls() {
      return readyCalls;
    },
    run: (batch) => client.Excel.run(batch),
    enterCellEdit() {
      if (model.editing) return;
      model.editing = true;
      let done: () => void = () => undefined;
      model.editDone = new Promise<void>((r) => (done = r));
      exitEdit = done;
    },
    exitCellEdit() {
      model.editing = false;
      exitEdit();
    },
    uninstall() {
      if (current === sim) current = null;
      if (factory && prevFactory) Object.assign(factory, prevFactory);
      else osf._OfficeAppFactory = prev.factory;
      office.onReady = prev.onReady;
      if (office.actions) (office.actions as Record<string, unknown>).associate = prev.associate;
    },
  };
  let exitEdit: () => void = () => undefined;
  current = sim;
  client.OfficeExtension.HttpUtility.setCustomSendRequestFunc(async (req) => {
    if (!current) throw new Error('excel-sim: no simulator installed');
    const sim0 = current;
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    return sim0.server.handle(req);
  });
  g.Excel = client.Excel;
  g.Office = client.Office;
  g.OfficeExtension = client.OfficeExtension;
  return sim;
}

/** What a user sees in a cell (for assertions): the stored value, error as {error}, empty null. */
export function cellValue(model: WorkbookModel, sheet: string, a1: string): string | number | boolean | ErrorValue | null {
  const s = model.sheet(sheet);
  const rect = parseLocal(a1);
  if (!s || !rect) throw new Error(`no cell ${sheet}!${a1}`);
  return s.get(rect.r0, rect.c0) ?? null;
}

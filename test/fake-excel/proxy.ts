/**
 * Proxy objects of the fake Excel JavaScript API with the real semantics:
 * - methods and property writes are queued and run, in order, at `context.sync()`;
 * - a property can be read only after `load` + `sync` (else PropertyNotLoaded), or after the
 *   script itself set it (Office.js keeps a set value on the proxy);
 * - every sync's request and response are measured as UTF-8 JSON; either over the payload limit
 *   (5 MB, Excel on the web) fails the sync with the real error code;
 * - writes to a protected sheet fail with AccessDenied; APIs of requirement sets the host does not
 *   support fail with ApiNotFound.
 * No Node APIs: this file is bundled into the task pane's end-to-end tests.
 */
import {
  MAX_COLS,
  MAX_ROWS,
  type Rect,
  colToLetters,
  intersects,
  parseLocal,
  quoteSheet,
  rectToA1,
  splitSheet,
  utf8Length,
} from './address';
import {
  type ChartState,
  type FillState,
  type FontState,
  SheetModel,
  type Stored,
  type TableState,
  type WorkbookModel,
  key,
} from './model';

// ---------------------------------------------------------------------------------------------
// Errors

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

const MSG: Record<string, string> = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded: 'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  AccessDenied: 'The cell or chart you are trying to change is on a protected sheet. To make a change, unprotect the sheet.',
  ItemNotFound: 'The requested resource doesn\'t exist.',
  ItemAlreadyExists: 'The resource being created already exists.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation is not allowed on this object.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  InvalidObjectPath: "The object path '{0}' isn't working for what you're trying to do.",
};

function fail(code: string, location: string, arg = ''): FakeOfficeError {
  return new FakeOfficeError(code, (MSG[code] ?? code).replace('{0}', arg), location);
}

// ---------------------------------------------------------------------------------------------
// Context

interface Sink {
  /** Stage a response part of `bytes` bytes, committed to the proxies when the sync succeeds. */
  put(bytes: number, commit: () => void): void;
}

interface Action {
  size: number;
  run(sink: Sink): void;
}

let nextId = 1;

export class FakeRequestContext {
  readonly workbook: FWorkbook;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  readonly application: FApplication;
  /** @internal */ _queue: Action[] = [];

  constructor(readonly _model: WorkbookModel) {
    this.workbook = new FWorkbook(this, () => _model);
    this.application = new FApplication(this, () => _model);
  }

  /** @internal */
  _enqueue(record: Record<string, unknown>, run: (sink: Sink) => void): void {
    const size = utf8Length(JSON.stringify({ Id: nextId++, ...record })) + 1;
    this._queue.push({ size, run });
  }

  async sync(): Promise<void> {
    const model = this._model;
    const queue = this._queue;
    this._queue = [];
    model.stats.syncs += 1;
    model.beforeSync?.(model.stats.syncs);
    const request = queue.reduce((a, x) => a + x.size, 2);
    const record = { request, response: 0 };
    model.stats.requests.push(record);
    model.stats.maxRequestBytes = Math.max(model.stats.maxRequestBytes, request);
    await Promise.resolve();
    if (request > model.payloadLimit) throw fail('RequestPayloadSizeLimitExceeded', 'RequestContext.sync');
    let response = 2;
    const staged: Array<() => void> = [];
    const sink: Sink = {
      put(bytes, commit) {
        response += bytes + 1;
        staged.push(commit);
      },
    };
    try {
      for (const a of queue) a.run(sink);
    } finally {
      record.response = response;
      model.stats.maxResponseBytes = Math.max(model.stats.maxResponseBytes, response);
    }
    if (response > model.payloadLimit) throw fail('ResponsePayloadSizeLimitExceeded', 'RequestContext.sync');
    for (const c of staged) c();
  }
}

// ---------------------------------------------------------------------------------------------
// Base

type LoadArg = string | string[] | { select?: string | string[]; expand?: string | string[] } | Record<string, unknown> | undefined;

function loadPaths(arg: LoadArg): string[] {
  if (arg === undefined || arg === null) return [''];
  if (typeof arg === 'string') return arg.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const o = arg as Record<string, unknown>;
  if ('select' in o || 'expand' in o) {
    const sel = o.select as string | string[] | undefined;
    return sel ? loadPaths(sel) : [''];
  }
  // object form: { values: true, format: { fill: { color: true } } }
  const out: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$all') out.push(prefix.slice(0, -1));
      else if (v === true) out.push(prefix + k);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(o, '');
  return out;
}

function sizeOf(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

export abstract class FObj<T> {
  protected abstract readonly _cls: string;
  /** @internal */ _loaded: Record<string, unknown> = {};
  private _state: 'pending' | 'ok' | 'null' | 'error' = 'pending';
  private _value: T | undefined;
  private _error: unknown;
  private _nullKnown = false;
  private _children = new Map<string, FObj<unknown>>();

  constructor(
    readonly context: FakeRequestContext,
    private readonly _resolver: () => T | null,
    private readonly _nullable = false,
  ) {}

  /** @internal Resolve the target during sync; throws when it does not exist. */
  _t(): T {
    if (this._state === 'pending') {
      try {
        const v = this._resolver();
        if (v === null) this._state = 'null';
        else {
          this._value = v;
          this._state = 'ok';
        }
      } catch (e) {
        this._state = 'error';
        this._error = e;
      }
    }
    if (this._state === 'error') throw this._error;
    if (this._state === 'null') throw fail(this._nullable ? 'InvalidObjectPath' : 'ItemNotFound', this._cls, this._cls);
    return this._value as T;
  }

  /** @internal */
  _isNull(): boolean {
    try {
      this._t();
      return false;
    } catch {
      return this._state === 'null';
    }
  }

  /** @internal Queue the instantiation of an object returned by a method, at its place in the batch. */
  _created(method: string, args: unknown[]): this {
    this.context._enqueue({ ActionType: 'Instantiate', Name: method, Args: args }, (sink) => {
      try {
        this._t();
      } catch {
        /* reported when the object is used */
      }
      sink.put(4, () => {
        this._nullKnown = true;
      });
    });
    return this;
  }

  get isNullObject(): boolean {
    if (!this._nullKnown) throw fail('PropertyNotLoaded', `${this._cls}.isNullObject`, 'isNullObject');
    return this._state === 'null';
  }

  protected _child<C extends FObj<unknown>>(name: string, make: () => C): C {
    let c = this._children.get(name) as C | undefined;
    if (!c) {
      c = make();
      this._children.set(name, c);
    }
    return c;
  }

  protected _get<V>(name: string): V {
    if (!(name in this._loaded)) throw fail('PropertyNotLoaded', `${this._cls}.${name}`, name);
    return this._loaded[name] as V;
  }

  /** Queue a property write; Office.js keeps the value on the proxy too. */
  protected _set(name: string, value: unknown, apply: (t: T) => void): void {
    this._loaded[name] = value;
    this.context._enqueue({ ActionType: 'SetProperty', Name: name, Value: value }, () => apply(this._t()));
  }

  protected _call(name: string, args: unknown[], run: (t: T) => void): void {
    this.context._enqueue({ ActionType: 'Method', Name: name, Args: args }, () => run(this._t()));
  }

  protected _callResult<R>(name: string, args: unknown[], run: (t: T) => R): FClientResult<R> {
    const r = new FClientResult<R>();
    this.context._enqueue({ ActionType: 'Method', Name: name, Args: args }, (sink) => {
      const v = run(this._t());
      sink.put(sizeOf(v), () => r._resolve(v));
    });
    return r;
  }

  /** Names of the scalar properties `load()` without arguments loads. */
  protected abstract _scalars(): string[];
  /** Read a scalar property from the target (during sync). */
  protected abstract _read(name: string, t: T): unknown;
  /** A navigation property (child object), or undefined. */
  protected _nav(_name: string): FObj<unknown> | undefined {
    return undefined;
  }

  /** @internal */
  _loadPath(segs: string[], sink: Sink): void {
    if (this._isNull()) {
      sink.put(4, () => {
        this._nullKnown = true;
      });
      return;
    }
    const t = this._t();
    const [head, ...rest] = segs;
    if (!head || head === '*' || head === '$all') {
      for (const n of this._scalars()) this._loadPath([n], sink);
      return;
    }
    if (rest.length === 0) {
      const nav = this._nav(head);
      if (nav) {
        nav._loadPath([''], sink);
        return;
      }
      const v = this._read(head, t);
      sink.put(utf8Length(head) + 3 + sizeOf(v), () => {
        this._loaded[head] = v;
        this._nullKnown = true;
      });
      return;
    }
    const nav = this._nav(head);
    if (!nav) throw fail('InvalidArgument', `${this._cls}.load`);
    nav._loadPath(rest, sink);
  }

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    this.context._enqueue({ ActionType: 'Query', Select: paths }, (sink) => {
      for (const p of paths) this._loadPath(p ? p.split('/') : [''], sink);
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return { ...this._loaded };
  }
}

export class FClientResult<T> {
  private _done = false;
  private _v: T | undefined;
  /** @internal */
  _resolve(v: T): void {
    this._v = v;
    this._done = true;
  }
  get value(): T {
    if (!this._done) throw fail('ValueNotLoaded', 'ClientResult.value');
    return this._v as T;
  }
}

/** A collection: `load('items/name')` fills `items`. */
abstract class FCollection<T, I extends FObj<unknown>> extends FObj<T> {
  private _items: I[] | undefined;
  protected abstract _list(t: T): Array<() => unknown>;
  protected abstract _item(resolver: () => unknown): I;

  get items(): I[] {
    if (!this._items) throw fail('PropertyNotLoaded', `${this._cls}.items`, 'items');
    return this._items;
  }

  protected _scalars(): string[] {
    return [];
  }
  protected _read(name: string): unknown {
    throw fail('InvalidArgument', `${this._cls}.${name}`);
  }

  override _loadPath(segs: string[], sink: Sink): void {
    this._loadItems([segs.join('/')], sink);
  }

  /** Load several paths at once: item paths share one list of item proxies (as Office.js does). */
  private _loadItems(paths: string[], sink: Sink): void {
    const itemPaths: string[][] = [];
    for (const p of paths) {
      const [head, ...rest] = p.split('/');
      if (head !== 'items' && head !== '' && head !== '*') super._loadPath(p.split('/'), sink);
      else itemPaths.push(rest.length ? rest : ['']);
    }
    if (!itemPaths.length) return;
    const t = this._t();
    const items = this._list(t).map((r) => this._item(r));
    for (const it of items) for (const ip of itemPaths) it._loadPath(ip, sink);
    sink.put(2, () => {
      this._items = items;
    });
  }

  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    this.context._enqueue({ ActionType: 'Query', Select: paths }, (sink) => this._loadItems(paths, sink));
    return this;
  }

  getCount(): FClientResult<number> {
    return this._callResult('getCount', [], (t) => this._list(t).length);
  }
}

function requireSet(ctx: FakeRequestContext, version: string, api: string): void {
  if (!ctx._model.supports('ExcelApi', version)) throw fail('ApiNotFound', api);
}

function guardStructure(m: WorkbookModel, api: string): void {
  if (m.structureProtected) throw fail('AccessDenied', api);
}

function guardWrite(sheet: SheetModel, api: string): void {
  if (sheet.protected) throw fail('AccessDenied', api);
}

// ---------------------------------------------------------------------------------------------
// Values

const ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#UNKNOWN!'];

/** What Excel stores when a script writes `v` into a cell with number format `fmt`. */
export function coerceInput(v: unknown, fmt: string): Stored | undefined | null {
  if (v === null || v === undefined) return null; // null = leave the cell as it is
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (typeof v === 'boolean') return v;
  const s = String(v);
  if (s === '') return undefined;
  if (fmt === '@') return s;
  if (s.startsWith("'")) return s.slice(1);
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (ERRORS.includes(t.toUpperCase())) return { error: t.toUpperCase() };
  return s;
}

function display(v: Stored | undefined): string | number | boolean {
  if (v === undefined) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

function valueType(v: Stored | undefined): string {
  if (v === undefined) return 'Empty';
  if (typeof v === 'object') return 'Error';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

function textOf(v: Stored | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Application

export class FApplication extends FObj<WorkbookModel> {
  protected readonly _cls = 'Application';
  protected _scalars(): string[] {
    return ['calculationMode'];
  }
  protected _read(name: string): unknown {
    if (name === 'calculationMode') return 'Automatic';
    throw fail('InvalidArgument', `Application.${name}`);
  }
  suspendApiCalculationUntilNextSync(): void {
    this._call('suspendApiCalculationUntilNextSync', [], () => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook

export interface FakeWorkbookDescriptionLike {
  sheets: unknown[];
}

/** Decodes the base64 of an imported file into sheets; installed by index.ts. */
export const importHooks: { decode?: (base64: string, model: WorkbookModel) => SheetModel[] } = {};

export class FWorkbook extends FObj<WorkbookModel> {
  protected readonly _cls = 'Workbook';
  get worksheets(): FWorksheetCollection {
    return this._child('worksheets', () => new FWorksheetCollection(this.context, () => this._t()));
  }
  get notes(): FNoteCollection {
    return this._child('notes', () => new FNoteCollection(this.context, () => ({ model: this._t(), sheet: null })));
  }
  get comments(): FCommentCollection {
    return this._child('comments', () => new FCommentCollection(this.context, () => ({ model: this._t(), sheet: null })));
  }
  get settings(): FSettingCollection {
    return this._child('settings', () => new FSettingCollection(this.context, () => this._t()));
  }
  get protection(): FWorkbookProtection {
    return this._child('protection', () => new FWorkbookProtection(this.context, () => this._t()));
  }
  get name(): string {
    return this._get('name');
  }
  protected _scalars(): string[] {
    return ['name'];
  }
  protected _read(name: string, t: WorkbookModel): unknown {
    if (name === 'name') return t.name;
    throw fail('InvalidArgument', `Workbook.${name}`);
  }
  protected override _nav(name: string): FObj<unknown> | undefined {
    if (name === 'worksheets') return this.worksheets;
    if (name === 'settings') return this.settings;
    if (name === 'notes') return this.notes;
    if (name === 'comments') return this.comments;
    if (name === 'protection') return this.protection;
    return undefined;
  }
  getSelectedRange(): FRange {
    return new FRange(this.context, () => {
      const m = this._t();
      const sel = m.selection ?? (m.active ? { sheet: m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } } : null);
      if (!sel) throw fail('ItemNotFound', 'Workbook.getSelectedRange');
      return { sheet: sel.sheet, rect: sel.rect };
    })._created('getSelectedRange', []);
  }
  getActiveCell(): FRange {
    return new FRange(this.context, () => {
      const m = this._t();
      const sel = m.selection ?? (m.active ? { sheet: m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } } : null);
      if (!sel) throw fail('ItemNotFound', 'Workbook.getActiveCell');
      return { sheet: sel.sheet, rect: { r0: sel.rect.r0, c0: sel.rect.c0, r1: sel.rect.r0, c1: sel.rect.c0 } };
    })._created('getActiveCell', []);
  }
  insertWorksheetsFromBase64(base64: string, options?: Excel.InsertWorksheetOptions): FClientResult<string[]> {
    return this._callResult('insertWorksheetsFromBase64', [base64, options ?? null], (m) => {
      requireSet(this.context, '1.13', 'Workbook.insertWorksheetsFromBase64');
      guardStructure(m, 'Workbook.insertWorksheetsFromBase64');
      if (!importHooks.decode) throw fail('InvalidArgument', 'Workbook.insertWorksheetsFromBase64');
      let sheets = importHooks.decode(base64, m);
      if (options?.sheetNamesToInsert?.length) {
        const want = options.sheetNamesToInsert;
        sheets = sheets.filter((s) => want.includes(s.name));
      }
      const names: string[] = [];
      for (const s of sheets) {
        let name = s.name;
        for (let i = 2; m.sheet(name); i++) name = `${s.name.slice(0, 26)} (${i})`;
        s.name = name;
        names.push(name);
      }
      const pos = options?.positionType ?? 'End';
      if (pos === 'Beginning') m.sheets.unshift(...sheets);
      else m.sheets.push(...sheets);
      return names;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

const BAD_SHEET_CHARS = /[\\/?*[\]:]/;

function checkSheetName(m: WorkbookModel, name: string, api: string, self?: SheetModel): void {
  if (!name || name.length > 31 || BAD_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'"))
    throw fail('InvalidArgument', api);
  const other = m.sheet(name);
  if (other && other !== self) throw fail('ItemAlreadyExists', api);
}

export class FWorksheetCollection extends FCollection<WorkbookModel, FWorksheet> {
  protected readonly _cls = 'WorksheetCollection';
  protected _list(t: WorkbookModel): Array<() => unknown> {
    return t.sheets.map((s) => () => s);
  }
  protected _item(resolver: () => unknown): FWorksheet {
    return new FWorksheet(this.context, resolver as () => SheetModel);
  }
  getItem(name: string): FWorksheet {
    return new FWorksheet(this.context, () => {
      const s = this._t().sheet(name);
      if (!s) throw fail('ItemNotFound', 'WorksheetCollection.getItem');
      return s;
    })._created('getItem', [name]);
  }
  getItemOrNullObject(name: string): FWorksheet {
    return new FWorksheet(this.context, () => this._t().sheet(name) ?? null, true)._created('getItemOrNullObject', [name]);
  }
  getActiveWorksheet(): FWorksheet {
    return new FWorksheet(this.context, () => {
      const m = this._t();
      if (!m.active) throw fail('ItemNotFound', 'WorksheetCollection.getActiveWorksheet');
      return m.active;
    })._created('getActiveWorksheet', []);
  }
  add(name?: string): FWorksheet {
    let created: SheetModel | null = null;
    const ws = new FWorksheet(this.context, () => {
      if (!created) throw fail('ItemNotFound', 'WorksheetCollection.add');
      return created;
    });
    this._call('add', [name ?? null], (m) => {
      guardStructure(m, 'WorksheetCollection.add');
      let n = name;
      if (n === undefined) for (let i = m.sheets.length + 1; !n || m.sheet(n); i++) n = `Sheet${i}`;
      checkSheetName(m, n, 'WorksheetCollection.add');
      created = new SheetModel(n);
      m.sheets.push(created);
    });
    return ws;
  }
}

export class FWorksheet extends FObj<SheetModel> {
  protected readonly _cls = 'Worksheet';
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (s) => {
      guardStructure(this.context._model, 'Worksheet.name');
      checkSheetName(this.context._model, v, 'Worksheet.name', s);
      s.name = v;
    });
  }
  get visibility(): Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden' {
    return this._get('visibility');
  }
  set visibility(v: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden') {
    this._set('visibility', v, (s) => {
      const m = this.context._model;
      guardStructure(m, 'Worksheet.visibility');
      if (v !== 'Visible' && m.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0)
        throw fail('InvalidOperation', 'Worksheet.visibility');
      s.visibility = v as SheetModel['visibility'];
      if (v !== 'Visible' && m.active === s) m.active = m.sheets.find((x) => x.visibility === 'Visible') ?? null;
    });
  }
  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this._set('position', v, (s) => {
      const m = this.context._model;
      guardStructure(m, 'Worksheet.position');
      m.sheets.splice(m.sheets.indexOf(s), 1);
      m.sheets.splice(Math.max(0, Math.min(v, m.sheets.length)), 0, s);
    });
  }
  get id(): string {
    return this._get('id');
  }
  get tabColor(): string {
    return this._get('tabColor');
  }
  set tabColor(v: string) {
    this._set('tabColor', v, (s) => {
      s.tabColor = v;
    });
  }
  get protection(): FWorksheetProtection {
    return this._child('protection', () => new FWorksheetProtection(this.context, () => this._t()));
  }
  get tables(): FTableCollection {
    return this._child('tables', () => new FTableCollection(this.context, () => this._t()));
  }
  get charts(): FChartCollection {
    return this._child('charts', () => new FChartCollection(this.context, () => this._t()));
  }
  get pageLayout(): FPageLayout {
    return this._child('pageLayout', () => new FPageLayout(this.context, () => this._t()));
  }
  get freezePanes(): FFreezePanes {
    return this._child('freezePanes', () => new FFreezePanes(this.context, () => this._t()));
  }
  get notes(): FNoteCollection {
    return this._child('notes', () => new FNoteCollection(this.context, () => ({ model: this.context._model, sheet: this._t() })));
  }
  get comments(): FCommentCollection {
    return this._child('comments', () => new FCommentCollection(this.context, () => ({ model: this.context._model, sheet: this._t() })));
  }
  protected _scalars(): string[] {
    return ['name', 'visibility', 'position', 'id', 'tabColor'];
  }
  protected _read(name: string, s: SheetModel): unknown {
    switch (name) {
      case 'name':
        return s.name;
      case 'visibility':
        return s.visibility;
      case 'position':
        return this.context._model.sheets.indexOf(s);
      case 'id':
        return s.id;
      case 'tabColor':
        return s.tabColor;
      case 'showGridlines':
        return true;
    }
    throw fail('InvalidArgument', `Worksheet.${name}`);
  }
  protected override _nav(name: string): FObj<unknown> | undefined {
    switch (name) {
      case 'protection':
        return this.protection;
      case 'tables':
        return this.tables;
      case 'charts':
        return this.charts;
      case 'notes':
        return this.notes;
      case 'freezePanes':
        return this.freezePanes;
    }
    return undefined;
  }
  getRange(address?: string): FRange {
    return new FRange(this.context, () => {
      const s = this._t();
      if (address === undefined || address === '') return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const { sheet, local } = splitSheet(address);
      if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) throw fail('InvalidArgument', 'Worksheet.getRange');
      const rect = parseLocal(local);
      if (!rect) throw fail('InvalidArgument', 'Worksheet.getRange');
      return { sheet: s, rect };
    })._created('getRange', [address ?? null]);
  }
  getRanges(address?: string): FRangeAreas {
    return new FRangeAreas(this.context, () => {
      requireSet(this.context, '1.9', 'Worksheet.getRanges');
      const s = this._t();
      const rects: Rect[] = [];
      for (const part of (address ?? '').split(',')) {
        const { sheet, local } = splitSheet(part);
        if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) throw fail('InvalidArgument', 'Worksheet.getRanges');
        const rect = parseLocal(local);
        if (!rect) throw fail('InvalidArgument', 'Worksheet.getRanges');
        rects.push(rect);
      }
      return { sheet: s, rects };
    })._created('getRanges', [address ?? null]);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FRange {
    return new FRange(this.context, () => {
      requireSet(this.context, '1.7', 'Worksheet.getRangeByIndexes');
      const rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
      if (rowCount < 1 || columnCount < 1 || rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS)
        throw fail('InvalidArgument', 'Worksheet.getRangeByIndexes');
      return { sheet: this._t(), rect };
    })._created('getRangeByIndexes', [startRow, startColumn, rowCount, columnCount]);
  }
  getCell(row: number, column: number): FRange {
    return new FRange(this.context, () => ({ sheet: this._t(), rect: { r0: row, c0: column, r1: row, c1: column } }))._created('getCell', [row, column]);
  }
  getUsedRange(valuesOnly?: boolean): FRange {
    return new FRange(this.context, () => {
      const s = this._t();
      return { sheet: s, rect: s.usedRect(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    })._created('getUsedRange', [valuesOnly ?? false]);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FRange {
    return new FRange(
      this.context,
      () => {
        const s = this._t();
        const rect = s.usedRect(!!valuesOnly);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    )._created('getUsedRangeOrNullObject', [valuesOnly ?? false]);
  }
  activate(): void {
    this._call('activate', [], (s) => {
      if (s.visibility !== 'Visible') throw fail('InvalidOperation', 'Worksheet.activate');
      const m = this.context._model;
      m.active = s;
      m.selection = { sheet: s, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  delete(): void {
    this._call('delete', [], (s) => {
      const m = this.context._model;
      guardStructure(m, 'Worksheet.delete');
      // Office.js: deleting a very hidden sheet fails; make it hidden or visible first.
      if (s.visibility === 'VeryHidden') throw fail('InvalidOperation', 'Worksheet.delete');
      if (m.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) throw fail('InvalidOperation', 'Worksheet.delete');
      m.sheets.splice(m.sheets.indexOf(s), 1);
      if (m.active === s) m.active = m.sheets.find((x) => x.visibility === 'Visible') ?? null;
      if (m.selection?.sheet === s) m.selection = null;
    });
  }
}

export class FWorkbookProtection extends FObj<WorkbookModel> {
  protected readonly _cls = 'WorkbookProtection';
  get protected(): boolean {
    return this._get('protected');
  }
  protected _scalars(): string[] {
    return ['protected'];
  }
  protected _read(name: string, m: WorkbookModel): unknown {
    if (name === 'protected') {
      requireSet(this.context, '1.7', 'WorkbookProtection.protected');
      return m.structureProtected;
    }
    throw fail('InvalidArgument', `WorkbookProtection.${name}`);
  }
}

export class FWorksheetProtection extends FObj<SheetModel> {
  protected readonly _cls = 'WorksheetProtection';
  get protected(): boolean {
    return this._get('protected');
  }
  protected _scalars(): string[] {
    return ['protected'];
  }
  protected _read(name: string, s: SheetModel): unknown {
    if (name === 'protected') return s.protected;
    if (name === 'isPasswordProtected') return false;
    throw fail('InvalidArgument', `WorksheetProtection.${name}`);
  }
  protect(): void {
    this._call('protect', [], (s) => {
      if (s.protected) throw fail('AccessDenied', 'WorksheetProtection.protect');
      s.protected = true;
    });
  }
  unprotect(): void {
    this._call('unprotect', [], (s) => {
      s.protected = false;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}
export interface AreasTarget {
  sheet: SheetModel;
  rects: Rect[];
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

/** Checks that a 2-D input fits the range (or is a single value to broadcast). */
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

const CELL_LIMIT_READ = 5_000_000;

export class FRange extends FObj<RangeTarget> {
  protected readonly _cls = 'Range';
  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get values(): unknown[][] {
    return this._get('values');
  }
  set values(v: unknown[][]) {
    this._set('values', v, (t) => this._writeValues(t, v, 'Range.values'));
  }
  get formulas(): unknown[][] {
    return this._get('formulas');
  }
  set formulas(v: unknown[][]) {
    this._set('formulas', v, (t) => this._writeValues(t, v, 'Range.formulas'));
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this._get('valueTypes');
  }
  get numberFormat(): unknown[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this._set('numberFormat', v, (t) => {
      guardWrite(t.sheet, 'Range.numberFormat');
      const at = inputAt(v, t.rect, 'Range.numberFormat');
      forCells([t.rect], (r, c) => {
        const f = at(r, c);
        if (f === null || f === undefined) return;
        if (f === 'General') t.sheet.formats.delete(key(r, c));
        else t.sheet.formats.set(key(r, c), String(f));
      });
    });
  }
  get text(): string[][] {
    return this._get('text');
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this._get('hyperlink');
  }
  set hyperlink(v: Excel.RangeHyperlink) {
    this._set('hyperlink', v, (t) => {
      requireSet(this.context, '1.7', 'Range.hyperlink');
      guardWrite(t.sheet, 'Range.hyperlink');
      forCells([t.rect], (r, c) => {
        if (!v || (!v.address && !v.documentReference)) t.sheet.hyperlinks.delete(key(r, c));
        else t.sheet.hyperlinks.set(key(r, c), { ...v });
        if (v?.textToDisplay !== undefined) t.sheet.set(r, c, v.textToDisplay);
      });
    });
  }
  get format(): FRangeFormat {
    return this._child('format', () => new FRangeFormat(this.context, () => areasOf(this._t())));
  }
  get dataValidation(): FDataValidation {
    return this._child('dataValidation', () => new FDataValidation(this.context, () => this._t()));
  }
  get worksheet(): FWorksheet {
    return this._child('worksheet', () => new FWorksheet(this.context, () => this._t().sheet));
  }

  private _writeValues(t: RangeTarget, v: unknown, api: string): void {
    guardWrite(t.sheet, api);
    const cells = (t.rect.r1 - t.rect.r0 + 1) * (t.rect.c1 - t.rect.c0 + 1);
    if (cells > CELL_LIMIT_READ) throw fail('InvalidArgument', api);
    const at = inputAt(v, t.rect, api);
    forCells([t.rect], (r, c) => {
      const m = t.sheet.mergeAt(r, c);
      if (m && (m.r0 !== r || m.c0 !== c)) return; // only a merged area's top-left cell holds a value
      const stored = coerceInput(at(r, c), t.sheet.format(r, c));
      if (stored === null) return;
      t.sheet.set(r, c, stored);
    });
  }

  protected _scalars(): string[] {
    return ['address', 'addressLocal', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'valueTypes', 'numberFormat', 'formulas', 'text'];
  }

  protected _read(name: string, t: RangeTarget): unknown {
    const { sheet, rect } = t;
    const big = () => {
      if ((rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1) > CELL_LIMIT_READ) throw fail('ResponsePayloadSizeLimitExceeded', `Range.${name}`);
    };
    switch (name) {
      case 'address':
      case 'addressLocal':
        return `${quoteSheet(sheet.name)}!${rectToA1(rect)}`;
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rect.r1 - rect.r0 + 1;
      case 'columnCount':
        return rect.c1 - rect.c0 + 1;
      case 'cellCount':
        return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
      case 'values':
      case 'formulas':
        big();
        return matrix(rect, (r, c) => display(sheet.get(r, c)));
      case 'valueTypes':
        big();
        return matrix(rect, (r, c) => valueType(sheet.get(r, c)));
      case 'numberFormat':
        big();
        return matrix(rect, (r, c) => sheet.format(r, c));
      case 'text':
        big();
        return matrix(rect, (r, c) => textOf(sheet.get(r, c)));
      case 'hyperlink':
        return sheet.hyperlinks.get(key(rect.r0, rect.c0)) ?? null;
      case 'isEntireRow':
        return rect.c0 === 0 && rect.c1 === MAX_COLS - 1;
      case 'isEntireColumn':
        return rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
    }
    throw fail('InvalidArgument', `Range.${name}`);
  }

  protected override _nav(name: string): FObj<unknown> | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    if (name === 'dataValidation') return this.dataValidation;
    return undefined;
  }

  private _derive(method: string, args: unknown[], f: (t: RangeTarget) => Rect): FRange {
    return new FRange(this.context, () => {
      const t = this._t();
      const rect = f(t);
      if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS || rect.r1 < rect.r0 || rect.c1 < rect.c0)
        throw fail('InvalidArgument', `Range.${method}`);
      return { sheet: t.sheet, rect };
    })._created(method, args);
  }
  getCell(row: number, column: number): FRange {
    return this._derive('getCell', [row, column], ({ rect }) => ({ r0: rect.r0 + row, c0: rect.c0 + column, r1: rect.r0 + row, c1: rect.c0 + column }));
  }
  getRow(row: number): FRange {
    return this._derive('getRow', [row], ({ rect }) => ({ r0: rect.r0 + row, r1: rect.r0 + row, c0: rect.c0, c1: rect.c1 }));
  }
  getColumn(column: number): FRange {
    return this._derive('getColumn', [column], ({ rect }) => ({ r0: rect.r0, r1: rect.r1, c0: rect.c0 + column, c1: rect.c0 + column }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FRange {
    return this._derive('getResizedRange', [deltaRows, deltaColumns], ({ rect }) => ({ ...rect, r1: rect.r1 + deltaRows, c1: rect.c1 + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FRange {
    return this._derive('getOffsetRange', [rowOffset, columnOffset], ({ rect }) => ({
      r0: rect.r0 + rowOffset,
      r1: rect.r1 + rowOffset,
      c0: rect.c0 + columnOffset,
      c1: rect.c1 + columnOffset,
    }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FRange {
    return this._derive('getAbsoluteResizedRange', [numRows, numColumns], ({ rect }) => ({ r0: rect.r0, c0: rect.c0, r1: rect.r0 + numRows - 1, c1: rect.c0 + numColumns - 1 }));
  }
  getCellProperties(opts: Excel.CellPropertiesLoadOptions): FClientResult<Excel.CellProperties[][]> {
    return this._callResult('getCellProperties', [opts], (t) => {
      requireSet(this.context, '1.9', 'Range.getCellProperties');
      return matrix(t.rect, (r, c) => {
        const out: Excel.CellProperties = {};
        if (opts.address) out.address = `${quoteSheet(t.sheet.name)}!${colToLetters(c)}${r + 1}`;
        const f = opts.format;
        if (f) {
          const fmt: Excel.CellPropertiesFormat = {};
          if (f.fill) {
            const fill = t.sheet.fills.get(key(r, c));
            const o: Excel.CellPropertiesFill = {};
            if (f.fill.color) o.color = fill ? fill.color : '#FFFFFF';
            if (f.fill.pattern) o.pattern = (fill ? fill.pattern : 'None') as Excel.FillPattern;
            if (f.fill.patternColor) o.patternColor = fill?.patternColor ?? '#000000';
            fmt.fill = o;
          }
          if (f.font) {
            const font = t.sheet.fonts.get(key(r, c)) ?? {};
            const o: Excel.CellPropertiesFont = {};
            if (f.font.bold) o.bold = font.bold ?? false;
            if (f.font.color) o.color = font.color ?? '#000000';
            fmt.font = o;
          }
          out.format = fmt;
        }
        if (opts.hyperlink) out.hyperlink = t.sheet.hyperlinks.get(key(r, c));
        return out;
      });
    });
  }
  setCellProperties(props: Excel.SettableCellProperties[][]): void {
    this._call('setCellProperties', [props], (t) => {
      requireSet(this.context, '1.9', 'Range.setCellProperties');
      guardWrite(t.sheet, 'Range.setCellProperties');
      const at = inputAt(props, t.rect, 'Range.setCellProperties');
      forCells([t.rect], (r, c) => {
        const p = at(r, c) as Excel.SettableCellProperties | null;
        const fill = p?.format?.fill;
        if (fill) {
          if (fill.pattern === 'None') t.sheet.fills.delete(key(r, c));
          else {
            const prev = t.sheet.fills.get(key(r, c));
            const next: FillState = {
              color: fill.color ?? prev?.color ?? '#FFFFFF',
              pattern: fill.pattern ?? prev?.pattern ?? 'Solid',
            };
            const pc = fill.patternColor ?? prev?.patternColor;
            if (pc !== undefined) next.patternColor = pc;
            t.sheet.fills.set(key(r, c), next);
          }
        }
        const font = p?.format?.font;
        if (font) t.sheet.fonts.set(key(r, c), { ...(t.sheet.fonts.get(key(r, c)) ?? {}), ...(font as FontState) });
      });
    });
  }
  merge(across?: boolean): void {
    this._call('merge', [across ?? false], (t) => {
      guardWrite(t.sheet, 'Range.merge');
      const rects: Rect[] = across ? Array.from({ length: t.rect.r1 - t.rect.r0 + 1 }, (_, i) => ({ ...t.rect, r0: t.rect.r0 + i, r1: t.rect.r0 + i })) : [t.rect];
      for (const m of rects) {
        if (t.sheet.overlappingMerges(m).length) throw fail('InvalidOperation', 'Range.merge');
        forCells([m], (r, c) => {
          if (r !== m.r0 || c !== m.c0) t.sheet.set(r, c, undefined);
        });
        t.sheet.merges.push({ ...m });
      }
    });
  }
  unmerge(): void {
    this._call('unmerge', [], (t) => {
      guardWrite(t.sheet, 'Range.unmerge');
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }
  select(): void {
    this._call('select', [], (t) => {
      const m = this.context._model;
      if (t.sheet.visibility !== 'Visible') throw fail('InvalidOperation', 'Range.select');
      m.active = t.sheet;
      m.selection = { sheet: t.sheet, rect: t.rect };
    });
  }
  clear(applyTo?: Excel.ClearApplyTo | 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks'): void {
    this._call('clear', [applyTo ?? 'All'], (t) => {
      guardWrite(t.sheet, 'Range.clear');
      const what = applyTo ?? 'All';
      // Only cells that can hold anything (a whole column has a million rows).
      const used = t.sheet.usedRect(false);
      if (!used) return;
      const rect = { r0: Math.max(t.rect.r0, used.r0), r1: Math.min(t.rect.r1, used.r1), c0: Math.max(t.rect.c0, used.c0), c1: Math.min(t.rect.c1, used.c1) };
      if (rect.r0 > rect.r1 || rect.c0 > rect.c1) return;
      forCells([rect], (r, c) => {
        const k = key(r, c);
        if (what === 'All' || what === 'Contents') t.sheet.set(r, c, undefined);
        if (what === 'All' || what === 'Formats') {
          t.sheet.formats.delete(k);
          t.sheet.fills.delete(k);
          t.sheet.fonts.delete(k);
        }
        if (what === 'All' || what === 'Hyperlinks' || what === 'RemoveHyperlinks') t.sheet.hyperlinks.delete(k);
      });
    });
  }
}

function areasOf(t: RangeTarget): AreasTarget {
  return { sheet: t.sheet, rects: [t.rect] };
}

export class FRangeAreas extends FObj<AreasTarget> {
  protected readonly _cls = 'RangeAreas';
  get address(): string {
    return this._get('address');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get format(): FRangeFormat {
    return this._child('format', () => new FRangeFormat(this.context, () => this._t()));
  }
  protected _scalars(): string[] {
    return ['address', 'areaCount', 'cellCount'];
  }
  protected _read(name: string, t: AreasTarget): unknown {
    switch (name) {
      case 'address':
        return t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rectToA1(r)}`).join(',');
      case 'areaCount':
        return t.rects.length;
      case 'cellCount':
        return t.rects.reduce((a, r) => a + (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1), 0);
    }
    throw fail('InvalidArgument', `RangeAreas.${name}`);
  }
  protected override _nav(name: string): FObj<unknown> | undefined {
    return name === 'format' ? this.format : undefined;
  }
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void {
    this._call('clear', [applyTo ?? 'All'], (t) => {
      guardWrite(t.sheet, 'RangeAreas.clear');
      forCells(t.rects, (r, c) => {
        const k = key(r, c);
        if (applyTo !== 'Formats') t.sheet.set(r, c, undefined);
        if (applyTo !== 'Contents') {
          t.sheet.fills.delete(k);
          t.sheet.formats.delete(k);
          t.sheet.fonts.delete(k);
        }
      });
    });
  }
}

export class FRangeFormat extends FObj<AreasTarget> {
  protected readonly _cls = 'RangeFormat';
  get fill(): FRangeFill {
    return this._child('fill', () => new FRangeFill(this.context, () => this._t()));
  }
  get font(): FRangeFont {
    return this._child('font', () => new FRangeFont(this.context, () => this._t()));
  }
  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._set('columnWidth', v, (t) => {
      guardWrite(t.sheet, 'RangeFormat.columnWidth');
      for (const r of t.rects) for (let c = r.c0; c <= r.c1; c++) t.sheet.columnWidths.set(c, v);
    });
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._set('wrapText', v, (t) => guardWrite(t.sheet, 'RangeFormat.wrapText'));
  }
  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this._set('horizontalAlignment', v, (t) => guardWrite(t.sheet, 'RangeFormat.horizontalAlignment'));
  }
  get verticalAlignment(): string {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this._set('verticalAlignment', v, (t) => guardWrite(t.sheet, 'RangeFormat.verticalAlignment'));
  }
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._set('rowHeight', v, (t) => guardWrite(t.sheet, 'RangeFormat.rowHeight'));
  }
  protected _scalars(): string[] {
    return ['columnWidth', 'wrapText', 'horizontalAlignment', 'verticalAlignment', 'rowHeight'];
  }
  protected _read(name: string, t: AreasTarget): unknown {
    switch (name) {
      case 'columnWidth':
        return t.sheet.columnWidths.get(t.rects[0].c0) ?? 48;
      case 'wrapText':
        return false;
      case 'horizontalAlignment':
        return 'General';
      case 'verticalAlignment':
        return 'Bottom';
      case 'rowHeight':
        return 15;
    }
    throw fail('InvalidArgument', `RangeFormat.${name}`);
  }
  protected override _nav(name: string): FObj<unknown> | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }
  autofitColumns(): void {
    this._call('autofitColumns', [], (t) => {
      guardWrite(t.sheet, 'RangeFormat.autofitColumns');
      for (const rect of t.rects) {
        const r1 = Math.min(rect.r1, t.sheet.rows.length - 1);
        for (let c = rect.c0; c <= rect.c1 && c < 200; c++) {
          let w = 8;
          for (let r = rect.r0; r <= r1 && r < rect.r0 + 2000; r++) w = Math.max(w, utf8Length(textOf(t.sheet.get(r, c))));
          t.sheet.columnWidths.set(c, Math.min(w, 60) * 6);
        }
      }
    });
  }
  autofitRows(): void {
    this._call('autofitRows', [], (t) => guardWrite(t.sheet, 'RangeFormat.autofitRows'));
  }
}

export class FRangeFill extends FObj<AreasTarget> {
  protected readonly _cls = 'RangeFill';
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (t) => {
      guardWrite(t.sheet, 'RangeFill.color');
      const color = v.toUpperCase();
      forCells(t.rects, (r, c) => t.sheet.fills.set(key(r, c), { color, pattern: 'Solid' }));
    });
  }
  get pattern(): string {
    return this._get('pattern');
  }
  protected _scalars(): string[] {
    return ['color', 'pattern'];
  }
  protected _read(name: string, t: AreasTarget): unknown {
    const seen = new Set<string>();
    forCells(t.rects, (r, c) => {
      const f = t.sheet.fills.get(key(r, c));
      seen.add(name === 'color' ? (f?.color ?? '#FFFFFF') : (f?.pattern ?? 'None'));
    });
    if (name !== 'color' && name !== 'pattern') throw fail('InvalidArgument', `RangeFill.${name}`);
    return seen.size === 1 ? [...seen][0] : null;
  }
  clear(): void {
    this._call('clear', [], (t) => {
      guardWrite(t.sheet, 'RangeFill.clear');
      forCells(t.rects, (r, c) => t.sheet.fills.delete(key(r, c)));
    });
  }
}

export class FRangeFont extends FObj<AreasTarget> {
  protected readonly _cls = 'RangeFont';
  private _prop<V>(name: keyof FontState, v: V): void {
    this._set(name, v, (t) => {
      guardWrite(t.sheet, `RangeFont.${name}`);
      forCells(t.rects, (r, c) => {
        const k = key(r, c);
        t.sheet.fonts.set(k, { ...(t.sheet.fonts.get(k) ?? {}), [name]: v });
      });
    });
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._prop('bold', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._prop('color', v);
  }
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this._prop('size', v);
  }
  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this._prop('italic', v);
  }
  protected _scalars(): string[] {
    return ['bold', 'color', 'size', 'italic'];
  }
  protected _read(name: string, t: AreasTarget): unknown {
    const f = t.sheet.fonts.get(key(t.rects[0].r0, t.rects[0].c0)) ?? {};
    switch (name) {
      case 'bold':
        return f.bold ?? false;
      case 'color':
        return f.color ?? '#000000';
      case 'size':
        return f.size ?? 11;
      case 'italic':
        return f.italic ?? false;
    }
    throw fail('InvalidArgument', `RangeFont.${name}`);
  }
}

export class FDataValidation extends FObj<RangeTarget> {
  protected readonly _cls = 'DataValidation';
  get rule(): Excel.DataValidationRule {
    return this._get('rule');
  }
  set rule(v: Excel.DataValidationRule) {
    this._set('rule', v, (t) => {
      requireSet(this.context, '1.8', 'DataValidation.rule');
      guardWrite(t.sheet, 'DataValidation.rule');
      if (!v || Object.keys(v).length !== 1) throw fail('InvalidArgument', 'DataValidation.rule');
      t.sheet.validations = t.sheet.validations.filter((x) => !intersects(x.rect, t.rect));
      t.sheet.validations.push({ rect: t.rect, rule: JSON.parse(JSON.stringify(v)) });
    });
  }
  get prompt(): Excel.DataValidationPrompt {
    return this._get('prompt');
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this._set('prompt', v, (t) => {
      guardWrite(t.sheet, 'DataValidation.prompt');
      const x = t.sheet.validations.find((d) => intersects(d.rect, t.rect));
      if (x) x.prompt = { ...v };
      else t.sheet.validations.push({ rect: t.rect, rule: {}, prompt: { ...v } });
    });
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this._get('errorAlert');
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this._set('errorAlert', v, (t) => guardWrite(t.sheet, 'DataValidation.errorAlert'));
  }
  protected _scalars(): string[] {
    return ['rule', 'type'];
  }
  protected _read(name: string, t: RangeTarget): unknown {
    const x = t.sheet.validations.find((d) => intersects(d.rect, t.rect));
    if (name === 'rule') return x?.rule ?? {};
    if (name === 'type') return x ? (Object.keys(x.rule)[0] ?? 'None') : 'None';
    if (name === 'prompt') return x?.prompt ?? null;
    throw fail('InvalidArgument', `DataValidation.${name}`);
  }
  clear(): void {
    this._call('clear', [], (t) => {
      guardWrite(t.sheet, 'DataValidation.clear');
      t.sheet.validations = t.sheet.validations.filter((x) => !intersects(x.rect, t.rect));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Tables, charts, freeze panes

export class FTableCollection extends FCollection<SheetModel, FTable> {
  protected readonly _cls = 'TableCollection';
  protected _list(s: SheetModel): Array<() => unknown> {
    return s.tables.map((tb) => () => ({ sheet: s, table: tb }));
  }
  protected _item(resolver: () => unknown): FTable {
    return new FTable(this.context, resolver as () => { sheet: SheetModel; table: TableState });
  }
  add(address: FRange | string, hasHeaders: boolean): FTable {
    let created: { sheet: SheetModel; table: TableState } | null = null;
    const table = new FTable(this.context, () => {
      if (!created) throw fail('ItemNotFound', 'TableCollection.add');
      return created;
    });
    this._call('add', [typeof address === 'string' ? address : 'Range', hasHeaders], (s) => {
      const m = this.context._model;
      let sheet = s;
      let rect: Rect | null;
      if (typeof address === 'string') {
        const res = m.resolveAddress(address, s);
        rect = res?.rect ?? null;
        if (res) sheet = res.sheet;
      } else {
        const t = address._t();
        sheet = t.sheet;
        rect = t.rect;
      }
      if (!rect) throw fail('InvalidArgument', 'TableCollection.add');
      guardWrite(sheet, 'TableCollection.add');
      if (sheet.tables.some((x) => intersects(x.rect, rect as Rect)) || sheet.overlappingMerges(rect).length)
        throw fail('InvalidOperation', 'TableCollection.add');
      m.tableSeq += 1;
      let name = `Table${m.tableSeq}`;
      while (m.sheets.some((x) => x.tables.some((tb) => tb.name === name))) name = `Table${++m.tableSeq}`;
      const tb: TableState = { name, rect, showFilterButton: true, style: 'TableStyleMedium2' };
      if (!hasHeaders) {
        for (let c = rect.c0; c <= rect.c1; c++) sheet.set(rect.r0, c, `Column${c - rect.c0 + 1}`);
      }
      sheet.tables.push(tb);
      created = { sheet, table: tb };
    });
    return table;
  }
}

export class FTable extends FObj<{ sheet: SheetModel; table: TableState }> {
  protected readonly _cls = 'Table';
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, ({ table }) => {
      const m = this.context._model;
      if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(v) || m.sheets.some((s) => s.tables.some((x) => x !== table && x.name.toLowerCase() === v.toLowerCase())))
        throw fail('InvalidArgument', 'Table.name');
      table.name = v;
    });
  }
  get showFilterButton(): boolean {
    return this._get('showFilterButton');
  }
  set showFilterButton(v: boolean) {
    this._set('showFilterButton', v, ({ table }) => {
      table.showFilterButton = v;
    });
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._set('style', v, ({ table }) => {
      table.style = v;
    });
  }
  protected _scalars(): string[] {
    return ['name', 'showFilterButton', 'style'];
  }
  protected _read(name: string, { table }: { sheet: SheetModel; table: TableState }): unknown {
    if (name === 'name') return table.name;
    if (name === 'showFilterButton') return table.showFilterButton;
    if (name === 'style') return table.style;
    throw fail('InvalidArgument', `Table.${name}`);
  }
  getRange(): FRange {
    return new FRange(this.context, () => {
      const t = this._t();
      return { sheet: t.sheet, rect: t.table.rect };
    })._created('getRange', []);
  }
  delete(): void {
    this._call('delete', [], ({ sheet, table }) => {
      guardWrite(sheet, 'Table.delete');
      sheet.tables = sheet.tables.filter((x) => x !== table);
    });
  }
}

export class FChartCollection extends FCollection<SheetModel, FChart> {
  protected readonly _cls = 'ChartCollection';
  protected _list(s: SheetModel): Array<() => unknown> {
    return s.charts.map((c) => () => ({ sheet: s, chart: c }));
  }
  protected _item(resolver: () => unknown): FChart {
    return new FChart(this.context, resolver as () => { sheet: SheetModel; chart: ChartState });
  }
  add(type: Excel.ChartType | string, sourceData: FRange, seriesBy?: Excel.ChartSeriesBy | string): FChart {
    let created: { sheet: SheetModel; chart: ChartState } | null = null;
    const chart = new FChart(this.context, () => {
      if (!created) throw fail('ItemNotFound', 'ChartCollection.add');
      return created;
    });
    this._call('add', [type, 'Range', seriesBy ?? 'Auto'], (s) => {
      guardWrite(s, 'ChartCollection.add');
      const src = sourceData._t();
      const m = this.context._model;
      m.chartSeq += 1;
      const c: ChartState = {
        name: `Chart ${m.chartSeq}`,
        type: String(type),
        source: `${quoteSheet(src.sheet.name)}!${rectToA1(src.rect)}`,
        seriesBy: String(seriesBy ?? 'Auto'),
        title: '',
        xValues: {},
        seriesNames: {},
      };
      s.charts.push(c);
      created = { sheet: s, chart: c };
    });
    return chart;
  }
}

export class FChart extends FObj<{ sheet: SheetModel; chart: ChartState }> {
  protected readonly _cls = 'Chart';
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, ({ chart }) => {
      chart.name = v;
    });
  }
  get chartType(): string {
    return this._get('chartType');
  }
  get title(): FChartTitle {
    return this._child('title', () => new FChartTitle(this.context, () => this._t().chart));
  }
  protected _scalars(): string[] {
    return ['name', 'chartType'];
  }
  protected _read(name: string, { chart }: { sheet: SheetModel; chart: ChartState }): unknown {
    if (name === 'name') return chart.name;
    if (name === 'chartType') return chart.type;
    throw fail('InvalidArgument', `Chart.${name}`);
  }
  protected override _nav(name: string): FObj<unknown> | undefined {
    return name === 'title' ? this.title : undefined;
  }
  get series(): FChartSeriesCollection {
    return this._child('series', () => new FChartSeriesCollection(this.context, () => this._t().chart));
  }
  setPosition(startCell: FRange | string, endCell?: FRange | string): void {
    this._call('setPosition', [typeof startCell === 'string' ? startCell : 'Range', typeof endCell === 'string' ? endCell : null], ({ chart }) => {
      chart.position = typeof startCell === 'string' ? startCell : rectToA1(startCell._t().rect);
    });
  }
  delete(): void {
    this._call('delete', [], ({ sheet, chart }) => {
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}

export class FChartSeriesCollection extends FCollection<ChartState, FChartSeries> {
  protected readonly _cls = 'ChartSeriesCollection';
  protected _list(c: ChartState): Array<() => unknown> {
    return [() => ({ chart: c, i: 0 })];
  }
  protected _item(resolver: () => unknown): FChartSeries {
    return new FChartSeries(this.context, resolver as () => { chart: ChartState; i: number });
  }
  getItemAt(index: number): FChartSeries {
    return new FChartSeries(this.context, () => ({ chart: this._t(), i: index }))._created('getItemAt', [index]);
  }
}

export class FChartSeries extends FObj<{ chart: ChartState; i: number }> {
  protected readonly _cls = 'ChartSeries';
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, ({ chart, i }) => {
      chart.seriesNames[i] = v;
    });
  }
  protected _scalars(): string[] {
    return ['name'];
  }
  protected _read(name: string, { chart, i }: { chart: ChartState; i: number }): unknown {
    if (name === 'name') return chart.seriesNames[i] ?? `Series${i + 1}`;
    throw fail('InvalidArgument', `ChartSeries.${name}`);
  }
  setXAxisValues(sourceData: FRange): void {
    this._call('setXAxisValues', ['Range'], ({ chart, i }) => {
      requireSet(this.context, '1.7', 'ChartSeries.setXAxisValues');
      const t = sourceData._t();
      chart.xValues[i] = `${quoteSheet(t.sheet.name)}!${rectToA1(t.rect)}`;
    });
  }
}

export class FPageLayout extends FObj<SheetModel> {
  protected readonly _cls = 'PageLayout';
  get orientation(): string {
    return this._get('orientation');
  }
  set orientation(v: string) {
    this._set('orientation', v, (s) => {
      requireSet(this.context, '1.9', 'PageLayout.orientation');
      s.orientation = v;
    });
  }
  protected _scalars(): string[] {
    return ['orientation'];
  }
  protected _read(name: string, s: SheetModel): unknown {
    if (name === 'orientation') return s.orientation;
    throw fail('InvalidArgument', `PageLayout.${name}`);
  }
}

export class FChartTitle extends FObj<ChartState> {
  protected readonly _cls = 'ChartTitle';
  get text(): string {
    return this._get('text');
  }
  set text(v: string) {
    this._set('text', v, (c) => {
      c.title = v;
    });
  }
  protected _scalars(): string[] {
    return ['text'];
  }
  protected _read(name: string, c: ChartState): unknown {
    if (name === 'text') return c.title;
    throw fail('InvalidArgument', `ChartTitle.${name}`);
  }
}

export class FFreezePanes extends FObj<SheetModel> {
  protected readonly _cls = 'WorksheetFreezePanes';
  protected _scalars(): string[] {
    return [];
  }
  protected _read(name: string): unknown {
    throw fail('InvalidArgument', `WorksheetFreezePanes.${name}`);
  }
  freezeRows(count?: number): void {
    this._call('freezeRows', [count ?? 1], (s) => {
      requireSet(this.context, '1.7', 'WorksheetFreezePanes.freezeRows');
      s.frozenRows = count ?? 1;
    });
  }
  unfreeze(): void {
    this._call('unfreeze', [], (s) => {
      s.frozenRows = 0;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Notes and comments

interface CellCollTarget {
  model: WorkbookModel;
  /** null = workbook-level collection. */
  sheet: SheetModel | null;
}

function cellOf(t: CellCollTarget, address: FRange | string, api: string): { sheet: SheetModel; r: number; c: number } {
  let sheet: SheetModel;
  let rect: Rect;
  if (typeof address === 'string') {
    const res = t.model.resolveAddress(address, t.sheet ?? t.model.active ?? undefined);
    if (!res) throw fail('InvalidArgument', api);
    sheet = res.sheet;
    rect = res.rect;
  } else {
    const x = address._t();
    sheet = x.sheet;
    rect = x.rect;
  }
  if (rect.r0 !== rect.r1 || rect.c0 !== rect.c1) throw fail('InvalidArgument', api);
  if (t.sheet && sheet !== t.sheet) throw fail('InvalidArgument', api);
  return { sheet, r: rect.r0, c: rect.c0 };
}

export class FNoteCollection extends FCollection<CellCollTarget, FNote> {
  protected readonly _cls = 'NoteCollection';
  protected _list(t: CellCollTarget): Array<() => unknown> {
    requireSet(this.context, '1.18', 'NoteCollection');
    const sheets = t.sheet ? [t.sheet] : t.model.sheets;
    return sheets.flatMap((s) => [...s.notes.keys()].map((k) => () => ({ sheet: s, k })));
  }
  protected _item(resolver: () => unknown): FNote {
    return new FNote(this.context, resolver as () => { sheet: SheetModel; k: number });
  }
  add(cellAddress: FRange | string, content: string): FNote {
    let created: { sheet: SheetModel; k: number } | null = null;
    const note = new FNote(this.context, () => {
      if (!created) throw fail('ItemNotFound', 'NoteCollection.add');
      return created;
    });
    this._call('add', [typeof cellAddress === 'string' ? cellAddress : 'Range', content], (t) => {
      requireSet(this.context, '1.18', 'NoteCollection.add');
      const { sheet, r, c } = cellOf(t, cellAddress, 'NoteCollection.add');
      guardWrite(sheet, 'NoteCollection.add');
      const k = key(r, c);
      if (sheet.notes.has(k)) throw fail('InvalidArgument', 'NoteCollection.add');
      sheet.notes.set(k, { content: String(content), author: 'Add-in' });
      created = { sheet, k };
    });
    return note;
  }
  private _find(keyAddr: string): { sheet: SheetModel; k: number } | null {
    const t = this._t();
    requireSet(this.context, '1.18', 'NoteCollection.getItem');
    const { sheet, r, c } = cellOf(t, keyAddr, 'NoteCollection.getItem');
    const k = key(r, c);
    return sheet.notes.has(k) ? { sheet, k } : null;
  }
  getItem(keyAddr: string): FNote {
    return new FNote(this.context, () => {
      const f = this._find(keyAddr);
      if (!f) throw fail('ItemNotFound', 'NoteCollection.getItem');
      return f;
    })._created('getItem', [keyAddr]);
  }
  getItemOrNullObject(keyAddr: string): FNote {
    return new FNote(this.context, () => this._find(keyAddr), true)._created('getItemOrNullObject', [keyAddr]);
  }
}

export class FNote extends FObj<{ sheet: SheetModel; k: number }> {
  protected readonly _cls = 'Note';
  get content(): string {
    return this._get('content');
  }
  set content(v: string) {
    this._set('content', v, ({ sheet, k }) => {
      guardWrite(sheet, 'Note.content');
      const n = sheet.notes.get(k);
      if (!n) throw fail('ItemNotFound', 'Note.content');
      n.content = v;
    });
  }
  get authorName(): string {
    return this._get('authorName');
  }
  protected _scalars(): string[] {
    return ['content', 'authorName'];
  }
  protected _read(name: string, { sheet, k }: { sheet: SheetModel; k: number }): unknown {
    const n = sheet.notes.get(k);
    if (!n) throw fail('ItemNotFound', 'Note');
    if (name === 'content') return n.content;
    if (name === 'authorName') return n.author;
    throw fail('InvalidArgument', `Note.${name}`);
  }
  delete(): void {
    this._call('delete', [], ({ sheet, k }) => {
      guardWrite(sheet, 'Note.delete');
      if (!sheet.notes.delete(k)) throw fail('ItemNotFound', 'Note.delete');
    });
  }
  getLocation(): FRange {
    return new FRange(this.context, () => {
      const { sheet, k } = this._t();
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      return { sheet, rect: { r0: r, c0: c, r1: r, c1: c } };
    })._created('getLocation', []);
  }
}

export class FCommentCollection extends FCollection<CellCollTarget, FComment> {
  protected readonly _cls = 'CommentCollection';
  protected _list(t: CellCollTarget): Array<() => unknown> {
    requireSet(this.context, '1.10', 'CommentCollection');
    const sheets = t.sheet ? [t.sheet] : t.model.sheets;
    return sheets.flatMap((s) => [...s.comments.keys()].map((k) => () => ({ sheet: s, k })));
  }
  protected _item(resolver: () => unknown): FComment {
    return new FComment(this.context, resolver as () => { sheet: SheetModel; k: number });
  }
  add(cellAddress: FRange | string, content: string): FComment {
    let created: { sheet: SheetModel; k: number } | null = null;
    const cm = new FComment(this.context, () => {
      if (!created) throw fail('ItemNotFound', 'CommentCollection.add');
      return created;
    });
    this._call('add', [typeof cellAddress === 'string' ? cellAddress : 'Range', content], (t) => {
      requireSet(this.context, '1.10', 'CommentCollection.add');
      const { sheet, r, c } = cellOf(t, cellAddress, 'CommentCollection.add');
      guardWrite(sheet, 'CommentCollection.add');
      const k = key(r, c);
      if (sheet.comments.has(k)) throw fail('InvalidArgument', 'CommentCollection.add');
      sheet.comments.set(k, { content: String(content) });
      created = { sheet, k };
    });
    return cm;
  }
  getItemByCell(cellAddress: FRange | string): FComment {
    return new FComment(this.context, () => {
      requireSet(this.context, '1.10', 'CommentCollection.getItemByCell');
      const { sheet, r, c } = cellOf(this._t(), cellAddress, 'CommentCollection.getItemByCell');
      const k = key(r, c);
      if (!sheet.comments.has(k)) throw fail('ItemNotFound', 'CommentCollection.getItemByCell');
      return { sheet, k };
    })._created('getItemByCell', [typeof cellAddress === 'string' ? cellAddress : 'Range']);
  }
}

export class FComment extends FObj<{ sheet: SheetModel; k: number }> {
  protected readonly _cls = 'Comment';
  get content(): string {
    return this._get('content');
  }
  protected _scalars(): string[] {
    return ['content'];
  }
  protected _read(name: string, { sheet, k }: { sheet: SheetModel; k: number }): unknown {
    if (name === 'content') return sheet.comments.get(k)?.content ?? '';
    throw fail('InvalidArgument', `Comment.${name}`);
  }
  delete(): void {
    this._call('delete', [], ({ sheet, k }) => {
      guardWrite(sheet, 'Comment.delete');
      if (!sheet.comments.delete(k)) throw fail('ItemNotFound', 'Comment.delete');
    });
  }
  getLocation(): FRange {
    return new FRange(this.context, () => {
      const { sheet, k } = this._t();
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      return { sheet, rect: { r0: r, c0: c, r1: r, c1: c } };
    })._created('getLocation', []);
  }
}

// ---------------------------------------------------------------------------------------------
// Settings (workbook.settings, ExcelApi 1.4)

export class FSettingCollection extends FCollection<WorkbookModel, FSetting> {
  protected readonly _cls = 'SettingCollection';
  protected _list(m: WorkbookModel): Array<() => unknown> {
    return [...m.settings.keys()].map((k) => () => ({ m, k }));
  }
  protected _item(resolver: () => unknown): FSetting {
    return new FSetting(this.context, resolver as () => { m: WorkbookModel; k: string });
  }
  add(keyName: string, value: unknown): FSetting {
    this._call('add', [keyName, value], (m) => {
      requireSet(this.context, '1.4', 'SettingCollection.add');
      if (!keyName) throw fail('InvalidArgument', 'SettingCollection.add');
      m.settings.set(keyName, JSON.parse(JSON.stringify(value ?? null)));
    });
    return new FSetting(this.context, () => ({ m: this._t(), k: keyName }));
  }
  getItem(keyName: string): FSetting {
    return new FSetting(this.context, () => {
      const m = this._t();
      if (!m.settings.has(keyName)) throw fail('ItemNotFound', 'SettingCollection.getItem');
      return { m, k: keyName };
    })._created('getItem', [keyName]);
  }
  getItemOrNullObject(keyName: string): FSetting {
    return new FSetting(
      this.context,
      () => {
        const m = this._t();
        return m.settings.has(keyName) ? { m, k: keyName } : null;
      },
      true,
    )._created('getItemOrNullObject', [keyName]);
  }
}

export class FSetting extends FObj<{ m: WorkbookModel; k: string }> {
  protected readonly _cls = 'Setting';
  get key(): string {
    return this._get('key');
  }
  get value(): unknown {
    return this._get('value');
  }
  set value(v: unknown) {
    this._set('value', v, ({ m, k }) => {
      m.settings.set(k, JSON.parse(JSON.stringify(v ?? null)));
    });
  }
  protected _scalars(): string[] {
    return ['key', 'value'];
  }
  protected _read(name: string, { m, k }: { m: WorkbookModel; k: string }): unknown {
    if (name === 'key') return k;
    if (name === 'value') return m.settings.get(k);
    throw fail('InvalidArgument', `Setting.${name}`);
  }
  delete(): void {
    this._call('delete', [], ({ m, k }) => {
      m.settings.delete(k);
    });
  }
}

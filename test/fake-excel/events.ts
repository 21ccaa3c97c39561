/**
 * Worksheet change events for the in-memory Excel, kept apart from the rest of it: `install` adds
 * `Worksheet.onChanged` (ExcelApi 1.7) and fires `WorksheetChangedEventArgs` as Excel does
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs):
 * - `address` of the changed range without the sheet name, `worksheetId`, `type: 'WorksheetChanged'`,
 * - `changeType` (`Excel.DataChangeType`: RangeEdited, RowInserted, RowDeleted …),
 * - `source` (`Excel.EventSource`: Local, or Remote for another user of a shared workbook),
 * - `triggerSource` (ExcelApi 1.14: `ThisLocalAddin` when the add-in's own API call changed the
 *   cells, else `Unknown`; absent on hosts without 1.14),
 * - `details` (ExcelApi 1.9: valueBefore/valueAfter/valueTypeBefore/valueTypeAfter) only when a
 *   single cell changed ("If the changed event is triggered on multiple cells, this property
 *   cannot be retrieved").
 * Events are delivered asynchronously after the change, one per operation (a paste of a block is
 * one event for the whole block). The add-in's own value writes fire events too, detected by
 * comparing the subscribed sheets' values before and after each sync.
 */
import { parseLocal, rectToA1, type Rect } from './address';
import type { SheetModel, Stored } from './model';
import type { FakeOffice } from './index';
import { FWorksheet, FakeRequestContext, coerceInput as _coerceInput } from './proxy';

export interface ChangedArgs {
  type: 'WorksheetChanged';
  worksheetId: string;
  address: string;
  changeType: string;
  source: 'Local' | 'Remote';
  triggerSource?: 'Unknown' | 'ThisLocalAddin';
  details?: { valueBefore: unknown; valueAfter: unknown; valueTypeBefore: string; valueTypeAfter: string };
}

type Handler = (args: ChangedArgs) => Promise<unknown> | unknown;

export interface FakeEvents {
  /** Handlers registered per worksheet id. */
  handlers: Map<string, Set<Handler>>;
  /** Events fired so far. */
  fired: ChangedArgs[];
  /** The user types or pastes `values` at `address` (top-left anchored), as Excel coerces input. */
  edit(sheet: string, address: string, values: unknown[][], source?: 'Local' | 'Remote'): ChangedArgs;
  /** Insert `n` empty rows before Excel row `row` (1-based). */
  insertRows(sheet: string, row: number, n?: number): ChangedArgs;
  /** Resolves when every event fired so far has been handled. */
  settled(): Promise<void>;
  uninstall(): void;
}

function typeOf(v: Stored | undefined): string {
  if (v === undefined) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  return 'Error';
}

export function installEvents(fake: FakeOffice): FakeEvents {
  const model = fake.model;
  const handlers = new Map<string, Set<Handler>>();
  const pending: Promise<unknown>[] = [];
  const fired: ChangedArgs[] = [];
  const has114 = () => model.supports('ExcelApi', '1.14');

  const deliver = (sheet: SheetModel, args: ChangedArgs) => {
    fired.push(args);
    const hs = handlers.get(sheet.id);
    if (!hs || hs.size === 0) return;
    const p = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
      for (const h of [...hs]) await h(args);
    });
    pending.push(p);
  };

  const argsFor = (sheet: SheetModel, rect: Rect, changeType: string, source: 'Local' | 'Remote', trigger: 'Unknown' | 'ThisLocalAddin', before?: Stored): ChangedArgs => {
    const args: ChangedArgs = { type: 'WorksheetChanged', worksheetId: sheet.id, address: rectToA1(rect), changeType, source };
    if (has114()) args.triggerSource = trigger;
    if (rect.r0 === rect.r1 && rect.c0 === rect.c1 && model.supports('ExcelApi', '1.9')) {
      const after = sheet.get(rect.r0, rect.c0);
      args.details = { valueBefore: before ?? '', valueAfter: after ?? '', valueTypeBefore: typeOf(before), valueTypeAfter: typeOf(after) };
    }
    return args;
  };

  const proto = FWorksheet.prototype as unknown as Record<string, unknown>;
  const had = Object.getOwnPropertyDescriptor(proto, 'onChanged');
  Object.defineProperty(proto, 'onChanged', {
    configurable: true,
    get(this: FWorksheet) {
      const context = this.context;
      const resolve = () => (this as unknown as { _t(): SheetModel })._t();
      return {
        add(h: Handler) {
          if (!model.supports('ExcelApi', '1.7')) {
            const e = new Error('ApiNotFound: Worksheet.onChanged') as Error & { code: string };
            e.code = 'ApiNotFound';
            throw e;
          }
          const sheet = resolve();
          let set = handlers.get(sheet.id);
          if (!set) handlers.set(sheet.id, (set = new Set()));
          set.add(h);
          return {
            context,
            remove() {
              set!.delete(h);
            },
          };
        },
      };
    },
  });

  // The add-in's own writes: compare the subscribed sheets before and after each sync.
  const ctxProto = FakeRequestContext.prototype as unknown as { sync(): Promise<void> };
  const origSync = ctxProto.sync;
  ctxProto.sync = async function (this: FakeRequestContext) {
    const watched = model.sheets.filter((s) => handlers.get(s.id)?.size);
    const before = watched.map((s) => s.rows.map((r) => (r ? r.slice() : r)));
    try {
      await origSync.call(this);
    } finally {
      watched.forEach((s, i) => {
        const old = before[i];
        let rect: Rect | null = null;
        let first: Stored | undefined;
        const n = Math.max(old.length, s.rows.length);
        for (let r = 0; r < n; r++) {
          const a = old[r] ?? [];
          const b = s.rows[r] ?? [];
          const m = Math.max(a.length, b.length);
          for (let c = 0; c < m; c++) {
            if (JSON.stringify(a[c]) === JSON.stringify(b[c])) continue;
            if (!rect) {
              rect = { r0: r, r1: r, c0: c, c1: c };
              first = a[c];
            } else rect = { r0: Math.min(rect.r0, r), r1: Math.max(rect.r1, r), c0: Math.min(rect.c0, c), c1: Math.max(rect.c1, c) };
          }
        }
        if (rect) deliver(s, argsFor(s, rect, 'RangeEdited', 'Local', 'ThisLocalAddin', first));
      });
    }
  };

  return {
    handlers,
    fired,
    edit(sheetName, address, values, source = 'Local') {
      const sheet = model.sheet(sheetName);
      const at = parseLocal(address);
      if (!sheet || !at) throw new Error(`no range ${sheetName}!${address}`);
      const rect: Rect = { r0: at.r0, c0: at.c0, r1: at.r0 + values.length - 1, c1: at.c0 + Math.max(1, ...values.map((r) => r.length)) - 1 };
      const before = sheet.get(at.r0, at.c0);
      values.forEach((row, i) =>
        row.forEach((v, j) => {
          const x = _coerceInput(v === null ? '' : v, sheet.format(at.r0 + i, at.c0 + j));
          sheet.set(at.r0 + i, at.c0 + j, x === null ? undefined : x);
        }),
      );
      const args = argsFor(sheet, rect, 'RangeEdited', source, 'Unknown', before);
      deliver(sheet, args);
      return args;
    },
    insertRows(sheetName, row, n = 1) {
      const sheet = model.sheet(sheetName);
      if (!sheet) throw new Error(`no sheet ${sheetName}`);
      sheet.rows.splice(row - 1, 0, ...new Array<undefined>(n).fill(undefined));
      const rect: Rect = { r0: row - 1, r1: row - 2 + n, c0: 0, c1: 16383 };
      const args: ChangedArgs = { type: 'WorksheetChanged', worksheetId: sheet.id, address: `${row}:${row + n - 1}`, changeType: 'RowInserted', source: 'Local' };
      if (has114()) args.triggerSource = 'Unknown';
      void rect;
      deliver(sheet, args);
      return args;
    },
    async settled() {
      while (pending.length) await pending.shift();
    },
    uninstall() {
      if (had) Object.defineProperty(proto, 'onChanged', had);
      else delete proto.onChanged;
      ctxProto.sync = origSync;
    },
  };
}

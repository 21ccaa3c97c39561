/**
 * Worksheet change events for the in-memory Excel, kept apart from the rest of it. The add-in
 * subscribes with Microsoft's client as in Excel (`worksheet.onChanged.add(handler)`: the client
 * queues `Worksheet._RegisterDataChangedEvent` and a Trace marker, then registers the handler
 * under event type 10 and the worksheet's id); events are delivered through the client's own
 * RichApi message path (`OfficeExtension._testTriggerRichApiMessageEvent`, the hook the library
 * provides for hosts it does not run in), so `Worksheet_Changed_EventArgsTransform` builds the
 * `WorksheetChangedEventArgs` the handler gets
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs):
 * - `address` of the changed range without the sheet name, `worksheetId`, `type: 'WorksheetChanged'`;
 * - `changeType` (`Excel.DataChangeType`: RangeEdited, RowInserted, RowDeleted …);
 * - `source` (`Excel.EventSource`: Local, or Remote for another user of a shared workbook);
 * - `triggerSource` (ExcelApi 1.14, `Excel.EventTriggerSource`: `ThisLocalAddin` when the
 *   add-in's own API call changed the cells, else `Unknown`; absent on hosts without 1.14);
 * - `details` (ExcelApi 1.9: valueBefore/valueAfter/valueTypeBefore/valueTypeAfter) only when one
 *   cell changed: "This property can be retrieved when the changed event is triggered on a single
 *   cell. If the changed event is triggered on multiple cells, this property cannot be retrieved."
 * Events arrive asynchronously after the change, one per operation (a pasted block is one event
 * for the whole block). The add-in's own value writes fire events too (one per written area, from
 * the server's `changed` hook); format writes raise `onFormatChanged`, not `onChanged`, and are
 * not fired here.
 */
import type { ExcelSim } from './index';
import type { Rect } from './address';
import { parseLocal, rectToA1 } from './address';
import type { SheetModel, Stored } from './model';
import { SIM_TYPES, coerceInput, versionAtLeast } from './server';

/** The raw event the host sends (what Worksheet_Changed_EventArgsTransform reads). */
export interface RawChanged {
  changeType: string;
  source: 'Local' | 'Remote';
  address: string;
  referenceId?: string;
  triggerSource?: 'Unknown' | 'ThisLocalAddin';
  shiftDirection: string;
  valueBefore?: unknown;
  valueAfter?: unknown;
  valueTypeBefore?: string;
  valueTypeAfter?: string;
}

export interface SimEvents {
  /** Worksheet ids with a registered onChanged handler (server side). */
  registered: Set<string>;
  /** Every event sent to the client, with its worksheet id. */
  fired: Array<RawChanged & { worksheetId: string }>;
  /** The user types or pastes `values` at `address` (top-left anchored), coerced as Excel does. */
  edit(sheet: string, address: string, values: unknown[][], source?: 'Local' | 'Remote'): RawChanged;
  /** Insert `n` empty rows before Excel row `row` (1-based), as the user does. */
  insertRows(sheet: string, row: number, n?: number): RawChanged;
  /** Resolves when every event sent so far has reached the client's handlers. */
  settled(): Promise<void>;
  uninstall(): void;
}

const EVENT_CATEGORY = 65536; // OfficeExtension Constants.eventMessageCategory
const WORKSHEET_CHANGED = 10; // eventType of Worksheet.onChanged in the client

function typeOf(v: Stored | undefined): string {
  if (v === undefined) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  return 'Error';
}

interface OE {
  _testSetRichApiMessageReadyImpl(impl: (() => Promise<void>) | undefined): void;
  _testTriggerRichApiMessageEvent(msg: unknown): void;
}

export function installEvents(sim: ExcelSim): SimEvents {
  const oe = (globalThis as unknown as { OfficeExtension: OE }).OfficeExtension;
  // No host page answers the client's "ready" handshake for RichApi messages: the library's hook.
  oe._testSetRichApiMessageReadyImpl(() => Promise.resolve());
  const model = sim.model;
  const sets = () => sim.profile.sets;
  const registered = new Set<string>();
  const fired: SimEvents['fired'] = [];
  let pending: Promise<void> = Promise.resolve();

  const ws = SIM_TYPES.Worksheet;
  const methods = (ws.methods ??= {});
  // (Method names arrive as sent, `_RegisterDataChangedEvent`: camel-casing leaves a leading `_`.)
  const had = { reg: methods._RegisterDataChangedEvent, unreg: methods._UnregisterDataChangedEvent };
  methods._RegisterDataChangedEvent = ((o: { s: SheetModel }, _a: unknown[], c: { need(v: string, api: string): void }) => {
    c.need('1.7', 'Worksheet.onChanged');
    registered.add(o.s.id);
    return null;
  }) as never;
  methods._UnregisterDataChangedEvent = ((o: { s: SheetModel }) => {
    registered.delete(o.s.id);
    return null;
  }) as never;

  const send = (sheet: SheetModel, raw: RawChanged) => {
    fired.push({ ...raw, worksheetId: sheet.id });
    // Delivered after the current request's answer, as a host posts its messages.
    pending = pending
      .then(() => new Promise<void>((r) => setTimeout(r, 0)))
      .then(() => {
        if (!registered.has(sheet.id)) return;
        oe._testTriggerRichApiMessageEvent({
          entries: [{ messageCategory: EVENT_CATEGORY, messageType: WORKSHEET_CHANGED, targetId: sheet.id, message: JSON.stringify(raw) }],
        });
      })
      .then(() => new Promise<void>((r) => setTimeout(r, 0)));
  };

  const rawFor = (sheet: SheetModel, rect: Rect, changeType: string, source: 'Local' | 'Remote', trigger: 'Unknown' | 'ThisLocalAddin', before?: Stored): RawChanged => {
    const raw: RawChanged = { changeType, source, address: rectToA1(rect), shiftDirection: 'None' };
    if (versionAtLeast(sets().ExcelApi, '1.14')) raw.triggerSource = trigger;
    if (rect.r0 === rect.r1 && rect.c0 === rect.c1 && versionAtLeast(sets().ExcelApi, '1.9')) {
      const after = sheet.get(rect.r0, rect.c0);
      raw.valueBefore = before ?? '';
      raw.valueAfter = after ?? '';
      raw.valueTypeBefore = typeOf(before);
      raw.valueTypeAfter = typeOf(after);
    }
    return raw;
  };

  // The add-in's own writes (server.ts `changed`): values only.
  const listener = (sheet: SheetModel, rect: Rect, kind: 'values' | 'format') => {
    if (kind !== 'values' || !registered.has(sheet.id)) return;
    send(sheet, rawFor(sheet, rect, 'RangeEdited', 'Local', 'ThisLocalAddin'));
  };
  model.onChanged.push(listener);

  return {
    registered,
    fired,
    edit(sheetName, address, values, source = 'Local') {
      const sheet = model.sheet(sheetName);
      const at = parseLocal(address);
      if (!sheet || !at) throw new Error(`no range ${sheetName}!${address}`);
      const rect: Rect = { r0: at.r0, c0: at.c0, r1: at.r0 + values.length - 1, c1: at.c0 + Math.max(1, ...values.map((r) => r.length)) - 1 };
      const before = sheet.get(at.r0, at.c0);
      values.forEach((row, i) =>
        row.forEach((v, j) => {
          const x = coerceInput(v === null ? '' : v, sheet.format(at.r0 + i, at.c0 + j));
          if (x === null) return;
          sheet.set(at.r0 + i, at.c0 + j, x.value);
        }),
      );
      const raw = rawFor(sheet, rect, 'RangeEdited', source, 'Unknown', before);
      send(sheet, raw);
      return raw;
    },
    insertRows(sheetName, row, n = 1) {
      const sheet = model.sheet(sheetName);
      if (!sheet) throw new Error(`no sheet ${sheetName}`);
      sheet.rows.splice(row - 1, 0, ...new Array<undefined>(n).fill(undefined));
      const raw: RawChanged = { changeType: 'RowInserted', source: 'Local', address: `${row}:${row + n - 1}`, shiftDirection: 'Down' };
      if (versionAtLeast(sets().ExcelApi, '1.14')) raw.triggerSource = 'Unknown';
      send(sheet, raw);
      return raw;
    },
    async settled() {
      for (;;) {
        const p = pending;
        await p;
        if (p === pending) return;
      }
    },
    uninstall() {
      model.onChanged = model.onChanged.filter((l) => l !== listener);
      if (had.reg) methods._RegisterDataChangedEvent = had.reg;
      else delete methods._RegisterDataChangedEvent;
      if (had.unreg) methods._UnregisterDataChangedEvent = had.unreg;
      else delete methods._UnregisterDataChangedEvent;
      oe._testSetRichApiMessageReadyImpl(undefined);
    },
  };
}

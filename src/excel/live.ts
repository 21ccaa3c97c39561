/**
 * 边录入边校验 (live check): while it is on, every change to a ledger sheet is re-checked as it is
 * typed and the marks of exactly the affected cells are updated.
 *
 * - Subscribes to each recognised ledger sheet's `onChanged` (ExcelApi 1.7; without it a clear
 *   message and nothing subscribed).
 * - Events are queued and handled together after a short pause (`debounceMs`), and never while a
 *   re-check is running: a paste of 10,000 cells (one event, or many) is one re-check.
 * - Events the add-in caused itself are ignored: `triggerSource: 'ThisLocalAddin'` (ExcelApi 1.14),
 *   and, on hosts that do not report it, every event arriving while one of the add-in's own
 *   operations runs (`own()`) or within `quietMs` after it. Marks are fills and notes, which
 *   raise no `onChanged` at all; the record sheet is not subscribed.
 * - `source: 'Remote'` (another user of a shared workbook) is handled like a local change.
 * - A range edit re-reads only the changed rows (1 sync), re-checks them with the core's
 *   incremental entry point (rows sharing an ID, 对子编号 … with them included; a header row edit
 *   re-recognises the sheet) and updates the marks of the cells whose problems changed: 1 sync to
 *   read the previous fills of newly marked cells, 1 to write. At most 3 syncs.
 * - Rows or cells inserted or deleted (cells move, so row numbers change) re-read the workbook and
 *   re-mark everything (as 校验 does, without the report sheet).
 * - Settings key `shuangyong.live` remembers the toggle per workbook.
 */
import { recheckRows, startLiveCheck, type LiveCheck, type RowEdit } from '../core/check/incremental';
import type { SheetReport } from '../core/check-api';
import type { CellValue } from '../core/model';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import { configFromWorkbook, withWorkbookSettings } from '../core/ops/config';
import { markLayout } from '../core/layout/marks';
import { ERROR_FILL, WARNING_FILL, colLetters, excelRun, isSetSupported, lettersToIndex } from './common';
import { addMark, addressLists, detectNoteMode, fillSnapshot, markProblems, type NoteMode } from './mark';
import { readWorkbook, toCellValue } from './read';
import { emptyState, loadState, queueStateWrite, type FillSnapshot, type LedgerState, type SheetMarks } from './state';

/** Key in `workbook.settings` remembering whether 边录入边校验 is on in this workbook. */
export const LIVE_KEY = 'shuangyong.live';

/** Worksheet.onChanged: ExcelApi 1.7. */
export function liveSupported(): boolean {
  return isSetSupported('ExcelApi', '1.7');
}

export const LIVE_UNSUPPORTED =
  '当前 Excel 版本不支持边录入边校验（需要 ExcelApi 1.7 的工作表更改事件），请改用“校验”按钮。(This Excel version cannot report changes as they are typed: use 校验.)';

/** What an onChanged event tells (Excel.WorksheetChangedEventArgs). */
export interface LiveChange {
  worksheetId: string;
  address: string;
  changeType: string;
  source: string;
  triggerSource?: string;
}

export interface LiveUpdateInfo {
  problems: readonly Problem[];
  sheets: readonly SheetReport[];
  /** Problems that appeared / went with this update. */
  added: Problem[];
  removed: Problem[];
  /** A full re-check (header edited, rows inserted or deleted). */
  full: boolean;
  /** Syncs of this update. */
  syncs: number;
  /** Events handled together. */
  events: number;
}

export interface LiveOptions {
  settings: Settings;
  render: (p: Problem) => string;
  onUpdate?: (u: LiveUpdateInfo) => void;
  onError?: (e: unknown) => void;
  /** Pause after the last event before re-checking (default 250 ms). */
  debounceMs?: number;
  /** Events arriving this long after one of the add-in's own operations are ignored on hosts that
   *  do not report `triggerSource` (default 1000 ms). */
  quietMs?: number;
  /** Excel.run (tests pass their own). */
  run?: <T>(f: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** "Today" for the core (tests). */
  today?: Date;
  mode?: NoteMode;
}

export type LiveStart = { ok: true; problems: readonly Problem[]; sheets: string[] } | { ok: false; message: string };

interface SheetInfo {
  name: string;
  /** Columns read per row (the widest row seen, at least the header's). */
  width: number;
}

/** Cells (0-based rows) of an A1 range address: null for a whole column or an unbounded range. */
export function addressRows(address: string): { r0: number; r1: number; c1: number } | null {
  const local = address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');
  let r0 = Infinity;
  let r1 = -1;
  let c1 = 0;
  for (const part of local.split(',')) {
    const [a, b = a] = part.split(':');
    const pa = /^([A-Za-z]*)(\d*)$/.exec(a.trim());
    const pb = /^([A-Za-z]*)(\d*)$/.exec(b.trim());
    if (!pa || !pb || !pa[2] || !pb[2]) return null; // a whole column: no rows
    r0 = Math.min(r0, Number(pa[2]) - 1, Number(pb[2]) - 1);
    r1 = Math.max(r1, Number(pa[2]) - 1, Number(pb[2]) - 1);
    const ca = pa[1] ? lettersToIndex(pa[1]) : 16383;
    const cb = pb[1] ? lettersToIndex(pb[1]) : 16383;
    c1 = Math.max(c1, ca, cb);
  }
  return r1 < 0 ? null : { r0, r1, c1 };
}

const RANGE_EDIT = new Set(['RangeEdited', 'Unknown']);
/** More rows than this in one batch: re-read the workbook instead. */
const MAX_ROWS = 20000;
/** More changed cells than this: re-mark everything in batches (markProblems). */
const MAX_CELLS = 5000;

export class LiveSession {
  private state: LiveCheck | null = null;
  private sheets = new Map<string, SheetInfo>(); // worksheet id → info
  private handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[] = [];
  private queue: LiveChange[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private ownDepth = 0;
  private quietUntil = 0;
  private record: { state: LedgerState; existed: boolean } | null = null;
  /** The workbook's date system, learnt by the full read (edited cells are read the same way). */
  private date1904 = false;
  private readonly mode: NoteMode;
  private readonly run: <T>(f: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** Events ignored (own writes), for tests and the bench. */
  ignored = 0;
  /** Re-checks done. */
  updates = 0;
  active = false;

  constructor(private readonly opts: LiveOptions) {
    this.run = opts.run ?? ((f) => excelRun(f));
    this.mode = opts.mode ?? detectNoteMode();
  }

  /** Read and check the workbook, mark its problems and subscribe to its ledger sheets. */
  async start(): Promise<LiveStart> {
    if (!liveSupported()) return { ok: false, message: LIVE_UNSUPPORTED };
    const problems = await this.fullRefresh(true);
    this.active = true;
    return { ok: true, problems, sheets: [...this.sheets.values()].map((s) => s.name) };
  }

  /** The current problems and sheet reports. */
  current(): { problems: readonly Problem[]; sheets: readonly SheetReport[] } {
    return { problems: this.state?.problems ?? [], sheets: this.state?.sheets ?? [] };
  }

  /** Unsubscribe; the marks stay (清除标记 removes them). */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    const hs = this.handlers;
    this.handlers = [];
    for (const h of hs) {
      h.remove();
      await h.context.sync();
    }
  }

  /** Run one of the add-in's own operations: changes it causes are not re-checked, and the marks
   *  record is read afresh afterwards. */
  async own<T>(f: () => Promise<T>): Promise<T> {
    this.ownDepth++;
    try {
      return await f();
    } finally {
      this.ownDepth--;
      this.quietUntil = Date.now() + (this.opts.quietMs ?? 1000);
      this.record = null;
    }
  }

  /** The onChanged handler (also called directly by tests with Excel's event arguments). */
  onChanged = (args: LiveChange): Promise<void> => {
    if (!this.active) return Promise.resolve();
    if (args.triggerSource === 'ThisLocalAddin' || this.ownDepth > 0 || Date.now() < this.quietUntil) {
      this.ignored++;
      return Promise.resolve();
    }
    this.queue.push({ worksheetId: args.worksheetId, address: args.address, changeType: args.changeType, source: args.source });
    this.schedule();
    return Promise.resolve();
  };

  /** Resolves once every queued change has been re-checked. */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.kick();
      }
      if (!this.running) return;
      await this.running;
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, this.opts.debounceMs ?? 250);
  }

  private kick(): void {
    if (this.running || !this.queue.length) return;
    this.running = (async () => {
      try {
        while (this.queue.length && this.active) {
          const batch = this.queue.splice(0);
          await this.handle(batch);
        }
      } catch (e) {
        this.opts.onError?.(e);
      } finally {
        this.running = null;
      }
    })();
  }

  private async handle(batch: LiveChange[]): Promise<void> {
    const rows = new Map<string, { set: Set<number>; width: number }>();
    let refresh = false;
    for (const ev of batch) {
      const info = this.sheets.get(ev.worksheetId);
      const rr = addressRows(ev.address);
      if (!info || !RANGE_EDIT.has(ev.changeType) || rr === null || rr.r1 - rr.r0 > MAX_ROWS) {
        refresh = true;
        break;
      }
      let g = rows.get(ev.worksheetId);
      if (!g) rows.set(ev.worksheetId, (g = { set: new Set(), width: info.width }));
      for (let r = rr.r0; r <= rr.r1; r++) g.set.add(r);
      g.width = Math.max(g.width, Math.min(rr.c1 + 1, 16384));
      if ([...rows.values()].reduce((n, x) => n + x.set.size, 0) > MAX_ROWS) refresh = true;
    }
    if (refresh || !this.state) {
      const before = this.state?.problems ?? [];
      const problems = await this.fullRefresh(false);
      this.updates++;
      this.opts.onUpdate?.({ problems, sheets: this.state!.sheets, added: [], removed: [], full: true, syncs: 0, events: batch.length });
      void before;
      return;
    }
    await this.run(async (ctx) => {
      let syncs = 0;
      // Sync 1: the changed rows (and the marks record when it is not known).
      const reads: Array<{ sheet: string; r0: number; range: Excel.Range }> = [];
      for (const [id, g] of rows) {
        const info = this.sheets.get(id)!;
        info.width = g.width;
        const ws = ctx.workbook.worksheets.getItem(info.name);
        for (const [r0, r1] of runs([...g.set].sort((a, b) => a - b))) {
          const range = ws.getRange(`A${r0 + 1}:${colLetters(g.width - 1)}${r1 + 1}`);
          range.load('values,valueTypes,numberFormat');
          reads.push({ sheet: info.name, r0, range });
        }
      }
      if (!this.record) {
        // The record is read again after one of the add-in's own operations (its first sync
        // carries the row reads).
        const loaded = await loadState(ctx);
        syncs += loaded.syncs;
        this.record = { state: loaded.state, existed: loaded.existed };
      } else {
        await ctx.sync();
        syncs++;
      }
      const edits: RowEdit[] = [];
      const file = this.state!.books[0].file;
      for (const rd of reads) {
        const { values, valueTypes, numberFormat } = rd.range;
        for (let i = 0; i < values.length; i++) {
          const cells: CellValue[] = values[i].map((v, c) => toCellValue(v, valueTypes[i][c], numberFormat[i][c], this.date1904));
          let last = cells.length - 1;
          while (last >= 0 && cells[last] === null) last--;
          cells.length = last + 1;
          edits.push({ file, sheet: rd.sheet, r: rd.r0 + i + 1, cells });
        }
      }
      const u = recheckRows(this.state!, edits);
      this.state = u.state;
      if (u.full) this.trackSheets();
      const touched = new Set<string>();
      for (const p of [...u.added, ...u.removed]) if (p.sheet && p.cell) touched.add(`${p.sheet}\u0000${p.cell}`);
      if (touched.size > MAX_CELLS) {
        const m = await markProblems(ctx, [...u.state.problems], { render: this.opts.render, mode: this.mode });
        syncs += m.syncs;
        this.record = null;
      } else if (touched.size) {
        syncs += await this.updateMarks(ctx, touched);
      }
      this.updates++;
      this.opts.onUpdate?.({ problems: u.state.problems, sheets: u.state.sheets, added: u.added, removed: u.removed, full: u.full, syncs, events: batch.length });
    });
  }

  /** Read everything, check, mark every problem, (re)subscribe. */
  private async fullRefresh(subscribe: boolean): Promise<readonly Problem[]> {
    return this.run(async (ctx) => {
      const read = await readWorkbook(ctx, { scope: 'workbook' });
      this.date1904 = read.date1904;
      // With the workbook's §8 configuration (设置, 村名单, 词表, 列名, 规则) laid over the settings,
      // as 校验 checks (checkConfigured): the same problems, marked as it marks them.
      const wc = configFromWorkbook(read.data);
      this.state = startLiveCheck([read.data], withWorkbookSettings(this.opts.settings, wc), { ...wc.checkOptions, ...(this.opts.today ? { today: this.opts.today } : {}) });
      const wss = ctx.workbook.worksheets;
      wss.load('items/name,items/id');
      await ctx.sync();
      this.ids = new Map(wss.items.map((w) => [w.name, w.id]));
      this.trackSheets();
      await markProblems(ctx, [...this.state.problems], { render: this.opts.render, mode: this.mode });
      const loaded = await loadState(ctx);
      this.record = { state: loaded.state, existed: loaded.existed };
      if (subscribe) {
        // The worksheet objects loaded above (with their id: the client registers the handler
        // under the worksheet's id).
        for (const [id, info] of this.sheets) {
          const ws = wss.items.find((w) => w.id === id) ?? ctx.workbook.worksheets.getItem(info.name);
          this.handlers.push(ws.onChanged.add((a) => this.onChanged(a)));
        }
        await ctx.sync();
      }
      return this.state.problems;
    });
  }

  private ids = new Map<string, string>();

  /** The ledger sheets of the current state, by worksheet id. */
  private trackSheets(): void {
    const st = this.state!;
    const next = new Map<string, SheetInfo>();
    st.sheets.forEach((rep, i) => {
      if (!rep.ledger) return;
      const id = this.ids.get(rep.sheet);
      if (!id) return;
      const sheet = st.books[0].sheets[i];
      const width = Math.max(1, ...(sheet?.rows ?? []).map((r) => r.cells.length));
      next.set(id, { name: rep.sheet, width: Math.max(width, this.sheets.get(id)?.width ?? 0) });
    });
    this.sheets = next;
  }

  /**
   * Bring the marks of the touched cells in line with the current problems: a cell with no
   * problem left gets its previous fill back and loses our note; a new problem cell is filled
   * (error red, warning amber) and gets a note unless it has one; a cell whose severity or
   * message changed is refilled and its note (ours) rewritten. Syncs: 1 (previous fills of new
   * cells, notes) + 1 (writes and the record).
   */
  private async updateMarks(ctx: Excel.RequestContext, touched: Set<string>): Promise<number> {
    const record = this.record ?? { state: emptyState(), existed: false };
    const state = record.state;
    // The core's marks of the touched cells (src/core/layout/marks.ts), as a check would make them.
    const touchedProblems = this.state!.problems.filter((p) => p.sheet && p.cell && touched.has(`${p.sheet}\u0000${p.cell}`));
    const targets = new Map(markLayout(touchedProblems, 'zh-CN', this.opts.render).map((m): [string, { severity: 'error' | 'warning'; message: string }] => [`${m.sheet}\u0000${m.cell}`, { severity: m.severity, message: m.note }]));
    const marked = new Map<string, { m: SheetMarks; prev: FillSnapshot; note: boolean; comment: boolean }>();
    for (const m of state.marks) {
      const notes = new Set(m.notes);
      const comments = new Set(m.comments);
      for (const g of m.fills) for (const c of g.cells) marked.set(`${m.sheet}\u0000${c}`, { m, prev: g.prev, note: notes.has(c), comment: comments.has(c) });
    }
    const ws = (sheet: string) => ctx.workbook.worksheets.getItem(sheet);
    const add: string[] = [];
    const drop: string[] = [];
    const change: string[] = [];
    for (const k of touched) {
      const has = marked.has(k);
      const want = targets.has(k);
      if (want && !has) add.push(k);
      else if (!want && has) drop.push(k);
      else if (want && has) change.push(k);
    }
    // Sync 2: previous fills of the cells to mark; whether they (or our changed cells) hold a note.
    const props = add.map((k) => {
      const [sheet, cell] = k.split('\u0000');
      return ws(sheet).getRange(cell).getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } });
    });
    const notesMode = this.mode === 'notes';
    const noteOf = new Map<string, Excel.Note>();
    if (notesMode) {
      for (const k of add) noteOf.set(k, ws(k.split('\u0000')[0]).notes.getItemOrNullObject(k.split('\u0000')[1]));
      for (const k of [...drop, ...change]) if (marked.get(k)!.note) noteOf.set(k, ws(k.split('\u0000')[0]).notes.getItemOrNullObject(k.split('\u0000')[1]));
    }
    let syncs = 0;
    if (props.length || noteOf.size) {
      await ctx.sync();
      syncs++;
    }
    // Sync 3: the writes and the record.
    const fillGroups = new Map<string, string[]>(); // sheet \0 colour → cells
    const put = (sheet: string, colour: string, cell: string) => {
      const gk = `${sheet}\u0000${colour}`;
      const l = fillGroups.get(gk);
      if (l) l.push(cell);
      else fillGroups.set(gk, [cell]);
    };
    for (const k of drop) {
      const [sheet, cell] = k.split('\u0000');
      const mk = marked.get(k)!;
      const prev = mk.prev;
      if (prev.pattern === 'None') ws(sheet).getRange(cell).format.fill.clear();
      else if (prev.pattern === 'Solid') {
        const f = ws(sheet).getRange(cell).format.fill;
        f.color = prev.color ?? '#FFFFFF';
        if (prev.tintAndShade) f.tintAndShade = prev.tintAndShade;
      } else {
        const fill: Excel.CellPropertiesFill = { pattern: prev.pattern as Excel.FillPattern };
        if (prev.color) fill.color = prev.color;
        if (prev.patternColor) fill.patternColor = prev.patternColor;
        ws(sheet).getRange(cell).setCellProperties([[{ format: { fill } }]]);
      }
      const n = noteOf.get(k);
      if (n && !n.isNullObject) n.delete();
      if (mk.comment) ws(sheet).comments.getItemByCell(cell).delete();
      removeMark(state, mk.m, cell);
    }
    for (const k of change) {
      const [sheet, cell] = k.split('\u0000');
      const t = targets.get(k)!;
      put(sheet, t.severity === 'error' ? ERROR_FILL : WARNING_FILL, cell);
      const n = noteOf.get(k);
      if (n && !n.isNullObject) n.content = t.message;
    }
    add.forEach((k, i) => {
      const [sheet, cell] = k.split('\u0000');
      const t = targets.get(k)!;
      const prev = fillSnapshot(props[i].value[0]?.[0]?.format?.fill);
      let note = false;
      if (notesMode && noteOf.get(k)!.isNullObject) {
        ws(sheet).notes.add(cell, t.message);
        note = true;
      }
      addMark(state, sheet, [...this.sheets.entries()].find(([, s]) => s.name === sheet)?.[0], cell, prev, note ? 'note' : null);
      put(sheet, t.severity === 'error' ? ERROR_FILL : WARNING_FILL, cell);
    });
    for (const [gk, cells] of fillGroups) {
      const [sheet, colour] = gk.split('\u0000');
      for (const list of addressLists(cells)) ws(sheet).getRanges(list).format.fill.color = colour;
    }
    state.marks = state.marks.filter((m) => m.fills.length > 0);
    queueStateWrite(ctx, state, record.existed);
    await ctx.sync();
    syncs++;
    this.record = { state, existed: true };
    return syncs;
  }
}

function runs(sorted: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

function removeMark(_state: LedgerState, m: SheetMarks, cell: string): void {
  for (const g of m.fills) {
    const i = g.cells.indexOf(cell);
    if (i >= 0) g.cells.splice(i, 1);
  }
  m.fills = m.fills.filter((g) => g.cells.length > 0);
  m.notes = m.notes.filter((c) => c !== cell);
  m.comments = m.comments.filter((c) => c !== cell);
}

/** Whether 边录入边校验 is on in this workbook (workbook settings). */
export async function loadLiveSetting(ctx: Excel.RequestContext): Promise<boolean> {
  const s = ctx.workbook.settings.getItemOrNullObject(LIVE_KEY);
  s.load('value');
  await ctx.sync();
  return !s.isNullObject && s.value === true;
}

export async function saveLiveSetting(ctx: Excel.RequestContext, on: boolean): Promise<void> {
  ctx.workbook.settings.add(LIVE_KEY, on);
  await ctx.sync();
}

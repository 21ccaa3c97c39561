/**
 * Mark problem cells (fill + note/comment) and clear the marks again, restoring each cell's
 * previous fill exactly. Many cells per call (`getRanges` with comma-separated addresses), in
 * batches with a fixed number of syncs each (2: read the previous fills, then write).
 */
import { markLayout, type CellMark } from '../core/layout/marks';
import type { Problem } from '../core/problem';
import {
  ERROR_FILL,
  STATE_SHEET,
  WARNING_FILL,
  abortError,
  isSetSupported,
  officeCode,
  notesAvailable,
  protectedError,
  utf8Length,
  queueStructureProtection,
  colLetters,
  parseCell,
  quoteSheetName,
  structureError,
  untracked,
  sheetLookup,
} from './common';
import { type FillSnapshot, type LedgerState, type SheetMarks, encodeState, loadState, queueStateWrite } from './state';
import { addMark, diffMarks, splitMarks } from '../core/ops/record';

export { addMark, splitMarks };

export type { NoteMode } from '../core/ops/port';
import type { NoteMode } from '../core/ops/port';
import type { CancelSignal } from './common';

/** Notes where ExcelApi 1.18 is supported, else comments (1.10), else only the report. */
export function detectNoteMode(): NoteMode {
  if (notesAvailable()) return 'notes';
  if (isSetSupported('ExcelApi', '1.10')) return 'comments';
  return 'none';
}

export interface MarkOptions {
  render: (p: Problem) => string;
  signal?: CancelSignal;
  onProgress?: (p: { label: string; done: number; total: number }) => void;
  /** Cells per batch at most (default: as many as fit in `budget`). */
  batchSize?: number;
  /** Serialised bytes per request and per response (default MARK_BUDGET). */
  budget?: number;
  mode?: NoteMode;
}

export interface MarkResult {
  marked: number;
  /** Sheets not marked because they are protected. */
  protectedSheets: string[];
  mode: NoteMode;
  syncs: number;
  /** Some cells already held a note, so the rest of the run added no comments. */
  commentsBlocked?: boolean;
}

const ADDRESS_CHARS = 2000; // length of one getRanges address list

/** Split cell addresses into comma-separated lists of bounded length. */
export function addressLists(cells: string[], max = ADDRESS_CHARS): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of cells) {
    if (cur && cur.length + 1 + c.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${c}` : c;
  }
  if (cur) out.push(cur);
  return out;
}

/** "'My sheet'!$F$7" → "My sheet!F7" (comparable however Excel quotes it). */
export function normRef(address: string): string {
  const bang = address.lastIndexOf('!');
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return `${sheet}!${address.slice(bang + 1).replace(/\$/g, '').toUpperCase()}`;
}

/** Queue writes that put back the previous fills of `marks` and remove our notes/comments. */
function queueRestore(
  context: Excel.RequestContext,
  marks: SheetMarks[],
  existingNotes: Map<string, Excel.Note>,
  commentCells: Set<string>,
): number {
  let n = 0;
  for (const m of marks) {
    const ws = context.workbook.worksheets.getItem(m.sheet);
    for (const g of m.fills) {
      n += g.cells.length;
      if (g.prev.pattern === 'None' || g.prev.pattern === 'Solid') {
        for (const list of addressLists(g.cells)) {
          const areas = untracked(context, ws.getRanges(list));
          if (g.prev.pattern === 'None') areas.format.fill.clear();
          else {
            areas.format.fill.color = g.prev.color ?? '#FFFFFF';
            if (g.prev.tintAndShade) areas.format.fill.tintAndShade = g.prev.tintAndShade;
          }
        }
      } else {
        const fill: Excel.CellPropertiesFill = { pattern: g.prev.pattern as Excel.FillPattern };
        if (g.prev.color) fill.color = g.prev.color;
        if (g.prev.patternColor) fill.patternColor = g.prev.patternColor;
        for (const cell of g.cells) ws.getRange(cell).setCellProperties([[{ format: { fill } }]]);
      }
    }
    for (const cell of m.notes) {
      const note = existingNotes.get(`${m.sheet}!${cell}`);
      if (note && !note.isNullObject) note.delete();
    }
    for (const cell of m.comments) {
      const ref = `${quoteSheetName(m.sheet)}!${cell}`;
      if (commentCells.has(normRef(ref))) ws.comments.getItemByCell(cell).delete();
    }
  }
  return n;
}

/** Queue the lookups that clearing `marks` needs (our notes still there; comment locations). */
function queueRestoreLookups(context: Excel.RequestContext, marks: SheetMarks[]): { notes: Map<string, Excel.Note>; comments: boolean } {
  const notes = new Map<string, Excel.Note>();
  let comments = false;
  for (const m of marks) {
    // Notes need ExcelApi 1.18: where they are not available (Office 2021, an older library) the
    // notes stay — and stay in the record, so a later session on a newer Excel removes them.
    if (m.notes.length && notesAvailable()) {
      const ws = context.workbook.worksheets.getItem(m.sheet);
      for (const cell of m.notes) notes.set(`${m.sheet}!${cell}`, ws.notes.getItemOrNullObject(cell));
    }
    if (m.comments.length) comments = true;
  }
  return { notes, comments };
}

const COMMENT_LOOKUPS = 5000;

/**
 * Where the workbook's threaded comments are, read a page at a time (`load({ select, top, skip })`,
 * https://learn.microsoft.com/javascript/api/office/officeextension.loadoption): loading the whole
 * collection at once passes the web's 5 MB response limit at about 50,000 comments
 * (ResponsePayloadSizeLimitExceeded, measured in bench/excel.bench.ts). Two syncs per page.
 */
async function commentLocations(context: Excel.RequestContext, count: () => void): Promise<Set<string>> {
  const out = new Set<string>();
  for (let skip = 0; ; skip += COMMENT_LOOKUPS) {
    const page = context.workbook.comments;
    page.load({ select: 'id', top: COMMENT_LOOKUPS, skip });
    count();
    await context.sync();
    const items = page.items;
    if (!items.length) break;
    const locs = items.map((c) => {
      const r = untracked(context, c.getLocation());
      r.load('address');
      return r;
    });
    count();
    await context.sync();
    for (const r of locs) out.add(normRef(r.address));
    if (items.length < COMMENT_LOOKUPS) break;
  }
  return out;
}

/** Queue existence + protection of sheets (read after the next sync with isProtected/sheetExists). */
function sheetProtection(context: Excel.RequestContext, names: string[]): Map<string, Excel.Worksheet> {
  const out = new Map<string, Excel.Worksheet>();
  for (const n of names) {
    const ws = context.workbook.worksheets.getItemOrNullObject(n);
    ws.load('name');
    ws.load('name,id,protection/protected');
    out.set(n, ws);
  }
  return out;
}

export function isProtected(ws: Excel.Worksheet | undefined): boolean {
  return !!ws && !ws.isNullObject && ws.protection.protected;
}

export function sheetExists(ws: Excel.Worksheet | undefined): boolean {
  return !!ws && !ws.isNullObject;
}

interface Target {
  sheet: string;
  cell: string;
  severity: 'error' | 'warning';
  message: string;
}

/** The core's marks (src/core/layout/marks.ts) as this writer's targets. */
function targetsOf(marks: CellMark[]): Target[] {
  return marks.map((m) => ({ sheet: m.sheet, cell: m.cell, severity: m.severity, message: m.note }));
}

/** Serialised-size budget of one mark request: Excel on the web refuses 5 MB; the estimates run ~3% over the real size. */
export const MARK_BUDGET = 4.6 * 1024 * 1024;

/**
 * Bytes the Office.js client serialises per marked cell, measured with the real client
 * (test/excel/mark.test.ts checks the estimate against what it sends): reading the fill of a
 * column run, the comment (or note) with its text, the address in the fill lists and the record.
 */
export const MARK_COST = { base: 4000, read: 470, comment: 230, note: 290, fillAddress: 12, record: 12 };

function cellCost(t: Target, mode: NoteMode): number {
  const text = mode === 'none' ? 0 : (mode === 'notes' ? MARK_COST.note : MARK_COST.comment) + jsonLength(t.message) + t.cell.length;
  return MARK_COST.read + text + MARK_COST.fillAddress + MARK_COST.record + t.cell.length * 2;
}

function jsonLength(s: string): number {
  return utf8Length(JSON.stringify(s));
}

function stateBytes(state: LedgerState): number {
  return utf8Length(encodeState(state)) * 1.05 + 200;
}

/** A fill as Excel reports it → what to restore. No Fill is reported as #FFFFFF with
 *  tintAndShade null (office-js issues 6218, 4900): only tintAndShade tells it from white. */
export function fillSnapshot(f: Excel.CellPropertiesFill | undefined): FillSnapshot {
  if (!f || f.tintAndShade === null || f.tintAndShade === undefined || f.pattern === 'None') return { pattern: 'None' };
  const pattern = f.pattern ?? 'Solid';
  const snap: FillSnapshot = { pattern, color: f.color };
  if (f.tintAndShade) snap.tintAndShade = f.tintAndShade;
  if (pattern !== 'Solid' && f.patternColor) snap.patternColor = f.patternColor;
  return snap;
}

interface Run {
  sheet: string;
  address: string;
  cells: Target[];
  /** Row offset of each cell within the run. */
  rows: number[];
}

/** Cells grouped into vertical runs of one column (gaps of up to 2 rows are read through). */
function columnRuns(batch: Target[]): Run[] {
  const by = new Map<string, Array<{ t: Target; r: number }>>();
  for (const t of batch) {
    const p = parseCell(t.cell);
    if (!p) continue;
    const k = `${t.sheet}\u0000${p.c}`;
    const list = by.get(k) ?? [];
    list.push({ t, r: p.r });
    by.set(k, list);
  }
  const out: Run[] = [];
  for (const [k, list] of by) {
    const [sheet, c] = k.split('\u0000');
    const col = colLetters(Number(c));
    list.sort((a, b) => a.r - b.r);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i].r - list[i - 1].r <= 3) continue;
      const r0 = list[start].r;
      const r1 = list[i - 1].r;
      const part = list.slice(start, i);
      out.push({ sheet, address: r0 === r1 ? `${col}${r0 + 1}` : `${col}${r0 + 1}:${col}${r1 + 1}`, cells: part.map((x) => x.t), rows: part.map((x) => x.r - r0) });
      start = i;
    }
  }
  return out;
}

/**
 * Mark the problems' cells. Marks of an earlier run are cleared first (restoring those fills).
 * Protected sheets are left alone and listed. Cancelling between batches removes this run's
 * marks again, so nothing is left half-marked.
 */
export async function markProblems(context: Excel.RequestContext, problems: Problem[], opts: MarkOptions): Promise<MarkResult> {
  return markCells(context, markLayout(problems, 'zh-CN', opts.render), opts);
}

/** Mark the cells of the core's marks layout (see markProblems). */
export async function markCells(context: Excel.RequestContext, marks: CellMark[], opts: Omit<MarkOptions, 'render'> = {}): Promise<MarkResult> {
  const mode = opts.mode ?? detectNoteMode();
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await context.sync();
  };
  const targets = targetsOf(marks);

  // Setup: the record of earlier marks, and which sheets exist / are protected.
  const sheetNames = [...new Set(targets.map((t) => t.sheet))];
  let prot = new Map<string, Excel.Worksheet>();
  let structure: Excel.WorkbookProtection | undefined;
  const loaded = await loadState(context, () => {
    prot = sheetProtection(context, sheetNames);
    structure = queueStructureProtection(context);
  });
  if (!loaded.existed && structure?.protected && targets.length) throw structureError(); // the record needs its sheet
  syncs += loaded.syncs;
  let state = loaded.state;
  let existed = loaded.existed;
  // Cancel is honoured before anything is written, and between batches only while this run has
  // not cleared earlier marks (those could not be put back): then this run's marks are removed
  // and a record sheet this run created is deleted, so the workbook is exactly as before.
  if (opts.signal?.aborted) throw abortError();
  const cancellable = state.marks.length === 0;

  // Clear earlier marks (restoring their fills) before marking anew.
  if (state.marks.length) {
    const r = await clearMarksWith(context, state, existed, { skipProtected: true });
    syncs += r.syncs;
    state = r.state;
    existed = true;
  }

  const protectedSheets = sheetNames.filter((n) => isProtected(prot.get(n)));
  const todo = targets.filter((t) => sheetExists(prot.get(t.sheet)) && !protectedSheets.includes(t.sheet));

  // Existing comments (fallback mode): never add a second comment to a cell, nor one where a
  // note of ours is still recorded (a cell holds one note or one comment).
  let commented = new Set<string>();
  if (mode === 'comments' && todo.length) {
    commented = await commentLocations(context, () => (syncs += 1));
    for (const m of state.marks) for (const c of m.notes) commented.add(normRef(`${quoteSheetName(m.sheet)}!${c}`));
  }

  const before: LedgerState = JSON.parse(JSON.stringify(state));
  let commentsBlocked = false;
  const budget = opts.budget ?? MARK_BUDGET;
  // Batches by serialised size: a request carries the writes of one batch and the fill reads of
  // the next (one sync per batch, plus one for the first reads).
  const batches: Target[][] = [];
  {
    let grown = stateBytes(state);
    for (let i = 0; i < todo.length; ) {
      let bytes = MARK_COST.base + grown;
      let j = i;
      while (j < todo.length && (opts.batchSize === undefined || j - i < opts.batchSize)) {
        const cost = cellCost(todo[j], mode);
        if (j > i && bytes + cost > budget) break;
        bytes += cost;
        grown += MARK_COST.record + todo[j].cell.length;
        j++;
      }
      batches.push(todo.slice(i, j));
      i = j;
    }
  }
  const wsOf = sheetLookup(context);
  interface Reads {
    reads: Array<{ run: Run; props: OfficeExtension.ClientResult<Excel.CellProperties[][]> }>;
    notes: Excel.Note[];
  }
  const queueReads = (batch: Target[]): Reads => ({
    reads: columnRuns(batch).map((r) => ({
      run: r,
      props: untracked(context, wsOf(r.sheet).getRange(r.address)).getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } }),
    })),
    notes: mode === 'notes' ? batch.map((t) => wsOf(t.sheet).notes.getItemOrNullObject(t.cell)) : [],
  });
  let marked = 0;
  try {
    let pending: Reads | null = batches.length ? queueReads(batches[0]) : null;
    if (pending) await sync();
    for (let k = 0; k < batches.length; k++) {
      if (cancellable && opts.signal?.aborted) throw abortError();
      const batch = batches[k];
      const got = pending as Reads;
      const prevOf = new Map<Target, FillSnapshot>();
      for (const { run, props } of got.reads) run.cells.forEach((t, i) => prevOf.set(t, fillSnapshot(props.value[run.rows[i]]?.[0]?.format?.fill)));
      // The next batch's reads first, then the record, the fills, the notes/comments (a request
      // runs its actions in order and stops at a failing one: whatever ran is recorded).
      pending = k + 1 < batches.length ? queueReads(batches[k + 1]) : null;
      const groups = new Map<string, string[]>();
      const texts: Array<() => void> = [];
      batch.forEach((t, i) => {
        const prev = prevOf.get(t) ?? { pattern: 'None' };
        let note: 'note' | 'comment' | null = null;
        if (mode === 'notes' && got.notes[i].isNullObject) {
          texts.push(() => untracked(context, wsOf(t.sheet).notes.add(t.cell, t.message)));
          note = 'note';
        } else if (mode === 'comments' && !commentsBlocked) {
          const ref = normRef(`${quoteSheetName(t.sheet)}!${t.cell}`);
          if (!commented.has(ref)) {
            texts.push(() => untracked(context, wsOf(t.sheet).comments.add(t.cell, t.message)));
            commented.add(ref);
            note = 'comment';
          }
        }
        addMark(state, t.sheet, prot.get(t.sheet)?.id, t.cell, prev, note);
        const gk = `${t.sheet}\u0000${t.severity}`;
        const list = groups.get(gk) ?? [];
        list.push(t.cell);
        groups.set(gk, list);
      });
      queueStateWrite(context, state, existed);
      for (const [gk, cells] of groups) {
        const [sheet, severity] = gk.split('\u0000');
        const ws = wsOf(sheet);
        for (const list of addressLists(cells)) untracked(context, ws.getRanges(list)).format.fill.color = severity === 'error' ? ERROR_FILL : WARNING_FILL;
      }
      for (const add of texts) add();
      try {
        await sync();
      } catch (e) {
        // A cell that already holds a note cannot take a threaded comment, and hosts without
        // ExcelApi 1.18 cannot see notes: Excel refuses with InvalidArgument. The reads, the
        // record and the fills were done (they come first); the rest of this run goes without
        // comments (the report lists every problem) — clearing deletes only comments that exist.
        if (mode !== 'comments' || officeCode(e) !== 'InvalidArgument') throw e;
        commentsBlocked = true;
      }
      existed = true;
      marked += batch.length;
      opts.onProgress?.({ label: '标记', done: marked, total: todo.length });
    }
    if (cancellable && opts.signal?.aborted && marked > 0) throw abortError(); // cancelled during the last batch
  } catch (e) {
    if ((e as Error).name === 'AbortError' && marked > 0) {
      // Undo this run's marks so that nothing is left half-marked.
      const added = diffMarks(state, before);
      const r = await clearMarksWith(context, { ...state, marks: added }, existed, { skipProtected: true, keep: before });
      syncs += r.syncs;
      if (!loaded.existed) {
        // The record sheet was created by this run: take it out again (a very hidden sheet must
        // be made visible-able before Excel lets it be deleted).
        const ws = context.workbook.worksheets.getItem(STATE_SHEET);
        ws.visibility = 'Hidden';
        ws.delete();
        syncs += 1;
        await context.sync();
      }
    }
    throw e;
  }
  return { marked, protectedSheets, mode, syncs, commentsBlocked };
}

export interface ClearResult {
  cleared: number;
  syncs: number;
  state: LedgerState;
}

/**
 * Restore the fills recorded in `state.marks` and remove our notes/comments; the record is
 * rewritten without them (or as `keep`). Protected sheets: error before anything is written,
 * unless `skipProtected` (their record is kept).
 */
async function clearMarksWith(
  context: Excel.RequestContext,
  state: LedgerState,
  existed: boolean,
  opts: { skipProtected?: boolean; keep?: LedgerState; batchSize?: number; budget?: number } = {},
): Promise<ClearResult> {
  let syncs = 0;
  // Find each sheet by id first (it may have been renamed), else by name.
  const keyOf = (m: SheetMarks) => m.sheetId ?? m.sheet;
  const prot = sheetProtection(context, state.marks.map(keyOf));
  syncs += 1;
  await context.sync();
  for (const m of state.marks) {
    const ws = prot.get(keyOf(m));
    if (sheetExists(ws)) m.sheet = (ws as Excel.Worksheet).name;
  }
  const lockedMarks = state.marks.filter((m) => isProtected(prot.get(keyOf(m))));
  const locked = lockedMarks.map((m) => m.sheet);
  if (locked.length && !opts.skipProtected) throw protectedError(locked);
  const present = state.marks.filter((m) => sheetExists(prot.get(keyOf(m))) && !lockedMarks.includes(m));
  // Notes the host cannot remove (no ExcelApi 1.18 here) stay recorded, cells only.
  const residue: SheetMarks[] = notesAvailable()
    ? []
    : present.filter((m) => m.notes.length).map((m) => ({ sheet: m.sheet, ...(m.sheetId ? { sheetId: m.sheetId } : {}), fills: [], notes: [...m.notes], comments: [] }));
  const base = [...(opts.keep ? opts.keep.marks : lockedMarks), ...residue];
  const withText = present.reduce((n, m) => n + m.notes.length + m.comments.length, 0);
  const cells = present.reduce((n, m) => n + m.fills.reduce((k, g) => k + g.cells.length, 0), 0);
  // A comment or note deletion (getItemByCell + delete through the real client) is counted at
  // 1,500 bytes, a fill address at ~40: size the batches so that a request stays near the budget.
  const perCell = cells ? 40 + (1500 * withText) / cells : 40;
  // Every batch's request also rewrites the record of what is left (at most the whole record now;
  // its JSON is escaped once more in the request): that room is not there for the cells.
  const record = 2 * utf8Length(encodeState(state));
  const budget = opts.budget ?? MARK_BUDGET;
  const room = Math.max(budget / 4, budget - record);
  const batches = splitMarks(present, opts.batchSize ?? Math.max(500, Math.floor(room / perCell)));
  let cleared = 0;
  let next: LedgerState = { ...(opts.keep ?? state), marks: [...base] };
  let commentCells: Set<string> | null = null;
  for (let b = 0; b < batches.length; b++) {
    // Our notes still there (and, once, where the comments are).
    const look = queueRestoreLookups(context, batches[b]);
    if (look.notes.size) {
      syncs += 1;
      await context.sync();
    }
    if (!commentCells && look.comments) commentCells = await commentLocations(context, () => (syncs += 1));
    cleared += queueRestore(context, batches[b], look.notes, commentCells ?? new Set());
    // The record keeps what is not restored yet, so a failure midway loses nothing.
    next = { ...(opts.keep ?? state), marks: [...base, ...batches.slice(b + 1).flat()] };
    queueStateWrite(context, next, existed);
    syncs += 1;
    await context.sync();
  }
  if (!batches.length) {
    queueStateWrite(context, next, existed);
    syncs += 1;
    await context.sync();
  }
  return { cleared, syncs, state: next };
}

/** 清除标记: remove every mark we added and restore the previous fills. `budget`: serialised bytes
 *  per request (default MARK_BUDGET; the tests lower it with the host's payload limit). */
export async function clearMarks(context: Excel.RequestContext, opts: { budget?: number } = {}): Promise<{ cleared: number; syncs: number }> {
  const loaded = await loadState(context);
  if (!loaded.state.marks.length) return { cleared: 0, syncs: loaded.syncs };
  const r = await clearMarksWith(context, loaded.state, loaded.existed, { budget: opts.budget });
  return { cleared: r.cleared, syncs: r.syncs + loaded.syncs };
}

export { STATE_SHEET };

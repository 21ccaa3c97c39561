/**
 * The add-in's record of what it changed in the workbook — marks (previous fills, notes/comments
 * added) and fixes (previous values) — kept as JSON in column A of a very hidden sheet, so that
 * 清除标记 and 撤销修正 still work after the workbook is saved, closed and reopened.
 */
import { STATE_SHEET } from './common';

/** A cell's fill before we marked it. `pattern: 'None'` = no fill. */
export interface FillSnapshot {
  pattern: string;
  color?: string;
  patternColor?: string;
  /** Lighter/darker variant of the colour (absent = 0). */
  tintAndShade?: number;
}

export interface SheetMarks {
  sheet: string;
  /** Worksheet id: the record still finds the sheet after the user renames it. */
  sheetId?: string;
  /** Marked cells grouped by their previous fill. */
  fills: Array<{ prev: FillSnapshot; cells: string[] }>;
  /** Cells where we added a note (ExcelApi 1.18). */
  notes: string[];
  /** Cells where we added a comment (fallback). */
  comments: string[];
}

/** A raw cell as Excel holds it, enough to write it back exactly. */
export interface RawCell {
  sheet: string;
  sheetId?: string;
  cell: string;
  /** The cell's value as Excel reported it (a date stays its serial). */
  value: string | number | boolean;
  type: string;
  numberFormat: string;
  /** What we wrote, to tell whether the user changed the cell since. */
  wrote: string | number | boolean;
  wroteFormat: string;
}

export interface FixBatch {
  at: string;
  cells: RawCell[];
}

/** A column 规范本表 changed (src/excel/conform.ts): what to put back on 清除标记. */
export interface ConformColumn {
  sheet: string;
  sheetId?: string;
  field: string;
  /** The cells changed, e.g. "F4:F605". */
  range: string;
  /** We added the data validation (list and/or input message): 清除标记 clears it. */
  validation: boolean;
  /** The previous number formats of the range, run-length encoded [format, count], when we
   *  changed them. */
  formats?: Array<[string, number]>;
}

export interface LedgerState {
  version: 1;
  marks: SheetMarks[];
  fixes: FixBatch[];
  /** Columns changed by 规范本表, oldest first. */
  conform?: ConformColumn[];
}

export function emptyState(): LedgerState {
  return { version: 1, marks: [], fixes: [] };
}

const PIECE = 30000; // a cell holds at most 32,767 characters

/**
 * On the sheet, fix records are grouped by sheet and each cell is a tuple
 * [cell, value, type, numberFormat, wrote, wroteFormat] (about a quarter of the plain JSON).
 */
type CellTuple = [string, RawCell['value'], string, string, RawCell['wrote'], string];
interface StoredBatch {
  at: string;
  sheets: Array<{ sheet: string; sheetId?: string; cells: CellTuple[] }>;
}
interface StoredState {
  version: 2;
  marks: SheetMarks[];
  fixes: StoredBatch[];
  conform?: ConformColumn[];
}

export function encodeState(state: LedgerState): string {
  const fixes: StoredBatch[] = state.fixes.map((b) => {
    const groups = new Map<string, { sheet: string; sheetId?: string; cells: CellTuple[] }>();
    for (const c of b.cells) {
      const k = `${c.sheetId ?? ''}\u0000${c.sheet}`;
      let g = groups.get(k);
      if (!g) {
        g = { sheet: c.sheet, cells: [] };
        if (c.sheetId) g.sheetId = c.sheetId;
        groups.set(k, g);
      }
      g.cells.push([c.cell, c.value, c.type, c.numberFormat, c.wrote, c.wroteFormat]);
    }
    return { at: b.at, sheets: [...groups.values()] };
  });
  const stored: StoredState = { version: 2, marks: state.marks, fixes };
  if (state.conform?.length) stored.conform = state.conform;
  return JSON.stringify(stored);
}

export function decodeState(text: string): LedgerState {
  if (!text) return emptyState();
  try {
    const s = JSON.parse(text) as StoredState | LedgerState;
    if (!s || !Array.isArray(s.marks) || !Array.isArray(s.fixes)) return emptyState();
    if (s.version === 1) return s;
    if (s.version !== 2) return emptyState();
    return {
      version: 1,
      ...(Array.isArray(s.conform) && s.conform.length ? { conform: s.conform } : {}),
      marks: s.marks,
      fixes: s.fixes.map((b) => ({
        at: b.at,
        cells: b.sheets.flatMap((g) =>
          g.cells.map(([cell, value, type, numberFormat, wrote, wroteFormat]) => {
            const c: RawCell = { sheet: g.sheet, cell, value, type, numberFormat, wrote, wroteFormat };
            if (g.sheetId) c.sheetId = g.sheetId;
            return c;
          }),
        ),
      })),
    };
  } catch {
    return emptyState(); // a damaged record is treated as none
  }
}

function parseState(values: unknown[][]): LedgerState {
  return decodeState(values.map((r) => String(r[0] ?? '')).join(''));
}

export interface LoadedState {
  state: LedgerState;
  /** Whether the state sheet exists (write with existed = true). */
  existed: boolean;
  syncs: number;
}

/**
 * Load the record: 1 sync when there is none, else 2 (nothing is chained off a null object).
 * `alongside` queues other work into the first sync.
 */
export async function loadState(context: Excel.RequestContext, alongside?: () => void): Promise<LoadedState> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  sheet.load('name');
  alongside?.();
  await context.sync();
  if (sheet.isNullObject) return { state: emptyState(), existed: false, syncs: 1 };
  const used = context.workbook.worksheets.getItem(STATE_SHEET).getUsedRangeOrNullObject(true);
  used.load('values');
  await context.sync();
  return { state: used.isNullObject ? emptyState() : parseState(used.values), existed: true, syncs: 2 };
}

/** Queue the write of the state (no sync). `existed` tells whether the state sheet exists. */
export function queueStateWrite(context: Excel.RequestContext, state: LedgerState, existed: boolean): void {
  const sheets = context.workbook.worksheets;
  let ws: Excel.Worksheet;
  if (existed) {
    ws = sheets.getItem(STATE_SHEET);
    ws.getRange('A:A').clear('Contents');
  } else {
    ws = sheets.add(STATE_SHEET);
    ws.visibility = 'VeryHidden';
  }
  const text = encodeState(state);
  const pieces: string[][] = [];
  for (let i = 0; i < text.length; i += PIECE) pieces.push([text.slice(i, i + PIECE)]);
  if (!pieces.length) return;
  const range = ws.getRange(`A1:A${pieces.length}`);
  range.numberFormat = pieces.map(() => ['@']);
  range.values = pieces;
}


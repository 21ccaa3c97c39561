/**
 * The record a host keeps of what the operations changed in a workbook — marks (previous fills,
 * notes/comments added) and fixes (previous values) — so that 清除标记 and 撤销修正 restore exactly
 * what was there, even after the workbook is saved, closed and reopened. The record is data and
 * its encoding is the core's; where a host keeps the text is the host's (the Excel add-in: column
 * A of a very hidden sheet, src/excel/state.ts).
 */

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


export function fillKey(f: FillSnapshot): string {
  return f.pattern === 'None' ? 'None' : `${f.pattern}|${f.color ?? ''}|${f.patternColor ?? ''}|${f.tintAndShade ?? 0}`;
}

/** Records a mark: the cell under its previous fill (grouped by that fill) and its note or comment. */
export function addMark(state: LedgerState, sheet: string, sheetId: string | undefined, cell: string, prev: FillSnapshot, note: 'note' | 'comment' | null): void {
  let m = state.marks.find((x) => x.sheet === sheet);
  if (!m) {
    m = { sheet, fills: [], notes: [], comments: [] };
    if (sheetId) m.sheetId = sheetId;
    state.marks.push(m);
  }
  const k = fillKey(prev);
  let g = m.fills.find((x) => fillKey(x.prev) === k);
  if (!g) {
    g = { prev, cells: [] };
    m.fills.push(g);
  }
  g.cells.push(cell);
  if (note === 'note') m.notes.push(cell);
  if (note === 'comment') m.comments.push(cell);
}

/** Marks in `now` that are not in `before` (cells added by this run). */
export function diffMarks(now: LedgerState, before: LedgerState): SheetMarks[] {
  const had = new Set<string>();
  for (const m of before.marks) for (const g of m.fills) for (const c of g.cells) had.add(`${m.sheet}!${c}`);
  const out: SheetMarks[] = [];
  for (const m of now.marks) {
    const sm: SheetMarks = { sheet: m.sheet, fills: [], notes: [], comments: [] };
    if (m.sheetId) sm.sheetId = m.sheetId;
    for (const g of m.fills) {
      const cells = g.cells.filter((c) => !had.has(`${m.sheet}!${c}`));
      if (cells.length) sm.fills.push({ prev: g.prev, cells });
    }
    const newCells = new Set(sm.fills.flatMap((g) => g.cells));
    sm.notes = m.notes.filter((c) => newCells.has(c));
    sm.comments = m.comments.filter((c) => newCells.has(c));
    if (sm.fills.length) out.push(sm);
  }
  return out;
}

/** Split marks into batches of at most `size` cells (a sheet's marks may span batches). */
export function splitMarks(marks: SheetMarks[], size: number): SheetMarks[][] {
  const batches: SheetMarks[][] = [];
  let cur: SheetMarks[] = [];
  let n = 0;
  const flush = () => {
    if (cur.length) batches.push(cur);
    cur = [];
    n = 0;
  };
  for (const m of marks) {
    const notes = new Set(m.notes);
    const comments = new Set(m.comments);
    let piece: SheetMarks | null = null;
    const open = () => {
      piece = { sheet: m.sheet, fills: [], notes: [], comments: [] };
      if (m.sheetId) piece.sheetId = m.sheetId;
      cur.push(piece);
      return piece;
    };
    for (const g of m.fills) {
      let group: { prev: FillSnapshot; cells: string[] } | null = null;
      for (const c of g.cells) {
        if (n >= size) {
          flush();
          piece = null;
          group = null;
        }
        const p: SheetMarks = piece ?? open();
        if (!group) {
          group = { prev: g.prev, cells: [] };
          p.fills.push(group);
        }
        group.cells.push(c);
        if (notes.has(c)) p.notes.push(c);
        if (comments.has(c)) p.comments.push(c);
        notes.delete(c);
        n++;
      }
    }
    // Notes without a fill mark (kept by a host that could not remove them).
    for (const c of notes) {
      if (n >= size) {
        flush();
        piece = null;
      }
      const p: SheetMarks = piece ?? open();
      p.notes.push(c);
      n++;
    }
  }
  flush();
  return batches;
}

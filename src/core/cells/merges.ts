/**
 * Merged cells, one rule for every host (issue #12: the CLI filled a village name merged down its
 * rows, the add-in saw the rows below it empty and reported 所在村 missing):
 * - a merge spanning several rows of ONE column (a village name merged down its rows) gives every
 *   row of it the value Excel shows in its top-left cell;
 * - any other merge (a title across the table) keeps its value in its top-left cell only.
 * Hosts give the merged areas as 1-based rectangles; `filled` lists the areas filled (A1 ranges)
 * except two-row header bands (three or more columns merged over the same rows), for a note.
 */
import { columnLetter, type CellValue, type RowData } from '../model';

export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** At most this many rows are filled per merge (a hostile file may merge a million rows). */
const MAX_FILL_ROWS = 100000;

/** "B3:B5" (or "Sheet1!B3:B5", "'村 表'!B3:B5", "$B$3:$B$5") → a 1-based area; null when not a range within Excel's grid. */
export function parseArea(ref: string): MergeArea | null {
  const local = ref.slice(ref.lastIndexOf('!') + 1).replace(/\$/g, '');
  const m = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(local.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  // Within Excel's grid (XFD, row 1,048,576): a hostile file's merge beyond it is no merge.
  if (!r1 || !r2 || Math.max(c1, c2) > 16384 || Math.max(r1, r2) > 1048576) return null;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Fill the vertical merges of a sheet's rows (sorted by row number; missing rows are added). */
export function fillMergesDown(rows: RowData[], merges: readonly MergeArea[]): { rows: RowData[]; filled: string[] } {
  const vertical = merges.filter((m) => m.left === m.right && m.bottom > m.top && m.bottom - m.top < MAX_FILL_ROWS);
  if (vertical.length === 0) return { rows, filled: [] };
  const byR = new Map<number, RowData>();
  for (const r of rows) byR.set(r.r, r);
  let added = false;
  for (const m of vertical) {
    const v = byR.get(m.top)?.cells[m.left - 1] ?? null;
    if (v === null) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) {
      let row = byR.get(r);
      if (!row) {
        row = { r, cells: [] };
        byR.set(r, row);
        added = true;
      }
      const cells = row.cells as CellValue[];
      while (cells.length < m.left - 1) cells.push(null);
      cells[m.left - 1] = v;
    }
  }
  const out = added ? [...byR.values()].sort((a, b) => a.r - b.r) : rows;
  const spanCount = new Map<string, number>();
  const span = (m: MergeArea) => `${m.top}:${m.bottom}`;
  for (const m of vertical) spanCount.set(span(m), (spanCount.get(span(m)) ?? 0) + 1);
  const filled = vertical
    .filter((m) => (spanCount.get(span(m)) ?? 0) < 3)
    .map((m) => `${columnLetter(m.left)}${m.top}:${columnLetter(m.left)}${m.bottom}`);
  return { rows: out, filled };
}

/** The reading note of a sheet whose merges were filled down (every reader says it the same way). */
export function mergeNote(sheet: string, filled: readonly string[]): string | null {
  if (filled.length === 0) return null;
  const shown = filled.slice(0, 5).join('、') + (filled.length > 5 ? ` 等 ${filled.length} 处` : '');
  return `工作表“${sheet}”有跨行合并的单元格（${shown}）：已按合并格显示的值逐行读取。`;
}

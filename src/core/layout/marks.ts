/**
 * Marks as data: which cells of a checked workbook get a fill and a note, and what the note says.
 * One mark per cell (several problems of a cell share it: the fill of the worst, every message in
 * the note). Writers fill exactly these cells and no other (issue #15 item 1).
 */
import { renderHint, renderMessage } from '../messages/render';
import { columnLetter } from '../model';
import type { Problem } from '../problem';
import { FILL, type Rgb } from './palette';

export interface CellMark {
  sheet: string;
  row: number;
  col: number;
  /** A1 address. */
  cell: string;
  severity: 'error' | 'warning';
  fill: Rgb;
  /** 【错误】message\n怎么改：hint, one block per problem of the cell. */
  note: string;
}

/** The 1-based column of a problem: its `col`, else from its A1 `cell`; 0 when it has none. */
export function problemCol(p: Problem): number {
  if (p.col) return p.col;
  const m = /^\$?([A-Z]+)\$?\d+$/.exec((p.cell ?? '').toUpperCase());
  if (!m) return 0;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The note of a marked cell: one block per problem, each once. By default 【错误】message and
 * 怎么改：hint; with `render`, the rendered message alone (the add-in, whose report lists the hints).
 */
export function markNote(probs: Problem[], locale: 'zh-CN' | 'en-US', render?: (p: Problem) => string): string {
  const en = locale === 'en-US';
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of probs) {
    const hint = render ? '' : renderHint(p, locale);
    const tag = render ? '' : p.severity === 'error' ? (en ? '[Error] ' : '【错误】') : en ? '[Warning] ' : '【警告】';
    const text = `${tag}${render ? render(p) : renderMessage(p, locale)}${hint ? `\n${en ? 'How to fix: ' : '怎么改：'}${hint}` : ''}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out.join('\n');
}

/** The marks of a list of problems (errors and warnings with a sheet, row and column). */
export function markLayout(problems: Problem[], locale: 'zh-CN' | 'en-US' = 'zh-CN', render?: (p: Problem) => string): CellMark[] {
  const byCell = new Map<string, { sheet: string; row: number; col: number; probs: Problem[] }>();
  for (const p of problems) {
    if (p.severity !== 'error' && p.severity !== 'warning') continue;
    if (!p.sheet || !p.row) continue;
    const col = problemCol(p);
    if (!col) continue;
    const k = `${p.sheet}\u0000${p.row}\u0000${col}`;
    const e = byCell.get(k);
    if (e) e.probs.push(p);
    else byCell.set(k, { sheet: p.sheet, row: p.row, col, probs: [p] });
  }
  return [...byCell.values()].map(({ sheet, row, col, probs }) => {
    const severity = probs.some((p) => p.severity === 'error') ? 'error' : 'warning';
    return {
      sheet,
      row,
      col,
      cell: `${columnLetter(col)}${row}`,
      severity,
      fill: FILL[severity],
      note: markNote(probs, locale, render),
    };
  });
}

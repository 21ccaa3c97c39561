/**
 * Excel holds at most 32,767 characters in a cell. Every workbook the product writes, and the JSON
 * report, cut longer texts here, saying the original length, so that a hostile or broken input
 * (a 5-million-character cell) never makes an output Excel refuses or a report of megabytes.
 */
import type { CellValue } from '../model';

export const MAX_CELL_TEXT = 32767;

/** The text, cut to `max` characters with the original length said at the end when longer. */
export function clampText(s: string, max = MAX_CELL_TEXT): string {
  if (s.length <= max) return s;
  const note = `…（原文共 ${s.length} 字，已截断 / cut from ${s.length} characters）`;
  let cut = Math.max(0, max - note.length);
  // Never split a surrogate pair (𠀀 is two UTF-16 units).
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.slice(0, cut) + note;
}

/** A cell value with its text clamped (other values unchanged). */
export function clampCell<T extends CellValue | undefined | unknown>(v: T): T {
  return (typeof v === 'string' && v.length > MAX_CELL_TEXT ? clampText(v) : v) as T;
}

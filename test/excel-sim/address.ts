/**
 * A1 addresses for the fake Excel. No Node APIs (bundled into the browser for e2e tests).
 * Rows and columns are 0-based inclusive here, as Excel's rowIndex/columnIndex.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function colToLetters(c0: number): string {
  let n = c0 + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function rectToA1(r: Rect): string {
  const a = `${colToLetters(r.c0)}${r.r0 + 1}`;
  if (r.r0 === r.r1 && r.c0 === r.c1) return a;
  return `${a}:${colToLetters(r.c1)}${r.r1 + 1}`;
}

/** Excel quotes a sheet name unless it is made only of letters, digits, _ and . (CJK counts as letters). */
export function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Split "'My sheet'!A1:B2" into sheet name and local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const s = address.trim();
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { local: s };
  let sheet = s.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: s.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Parse a local A1 reference (no sheet): "B3", "A1:C9", "A:C", "2:5". Null when malformed. */
export function parseLocal(local: string): Rect | null {
  const parts = local.trim().split(':');
  if (parts.length > 2 || parts.length === 0) return null;
  const a = parts[0];
  const b = parts.length === 2 ? parts[1] : parts[0];
  let m1 = CELL.exec(a);
  let m2 = CELL.exec(b);
  if (m1 && m2) {
    const r = {
      r0: Number(m1[2]) - 1,
      c0: lettersToCol(m1[1]),
      r1: Number(m2[2]) - 1,
      c1: lettersToCol(m2[1]),
    };
    return normalise(r);
  }
  if (parts.length === 2) {
    m1 = COL.exec(a);
    m2 = COL.exec(b);
    if (m1 && m2) return normalise({ r0: 0, r1: MAX_ROWS - 1, c0: lettersToCol(m1[1]), c1: lettersToCol(m2[1]) });
    m1 = ROW.exec(a);
    m2 = ROW.exec(b);
    if (m1 && m2) return normalise({ r0: Number(m1[1]) - 1, r1: Number(m2[1]) - 1, c0: 0, c1: MAX_COLS - 1 });
  }
  return null;
}

function normalise(r: Rect): Rect | null {
  const out = {
    r0: Math.min(r.r0, r.r1),
    r1: Math.max(r.r0, r.r1),
    c0: Math.min(r.c0, r.c1),
    c1: Math.max(r.c0, r.c1),
  };
  if (out.r0 < 0 || out.c0 < 0 || out.r1 >= MAX_ROWS || out.c1 >= MAX_COLS) return null;
  return out;
}

export function rectCells(r: Rect): number {
  return (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

/** UTF-8 byte length of a string, without TextEncoder/Buffer (works everywhere). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

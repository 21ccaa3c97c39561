/**
 * Builders for hand-made WorkbookData fixtures, and loose matchers for problems.
 * Expectations are (file, sheet, Excel row, column, severity) — never exact codes.
 */
import type { CellValue, RowData, SheetData, WorkbookData } from '../../src/core/model';
import type { Problem, Severity } from '../../src/core/problem';

/** A sheet from rows given as [excelRow, cells]; rows not listed are absent (blank). */
export function sheet(name: string, rows: Array<[number, CellValue[]]>): SheetData {
  const out: RowData[] = rows.map(([r, cells]) => ({ r, cells }));
  for (let i = 1; i < out.length; i++) {
    if (out[i].r <= out[i - 1].r) throw new Error(`fixture ${name}: rows not ascending at ${out[i].r}`);
  }
  return { name, rows: out };
}

/** Rows numbered consecutively from `first`. */
export function rowsFrom(first: number, rows: CellValue[][]): Array<[number, CellValue[]]> {
  return rows.map((cells, i) => [first + i, cells]);
}

/** A sheet layout: canonical field (ledgers.md §4) → header text as the village typed it. */
export type Layout = ReadonlyArray<readonly [field: string, header: string]>;

export function headerRow(layout: Layout): CellValue[] {
  return layout.map((x) => x[1]);
}

/** 1-based column of a canonical field in a layout. */
export function colOfField(layout: Layout, field: string): number {
  const i = layout.findIndex((x) => x[0] === field);
  if (i < 0) throw new Error(`fixture: field ${field} not in layout`);
  return i + 1;
}

/** A record of canonical fields laid out along a layout. Missing fields are empty cells. */
export function lay(layout: Layout, fields: Record<string, CellValue | undefined>): CellValue[] {
  const known = new Set(layout.map((x) => x[0]));
  for (const k of Object.keys(fields)) if (!known.has(k)) throw new Error(`fixture: field ${k} not in layout`);
  const cells = layout.map((x) => (fields[x[0]] === undefined ? null : (fields[x[0]] as CellValue)));
  while (cells.length && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

export function book(file: string, sheets: SheetData[], settings?: WorkbookData['settings']): WorkbookData {
  return { file, sheets, ...(settings ? { settings } : {}) };
}

/** 1-based column number → letter. */
export function letter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface Expect {
  /** What the spec says, with its section. */
  rule: string;
  file: string;
  sheet: string;
  row: number;
  /** Acceptable canonical columns (any one); the letters are derived by the caller. */
  columns: Array<{ field: string; col: number }>;
  severity: Severity;
  /** Other rows the spec equally allows (e.g. "twice: warning" does not say on which row). */
  altRows?: number[];
  /** Optional loose code prefix, e.g. `id.` */
  codePrefix?: string;
}

function colOf(p: Problem): number | undefined {
  if (typeof p.col === 'number') return p.col;
  if (p.cell) {
    const m = /^([A-Z]+)\d+$/.exec(p.cell);
    if (m) {
      let n = 0;
      for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
      return n;
    }
  }
  return undefined;
}

/** Does problem p sit in (file, sheet, row) and in one of the acceptable columns? */
export function at(p: Problem, e: Pick<Expect, 'file' | 'sheet' | 'row' | 'columns' | 'altRows'>): boolean {
  if (p.file !== undefined && p.file !== e.file) return false;
  if (p.sheet !== e.sheet) return false;
  if (p.row !== e.row && !(e.altRows ?? []).includes(p.row ?? -1)) return false;
  const c = colOf(p);
  return e.columns.some((x) => p.column === x.field || c === x.col);
}

export function matching(problems: readonly Problem[], e: Expect): Problem[] {
  return problems.filter(
    (p) => at(p, e) && p.severity === e.severity && (!e.codePrefix || p.code.startsWith(e.codePrefix)),
  );
}

export function errorsIn(problems: readonly Problem[], file: string, sheet: string, row?: number): Problem[] {
  return problems.filter(
    (p) => p.severity === 'error' && p.file === file && p.sheet === sheet && (row === undefined || p.row === row),
  );
}

/** Short, ID-free description of problems for failure messages. */
export function show(ps: readonly Problem[]): string {
  return ps
    .map((p) => `${p.file ?? ''}!${p.sheet ?? ''}!${p.cell ?? ''} r${p.row ?? '-'} ${p.column ?? ''} ${p.severity} ${p.code}`)
    .join('\n');
}

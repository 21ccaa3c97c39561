/** Collects the problems of one sheet (or one file), applying the per-sheet cap. */
import { CODE_FIX_NEEDS_CHOICE, CODE_SEVERITY } from '../checks/registry';
import type { CellValue } from '../model';
import { cellAddress } from '../model';
import type { Problem, Severity } from '../problem';
import { SchemaOverrideError } from '../schema/override';
import { cellText } from '../text/normalize';

/** Notes listed per sheet at most. */
export const INFO_CAP = 100;
/** The severity of each code after the township's rule levels (`off`: not reported). */
export type Levels = ReadonlyMap<string, Severity | 'off'>;

export function compileLevels(levels: Readonly<Record<string, Severity | 'off'>> | undefined): Levels {
  const m = new Map<string, Severity | 'off'>(CODE_SEVERITY);
  if (!levels) return m;
  // A misspelt code would silently keep its built-in level: name every one.
  const unknown = Object.keys(levels).filter((code) => !CODE_SEVERITY.has(code));
  if (unknown.length > 0) throw new SchemaOverrideError(unknown.map((code) => `没有问题代码“${code}”（见 docs/codes.md）`));
  for (const [code, level] of Object.entries(levels)) m.set(code, level);
  return m;
}

const DEFAULT_LEVELS: Levels = compileLevels(undefined);

/** One problem as the checks hand it over (the sink adds file, sheet, severity and cell address). */
export interface SinkEntry {
  code: string;
  /** Excel row number; absent for a sheet- or file-level problem. */
  row?: number;
  /** 1-based column number of the cell; absent when the problem is about no one cell. */
  col?: number;
  /** The schema field (canonical column name) the problem is about. */
  column?: string;
  /** The cell's raw value, shown as the problem's `value`. */
  raw?: CellValue;
  params?: Record<string, string | number>;
  /** The value a fix would write. */
  fix?: CellValue;
}

export class Sink {
  readonly problems: Problem[] = [];
  errors = 0;
  warnings = 0;
  infos = 0;
  omitted = 0;
  readonly file: string;
  /** Absent for the file-level sink. */
  readonly sheet: string | undefined;
  /** Problems listed at most (the rest are counted in `omitted`). */
  readonly cap: number;
  /** Order of the workbook and of the sheet within it (-1 = file-level). */
  readonly bookIndex: number;
  readonly sheetIndex: number;
  readonly levels: Levels;
  constructor(at: { file: string; sheet?: string; cap: number; bookIndex: number; sheetIndex: number; levels?: Levels }) {
    this.file = at.file;
    this.sheet = at.sheet;
    this.cap = at.cap;
    this.bookIndex = at.bookIndex;
    this.sheetIndex = at.sheetIndex;
    this.levels = at.levels ?? DEFAULT_LEVELS;
  }

  /** Record one problem; returns its severity after the township's levels (`off`: dropped). */
  add(p: SinkEntry): Severity | 'off' {
    const { code, row, col, column, raw, params, fix } = p;
    const severity = this.levels.get(code) ?? 'error';
    if (severity === 'off') return severity;
    if (severity === 'error') this.errors++;
    else if (severity === 'warning') this.warnings++;
    else this.infos++;
    if (this.problems.length >= this.cap) {
      this.omitted++;
      return severity;
    }
    // Notes (an unknown column per cell of a header out to XFD…) never crowd out errors and
    // warnings: past INFO_CAP they are counted, not listed.
    if (severity === 'info' && this.infos > Math.min(INFO_CAP, this.cap)) return severity;
    const out: Problem = { code, severity, file: this.file, params: params ?? {} };
    if (this.sheet !== undefined) out.sheet = this.sheet;
    if (row !== undefined) out.row = row;
    if (column !== undefined) out.column = column;
    if (col !== undefined) {
      out.col = col;
      if (row !== undefined) out.cell = cellAddress(row, col);
    }
    if (raw !== undefined && raw !== null) out.value = cellText(raw);
    if (fix !== undefined) {
      out.fix = fix;
      if (CODE_FIX_NEEDS_CHOICE.has(code)) out.fixNeedsChoice = true;
    }
    this.problems.push(out);
    return severity;
  }
}

/** Collects the problems of one sheet (or one file), applying the per-sheet cap. */
import { CODE_FIX_NEEDS_CHOICE, CODE_SEVERITY } from '../checks/registry';
import type { CellValue } from '../model';
import { cellAddress } from '../model';
import type { Problem, Severity } from '../problem';
import { cellText } from '../text/normalize';

/** Notes listed per sheet at most. */
export const INFO_CAP = 100;
/** The severity of each code after the township's rule levels (`off`: not reported). */
export type Levels = ReadonlyMap<string, Severity | 'off'>;

export function compileLevels(levels: Readonly<Record<string, Severity | 'off'>> | undefined): Levels {
  const m = new Map<string, Severity | 'off'>(CODE_SEVERITY);
  if (levels) for (const [code, level] of Object.entries(levels)) m.set(code, level);
  return m;
}

const DEFAULT_LEVELS: Levels = compileLevels(undefined);

export class Sink {
  readonly problems: Problem[] = [];
  errors = 0;
  warnings = 0;
  infos = 0;
  omitted = 0;
  constructor(
    readonly file: string,
    readonly sheet: string | undefined,
    readonly cap: number,
    /** Order of the workbook and of the sheet within it (-1 = file-level). */
    readonly bookIndex: number,
    readonly sheetIndex: number,
    readonly levels: Levels = DEFAULT_LEVELS,
  ) {}

  add(
    code: string,
    row: number | undefined,
    col: number | undefined,
    column: string | undefined,
    raw: CellValue | undefined,
    params: Record<string, string | number> | undefined,
    fix?: CellValue,
  ): Severity | 'off' {
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
    const p: Problem = { code, severity, file: this.file, params: params ?? {} };
    if (this.sheet !== undefined) p.sheet = this.sheet;
    if (row !== undefined) p.row = row;
    if (column !== undefined) p.column = column;
    if (col !== undefined) {
      p.col = col;
      if (row !== undefined) p.cell = cellAddress(row, col);
    }
    if (raw !== undefined && raw !== null) p.value = cellText(raw);
    if (fix !== undefined) {
      p.fix = fix;
      if (CODE_FIX_NEEDS_CHOICE.has(code)) p.fixNeedsChoice = true;
    }
    this.problems.push(p);
    return severity;
  }
}

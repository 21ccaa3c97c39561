import type { CellValue } from './model';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem is data. Its message is rendered per locale from the message catalogues
 * (src/core/messages/*) by `code` and `params`; nothing here is prose.
 */
export interface Problem {
  /** Stable dotted rule identifier, e.g. `id.checksum`, `person.cross-village`. */
  code: string;
  severity: Severity;
  file?: string;
  sheet?: string;
  /** Excel row number (1-based). A header problem carries the header row; a file problem none. */
  row?: number;
  /** Canonical column (field) name, e.g. `身份证号`. */
  column?: string;
  /** 1-based column number in the sheet. */
  col?: number;
  /** A1 address, e.g. `F7`. */
  cell?: string;
  /** The cell's value as text, as the user typed it. */
  value?: string;
  /** Parameters interpolated into the message. */
  params: Record<string, string | number>;
  /** For fixable problems: the corrected value to write into the cell. */
  fix?: CellValue;
  /** The fix picks one of two sources of truth (e.g. 性别 from the 身份证号, when the ID may be
   *  the wrong one): a person must choose; bulk fixes (一键修正, `ledger fix`) leave it alone. */
  fixNeedsChoice?: true;
}

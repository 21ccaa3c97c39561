/**
 * The host-neutral sheet model: the cells of a sheet exactly as the host (src/cli, src/excel)
 * read them, each with its Excel row number and column.
 *
 * Contract shared by every part of the product. Adapters (src/cli, src/excel) build these; the
 * core (validation, statistics) only reads them. A check result keeps references to the rows
 * (a record's values are read from its row where they equal the cell), so rows are never changed
 * once checked: adapters build fresh arrays for every read.
 */

/** An Excel error value in a cell, e.g. `#N/A`, `#VALUE!`, `#REF!`, `#DIV/0!`. */
export interface CellError {
  readonly error: string;
}

/**
 * One cell's value as the host read it.
 * - `string`: text (as typed; never trimmed or converted by the adapter)
 * - `number`: a number cell (an ID stored as a number arrives here — the core reports it)
 * - `boolean`: a TRUE/FALSE cell
 * - `Date`: a cell Excel shows as a date (the hosts' readers convert a serial
 *   with a date number format). Always midnight **UTC** of the calendar day shown.
 * - `CellError`: an error value
 * - `null`: empty
 * A formula cell carries its result as one of the above.
 */
export type CellValue = null | string | number | boolean | Date | CellError;

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

/** One row of a sheet. `cells[0]` is column A. Trailing empty cells may be omitted. */
export interface RowData {
  /** Excel row number, 1-based, as the user sees it. */
  readonly r: number;
  readonly cells: readonly CellValue[];
}

export interface SheetData {
  readonly name: string;
  /** Rows in ascending row order. Entirely empty rows may be omitted by the adapter. */
  readonly rows: readonly RowData[];
  /** True for a hidden or very hidden sheet (not a ledger). */
  readonly hidden?: boolean;
}

export interface WorkbookData {
  /** File name as the user knows it (e.g. "红旗村.xlsx"), or the workbook name in the Excel host. */
  readonly file: string;
  readonly sheets: readonly SheetData[];
  /** Settings stored in the workbook (CLI: a 设置 sheet; add-in: workbook settings), if any. */
  readonly settings?: Partial<import('./settings').Settings>;
  /** The workbook counts dates in the 1904 system: a plain number in a date column is a serial
   *  of that system (cells with a date format are dates already, see cells/read-cell.ts). */
  readonly date1904?: boolean;
}

/** "A", "B", … "Z", "AA" … for a 1-based column number. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 1-based (row, column). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

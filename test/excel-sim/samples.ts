/**
 * Sample workbooks (src/samples, pure data) as fake Excel descriptions: formula cells carry their
 * result, text columns get '@', date columns a date format. No Node APIs.
 */
import type { CellValue } from '../../src/core/model';
import type { SampleSheet, SampleWorkbook } from '../../src/samples/generate';
import { isFormula } from '../../src/samples/generate';
import type { CellInput, SheetDescription, WorkbookDescription } from './index';

function cellInput(c: unknown, text: boolean, date: boolean): CellInput {
  const v: CellValue = isFormula(c as never) ? (c as { result: CellValue }).result : (c as CellValue);
  if (v === null || v === undefined) return text ? { v: null, f: '@' } : null;
  if (v instanceof Date) return { v, f: 'yyyy-mm-dd' };
  if (text) return { v, f: '@' };
  if (date && typeof v === 'number') return { v, f: 'yyyy-mm-dd' };
  return v as CellInput;
}

export function sheetDescription(s: SampleSheet): SheetDescription {
  const text = new Set(s.textCols ?? []);
  const date = new Set(s.dateCols ?? []);
  return {
    name: s.name,
    hidden: s.hidden,
    merges: s.merges,
    rows: s.rows.map((row) => row.map((c, j) => cellInput(c, text.has(j + 1), date.has(j + 1)))),
  };
}

export function sampleDescription(book: SampleWorkbook, extra: Partial<WorkbookDescription> = {}): WorkbookDescription {
  return { name: book.file, sheets: book.sheets.map(sheetDescription), ...extra };
}

import { checkWorkbooks } from '../../src/core/check/check-workbooks';
import type { CheckOptions, CheckResult } from '../../src/core/check-api';
import type { CellValue, WorkbookData } from '../../src/core/model';
import type { Problem } from '../../src/core/problem';
import type { Settings } from '../../src/core/settings';
import { book, settings, sheet, TODAY } from './fixtures';

export function check(books: WorkbookData[], s: Partial<Settings> = {}, opts: CheckOptions = {}): CheckResult {
  return checkWorkbooks(books, settings(s), { today: TODAY, ...opts });
}

/** Check one sheet (header on row 1, data from row 2). */
export function checkSheet(name: string, header: string[], rows: CellValue[][], s: Partial<Settings> = {}, opts: CheckOptions = {}): CheckResult {
  return check([book('红旗村.xlsx', sheet(name, [header, ...rows]))], s, opts);
}

export function codes(r: CheckResult | Problem[], row?: number): string[] {
  const ps = Array.isArray(r) ? r : r.problems;
  return ps.filter((p) => row === undefined || p.row === row).map((p) => p.code);
}

export function errors(r: CheckResult): Problem[] {
  return r.problems.filter((p) => p.severity === 'error');
}

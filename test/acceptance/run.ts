/** Runs the product's check the way a front end does, with "today" pinned (future-date rules). */
import ExcelJS from 'exceljs';
import { checkWorkbooks } from '../../src/core';
import type { CheckResult } from '../../src/core/check-api';
import type { WorkbookData } from '../../src/core/model';
import { resolveSettings } from '../../src/core/settings';

export const TODAY_ISO = '2026-11-29T09:00:00Z';

/** Every timer API except Date stays real: only "now" is pinned. */
export function pinToday(iso = TODAY_ISO): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval',
      'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
}

export function check(books: WorkbookData[], year: number, villages: string[]): CheckResult {
  const settings = resolveSettings({ year, villages });
  return checkWorkbooks(books, settings, {});
}

/**
 * Writes a fixture workbook to .xlsx for the CLI runs. With `mergeTitles`, a title alone in the
 * first row is merged across the table, as villages do.
 */
export async function saveBook(b: WorkbookData, file: string, opts: { mergeTitles?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of b.sheets) {
    const ws = wb.addWorksheet(s.name);
    let widest = 1;
    for (const r of s.rows) widest = Math.max(widest, r.cells.length);
    for (const r of s.rows) {
      r.cells.forEach((v, i) => {
        if (v === null) return;
        const c = ws.getCell(r.r, i + 1);
        if (v instanceof Date) {
          c.value = v;
          c.numFmt = 'yyyy-mm-dd';
        } else if (typeof v === 'object') c.value = { error: v.error } as ExcelJS.CellErrorValue;
        else c.value = v;
      });
      // A title alone in its row is merged across the table, as villages do.
      const filled = r.cells.filter((v) => v !== null).length;
      if (opts.mergeTitles && filled === 1 && r.cells[0] !== null && typeof r.cells[0] === 'string' && widest > 1 && r.r === s.rows[0].r) {
        ws.mergeCells(r.r, 1, r.r, widest);
      }
    }
  }
  await wb.xlsx.writeFile(file);
}

/** One entry of `ledger check --json`'s issues (cli.md § JSON). */
export interface JsonIssue {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  cell?: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  value?: string;
}
/** `ledger check --json` (cli.md § JSON). */
export interface JsonReport {
  year: number;
  files: Array<{ file: string; sheets: Array<{ sheet: string; ledger: string | null; headerRow?: number; dataRows: number }> }>;
  issues: JsonIssue[];
}

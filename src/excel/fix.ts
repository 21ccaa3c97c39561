/**
 * 修正 and 撤销修正: write the `fix` values of fixable problems in bulk, keeping each cell's previous
 * value and number format in the workbook's record so that undo restores them exactly (Office.js
 * changes may clear Excel's own undo stack). Two syncs per batch (read the old cells, write).
 */
import type { Problem } from '../core/problem';
import { runApplyFixes, runUndoFixes } from '../core/ops/fix';
import { officePort } from './port';
import type { CancelSignal } from './common';
/** Serialised bytes of one fix request at most (Excel on the web refuses 5 MB). */
export const FIX_BUDGET = 4 * 1024 * 1024;
/** Bytes Office.js serialises per fixed cell across the batch's two requests (read: range, load;
 *  write: values, maybe numberFormat), measured with the real client; plus the record entry. */
export const FIX_COST = { base: 4000, cell: 900 };

/**
 * Would Excel turn this text into something else (a number, boolean, error, formula, date)?
 * Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign
 * ("="), Excel interprets this value as a formula" (https://learn.microsoft.com/en-us/javascript/
 * api/excel/excel.range#excel-excel-range-values-member) — '+86 138…' phone numbers included —
 * and text that reads as a date ('2023-05-01', '2023/5/1', '5-1') becomes a date serial.
 */
export function wouldCoerce(s: string): boolean {
  const t = s.trim();
  return (
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^#[A-Z/0!?]+[!?A]?$/i.test(t) ||
    /^[=+-]/.test(s) ||
    /^\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,4}日?)?$/.test(t) ||
    /^\d{1,2}:\d{2}(:\d{2})?$/.test(t) ||
    s.startsWith("'")
  );
}

/**
 * What to write so that a cell ends up holding exactly `v` as text/number/boolean. Text Excel
 * would convert gets a leading apostrophe, which Excel keeps out of the value ("type an apostrophe
 * (') before the number", https://support.microsoft.com/office/format-numbers-as-text-583160db-35d5-4ec4-8b7b-b5ed6b5ee2b6).
 */
export function excelInput(v: string | number | boolean, numberFormat: string, type = ''): string | number | boolean {
  if (typeof v !== 'string') return v;
  if (type === 'Error') return v;
  if (numberFormat !== '@' && wouldCoerce(v)) return `'${v}`;
  return v;
}

export interface FixResult {
  changed: number;
  /** Cells left alone: changed since the check, or holding a formula. */
  skipped: number;
  syncs: number;
}

/** Apply the fixes of `problems` (those with a `fix`, a sheet and a cell): the core's pipeline
 *  (src/core/ops/fix.ts) over this context. Two syncs per batch (read the old cells, write). */
export async function applyFixes(
  context: Excel.RequestContext,
  problems: Problem[],
  opts: { signal?: CancelSignal; onProgress?: (p: { label: string; done: number; total: number }) => void } = {},
): Promise<FixResult> {
  const port = officePort(context);
  const r = await runApplyFixes(port, problems, { signal: opts.signal, onProgress: (p) => opts.onProgress?.({ label: '修正', ...p }) });
  return { ...r, syncs: port.syncs };
}

/** 撤销修正: restore every cell changed by earlier applyFixes runs (src/core/ops/fix.ts). */
export async function undoFixes(context: Excel.RequestContext): Promise<FixResult> {
  const port = officePort(context);
  const r = await runUndoFixes(port);
  return { ...r, syncs: port.syncs };
}

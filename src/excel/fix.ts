/**
 * 修正 and 撤销修正: write the `fix` values of fixable problems in bulk, keeping each cell's previous
 * value and number format in the workbook's record so that undo restores them exactly (Office.js
 * changes may clear Excel's own undo stack). Two syncs per batch (read the old cells, write).
 */
import type { CellValue } from '../core/model';
import type { Problem } from '../core/problem';
import { abortError, jsonBytes, sheetLookup, protectedError, queueStructureProtection, structureError, untracked, utf8Length } from './common';
import { isProtected, sheetExists } from './mark';
import { isDateFormat, queueDateSystem } from './read';
import { dateToSerial } from '../core/cells/read-cell';
import { type FixBatch, type RawCell, encodeState, loadState, queueStateWrite } from './state';

const BATCH = 20000;
const UNDO_BATCH = 5000;
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

/** The value to write for a fix, the value Excel will then report, and the format to set. */
function fixInput(fix: CellValue, curFormat: string, date1904: boolean): { input: string | number | boolean; expect: string | number | boolean; format: string } | null {
  if (fix === null) return { input: '', expect: '', format: curFormat };
  if (fix instanceof Date) {
    const fmt = isDateFormat(curFormat) ? curFormat : 'yyyy-mm-dd';
    // The serial in the workbook's own date system (a 1904 workbook would show the 1900 serial
    // four years and a day late).
    const serial = dateToSerial(fix, date1904);
    return { input: serial, expect: serial, format: fmt };
  }
  if (typeof fix === 'object') return null; // never write an error value
  return { input: excelInput(fix, curFormat), expect: fix, format: curFormat };
}

export interface FixResult {
  changed: number;
  /** Cells left alone: changed since the check, or holding a formula. */
  skipped: number;
  syncs: number;
}

/** Apply the fixes of `problems` (those with a `fix`, a sheet and a cell). */
export async function applyFixes(
  context: Excel.RequestContext,
  problems: Problem[],
  opts: { signal?: AbortSignal; onProgress?: (p: { label: string; done: number; total: number }) => void } = {},
): Promise<FixResult> {
  const byCell = new Map<string, Problem>();
  for (const p of problems) {
    // A fix that chooses between two sources of truth is never applied in bulk.
    if (p.fix === undefined || p.fixNeedsChoice || !p.sheet || !p.cell) continue;
    const k = `${p.sheet}\u0000${p.cell.toUpperCase()}`;
    if (!byCell.has(k)) byCell.set(k, p);
  }
  const todo = [...byCell.values()];
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await context.sync();
  };
  const names = [...new Set(todo.map((p) => p.sheet as string))];
  const sheets = new Map<string, Excel.Worksheet>();
  let structure: Excel.WorkbookProtection | undefined;
  let dates: { readonly date1904: boolean } | undefined;
  const loaded = await loadState(context, () => {
    structure = queueStructureProtection(context);
    if (todo.some((p) => p.fix instanceof Date)) dates = queueDateSystem(context);
    for (const n of names) {
      const ws = context.workbook.worksheets.getItemOrNullObject(n);
      ws.load('name,id,protection/protected');
      sheets.set(n, ws);
    }
  });
  syncs += loaded.syncs;
  const locked = names.filter((n) => isProtected(sheets.get(n)));
  if (locked.length) throw protectedError(locked);
  if (!loaded.existed && structure?.protected && todo.length) throw structureError(); // the record needs its sheet
  const state = loaded.state;
  let existed = loaded.existed;
  const live = todo.filter((p) => sheetExists(sheets.get(p.sheet as string)));

  let changed = 0;
  let skipped = todo.length - live.length;
  for (let i = 0; i < live.length; ) {
    if (opts.signal?.aborted) throw abortError();
    // As many cells as fit the serialised-size budget, the record (rewritten whole) included.
    let bytes = FIX_COST.base + utf8Length(encodeState(state)) * 1.05;
    let j = i;
    while (j < live.length && j - i < BATCH) {
      const cost = FIX_COST.cell + 2 * jsonBytes(live[j].fix instanceof Date ? 0 : (live[j].fix ?? ''));
      if (j > i && bytes + cost > FIX_BUDGET) break;
      bytes += cost;
      j++;
    }
    const batch = live.slice(i, j);
    const wsOf = sheetLookup(context);
    const ranges = batch.map((p) => {
      const r = untracked(context, wsOf(p.sheet as string).getRange(p.cell as string));
      r.load('values,valueTypes,numberFormat,formulas');
      return r;
    });
    await sync();
    const record: FixBatch = { at: new Date().toISOString(), cells: [] };
    batch.forEach((p, k) => {
      const r = ranges[k];
      const value = r.values[0][0] as string | number | boolean;
      const type = String(r.valueTypes[0][0]);
      const fmt = String(r.numberFormat[0][0]);
      const formula = r.formulas[0][0];
      const stale = p.value !== undefined && typeof value === 'string' && type === 'String' && value !== p.value;
      if ((typeof formula === 'string' && formula.startsWith('=')) || stale) {
        skipped += 1;
        return;
      }
      const w = fixInput(p.fix as CellValue, fmt, dates?.date1904 ?? false);
      if (!w) {
        skipped += 1;
        return;
      }
      // A new proxy: the read one was not kept past its sync (see untracked).
      const target = untracked(context, wsOf(p.sheet as string).getRange(p.cell as string));
      if (w.format !== fmt) target.numberFormat = [[w.format]];
      target.values = [[w.input]];
      record.cells.push({
        sheet: p.sheet as string,
        sheetId: sheets.get(p.sheet as string)?.id,
        cell: (p.cell as string).toUpperCase(),
        value,
        type,
        numberFormat: fmt,
        wrote: w.expect,
        wroteFormat: w.format,
      });
    });
    if (record.cells.length) {
      state.fixes.push(record);
      queueStateWrite(context, state, existed);
      existed = true;
    }
    await sync();
    changed += record.cells.length;
    i = j;
    opts.onProgress?.({ label: '修正', done: i, total: live.length });
  }
  return { changed, skipped, syncs };
}

/** 撤销修正: restore every cell changed by earlier applyFixes runs, newest first. */
export async function undoFixes(context: Excel.RequestContext): Promise<FixResult> {
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await context.sync();
  };
  const loaded = await loadState(context);
  syncs += loaded.syncs;
  const state = loaded.state;
  if (!state.fixes.length) return { changed: 0, skipped: 0, syncs };

  // Per cell: the value we wrote last (to detect later edits) and the value before our first fix.
  const cells = new Map<string, { last: RawCell; first: RawCell }>();
  for (let b = state.fixes.length - 1; b >= 0; b--) {
    for (const c of state.fixes[b].cells) {
      const k = `${c.sheet}\u0000${c.cell}`;
      const e = cells.get(k);
      if (!e) cells.set(k, { last: c, first: c });
      else e.first = c;
    }
  }
  const all = [...cells.values()];
  // Find each sheet by id first (it may have been renamed since), else by name.
  const keyOf = (c: RawCell) => c.sheetId ?? c.sheet;
  const keys = [...new Set(all.map((c) => keyOf(c.first)))];
  const sheets = new Map(
    keys.map((k) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(k);
      ws.load('name,protection/protected');
      return [k, ws] as const;
    }),
  );
  await sync();
  const locked = keys.filter((k) => isProtected(sheets.get(k))).map((k) => (sheets.get(k) as Excel.Worksheet).name);
  if (locked.length) throw protectedError(locked);
  const live = all.filter((c) => sheetExists(sheets.get(keyOf(c.first))));
  for (const c of live) c.first = { ...c.first, sheet: (sheets.get(keyOf(c.first)) as Excel.Worksheet).name };

  let changed = 0;
  let skipped = all.length - live.length;
  // One range per cell, read then written: 5,000 cells keep both requests far below the web's
  // 5 MB (20,000 passed it at 50,000 fixed cells: bench/excel.bench.ts).
  for (let i = 0; i < live.length; i += UNDO_BATCH) {
    const batch = live.slice(i, i + UNDO_BATCH);
    const wsOf = sheetLookup(context);
    const ranges = batch.map((c) => {
      const r = wsOf(c.first.sheet).getRange(c.first.cell);
      r.load('values');
      return r;
    });
    await sync();
    batch.forEach((c, k) => {
      const now = ranges[k].values[0][0];
      if (now !== c.last.wrote) {
        skipped += 1; // edited by the user since our fix: leave their value
        return;
      }
      const r = ranges[k];
      r.numberFormat = [[c.first.numberFormat]];
      r.values = [[excelInput(c.first.value, c.first.numberFormat, c.first.type)]];
      changed += 1;
    });
    if (i + UNDO_BATCH >= live.length) {
      state.fixes = [];
      queueStateWrite(context, state, true);
    }
    await sync();
  }
  if (!live.length) {
    state.fixes = [];
    queueStateWrite(context, state, true);
    await sync();
  }
  return { changed, skipped, syncs };
}

/**
 * 修正 and 撤销修正: the `fix` values of fixable problems written in bulk, each cell's previous value
 * and number format kept in the record (src/core/ops/record.ts) so that undo restores them
 * exactly — on every host, through the port's readCells / writeCells / loadRecord.
 *
 * A cell is left alone when it holds a formula or changed since the check; undo leaves a cell the
 * user edited after the fix.
 */
import { dateToSerial, isDateFormat } from '../cells/read-cell';
import type { CellValue } from '../model';
import type { Problem } from '../problem';
import { abortError, protectedError, structureError, type CancelSignal } from './errors';
import type { CellWrite, RawCellState, SheetPort } from './port';
import type { FixBatch, RawCell } from './record';

export interface FixOutcome {
  changed: number;
  /** Cells left alone: changed since the check, holding a formula, or on a sheet gone since. */
  skipped: number;
}

export interface FixRunOptions {
  signal?: CancelSignal;
  onProgress?: (p: { done: number; total: number }) => void;
}

/** The problems whose fix is applied: one per cell, never a fix that needs a choice. */
export function fixTargets(problems: Problem[]): Problem[] {
  const byCell = new Map<string, Problem>();
  for (const p of problems) {
    // A fix that chooses between two sources of truth is never applied in bulk.
    if (p.fix === undefined || p.fixNeedsChoice || !p.sheet || !p.cell) continue;
    const k = `${p.sheet}\u0000${p.cell.toUpperCase()}`;
    if (!byCell.has(k)) byCell.set(k, p);
  }
  return [...byCell.values()];
}

/** What to write for a fix over the cell as it is now, and what the host will then report;
 *  null to leave the cell alone. */
export function fixWrite(fix: CellValue, now: RawCellState, checked?: string, date1904 = false): { value: string | number | boolean; format: string; wrote: string | number | boolean } | null {
  if (now.formula?.startsWith('=')) return null;
  // Changed since the check (the check saw `checked`): the user's value wins.
  if (checked !== undefined && typeof now.value === 'string' && now.type === 'String' && now.value !== checked) return null;
  if (fix === null) return { value: '', format: now.numberFormat, wrote: '' };
  if (fix instanceof Date) {
    // The serial in the workbook's own date system (a 1904 workbook would show the 1900 serial
    // four years and a day late).
    const serial = dateToSerial(fix, date1904);
    return { value: serial, format: isDateFormat(now.numberFormat) ? now.numberFormat : 'yyyy-mm-dd', wrote: serial };
  }
  if (typeof fix === 'object') return null; // never write an error value
  return { value: fix, format: now.numberFormat, wrote: fix };
}

/** Apply the fixes of `problems`; returns the cells changed and left alone. */
export async function runApplyFixes(port: SheetPort, problems: Problem[], opts: FixRunOptions = {}): Promise<FixOutcome> {
  const todo = fixTargets(problems);
  const names = [...new Set(todo.map((p) => p.sheet as string))];
  const loaded = await port.loadRecord(names, { dateSystem: todo.some((p) => p.fix instanceof Date) });
  const locked = names.filter((n) => loaded.sheets.get(n)?.protected);
  if (locked.length) throw protectedError(locked);
  if (!loaded.existed && loaded.structureProtected && todo.length) throw structureError(); // the record needs its sheet
  const state = loaded.record;
  let existed = loaded.existed;
  const live = todo.filter((p) => loaded.sheets.has(p.sheet as string));

  let changed = 0;
  let skipped = todo.length - live.length;
  for (let i = 0; i < live.length; ) {
    if (opts.signal?.aborted) throw abortError();
    const n = Math.max(1, port.fixBatch?.(live.slice(i), state) ?? live.length - i);
    const batch = live.slice(i, i + n);
    const now = await port.readCells(batch.map((p) => ({ sheet: p.sheet as string, cell: p.cell as string })));
    const record: FixBatch = { at: new Date().toISOString(), cells: [] };
    const writes: CellWrite[] = [];
    batch.forEach((p, k) => {
      const w = fixWrite(p.fix as CellValue, now[k], p.value, loaded.date1904);
      if (!w) {
        skipped += 1;
        return;
      }
      const sheet = p.sheet as string;
      const cell = (p.cell as string).toUpperCase();
      writes.push({ sheet, cell: p.cell as string, value: w.value, numberFormat: w.format, setFormat: w.format !== now[k].numberFormat });
      record.cells.push({
        sheet,
        sheetId: loaded.sheets.get(sheet)?.id,
        cell,
        value: now[k].value,
        type: now[k].type,
        numberFormat: now[k].numberFormat,
        wrote: w.wrote,
        wroteFormat: w.format,
      });
    });
    if (record.cells.length) state.fixes.push(record);
    await port.writeCells(writes, record.cells.length ? { state, existed } : undefined);
    if (record.cells.length) existed = true;
    changed += record.cells.length;
    i += n;
    opts.onProgress?.({ done: i, total: live.length });
  }
  return { changed, skipped };
}

/** 撤销修正: restore every cell changed by earlier fixes, the value before the first of them. */
export async function runUndoFixes(port: SheetPort): Promise<FixOutcome> {
  const loaded = await port.loadRecord();
  const state = loaded.record;
  if (!state.fixes.length) return { changed: 0, skipped: 0 };

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
  const sheets = await port.sheetInfo([...new Set(all.map((c) => keyOf(c.first)))]);
  const locked = [...sheets.values()].filter((s) => s.protected).map((s) => s.name);
  if (locked.length) throw protectedError(locked);
  const live = all.filter((c) => sheets.has(keyOf(c.first)));
  for (const c of live) c.first = { ...c.first, sheet: (sheets.get(keyOf(c.first)) as { name: string }).name };

  let changed = 0;
  let skipped = all.length - live.length;
  const size = port.undoBatch ?? (live.length || 1);
  for (let i = 0; i < live.length; i += size) {
    const batch = live.slice(i, i + size);
    const now = await port.readCells(batch.map((c) => ({ sheet: c.first.sheet, cell: c.first.cell })));
    const writes: CellWrite[] = [];
    batch.forEach((c, k) => {
      if (now[k].value !== c.last.wrote) {
        skipped += 1; // edited by the user since our fix: leave their value
        return;
      }
      writes.push({ sheet: c.first.sheet, cell: c.first.cell, value: c.first.value, numberFormat: c.first.numberFormat, setFormat: true, type: c.first.type });
      changed += 1;
    });
    const lastBatch = i + size >= live.length;
    if (lastBatch) state.fixes = [];
    await port.writeCells(writes, lastBatch ? { state, existed: true } : undefined);
  }
  if (!live.length) {
    state.fixes = [];
    await port.writeCells([], { state, existed: true });
  }
  return { changed, skipped };
}

/**
 * The add-in's record of what it changed in the workbook — marks (previous fills, notes/comments
 * added) and fixes (previous values) — kept as JSON in column A of a very hidden sheet, so that
 * 清除标记 and 撤销修正 still work after the workbook is saved, closed and reopened.
 */
import { STATE_SHEET } from './common';
import { decodeState, emptyState, encodeState, type LedgerState } from '../core/ops/record';

export * from '../core/ops/record';

const PIECE = 30000; // a cell holds at most 32,767 characters

function parseState(values: unknown[][]): LedgerState {
  return decodeState(values.map((r) => String(r[0] ?? '')).join(''));
}

export interface LoadedState {
  state: LedgerState;
  /** Whether the state sheet exists (write with existed = true). */
  existed: boolean;
  syncs: number;
}

/**
 * Load the record: 1 sync when there is none, else 2 (nothing is chained off a null object).
 * `alongside` queues other work into the first sync.
 */
export async function loadState(context: Excel.RequestContext, alongside?: () => void): Promise<LoadedState> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  sheet.load('name');
  alongside?.();
  await context.sync();
  if (sheet.isNullObject) return { state: emptyState(), existed: false, syncs: 1 };
  const used = context.workbook.worksheets.getItem(STATE_SHEET).getUsedRangeOrNullObject(true);
  used.load('values');
  await context.sync();
  return { state: used.isNullObject ? emptyState() : parseState(used.values), existed: true, syncs: 2 };
}

/** Queue the write of the state (no sync). `existed` tells whether the state sheet exists. */
export function queueStateWrite(context: Excel.RequestContext, state: LedgerState, existed: boolean): void {
  const sheets = context.workbook.worksheets;
  let ws: Excel.Worksheet;
  if (existed) {
    ws = sheets.getItem(STATE_SHEET);
    ws.getRange('A:A').clear('Contents');
  } else {
    ws = sheets.add(STATE_SHEET);
    ws.visibility = 'VeryHidden';
  }
  const text = encodeState(state);
  const pieces: string[][] = [];
  for (let i = 0; i < text.length; i += PIECE) pieces.push([text.slice(i, i + PIECE)]);
  if (!pieces.length) return;
  const range = ws.getRange(`A1:A${pieces.length}`);
  range.numberFormat = pieces.map(() => ['@']);
  range.values = pieces;
}


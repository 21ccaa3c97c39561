/**
 * 清除标记 and 撤销修正 stay under Excel on the web's payload limit however many marks and fixes
 * there are, through Microsoft's real client (test/excel-sim). The bench found three limits at
 * 50,000 cells (docs/excel.md): the response for all comments at once, restore batches that did
 * not count the record they rewrite, undo batches of 20,000 cells. Here the same limits are met
 * with a few thousand cells and a smaller `model.payloadLimit`: the marks and fixes are made under
 * the web's 5 MB, then the limit is lowered to one that the paged and batched code keeps to and
 * the code before those fixes did not.
 */
import type { Problem } from '../../src/core/problem';
import { applyFixes, undoFixes } from '../../src/excel/fix';
import { clearMarks, markProblems } from '../../src/excel/mark';
import { loadState } from '../../src/excel/state';
import { createExcel, type ExcelSim } from '../excel-sim/node';
import { snapshot } from './helpers';

jest.setTimeout(180000);

let xl: ExcelSim | undefined;
afterEach(() => xl?.uninstall());

const ROWS = 4002; // 4,001 data rows (coprime with the 8 columns: the cells below never repeat)
const COLS = 8;
const KB = 1024;

/** The k-th cell of a scattered walk over the data (no two alike for k < 32,008). */
function cellOf(k: number): { cell: string; row: number } {
  const row = 2 + ((k * 7919) % (ROWS - 1));
  return { cell: `${String.fromCharCode(65 + ((k * 13) % COLS))}${row}`, row };
}

function problems(n: number, from = 0): Problem[] {
  return Array.from({ length: n }, (_, i) => {
    const { cell, row } = cellOf(from + i);
    return { code: 'x.test', severity: i % 3 ? 'warning' : 'error', sheet: '优抚对象', cell, row, params: {}, fix: `修正${cell}` };
  });
}

/** The ledger; `text(k)` replaces the value of the k-th cell of the walk. */
function ledger(text: (k: number) => string | undefined = () => undefined): ExcelSim {
  const rows = Array.from({ length: ROWS }, (_, r) => Array.from({ length: COLS }, (_, c) => (r === 0 ? `列${c + 1}` : `值${r}-${c}`)));
  for (let k = 0; k < 32008; k++) {
    const t = text(k);
    if (t === undefined) break;
    const { cell, row } = cellOf(k);
    rows[row - 1][cell.charCodeAt(0) - 65] = t;
  }
  return createExcel({ sheets: [{ name: '优抚对象', rows, fills: { A2: '#92D050', C7: '#FFFF00' } }] }, { profile: 'web' });
}

const render = (p: Problem) => `身份证号校验码错误（${p.cell}）`;

/** The largest request and response sent since `from` (an index into the request log). */
function largest(sim: ExcelSim, from: number): { request: number; response: number; errors: string[] } {
  const log = sim.requests.slice(from);
  return {
    request: Math.max(...log.map((r) => r.requestBytes)),
    response: Math.max(...log.map((r) => r.responseBytes)),
    errors: log.flatMap((r) => (r.error ? [r.error] : [])),
  };
}

test('清除标记 reads the comments 5,000 at a time: 7,000 comments clear under a 3.3 MB limit', async () => {
  xl = ledger();
  const before = snapshot(xl);
  const m = await xl.run((ctx) => markProblems(ctx, problems(7000), { render, mode: 'comments' }));
  expect(m.marked).toBe(7000);
  expect(xl.model.sheets[0].comments.size).toBe(7000);
  // Unpaged, the locations of all 7,000 comments go in one request of about 3.9 MB.
  xl.model.payloadLimit = 3300 * KB;
  const from = xl.requests.length;
  const r = await xl.run((ctx) => clearMarks(ctx));
  expect(r.cleared).toBe(7000);
  expect(largest(xl, from).errors).toEqual([]);
  expect(snapshot(xl)).toBe(before);
});

test('清除标记 leaves room in each restore batch for the record it rewrites (a record near the limit)', async () => {
  // A large record: 2,000 fixes of long texts kept for 撤销修正, rewritten with every restore batch.
  const long = (k: number) => `${'某村某组某户的情况说明'.repeat(30)}${k}`;
  xl = ledger((k) => (k < 2000 ? long(k) : undefined));
  const before = snapshot(xl);
  await xl.run((ctx) => applyFixes(ctx, problems(2000)));
  const afterFixes = snapshot(xl);
  await xl.run((ctx) => markProblems(ctx, problems(1500, 2000), { render, mode: 'comments' }));
  // The record as a request carries it; the limit is set so that it fills 88 % of a request (as
  // the 50,000 fixes of the bench did), the budget keeps the web's ratio (MARK_BUDGET 4.6 of 5 MB).
  xl.model.payloadLimit = 1e9;
  const probe = xl.requests.length;
  await xl.run((ctx) => loadState(ctx));
  const record = largest(xl, probe).response;
  const limit = Math.round(record / 0.88);
  xl.model.payloadLimit = limit;
  const from = xl.requests.length;
  const r = await xl.run((ctx) => clearMarks(ctx, { budget: Math.round((limit * 4.6) / 5) }));
  expect(r.cleared).toBe(1500);
  const seen = largest(xl, from);
  expect(seen.errors).toEqual([]);
  expect(seen.request).toBeLessThanOrEqual(limit);
  expect(snapshot(xl)).toBe(afterFixes);
  xl.model.payloadLimit = 5 * KB * KB;
  await xl.run((ctx) => undoFixes(ctx));
  expect(snapshot(xl)).toBe(before);
});

test('撤销修正 restores 5,000 cells per request: 7,000 fixes undo under a 2.6 MB limit', async () => {
  xl = ledger();
  const before = snapshot(xl);
  const f = await xl.run((ctx) => applyFixes(ctx, problems(7000)));
  expect(f.changed).toBe(7000);
  // In batches of 20,000, the 7,000 cells are read back in one request of about 3.1 MB.
  xl.model.payloadLimit = 2600 * KB;
  const from = xl.requests.length;
  const u = await xl.run((ctx) => undoFixes(ctx));
  expect(u.changed).toBe(7000);
  expect(largest(xl, from).errors).toEqual([]);
  expect(snapshot(xl)).toBe(before);
});

/**
 * The Excel host layer against the fake Excel (test/fake-excel), which measures every sync's
 * request and response as Excel on the web would (UTF-8 JSON, 5 MB cap).
 *
 *   excel.read.syncs.100k          syncs to read a 100k-row ledger   target ≤ ⌈payload / 4 MB⌉ + 2
 *   excel.read.max_request_mb.100k largest request or response (MB) target < 5
 *   excel.mark.syncs.10k           syncs to mark 10k scattered cells target ≤ 10
 *   excel.clear.restores_exact     marks + fixes, then 清除标记 + 撤销修正 restore every fill and value
 *   excel.check.syncs.100k         (informational) the whole 校验 on that ledger: read, check, mark, report
 *
 * Run: npx tsx bench/excel.bench.ts
 */
import type { Problem } from '../src/core/problem';
import { applyFixes, undoFixes } from '../src/excel/fix';
import { clearMarks, markProblems } from '../src/excel/mark';
import { readWorkbook } from '../src/excel/read';
import { LARGE_HEADER, SAMPLE_VILLAGES, SAMPLE_YEAR, largeLedgerRows } from '../src/samples/generate';
import { resolveSettings } from '../src/core/settings';
import { createExcelHost } from '../src/excel/host-impl';
import { createExcel, type CellInput } from '../test/excel-sim/node';

const MB = 1024 * 1024;

async function benchRead(): Promise<void> {
  const rows: CellInput[][] = [['红旗村优抚对象花名册'], ['填报单位：红旗村'], LARGE_HEADER];
  for (const r of largeLedgerRows(100_000)) rows.push(r.map((v) => (v instanceof Date ? { v, f: 'yyyy-mm-dd' } : (v as CellInput))));
  const fake = createExcel({ name: '红旗村.xlsx', sheets: [{ name: '优抚对象', rows, merges: ['A1:P1'] }] });
  fake.model.resetStats();
  const t0 = Date.now();
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const ms = Date.now() - t0;
  const st = fake.model.stats;
  const payload = st.requests.reduce((a, x) => a + x.response + x.request, 0);
  const target = Math.ceil(payload / (4 * MB)) + 2;
  const rowsRead = r.data.sheets[0].rows.length;
  console.log(`excel.read.syncs.100k: ${st.syncs} (target ≤ ⌈payload/4MB⌉+2 = ${target}; payload ${(payload / MB).toFixed(1)} MB; ${rowsRead} rows in ${ms} ms)`);
  console.log(`excel.read.max_request_mb.100k: ${(Math.max(st.maxRequestBytes, st.maxResponseBytes) / MB).toFixed(2)} (target < 5)`);

  // The whole 校验 button on the same ledger: read, check, mark, report (informational).
  fake.model.resetStats();
  const t1 = Date.now();
  const result = await createExcelHost().check('workbook', resolveSettings({ year: SAMPLE_YEAR, villages: SAMPLE_VILLAGES }));
  const st2 = fake.model.stats;
  console.log(
    `excel.check.syncs.100k: ${st2.syncs} (read+check+mark+report; ${result.problems.length} problems listed, largest request/response ${(Math.max(st2.maxRequestBytes, st2.maxResponseBytes) / MB).toFixed(2)} MB, ${Date.now() - t1} ms)`,
  );
  fake.uninstall();
}

function scattered(n: number, rows: number, cols: number): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (let k = 0; out.length < n; k++) {
    const r = 2 + ((k * 7919) % (rows - 1));
    const c = (k * 13) % cols;
    const cell = `${String.fromCharCode(65 + c)}${r}`;
    if (seen.has(cell)) continue;
    seen.add(cell);
    out.push({ code: 'bench', severity: k % 3 ? 'warning' : 'error', sheet: '优抚对象', cell, row: r, params: {} });
  }
  return out;
}

function snapshot(fake: ReturnType<typeof createExcel>): string {
  return JSON.stringify(
    fake.model.sheets
      .filter((s) => s.visibility !== 'VeryHidden')
      .map((s) => [s.name, s.rows, [...s.formats].sort(), [...s.fills].sort(), [...s.notes].sort(), [...s.comments].sort()]),
  );
}

async function benchMark(): Promise<void> {
  const ROWS = 20_000;
  const rows: CellInput[][] = [LARGE_HEADER];
  let i = 0;
  for (const r of largeLedgerRows(ROWS)) {
    rows.push(r.map((v) => (v instanceof Date ? { v, f: 'yyyy-mm-dd' } : (v as CellInput))));
    if (++i >= ROWS) break;
  }
  const fills: Record<string, string> = {};
  for (let r = 2; r < ROWS; r += 97) fills[`C${r}:E${r}`] = '#92D050'; // a user's own fills
  const fake = createExcel({ sheets: [{ name: '优抚对象', rows, fills }] });
  const problems = scattered(10_000, ROWS, 16);
  const before = snapshot(fake);
  fake.model.resetStats();
  const t0 = Date.now();
  const m = await Excel.run((ctx) => markProblems(ctx, problems, { render: (p) => `问题 ${p.cell}` }));
  const ms = Date.now() - t0;
  console.log(`excel.mark.syncs.10k: ${fake.model.stats.syncs} (target ≤ 10; ${m.marked} cells, mode ${m.mode}, largest request ${(fake.model.stats.maxRequestBytes / MB).toFixed(2)} MB, ${ms} ms)`);

  // Fixes on some marked cells, then clear + undo: everything as it was.
  const fixes: Problem[] = problems.slice(0, 2000).map((p) => ({ ...p, fix: `修正${p.cell}`, value: undefined }));
  await Excel.run((ctx) => applyFixes(ctx, fixes));
  await Excel.run((ctx) => clearMarks(ctx));
  await Excel.run((ctx) => undoFixes(ctx));
  const after = snapshot(fake);
  console.log(`excel.clear.restores_exact: ${after === before}`);
  if (process.env.DEBUG_BENCH && after !== before) {
    let k = 0;
    while (after[k] === before[k]) k++;
    console.log(before.slice(k - 200, k + 200));
    console.log(after.slice(k - 200, k + 200));
  }
  fake.uninstall();
}

async function main(): Promise<void> {
  if (!process.env.DEBUG_BENCH) await benchRead();
  await benchMark();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

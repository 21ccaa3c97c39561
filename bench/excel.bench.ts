/**
 * The Excel host layer through Microsoft's own Office.js client (excel-web-16.00.debug.js), answered
 * by the in-memory Excel of test/excel-sim/ on the web profile (5 MB caps): request and response
 * bytes are what the real client serialises and what the host answers.
 *
 *   excel.real_client                          the lines below ran through @microsoft/office-js
 *   excel.mark.max_request_mb.50k.web          largest mark request, 50,000 problem cells   target < 5
 *   excel.mark.syncs.50k.web                   syncs of that marking     target ≤ ⌈bytes/4 MB⌉ + 3
 *   excel.fix.max_request_mb.50k.web           largest request fixing 50,000 cells           target < 5
 *   excel.read.max_request_mb.100k.web         largest request/response reading 100k rows   target < 5
 *   excel.read.syncs.100k.web                  syncs of that read        target ≤ ⌈payload/4 MB⌉ + 2
 *   excel.headers.max_response_mb.200sheets    largest answer reading 200 ledger sheets       target < 5
 *   excel.import.ledgers.3files                ledger sheets imported from 3 sample villages  = ledger check
 *   excel.clear.restores_exact                 marks + fixes, then 清除标记 + 撤销修正 restore everything
 *
 * Run: npx tsx bench/excel.bench.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkWorkbooks } from '../src/core';
import type { Problem } from '../src/core/problem';
import { resolveSettings } from '../src/core/settings';
import { readXlsx } from '../src/cli/read';
import { applyFixes, undoFixes } from '../src/excel/fix';
import { createExcelHost } from '../src/excel/host-impl';
import { clearMarks, markProblems } from '../src/excel/mark';
import { readWorkbook } from '../src/excel/read';
import { LARGE_HEADER, SAMPLE_VILLAGES, SAMPLE_YEAR, largeLedgerRows } from '../src/samples/generate';
import { type CellInput, type ExcelSim, createExcel } from '../test/excel-sim/node';

const MB = 1024 * 1024;
const mb = (b: number) => (b / MB).toFixed(2);

function ledgerRows(n: number): CellInput[][] {
  const rows: CellInput[][] = [LARGE_HEADER];
  let i = 0;
  for (const r of largeLedgerRows(n)) {
    rows.push(r.map((v) => (v instanceof Date ? { v, f: 'yyyy-mm-dd' } : (v as CellInput))));
    if (++i >= n) break;
  }
  return rows;
}

function totals(xl: ExcelSim) {
  const reqs = xl.model.stats.requests;
  return {
    syncs: reqs.length,
    request: reqs.reduce((a, x) => a + x.request, 0),
    response: reqs.reduce((a, x) => a + x.response, 0),
    maxRequest: xl.model.stats.maxRequestBytes,
    maxResponse: xl.model.stats.maxResponseBytes,
  };
}

async function benchRead(): Promise<void> {
  const rows: CellInput[][] = [['红旗村优抚对象花名册'], ['填报单位：红旗村'], ...ledgerRows(100_000)];
  const xl = createExcel({ name: '红旗村.xlsx', sheets: [{ name: '优抚对象', rows, merges: ['A1:P1'] }] }, { profile: 'web' });
  xl.model.resetStats();
  const t0 = Date.now();
  const r = await xl.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const t = totals(xl);
  const payload = t.request + t.response;
  console.log(`excel.read.max_request_mb.100k.web: ${mb(Math.max(t.maxRequest, t.maxResponse))} (target < 5)`);
  console.log(
    `excel.read.syncs.100k.web: ${t.syncs} (target ≤ ⌈payload/4MB⌉+2 = ${Math.ceil(payload / (4 * MB)) + 2}; payload ${mb(payload)} MB; ${r.data.sheets[0].rows.length} rows in ${Date.now() - t0} ms; includes the client's clean-up request)`,
  );
  xl.uninstall();
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

function snapshot(xl: ExcelSim): string {
  return JSON.stringify(
    xl.model.sheets.filter((s) => s.visibility !== 'VeryHidden').map((s) => [s.name, s.rows, [...s.formats].sort(), [...s.fills].sort(), [...s.notes].sort(), [...s.comments].sort()]),
  );
}

async function benchMarkFix(): Promise<void> {
  const ROWS = 20_000;
  const rows = ledgerRows(ROWS);
  const fills: Record<string, string> = {};
  for (let r = 2; r < ROWS; r += 97) fills[`C${r}:E${r}`] = '#92D050'; // a user's own fills
  const xl = createExcel({ sheets: [{ name: '优抚对象', rows, fills }] }, { profile: 'web' });
  const problems = scattered(50_000, ROWS, 16);
  const before = snapshot(xl);
  xl.model.resetStats();
  const t0 = Date.now();
  // A message as long as the real ones (Chinese, with the value quoted).
  const m = await xl.run((ctx) => markProblems(ctx, problems, { render: (p) => `身份证号校验码错误：应为 8，实为 9（${p.cell}）` }));
  let t = totals(xl);
  const target = Math.ceil(t.request / (4 * MB)) + 3;
  console.log(`excel.mark.max_request_mb.50k.web: ${mb(t.maxRequest)} (target < 5; largest response ${mb(t.maxResponse)} MB)`);
  console.log(`excel.mark.syncs.50k.web: ${t.syncs} (target ≤ ⌈bytes/4MB⌉+3 = ${target}; ${mb(t.request)} MB sent; ${m.marked} cells, mode ${m.mode}, ${Date.now() - t0} ms)`);

  const fixes: Problem[] = problems.map((p) => ({ ...p, fix: `修正${p.cell}`, value: undefined }));
  xl.model.resetStats();
  const t1 = Date.now();
  const f = await xl.run((ctx) => applyFixes(ctx, fixes));
  t = totals(xl);
  console.log(`excel.fix.max_request_mb.50k.web: ${mb(Math.max(t.maxRequest, t.maxResponse))} (target < 5; ${f.changed} cells in ${t.syncs} syncs, ${Date.now() - t1} ms)`);

  await xl.run((ctx) => clearMarks(ctx));
  await xl.run((ctx) => undoFixes(ctx));
  console.log(`excel.clear.restores_exact: ${snapshot(xl) === before}`);
  xl.uninstall();
}

async function benchHeaders(): Promise<void> {
  // 200 ledger sheets (about 30 imported villages), 60 rows each.
  const rows = ledgerRows(60);
  const sheets = Array.from({ length: 200 }, (_, i) => ({ name: `优抚对象${i + 1}`, rows }));
  const xl = createExcel({ sheets }, { profile: 'web' });
  xl.model.resetStats();
  await xl.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const t = totals(xl);
  console.log(`excel.headers.max_response_mb.200sheets: ${mb(t.maxResponse)} (target < 5; ${t.syncs} syncs, largest request ${mb(t.maxRequest)} MB)`);
  xl.uninstall();
}

async function benchImport(): Promise<void> {
  const names = ['红旗村', '光明村', '和平村'];
  const root = path.join(__dirname, '..', 'samples');
  const settings = resolveSettings({ year: SAMPLE_YEAR, villages: SAMPLE_VILLAGES });
  const files = names.map((n) => ({ name: `${n}.xlsx`, base64: fs.readFileSync(path.join(root, `${n}.xlsx`)).toString('base64') }));
  const xl = createExcel({ name: '青山镇汇总.xlsx', sheets: [{ name: '封面', rows: [['青山镇']] }] }, { profile: 'web' });
  const st = await createExcelHost().importWorkbooks(files, settings);
  const imported = st.reduce((n, s) => n + s.ledgers.length, 0);
  // What `ledger check` recognises in the same files.
  const books = await Promise.all(names.map(async (n) => (await readXlsx(path.join(root, `${n}.xlsx`))).data));
  const cli = new Set(checkWorkbooks(books, settings).sheets.filter((s) => s.ledger).map((s) => `${s.file}\u0000${s.ledger}`)).size;
  console.log(`excel.import.ledgers.3files: ${imported} (target = ${cli}, what ledger check recognises; ${st.filter((s) => s.ok).length}/3 files read)`);
  xl.uninstall();
}

async function main(): Promise<void> {
  console.log('excel.real_client: true (@microsoft/office-js excel-web-16.00.debug.js → test/excel-sim, web profile)');
  // EXCEL_BENCH=headers,import … runs only those parts (read, mark, headers, import).
  const only = new Set((process.env.EXCEL_BENCH ?? 'read,mark,headers,import').split(','));
  if (only.has('read')) await benchRead();
  if (only.has('headers')) await benchHeaders();
  if (only.has('import')) await benchImport();
  if (only.has('mark')) await benchMarkFix();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

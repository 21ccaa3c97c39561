/**
 * Year-over-year and reference-list benchmarks (`npx tsx bench/compare.bench.ts`, part of `npm run
 * bench`). Each measurement runs in its own child process; the bare read and the command are run
 * interleaved on the same inputs in the same run, the fastest of each kept.
 *
 *   cli.diff.vs_read.100k        `ledger diff` of two 100k-row 优抚对象 ledgers (last year's with
 *                                moved rows, changed amounts, rows gone and rows new) ÷ a bare
 *                                read of both with the CLI's own reader (src/cli/xlsx, the sheet
 *                                model row by row, nothing checked; target ≤ 1.3)
 *   cli.reconcile.vs_read.100k   `ledger reconcile` of a 100k-row 兵役登记 roster against a 100k-row
 *                                police list ÷ a bare read of both (target ≤ 1.3)
 */
import * as fs from 'fs';
import * as path from 'path';
import { benchEntry, runBenchChild } from './child';
import ExcelJS from 'exceljs';
import { LARGE_HEADER, largeLedgerRows } from '../src/samples/generate';
import { makeId } from '../src/samples/ids';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'bench-output', 'compare');

interface ChildResult {
  ms: number;
  cpuMs: number;
  code?: number;
}

async function child(mode: string, files: string[]): Promise<void> {
  // Modules are loaded before the clock starts (tsx compiling TypeScript is not what a user's
  // compiled CLI pays), for the bare read as for the command.
  const { runWith } = await import('../src/cli/main');
  const { readXlsxStream } = await import('../src/cli/xlsx/reader');
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let code: number | undefined;
  if (mode === 'read') {
    // The bare read: the CLI's own streaming reader producing the sheet model of both files.
    for (const f of files) await readXlsxStream(f);
  } else {
    const io = { out: () => undefined, err: () => undefined };
    const args =
      mode === 'diff'
        ? ['diff', '--last', files[0], '--this', files[1], '--quiet', '--year', '2026', '--json', path.join(OUT, 'diff.json')]
        : ['reconcile', files[0], '--roster', files[1], '--quiet', '--year', '2026', '--json', path.join(OUT, 'reconcile.json')];
    code = await runWith(args, io);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c1 = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (c1.user + c1.system) / 1000, code }) + '\n');
}

function runChild(mode: string, files: string[]): ChildResult {
  return runBenchChild<ChildResult>(__filename, mode, files);
}

async function writeStream(file: string, sheet: string, title: string, header: string[], rows: Iterable<ExcelJS.CellValue[]>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet);
  ws.addRow([title]).commit();
  ws.addRow(header).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

/** This year's and last year's 优抚对象 ledgers: last year's rows reversed, every 50th amount
 *  different, every 200th row only last year, every 250th only this year. */
async function ensureYears(n: number): Promise<[string, string]> {
  const last = path.join(OUT, 'youfu-2025-100k.xlsx');
  const cur = path.join(OUT, 'youfu-2026-100k.xlsx');
  if (!fs.existsSync(last) || !fs.existsSync(cur)) {
    const rows = [...largeLedgerRows(n, 7, '红旗村')];
    await writeStream(cur, '优抚对象', '红旗村优抚对象花名册', LARGE_HEADER, rows.filter((_, i) => i % 200 !== 199));
    const old = rows
      .filter((_, i) => i % 250 !== 249)
      .map((r, i) => (i % 50 === 0 ? r.map((v, j) => (j === 12 && typeof v === 'number' ? v + 100 : v)) : r))
      .reverse();
    await writeStream(last, '优抚对象', '红旗村优抚对象花名册（上年）', LARGE_HEADER, old as ExcelJS.CellValue[][]);
  }
  return [last, cur];
}

/** A 100k-row 兵役登记 roster and a 100k-row police list sharing most of their men. */
async function ensureRosterAndList(n: number): Promise<[string, string]> {
  const roster = path.join(OUT, 'roster-100k.xlsx');
  const list = path.join(OUT, 'police-100k.xlsx');
  if (!fs.existsSync(roster) || !fs.existsSync(list)) {
    const villages = ['红旗村', '光明村', '和平村', '新民社区', '东风村', '向阳村', '前进村', '胜利村', '团结村', '幸福村'];
    const men: Array<{ id: string; v: string; name: string }> = [];
    for (let i = 0; men.length < n + n / 50; i++) {
      const day = i % 336;
      const seq = Math.floor(i / 336) * 2 + 1;
      men.push({ id: makeId('370102', 2008, 1 + Math.floor(day / 28), 1 + (day % 28), seq, '男'), v: villages[i % villages.length], name: `男${i}` });
    }
    const rosterRows = men.slice(0, n).map((m, i): ExcelJS.CellValue[] => [i + 1, m.v, m.name, m.id, '男', '初次', i % 20 === 0 ? '否' : '是', i % 20 === 0 ? null : '2026-05-10']);
    await writeStream(roster, '兵役登记', '兵役登记名册', ['序号', '所在村', '姓名', '身份证号', '性别', '登记类型', '是否已登记', '登记日期'], rosterRows);
    const listRows = men.slice(n / 50, n + n / 50).map((m, i): ExcelJS.CellValue[] => [i + 1, m.name, '男', m.id, `青山镇${i % 97 === 0 ? '光明村' : m.v}${(i % 9) + 1}组`]);
    await writeStream(list, 'Sheet1', '适龄男青年名单', ['序号', '姓名', '性别', '公民身份号码', '户籍地址'], listRows);
  }
  return [roster, list];
}

/** Runs modes a and b interleaved n times: the fastest of each by wall time, and the least CPU of each. */
function compare(a: string, b: string, files: string[], n: number): [ChildResult, ChildResult, number, number] {
  const ra: ChildResult[] = [];
  const rb: ChildResult[] = [];
  for (let i = 0; i < n; i++) {
    ra.push(runChild(a, files));
    rb.push(runChild(b, files));
  }
  const fastest = (rs: ChildResult[]) => rs.reduce((x, r) => (r.ms < x.ms ? r : x));
  return [fastest(ra), fastest(rb), Math.min(...ra.map((r) => r.cpuMs)), Math.min(...rb.map((r) => r.cpuMs))];
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const years = await ensureYears(100_000);
  const [readY, diff, readYCpu, diffCpu] = compare('read', 'diff', years, 2);
  console.log(`cli.diff.ms.100k: ${diff.ms.toFixed(0)} (exit ${diff.code})`);
  console.log(`cli.diff.vs_read.100k: ${(diff.ms / readY.ms).toFixed(3)} (target ≤ 1.3; bare read of both ${readY.ms.toFixed(0)} ms; cpu ratio ${(diffCpu / readYCpu).toFixed(3)})`);
  const lists = await ensureRosterAndList(100_000);
  const [readL, rec, readLCpu, recCpu] = compare('read', 'reconcile', lists, 2);
  console.log(`cli.reconcile.ms.100k: ${rec.ms.toFixed(0)} (exit ${rec.code})`);
  console.log(`cli.reconcile.vs_read.100k: ${(rec.ms / readL.ms).toFixed(3)} (target ≤ 1.3; bare read of both ${readL.ms.toFixed(0)} ms; cpu ratio ${(recCpu / readLCpu).toFixed(3)})`);
}

benchEntry('compare', main, child);

/**
 * CLI benchmarks (`npx tsx bench/cli.bench.ts`, part of `npm run bench`). Each measurement runs in
 * its own child process (this file re-run with `--child MODE FILES…`) so that heap and peak RSS of
 * one do not leak into the other. Prints `metric: value (target …)` lines.
 *
 *   cli.check.vs_read.100k       `ledger check` wall time on a 100k-row workbook ÷ a bare exceljs
 *                                readFile of the same file (target ≤ 1.25)
 *   cli.check.peak_rss_mb.300k   peak RSS of `ledger check` on a 300k-row workbook, with the bare
 *                                read's peak and the ratio (target ratio ≤ 2)
 *   cli.merge.vs_read.100k       `ledger merge` of 10 workbooks totalling 100k rows ÷ a bare read
 *                                of them (target ≤ 2.0)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'bench-output', 'cli');

interface ChildResult {
  ms: number;
  cpuMs: number;
  peakMb: number;
  code?: number;
}

async function child(mode: string, files: string[]): Promise<void> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let code: number | undefined;
  if (mode === 'read') {
    for (const f of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
    }
  } else if (mode === 'floor') {
    for (const f of files) await floor(f);
  } else if (mode === 'stream') {
    const { readXlsxStream } = await import('../src/cli/xlsx/reader');
    for (const f of files) await readXlsxStream(f);
  } else if (mode === 'check' || mode === 'merge') {
    const { runWith } = await import('../src/cli/main');
    const io = { out: () => undefined, err: () => undefined };
    const args = mode === 'check' ? ['check', ...files, '--quiet', '--year', '2026'] : ['merge', ...files, '--quiet', '--year', '2026', '--out', path.join(OUT, 'merged.xlsx')];
    code = await runWith(args, io);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const ru = process.resourceUsage();
  const peakMb = ru.maxRSS / 1024;
  // CPU time (user + system, all threads: zlib inflates on the thread pool): steadier than wall
  // time on a shared machine.
  const c1 = process.cpuUsage(c0);
  const cpuMs = (c1.user + c1.system) / 1000;
  process.stdout.write(JSON.stringify({ ms, cpuMs, peakMb, code }) + '\n');
}

/**
 * The floor of reading a workbook: zlib (through yauzl) inflating its sheets and shared strings,
 * plus one scan of the inflated bytes counting the cells (`<c ` / `<c>`).
 */
const OPEN_C = Buffer.from('<c');

async function floor(file: string): Promise<number> {
  const yauzl = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      let cells = 0;
      zip.on('entry', (e: import('yauzl').Entry) => {
        if (!/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(e.fileName)) return zip.readEntry();
        zip.openReadStream(e, (er, st) => {
          if (er || !st) return reject(er);
          let carry = false;
          st.on('data', (b: Buffer) => {
            // "<c" split across two chunks counts once.
            if (carry && b.length > 0 && b[0] === 0x63 && (b.length < 2 || b[1] === 0x20 || b[1] === 0x3e)) cells++;
            for (let i = b.indexOf(OPEN_C); i >= 0; i = b.indexOf(OPEN_C, i + 2)) {
              const n = i + 2 < b.length ? b[i + 2] : 0x20;
              if (n === 0x20 || n === 0x3e) cells++;
            }
            carry = b.length > 0 && b[b.length - 1] === 0x3c;
          });
          st.on('end', () => zip.readEntry());
          st.on('error', reject);
        });
      });
      zip.on('end', () => resolve(cells));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function runChild(mode: string, files: string[]): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
  });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ChildResult;
  } catch {
    throw new Error(`child ${mode} failed: ${r.stderr?.slice(0, 2000)}`);
  }
}

async function ensureLedger(rows: number, name: string, seed: number, village: string): Promise<string> {
  const f = path.join(OUT, name);
  if (!fs.existsSync(f)) {
    const { writeLargeLedger } = await import('../src/samples/write');
    await writeLargeLedger(f, rows, seed, village);
  }
  return f;
}

function fastest(runs: ChildResult[]): ChildResult {
  const f = runs.reduce((a, r) => (r.ms < a.ms ? r : a));
  return { ...f, peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

/** n runs of each mode, interleaved (A B A B …) so that a busy machine weighs on both alike; the
 *  fastest of each. */
function compare(a: string, b: string, files: string[], n: number): [ChildResult, ChildResult] {
  const ra: ChildResult[] = [];
  const rb: ChildResult[] = [];
  for (let i = 0; i < n; i++) {
    ra.push(runChild(a, files));
    rb.push(runChild(b, files));
  }
  return [fastest(ra), fastest(rb)];
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const villages = ['红旗村', '光明村', '和平村', '新民社区', '东风村', '向阳村', '前进村', '胜利村', '团结村', '幸福村'];

  // check vs read, 100k rows.
  const f100 = await ensureLedger(100_000, 'youfu-100k.xlsx', 1, '红旗村');
  const [read100, check100] = compare('read', 'check', [f100], 3);
  console.log(`cli.read.ms.100k: ${read100.ms.toFixed(0)}`);
  console.log(`cli.check.ms.100k: ${check100.ms.toFixed(0)}`);
  console.log(`cli.check.vs_read.100k: ${(check100.ms / read100.ms).toFixed(3)} (target ≤ 1.25)`);

  // peak memory, 300k rows.
  const f300 = await ensureLedger(300_000, 'youfu-300k.xlsx', 3, '光明村');
  const read300 = runChild('read', [f300]);
  const check300 = runChild('check', [f300]);
  console.log(`cli.read.peak_rss_mb.300k: ${read300.peakMb.toFixed(0)}`);
  console.log(`cli.check.peak_rss_mb.300k: ${check300.peakMb.toFixed(0)} (bare read ${read300.peakMb.toFixed(0)}; ratio ${(check300.peakMb / read300.peakMb).toFixed(2)}, target ≤ 2)`);
  console.log(`cli.check.peak_rss_ratio.300k: ${(check300.peakMb / read300.peakMb).toFixed(3)} (target ≤ 2)`);

  // merge of 10 workbooks totalling 100k rows.
  const ten: string[] = [];
  for (let i = 0; i < 10; i++) ten.push(await ensureLedger(10_000, `merge-${i + 1}.xlsx`, 100 + i, villages[i]));
  const [readTen, merge] = compare('read', 'merge', ten, 2);
  console.log(`cli.merge.ms.100k: ${merge.ms.toFixed(0)}`);
  console.log(`cli.merge.vs_read.100k: ${(merge.ms / readTen.ms).toFixed(3)} (target ≤ 2.0)`);
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) {
  child(process.argv[ci + 1], process.argv.slice(ci + 2)).catch((e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.log(`bench cli failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}

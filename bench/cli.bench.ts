/**
 * CLI benchmarks (`npx tsx bench/cli.bench.ts`, part of `npm run bench`). Each measurement runs in
 * its own child process (this file re-run with `--child MODE FILES…`) so that heap and peak RSS of
 * one do not leak into the other. Prints `metric: value (target …)` lines.
 *
 *   cli.floor.ms.100k            zlib inflating the sheets and shared strings of a 100k-row workbook
 *                                plus one scan counting its cells: the floor of reading it
 *   cli.check.vs_floor.100k      `ledger check` wall time ÷ the floor (target ≤ 2.5)
 *   cli.check.vs_read.100k       `ledger check` ÷ a bare exceljs readFile (for comparison)
 *   cli.tokenize.vs_floor.100k   the floor's inflation, with the maintained XML tokenizer the reader
 *                                uses (htmlparser2, over Latin-1, callbacks empty) instead of the
 *                                scan: the least a reader can cost that parses no XML by hand
 *                                (cli.md), before one cell is built
 *   cli.stream.vs_floor.100k     the CLI's reader alone (the sheet model, nothing checked)
 *   cli.check.peak_rss_mb.300k   peak RSS of `ledger check` on a 300k-row workbook (target ≤ 600)
 *   cli.check.peak_rss_mb.1m     the same on 1,000,000 rows (printed)
 *   cli.merge.vs_floor.100k      `ledger merge` of 10 workbooks totalling 100k rows ÷ their floor
 *                                (target ≤ 6)
 *   cli.check.peak_rss_mb.bomb   the largest peak RSS of `ledger check` over the broken-file corpus
 *                                of test/cli/hostile.ts, with a lying zip of 6.4 GB (target ≤ 1000)
 */
import * as fs from 'fs';
import * as path from 'path';
import { benchEntry, runBenchChild } from './child';
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
  // Modules are loaded before the clock starts: tsx compiling TypeScript is not what a user's
  // compiled CLI pays (and the floor loads next to nothing).
  const { runWith } = await import('../src/cli/main');
  const { readXlsxStream } = await import('../src/cli/xlsx/reader');
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
  } else if (mode === 'tokenize') {
    for (const f of files) await floor(f, true);
  } else if (mode === 'stream') {
    for (const f of files) await readXlsxStream(f);
  } else if (mode === 'check' || mode === 'merge') {
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

async function floor(file: string, tokenize = false): Promise<number> {
  const { Tokenizer } = await import('htmlparser2');
  const noop = (): void => undefined;
  const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Buffer, a: number, b: number): string }).latin1Slice;
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
          const tok = tokenize
            ? new Tokenizer({ xmlMode: true, decodeEntities: false }, { onattribdata: noop, onattribentity: noop, onattribend: noop, onattribname: noop, oncdata: noop, onclosetag: noop, oncomment: noop, ondeclaration: noop, onend: noop, onopentagend: noop, onopentagname: noop, onprocessinginstruction: noop, onselfclosingtag: noop, ontext: noop, ontextentity: noop })
            : null;
          st.on('data', (b: Buffer) => {
            if (tok) {
              tok.write(latin1Slice.call(b, 0, b.length));
              return;
            }
            // "<c" split across two chunks counts once.
            if (carry && b.length > 0 && b[0] === 0x63 && (b.length < 2 || b[1] === 0x20 || b[1] === 0x3e)) cells++;
            for (let i = b.indexOf(OPEN_C); i >= 0; i = b.indexOf(OPEN_C, i + 2)) {
              const n = i + 2 < b.length ? b[i + 2] : 0x20;
              if (n === 0x20 || n === 0x3e) cells++;
            }
            carry = b.length > 0 && b[b.length - 1] === 0x3c;
          });
          st.on('end', () => {
            tok?.end();
            zip.readEntry();
          });
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
  return runBenchChild<ChildResult>(__filename, mode, files);
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

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const villages = ['红旗村', '光明村', '和平村', '新民社区', '东风村', '向阳村', '前进村', '胜利村', '团结村', '幸福村'];

  // The floor, check and the bare exceljs read, 100k rows, interleaved.
  const f100 = await ensureLedger(100_000, 'youfu-100k.xlsx', 1, '红旗村');
  const floors: ChildResult[] = [];
  const checks: ChildResult[] = [];
  const reads: ChildResult[] = [];
  const tokenizes: ChildResult[] = [];
  const streams: ChildResult[] = [];
  for (let i = 0; i < 3; i++) {
    floors.push(runChild('floor', [f100]));
    checks.push(runChild('check', [f100]));
    reads.push(runChild('read', [f100]));
    tokenizes.push(runChild('tokenize', [f100]));
    streams.push(runChild('stream', [f100]));
  }
  const floor100 = fastest(floors);
  const check100 = fastest(checks);
  const read100 = fastest(reads);
  console.log(`cli.floor.ms.100k: ${floor100.ms.toFixed(0)} (cpu ${floor100.cpuMs.toFixed(0)})`);
  console.log(`cli.read.ms.100k: ${read100.ms.toFixed(0)}`);
  console.log(`cli.check.ms.100k: ${check100.ms.toFixed(0)} (cpu ${check100.cpuMs.toFixed(0)})`);
  console.log(`cli.check.vs_floor.100k: ${(check100.ms / floor100.ms).toFixed(3)} (target ≤ 2.5; cpu ratio ${(minCpu(checks) / minCpu(floors)).toFixed(3)})`);
  console.log(`cli.check.vs_read.100k: ${(check100.ms / read100.ms).toFixed(3)} (exceljs readFile, for comparison)`);
  console.log(`cli.tokenize.vs_floor.100k: ${(fastest(tokenizes).ms / floor100.ms).toFixed(3)} (htmlparser2's tokenizer over the inflated sheet, no cell built; cpu ratio ${(minCpu(tokenizes) / minCpu(floors)).toFixed(3)})`);
  console.log(`cli.stream.vs_floor.100k: ${(fastest(streams).ms / floor100.ms).toFixed(3)} (the CLI's reader alone, nothing checked; cpu ratio ${(minCpu(streams) / minCpu(floors)).toFixed(3)})`);

  // Peak memory, 300k rows and 1M rows.
  const f300 = await ensureLedger(300_000, 'youfu-300k.xlsx', 3, '光明村');
  const check300 = runChild('check', [f300]);
  console.log(`cli.check.peak_rss_mb.300k: ${check300.peakMb.toFixed(0)} (target ≤ 600; ${check300.ms.toFixed(0)} ms)`);
  const f1m = await ensureLedger(1_000_000, 'youfu-1m.xlsx', 7, '和平村');
  const check1m = runChild('check', [f1m]);
  console.log(`cli.check.peak_rss_mb.1m: ${check1m.peakMb.toFixed(0)} (${check1m.ms.toFixed(0)} ms, exit ${check1m.code})`);

  // Merge of 10 workbooks totalling 100k rows, against the floor of reading them.
  const ten: string[] = [];
  for (let i = 0; i < 10; i++) ten.push(await ensureLedger(10_000, `merge-${i + 1}.xlsx`, 100 + i, villages[i]));
  // Interleaved (floor, merge, floor, merge …) so that a busy machine weighs on both alike.
  const floorsTen: ChildResult[] = [];
  const merges: ChildResult[] = [];
  for (let i = 0; i < 3; i++) {
    floorsTen.push(runChild('floor', ten));
    merges.push(runChild('merge', ten));
  }
  const floorTen = fastest(floorsTen);
  const merge = fastest(merges);
  console.log(`cli.merge.ms.100k: ${merge.ms.toFixed(0)} (cpu ${merge.cpuMs.toFixed(0)}; peak ${merge.peakMb.toFixed(0)} MB)`);
  console.log(`cli.merge.vs_floor.100k: ${(merge.ms / floorTen.ms).toFixed(3)} (target ≤ 6; cpu ratio ${(minCpu(merges) / minCpu(floorsTen)).toFixed(3)})`);

  // The broken-file corpus (test/cli/hostile.ts), each file checked alone: the largest peak.
  const { writeHostileCorpus } = await import('../test/cli/hostile');
  const corpus = await writeHostileCorpus(path.join(OUT, 'hostile'), 6400);
  let worst = { peakMb: 0, name: '' };
  for (const c of corpus) {
    const r = runChild('check', [c.file]);
    if (r.peakMb > worst.peakMb) worst = { peakMb: r.peakMb, name: c.name };
  }
  console.log(`cli.check.peak_rss_mb.bomb: ${worst.peakMb.toFixed(0)} (target ≤ 1000; largest: ${worst.name}, ${corpus.length} files, lying zip inflating to 6.4 GB)`);
}

function minCpu(runs: ChildResult[]): number {
  return Math.min(...runs.map((r) => r.cpuMs));
}

benchEntry('cli', main, child);

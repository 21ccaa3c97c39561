/**
 * Task pane benchmarks (npm run bench):
 * - pane.bundle_kb_gzip: the JavaScript taskpane.html loads before Office is ready (its <script>
 *   tags, office.js excluded), gzipped — target ≤ 400;
 * - pane.first_paint_ms: from Office ready (the pane's `pane:office-ready` mark) to the main view
 *   painted (`pane:painted`), built bundle in Chromium over the fake Excel — target ≤ 1000
 *   (median of 5 loads).
 * Builds dist/ when missing. Prints `metric: value (target …)` lines; never fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, dist, openPage, root, serveDist } from '../test/e2e/harness';
import { configScript, fakeExcelScript, sampleWorkbook, toJson } from '../test/e2e/fake-bundle';

function ensureBuilt(): void {
  if (fs.existsSync(path.join(dist, 'taskpane.html'))) return;
  const r = spawnSync('npx', ['webpack', '--mode', 'production'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}

function bundleKbGzip(): { kb: number; files: string[] } {
  const files = initialScripts();
  const bytes = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
  return { kb: bytes / 1024, files };
}

function totalKbGzip(): number {
  return fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0) / 1024;
}

async function firstPaint(): Promise<{ median: number; runs: number[]; loadToPaint: number } | null> {
  const exe = chromiumPath();
  if (!exe) return null;
  const server = await serveDist();
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  const desc = await sampleWorkbook('红旗村');
  const scripts = [configScript({ workbookJson: toJson(desc) }), fakeExcelScript()];
  const runs: number[] = [];
  const fromStart: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const w = await openPage(browser, { initScripts: scripts });
      await w.page.goto(`${server.url}/taskpane.html`);
      await w.page.waitForFunction(() => performance.getEntriesByName('pane:painted').length > 0, undefined, { timeout: 20000 });
      const m = await w.page.evaluate(() => {
        const ready = performance.getEntriesByName('pane:office-ready')[0].startTime;
        const painted = performance.getEntriesByName('pane:painted')[0].startTime;
        return { ms: painted - ready, fromStart: painted };
      });
      runs.push(m.ms);
      fromStart.push(m.fromStart);
      await w.context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { median: median(runs), runs, loadToPaint: median(fromStart) };
}

async function main(): Promise<void> {
  ensureBuilt();
  const b = bundleKbGzip();
  console.log(`pane.bundle_kb_gzip: ${b.kb.toFixed(1)} (target ≤ 400; ${b.files.join(', ')})`);
  console.log(`pane.all_js_kb_gzip: ${totalKbGzip().toFixed(1)} (information: every chunk, loaded on demand)`);
  const p = await firstPaint();
  if (!p) {
    console.log('pane.first_paint_ms: skipped (Chromium not found: apt-get install -y chromium)');
    return;
  }
  console.log(`pane.first_paint_ms: ${p.median.toFixed(0)} (target ≤ 1000; runs ${p.runs.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`pane.navigation_to_paint_ms: ${p.loadToPaint.toFixed(0)} (information: from navigation start)`);
}

main().catch((e) => {
  console.log(`pane bench failed: ${e instanceof Error ? e.message : String(e)}`);
});

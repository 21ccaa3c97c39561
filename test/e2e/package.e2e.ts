/**
 * Issue 20: the install packages in Chromium with every request to another host refused.
 * `npm run package` builds both zips (once per run, into a temporary folder); each is unpacked and
 * its addin/ folder served at /shuangyong/ on 127.0.0.1, as the county's intranet server would.
 * (a) the --offline package: the pane loads, Office.js runs from the package's own folder, one
 *     check runs end to end, and not one request to another host is attempted (network or CSP);
 * (b) the default package with Microsoft's CDN refused, and with the CDN never answering: it falls
 *     back to its bundled Office.js and the same check runs;
 * (c) the Content Security Policy is the one declared, eval is refused, and nothing is violated:
 *     the pane is opened once more with the CSP enforced and no test code in the page (the
 *     in-memory Excel loads Microsoft's client with eval, so the check runs with the CSP bypassed).
 * The workbook behind Office.js is the in-memory Excel of the other browser tests (test/excel-sim)
 * behind Microsoft's Excel client, which the test serves from node_modules beside the package.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { unzipSync } from 'fflate';
import type { Browser, Route } from 'playwright-core';
import { assert, root, screenshot, type E2ETest } from './harness';
import { configScript, fakeExcelScript, sampleWorkbook, toJson } from './fake-bundle';

const PUBLIC_URL = 'https://addin.example.test/shuangyong';
const TEST_CLIENT_PATH = '/shuangyong/__test/excel-web-16.00.debug.js';
const CDN_DIR = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const CDN_OFFICE_JS = `${CDN_DIR}office.js`;
/** office.js's logging frame (opened by the CDN's o15apptofilemappingtable.js): refused by the CSP. */
const TELEMETRY_FRAME = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';
const webpackConfig = require(path.join(root, 'webpack.config.js')) as { contentSecurityPolicy: (s: string) => string };

interface Built {
  dir: string;
  zip: string;
}
const built = new Map<string, Promise<Built>>();

/** Builds (once) and unpacks the package; returns the folder holding addin/. */
function buildPackage(offline: boolean): Promise<Built> {
  const key = offline ? 'offline' : 'default';
  let p = built.get(key);
  const reuse = process.env[`E2E_PACKAGE_${key.toUpperCase()}`];
  if (!p && reuse) {
    // A package unpacked by an earlier run (for working on the tests, not in CI).
    p = Promise.resolve({ dir: reuse, zip: fs.readdirSync(path.dirname(path.dirname(reuse))).map((f) => path.join(path.dirname(path.dirname(reuse)), f)).find((f) => f.endsWith('.zip'))! });
    built.set(key, p);
  }
  if (!p) {
    p = Promise.resolve().then(() => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-package-${key}-`));
      const args = [path.join(root, 'scripts', 'package.js'), '--url', PUBLIC_URL, '--out', out, ...(offline ? ['--offline'] : [])];
      const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
      assert(r.status === 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
      const zip = fs.readdirSync(out).find((f) => f.endsWith('.zip'));
      assert(zip && (offline ? zip.endsWith('-offline.zip') : !zip.includes('offline')), `unexpected package name: ${zip}`);
      const files = unzipSync(new Uint8Array(fs.readFileSync(path.join(out, zip))));
      for (const [name, data] of Object.entries(files)) {
        const file = path.join(out, 'unpacked', name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, data);
      }
      const top = fs.readdirSync(path.join(out, 'unpacked'));
      assert(top.length === 1, `one top folder expected in the zip: ${top.join(', ')}`);
      return { dir: path.join(out, 'unpacked', top[0]), zip: path.join(out, zip) };
    });
    built.set(key, p);
  }
  return p;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/** Serves the package's addin/ folder at /shuangyong/ and records every path asked for. */
async function serveAddin(addin: string): Promise<{ base: string; origin: string; served: string[]; close: () => Promise<void> }> {
  const served: string[] = [];
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    served.push(p);
    if (p === TEST_CLIENT_PATH) {
      // Not part of the package either: Microsoft's Excel client for the in-memory Excel the test
      // harness installs (test/e2e/fake-entry.ts), served here so that it is no request to another host.
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      fs.createReadStream(path.join(root, 'node_modules', '@microsoft', 'office-js', 'dist', 'excel-web-16.00.debug.js')).pipe(res);
      return;
    }
    if (p === '/shuangyong/__csp-probe.js') {
      // Not part of the package: a same-origin script (allowed by script-src 'self') that tries eval.
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end("try { eval('1'); window.__evalResult = 'allowed'; } catch (e) { window.__evalResult = 'refused'; }");
      return;
    }
    const rel = p.startsWith('/shuangyong/') ? p.slice('/shuangyong/'.length) : null;
    const file = rel === null ? null : path.normalize(path.join(addin, rel));
    if (!file || !file.startsWith(addin) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { base: `${origin}/shuangyong/`, origin, served, close: () => new Promise((r) => server.close(() => r())) };
}

type CdnBehaviour = 'refuse' | 'hang' | 'serve';

interface Run {
  /** Requests to other hosts the browser attempted (all refused). */
  offsite: string[];
  /** CSP violations the page reported (blocked URI and directive). */
  violations: string[];
  errors: string[];
  served: string[];
  source: string | null;
  cspDeclared: string | null;
  evalRefused: boolean;
  startedMs: number;
}

/**
 * Opens the package's pane. mode 'check': with the in-memory Excel installed, runs one check end to
 * end — the in-memory Excel loads Microsoft's client with eval, so this context bypasses the CSP.
 * mode 'csp': the CSP enforced, no test code in the page: the pane must start (the outside-Office
 * page, as office.js runs without a host), with eval refused and nothing violated.
 */
async function runCheckIn(browser: Browser, pkg: Built, cdn: CdnBehaviour, shot: string, mode: 'check' | 'csp' = 'check'): Promise<Run> {
  const site = await serveAddin(path.join(pkg.dir, 'addin'));
  const desc = await sampleWorkbook('红旗村');
  const context = await browser.newContext({ viewport: { width: 350, height: 760 }, locale: 'zh-CN', deviceScaleFactor: 1, bypassCSP: mode === 'check' });
  const offsite: string[] = [];
  const errors: string[] = [];
  const hanging: Route[] = [];
  try {
    await context.addInitScript({
      content:
        'window.__csp = []; document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.blockedURI + " " + e.violatedDirective + " " + e.sourceFile.split("/").pop()); });',
    });
    if (mode === 'check') {
      await context.addInitScript({ content: configScript({ workbookJson: toJson(desc), clientUrl: `${site.origin}${TEST_CLIENT_PATH}` }) });
      await context.addInitScript({ content: fakeExcelScript() });
    }
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${site.origin}/`) || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') {
        await route.continue();
        return;
      }
      offsite.push(url);
      if (cdn === 'serve' && url.startsWith(CDN_DIR)) {
        // The CDN's files are the package's files (@microsoft/office-js), as in the other browser tests.
        const file = path.join(root, 'node_modules', '@microsoft', 'office-js', 'dist', url.slice(CDN_DIR.length).split(/[?#]/)[0]);
        if (fs.existsSync(file)) {
          await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fs.readFileSync(file) });
          return;
        }
      }
      if (cdn === 'hang' && url.startsWith('https://appsforoffice.microsoft.com/')) {
        hanging.push(route); // never answered: the loader must give up on its own
        return;
      }
      await route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      // Refusals by the CSP are counted as violations (below), not twice as console errors.
      if (m.type() === 'error' && !/ERR_BLOCKED_BY_CLIENT|ERR_FAILED|^Refused to (evaluate|frame)|^Framing '[^']*' violates the following Content Security Policy/.test(m.text())) errors.push(m.text());
    });
    const started = Date.now();
    // Not until "load": a CDN that never answers holds the load event back, not the pane.
    await page.goto(`${site.base}taskpane.html`, { waitUntil: 'domcontentloaded' });
    if (mode === 'check') {
      await page.getByRole('button', { name: /^校验$/ }).click({ timeout: 60000 });
      await page.getByRole('heading', { name: '校验结果' }).waitFor({ timeout: 30000 });
      const sheets = await page.evaluate(() => window.__fake!.model.sheets.map((s) => s.name));
      assert(sheets.includes('校验结果'), `no 校验结果 sheet after the check: ${sheets.join(', ')}`);
      await page.getByText(/\d+ 个错误/).first().waitFor({ timeout: 10000 });
    } else {
      // Without a host office.js reports "outside Office" within the pane's 10 s limit.
      await page.getByRole('heading', { name: '请在 Excel 中打开本加载项' }).waitFor({ timeout: 60000 });
    }
    // office.js's loader table opens its logging frame 3 s after it starts: wait past that.
    const left = started + 4500 - Date.now();
    if (left > 0) await page.waitForTimeout(left);
    await screenshot(page, shot);
    const state = await page.evaluate(() => {
      const w = window as unknown as { __csp: string[]; __officeJsSource?: string; OSF?: { _OfficeAppFactory?: unknown }; Office?: unknown };
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      return {
        violations: w.__csp.slice(),
        source: w.__officeJsSource ?? null,
        officeRan: !!(w.OSF && w.OSF._OfficeAppFactory && w.Office),
        cspDeclared: meta ? meta.getAttribute('content') : null,
      };
    });
    const errorsBeforeProbe = errors.slice();
    // Last, as it causes a violation of its own: eval in a script of the page's own origin.
    await page.addScriptTag({ url: `${site.base}__csp-probe.js` });
    const evalRefused = (await page.evaluate(() => (window as unknown as { __evalResult?: string }).__evalResult)) === 'refused';
    assert(state.officeRan, 'Office.js did not run (no OSF._OfficeAppFactory / Office)');
    return {
      offsite,
      violations: state.violations,
      errors: errorsBeforeProbe,
      served: site.served.slice(),
      source: state.source,
      cspDeclared: state.cspDeclared,
      evalRefused,
      startedMs: started,
    };
  } finally {
    for (const r of hanging) await r.abort('timedout').catch(() => undefined);
    await context.close();
    await site.close();
  }
}

/**
 * What the test's own in-memory Excel makes office.js say: test/excel-sim evaluates Microsoft's
 * Excel client after office.js has loaded its loader table (from the package's folder, so always
 * first), and the client then meets office.js's own Office.context / OSF.OUtil. Not the package's
 * doing: the 'csp' page load, which has no test code, must have no console error at all.
 */
const HARNESS_NOISE = [/^uncaught: Cannot redefine property: context$/, /^uncaught: OSF\.OUtil\.parseXdmInfoWithGivenFragment is not a function$/];

function assertNoErrorsOfOurs(run: Run): void {
  const ours = run.errors.filter((e) => !HARNESS_NOISE.some((n) => n.test(e)));
  assert(ours.length === 0, `console errors: ${ours.join(' | ')}`);
}

function assertOwnOfficeJs(run: Run): void {
  for (const p of ['/shuangyong/office-js/office.js', '/shuangyong/office-js/o15apptofilemappingtable.js']) {
    assert(run.served.includes(p), `${p} was not loaded from the package (served: ${run.served.join(', ')})`);
  }
}

/**
 * The one use of eval the pane tolerates: src/core/check/records.ts tries a generated record
 * builder with new Function and, when the CSP refuses it, falls back to plain objects. Its chunk
 * is found in the package by that code's own error text.
 */
function recordFactoryChunk(pkg: Built): string {
  const addin = path.join(pkg.dir, 'addin');
  const chunk = fs.readdirSync(addin).find((f) => f.endsWith('.js') && fs.readFileSync(path.join(addin, f), 'utf8').includes('"no literal"'));
  assert(chunk, 'the record factory (src/core/check/records.ts) was not found in the package');
  return chunk;
}

function assertCsp(run: Run, pkg: Built, source: string, expectedViolations: string[] = []): void {
  assert(run.cspDeclared === webpackConfig.contentSecurityPolicy(source), `CSP declared: ${run.cspDeclared}`);
  assert(run.evalRefused, 'eval ran: the CSP does not refuse it');
  const factory = `eval script-src ${recordFactoryChunk(pkg)}`;
  const unexpected = run.violations.filter((v) => v !== factory && !expectedViolations.some((e) => v.startsWith(e)));
  assert(unexpected.length === 0, `CSP violations: ${unexpected.join(' | ')}`);
  assert(run.errors.length === 0, `console errors: ${run.errors.join(' | ')}`);
}

export const tests: E2ETest[] = [
  {
    name: 'package --offline: pane, Office.js and a check from the package alone, 0 requests to other hosts',
    async run({ browser }) {
      const pkg = await buildPackage(true);
      const run = await runCheckIn(browser, pkg, 'refuse', 'package-offline');
      assert(run.offsite.length === 0, `requests to other hosts were attempted: ${run.offsite.join(', ')}`);
      assertOwnOfficeJs(run);
      assertNoErrorsOfOurs(run);
      const csp = await runCheckIn(browser, pkg, 'refuse', 'package-offline-csp', 'csp');
      assert(csp.offsite.length === 0, `requests to other hosts were attempted under the CSP: ${csp.offsite.join(', ')}`);
      assertOwnOfficeJs(csp);
      assertCsp(csp, pkg, 'local');
      assert(fs.existsSync(path.join(pkg.dir, '部署说明.md')), 'no 部署说明.md in the package');
      assert(fs.existsSync(path.join(pkg.dir, 'addin', 'help.html')), 'no help.html in the package');
      const manifest = fs.readFileSync(path.join(pkg.dir, 'manifest.xml'), 'utf8');
      assert(manifest.includes(`<SupportUrl DefaultValue="${PUBLIC_URL}/help.html"/>`), 'manifest SupportUrl is not the package help page');
      console.log(`      offline package: ${fs.statSync(pkg.zip).size} bytes; ${run.served.length} requests, all to the package`);
    },
  },
  {
    name: 'package (default): CDN refused → bundled Office.js, the check runs',
    async run({ browser }) {
      const pkg = await buildPackage(false);
      const run = await runCheckIn(browser, pkg, 'refuse', 'package-cdn-refused');
      assert(run.source === 'local', `Office.js came from ${run.source}, expected the bundled copy`);
      const others = run.offsite.filter((u) => u !== CDN_OFFICE_JS);
      assert(run.offsite.includes(CDN_OFFICE_JS), `the CDN was not tried first: ${run.offsite.join(', ')}`);
      assert(others.length === 0, `requests to other hosts besides the CDN: ${others.join(', ')}`);
      assertOwnOfficeJs(run);
      assertNoErrorsOfOurs(run);
      const csp = await runCheckIn(browser, pkg, 'refuse', 'package-cdn-refused-csp', 'csp');
      assert(csp.source === 'local', `under the CSP Office.js came from ${csp.source}`);
      assert(csp.offsite.every((u) => u === CDN_OFFICE_JS), `requests to other hosts besides the CDN: ${csp.offsite.join(', ')}`);
      assertCsp(csp, pkg, 'fallback');
      console.log(`      default package: ${fs.statSync(pkg.zip).size} bytes`);
    },
  },
  {
    name: 'package (default): CDN never answers → bundled Office.js after the time limit, the check runs',
    async run({ browser }) {
      const pkg = await buildPackage(false);
      const run = await runCheckIn(browser, pkg, 'hang', 'package-cdn-hangs');
      assert(run.source === 'local', `Office.js came from ${run.source}, expected the bundled copy`);
      assert(run.offsite.every((u) => u === CDN_OFFICE_JS), `requests to other hosts besides the CDN: ${run.offsite.join(', ')}`);
      assertOwnOfficeJs(run);
      assertNoErrorsOfOurs(run);
    },
  },
  {
    name: 'package (default): CDN answers → Office.js from the CDN, no bundled copy loaded',
    async run({ browser }) {
      const pkg = await buildPackage(false);
      const run = await runCheckIn(browser, pkg, 'serve', 'package-cdn');
      assert(run.source === 'cdn', `Office.js came from ${run.source}, expected the CDN`);
      assert(!run.served.some((p) => p.startsWith('/shuangyong/office-js/')), 'the bundled Office.js was loaded although the CDN answered');
      assert(run.offsite.every((u) => u.startsWith(CDN_DIR)), `requests to other hosts besides the CDN: ${run.offsite.join(', ')}`);
      const csp = await runCheckIn(browser, pkg, 'serve', 'package-cdn-csp', 'csp');
      assert(csp.source === 'cdn', `under the CSP Office.js came from ${csp.source}`);
      // The CDN's loader table opens Microsoft's logging frame: the CSP refuses it (frame-src 'self').
      assertCsp(csp, pkg, 'fallback', [`${new URL(TELEMETRY_FRAME).origin} frame-src`]);
    },
  },
];

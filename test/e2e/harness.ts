/**
 * Browser test harness: Debian's Chromium through playwright-core, the built pane served from
 * dist/ on a local HTTP server, office.js routed from node_modules, every other request that
 * leaves localhost recorded as a failure, and console errors of ours collected.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';

export const root = path.join(__dirname, '..', '..');
export const dist = path.join(root, 'dist');
export const resultsDir = path.join(root, 'test-results');
const officeDist = path.join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
export const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** office.js's own logging frame, which its mapping table loads 3 s after start: answered here
 *  with an empty page so that nothing leaves the machine (and nothing of ours is involved). */
export const OFFICE_TELEMETRY_FRAME = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string | null {
  // CHROMIUM_PATH, when set, is the only candidate (and lets the skip path be tried).
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** Serves dist/ (and extra routes) on 127.0.0.1 at a free port. */
/** Where serveDist serves Microsoft's Excel client for the in-memory Excel (fake-entry.ts): on the
 *  pane's own origin, which the pane's Content Security Policy (connect-src 'self') lets it fetch. */
export const CLIENT_PATH = '/__e2e/excel-web-16.00.debug.js';

export async function serveDist(extra: Record<string, () => Buffer | string> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (p === CLIENT_PATH) {
      res.writeHead(200, { 'content-type': TYPES['.js'] });
      fs.createReadStream(path.join(officeDist, 'excel-web-16.00.debug.js')).pipe(res);
      return;
    }
    if (extra[p]) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(p)] ?? 'application/octet-stream' });
      res.end(extra[p]());
      return;
    }
    const file = path.normalize(path.join(dist, p));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Requests that tried to leave localhost (other than the routed office.js files). */
  offsite: string[];
  /** Console errors and uncaught exceptions of ours. */
  errors: string[];
  /** Everything the page logged, for diagnosis. */
  log: string[];
}

const LOCAL = /^(https?|ws):\/\/(localhost|127\.0\.0\.1)(:\d+)?\//;

/** A new page with office.js routed locally, offsite requests blocked and errors collected. */
export async function openPage(
  browser: Browser,
  opts: { width?: number; height?: number; locale?: string; initScripts?: string[]; forcedColors?: boolean; bypassCSP?: boolean } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 350, height: opts.height ?? 760 },
    locale: opts.locale ?? 'zh-CN',
    deviceScaleFactor: 1,
    forcedColors: opts.forcedColors ? 'active' : 'none',
    // The in-memory Excel loads Microsoft's client with eval (test/excel-sim/client.ts), which the
    // pane's Content Security Policy refuses; the CSP itself is tested in package.e2e.ts.
    // A test may still ask for the CSP to apply (opts.bypassCSP: false).
    bypassCSP: opts.bypassCSP ?? true,
  });
  const w: Watched = { page: await context.newPage(), context, offsite: [], errors: [], log: [] };
  for (const s of opts.initScripts ?? []) await context.addInitScript({ content: s });
  // A page with the in-memory Excel (test/e2e/fake-entry.ts) gets Microsoft's Excel client
  // (excel-web-16.00.debug.js, which carries office.js's common part) where it asks for office.js.
  const simulated = (opts.initScripts ?? []).some((s) => s.includes('excel-web-16.00.debug.js'));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_CDN)) {
      const name = url.slice(OFFICE_CDN.length).split(/[?#]/)[0];
      // excel-web-16.00.debug.js: Microsoft's Excel client, which the in-memory Excel answers
      // (test/e2e/fake-entry.ts fetches it; CORS so that the localhost page may read it).
      if (name === 'office.js' || name === 'o15apptofilemappingtable.js' || name === 'excel-web-16.00.debug.js') {
        const file = simulated && name === 'office.js' ? 'excel-web-16.00.debug.js' : name;
        await route.fulfill({
          status: 200,
          contentType: 'text/javascript; charset=utf-8',
          headers: { 'access-control-allow-origin': '*' },
          body: fs.readFileSync(path.join(officeDist, file)),
        });
        return;
      }
    }
    if (url.split(/[?#]/)[0] === OFFICE_TELEMETRY_FRAME) {
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>blocked</title>' });
      return;
    }
    if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
      return;
    }
    w.offsite.push(url);
    await route.abort('blockedbyclient');
  });
  w.page.on('console', (msg) => {
    const text = msg.text();
    w.log.push(`[${msg.type()}] ${text}`);
    if (msg.type() !== 'error') return;
    const from = msg.location()?.url ?? '';
    // office.js's own complaints outside Office are not ours; blocked offsite requests are reported separately.
    if (from.startsWith(OFFICE_CDN)) return;
    if (/net::ERR_BLOCKED_BY_CLIENT/.test(text)) return;
    w.errors.push(`${text}${from ? ` (${from})` : ''}`);
  });
  w.page.on('pageerror', (err) => w.errors.push(`uncaught: ${err.message}`));
  return w;
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export function assertClean(w: Watched): void {
  assert(w.offsite.length === 0, `requests left localhost: ${w.offsite.join(', ')}`);
  assert(w.errors.length === 0, `console errors: ${w.errors.join(' | ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  // No stray tooltip from the last click: move the pointer away and drop focus.
  await page.mouse.move(1, 1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.waitForTimeout(350);
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface E2ETest {
  name: string;
  run: (ctx: { browser: Browser; baseUrl: string }) => Promise<void>;
}

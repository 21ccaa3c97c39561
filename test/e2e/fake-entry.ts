/**
 * Bundled (esbuild, IIFE) and injected into the page before it loads: installs the fake Excel of
 * test/fake-excel/ once office.js has run and before the pane's deferred bundles start, holding
 * the workbook given in `window.__E2E_CONFIG__`. The workbook's settings outlive a page reload
 * (sessionStorage), as a real workbook outlives its task pane.
 */
import { FakeRequestContext, installFakeExcel, type FakeOffice } from '../fake-excel';
import type { FakeWorkbookDescription } from '../fake-excel';

export interface E2EConfig {
  /** The workbook description as JSON, Dates as {"__date": ISO}. */
  workbookJson: string;
  displayLanguage?: string;
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string; isDarkTheme?: boolean };
  /** Milliseconds added to every context.sync(), to watch progress and cancel. */
  syncDelayMs?: number;
}

declare global {
  interface Window {
    __E2E_CONFIG__?: E2EConfig;
    __fake?: FakeOffice;
  }
}

const SETTINGS_STORE = 'e2e.fake-excel.settings';

function parse(json: string): FakeWorkbookDescription {
  return JSON.parse(json, (_k, v) => (v && typeof v === 'object' && typeof v.__date === 'string' ? new Date(v.__date) : v));
}

type OfficeLike = Record<string, unknown> & { context: Record<string, unknown> };

function install(): void {
  const cfg = window.__E2E_CONFIG__;
  if (!cfg || window.__fake) return;
  const desc = parse(cfg.workbookJson);
  const saved = sessionStorage.getItem(SETTINGS_STORE);
  if (saved) desc.settings = { ...(desc.settings ?? {}), ...(JSON.parse(saved) as Record<string, unknown>) };
  const g = globalThis as unknown as { Office?: OfficeLike };
  const officeJs = g.Office;
  const fake = installFakeExcel(desc);
  window.__fake = fake;
  // office.js keeps (and later re-assigns) its own Office object: give it the fake host's
  // onReady, context and actions rather than replacing it, as Excel fills in the real one.
  const fakeOffice = g.Office as OfficeLike;
  if (officeJs && officeJs !== fakeOffice) {
    officeJs.onReady = fakeOffice.onReady;
    officeJs.context = fakeOffice.context;
    officeJs.actions = fakeOffice.actions;
    g.Office = officeJs;
    // office.js's late-loading part turns `context` into a getter over its app factory.
    const osf = (globalThis as unknown as { OSF?: { _OfficeAppFactory?: { getContext?: () => unknown } } }).OSF;
    if (osf?._OfficeAppFactory) osf._OfficeAppFactory.getContext = () => fakeOffice.context;
  }
  const office = g.Office as OfficeLike;
  office.context.displayLanguage = cfg.displayLanguage ?? 'zh-CN';
  if (cfg.officeTheme) office.context.officeTheme = cfg.officeTheme;
  if (cfg.syncDelayMs) {
    const sync = FakeRequestContext.prototype.sync;
    const ms = cfg.syncDelayMs;
    FakeRequestContext.prototype.sync = async function (this: FakeRequestContext) {
      await new Promise((r) => setTimeout(r, ms));
      return sync.call(this);
    };
  }
  window.addEventListener('pagehide', () => {
    sessionStorage.setItem(SETTINGS_STORE, JSON.stringify(Object.fromEntries(fake.model.settings)));
  });
}

// office.js runs synchronously in <head>; the pane's bundles are deferred and run after the
// document becomes "interactive". Installing then replaces office.js's Office with the fake's.
// Only the top document: office.js's helper frames must not get a workbook.
// The install package's loader (src/boot/office-loader.js) loads Office.js later and announces it
// with "officejs-loaded" just before it starts the bundles: install then instead.
if (window.top === window) {
  window.addEventListener('officejs-loaded', () => install());
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive' && !document.getElementById('office-loader')) install();
  });
}

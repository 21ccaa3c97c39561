/**
 * Bundled (esbuild, IIFE) and injected into the page before it loads: once office.js has run and
 * before the pane's deferred bundles start, loads Microsoft's Excel client
 * (excel-web-16.00.debug.js, routed from node_modules by the harness) and installs the in-memory
 * Excel of test/excel-sim/ behind it, holding the workbook given in `window.__E2E_CONFIG__`. The
 * pane then runs pane → src/excel → the real client → the simulator. The workbook's settings
 * outlive a page reload (sessionStorage), as a real workbook outlives its task pane; with
 * `keepWorkbook` its sheets (values and number formats) do too.
 */
import { createExcel, keyCol, keyRow, colToLetters, type ExcelSim, type ProfileName, type SheetDescription, type WorkbookDescription } from '../excel-sim';
import { installEvents, type SimEvents } from '../excel-sim/events';

export interface E2EConfig {
  /** The workbook description as JSON, Dates as {"__date": ISO}. */
  workbookJson: string;
  displayLanguage?: string;
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string; isDarkTheme?: boolean };
  /** Milliseconds added to every request, to watch progress and cancel. */
  syncDelayMs?: number;
  /** Host profile (default 'web'). */
  profile?: ProfileName;
  /** Where to fetch Microsoft's Excel client from (default: /__e2e/… on the page's origin, served
   *  by harness.ts serveDist — the pane's CSP allows fetching only from there); the install-package
   *  tests serve it beside the package. */
  clientUrl?: string;
  /** The sheets outlive a reload too (values and number formats): the pane reopened on the same
   *  workbook, with what it wrote. */
  keepWorkbook?: boolean;
}

declare global {
  interface Window {
    __E2E_CONFIG__?: E2EConfig;
    __fake?: ExcelSim;
    /** Worksheet change events (the user typing: `__events.edit(sheet, address, values)`). */
    __events?: SimEvents;
  }
}

/** Where the harness serves Microsoft's Excel client from (node_modules, see harness.ts). */
export const CLIENT_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/excel-web-16.00.debug.js';
const SETTINGS_STORE = 'e2e.excel-sim.settings';
const SHEETS_STORE = 'e2e.excel-sim.sheets';

/** The sheets of the in-memory workbook as descriptions (values and number formats). */
function describeSheets(sim: ExcelSim): SheetDescription[] {
  return sim.model.sheets.map((s) => {
    const numberFormats: Record<string, string> = {};
    for (const [k, f] of s.formats) numberFormats[`${colToLetters(keyCol(k))}${keyRow(k) + 1}`] = f;
    const rows = Array.from({ length: s.rows.length }, (_, r) => Array.from(s.rows[r] ?? [], (v) => (v === undefined ? null : v)));
    return { name: s.name, rows, numberFormats };
  });
}

function parse(json: string): WorkbookDescription {
  return JSON.parse(json, (_k, v) => (v && typeof v === 'object' && typeof v.__date === 'string' ? new Date(v.__date) : v));
}

function clientText(): string {
  // Synchronous on purpose: the pane's deferred bundles must find Excel when they start.
  const url = window.__E2E_CONFIG__?.clientUrl ?? `${location.origin}/__e2e/excel-web-16.00.debug.js`;
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.send();
  if (xhr.status !== 200) throw new Error(`excel-sim: ${url} answered ${xhr.status}`);
  return xhr.responseText;
}

function install(): void {
  const cfg = window.__E2E_CONFIG__;
  if (!cfg || window.__fake) return;
  const desc = parse(cfg.workbookJson);
  const saved = sessionStorage.getItem(SETTINGS_STORE);
  if (saved) desc.settings = { ...(desc.settings ?? {}), ...(JSON.parse(saved) as Record<string, unknown>) };
  const sheets = cfg.keepWorkbook ? sessionStorage.getItem(SHEETS_STORE) : null;
  if (sheets) desc.sheets = JSON.parse(sheets) as SheetDescription[];
  const sim = createExcel(desc, { profile: cfg.profile ?? 'web', clientScript: clientText, delayMs: cfg.syncDelayMs });
  window.__fake = sim;
  window.__events = installEvents(sim);
  const office = (globalThis as unknown as { Office: { context: Record<string, unknown> } }).Office;
  office.context.displayLanguage = cfg.displayLanguage ?? 'zh-CN';
  if (cfg.officeTheme) office.context.officeTheme = cfg.officeTheme;
  window.addEventListener('pagehide', () => {
    sessionStorage.setItem(SETTINGS_STORE, JSON.stringify(Object.fromEntries(sim.model.settings)));
    if (cfg.keepWorkbook) sessionStorage.setItem(SHEETS_STORE, JSON.stringify(describeSheets(sim)));
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

/**
 * Microsoft's Office.js Excel client (npm @microsoft/office-js, dist/excel-web-16.00.debug.js),
 * loaded into this JavaScript realm and pointed at an in-process host:
 * - `OfficeExtension.ClientRequestContext.defaultRequestUrlAndHeaders` gives every request context
 *   an http(s) URL, so the client's HttpRequestExecutor serialises each batch as the RichApi JSON
 *   it would POST to `<url>/ProcessQuery?flags=…`;
 * - `OfficeExtension.HttpUtility.setCustomSendRequestFunc` receives that request instead of the
 *   network and hands it to the server (server.ts).
 * The host's side of Office's start-up (Office.context with its requirement sets and platform,
 * Office.onReady, the ribbon calling associated functions) is supplied by `installHost` as the
 * Office application would: office.js cannot complete its own handshake without a host.
 *
 * Node: the script is read from node_modules and evaluated in the global realm (jest gives each
 * test file its own). Browser: the page loads the same file with a <script> tag first (see
 * test/e2e/sim-bundle.ts); `loadClient` then finds it on `window`.
 */
export interface OfficeClient {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension & {
    HttpUtility: { setCustomSendRequestFunc(f: (req: { url: string; method: string; headers: Record<string, string>; body: unknown }) => Promise<unknown>): void };
    ClientRequestContext: { defaultRequestUrlAndHeaders: unknown };
  };
  Office: typeof Office;
}

type G = Record<string, unknown>;

/** Browser-like globals the library reads while it loads (Node only; a browser has them). */
function ensureBrowserGlobals(g: G): void {
  if (!g.window) g.window = g;
  if (!g.self) g.self = g;
  if (!g.navigator) g.navigator = { userAgent: 'Node.js (excel-sim)', language: 'zh-CN' };
  if (!g.location) g.location = { href: 'https://localhost/taskpane.html', search: '', hash: '', protocol: 'https:', host: 'localhost', hostname: 'localhost', pathname: '/taskpane.html' };
  if (!g.document) {
    g.document = {
      readyState: 'complete',
      cookie: '',
      addEventListener() {},
      removeEventListener() {},
      getElementById: () => null,
      querySelector: () => null,
      querySelectorAll: () => [],
      getElementsByTagName: () => [],
      createElement: () => ({ style: {}, setAttribute() {}, appendChild() {}, addEventListener() {} }),
    };
  }
  if (!g.addEventListener) g.addEventListener = () => undefined;
  if (!g.removeEventListener) g.removeEventListener = () => undefined;
  if (!g.localStorage) {
    const store = new Map<string, string>();
    g.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, String(v)),
      removeItem: (k: string) => void store.delete(k),
      clear: () => store.clear(),
      key: (i: number) => [...store.keys()][i] ?? null,
      get length() {
        return store.size;
      },
    };
  }
}

let loaded: OfficeClient | null = null;

/** Path of the client library inside node_modules (Node only). */
export const CLIENT_FILE = '@microsoft/office-js/dist/excel-web-16.00.debug.js';

/** Load the client once per realm and return its namespaces. */
export function loadClient(scriptText?: () => string): OfficeClient {
  const g = globalThis as unknown as G;
  if (loaded && g.Excel === loaded.Excel) return loaded;
  if (!(g.Excel && g.OfficeExtension)) {
    if (!scriptText) throw new Error('excel-sim: the Office.js client is not loaded (in a browser, load excel-web-16.00.debug.js with a <script> tag first)');
    ensureBrowserGlobals(g);
    const text = scriptText();
    // Indirect eval: the library's top-level `var Excel`, `var Office` … become globals of this
    // realm, as with a <script> tag.
    (0, eval)(text);
  }
  loaded = { Excel: g.Excel as typeof Excel, OfficeExtension: g.OfficeExtension as OfficeClient['OfficeExtension'], Office: g.Office as typeof Office };
  return loaded;
}

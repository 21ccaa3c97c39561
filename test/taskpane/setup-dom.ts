// jsdom lacks a few browser APIs Fluent UI and the pane use.
const g = globalThis as unknown as Record<string, unknown>;
if (!g.ResizeObserver) {
  g.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
if (typeof performance !== 'undefined' && !performance.mark) (performance as unknown as { mark: () => void }).mark = () => undefined;
// jest's jsdom environment has no TextDecoder (browsers and Node have it, with GBK).
if (typeof g.TextDecoder === 'undefined') {
  const util = require('util') as typeof import('util');
  g.TextDecoder = util.TextDecoder;
  g.TextEncoder = util.TextEncoder;
}
export {};

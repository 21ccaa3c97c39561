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
export {};

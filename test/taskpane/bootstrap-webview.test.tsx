/**
 * @jest-environment jsdom
 */
import './setup-dom';
import { start, UNSUPPORTED_WEBVIEW } from '../../src/taskpane/bootstrap';

const g = globalThis as unknown as { Office?: unknown };
afterEach(() => {
  delete g.Office;
});

test('a webview that cannot run the pane gets a readable message (Chinese first), not 正在加载… forever', async () => {
  // Before the fix, a failing pane script left the boot text in place and rejected unseen.
  g.Office = { onReady: async () => ({ host: 'Excel' }), context: { displayLanguage: 'zh-CN' } };
  const container = document.createElement('div');
  container.innerHTML = '<div class="boot" role="status">正在加载… Loading…</div>';
  document.body.appendChild(container);
  await start(container, { load: () => Promise.reject(new Error('Loading chunk 1 failed.')) });
  expect(container.textContent).not.toContain('正在加载');
  expect(container.querySelector('[role="alert"]')?.textContent).toBe(UNSUPPORTED_WEBVIEW);
  expect(UNSUPPORTED_WEBVIEW).toMatch(/^此 Excel/);
  expect(container.textContent).toContain('Loading chunk 1 failed.');
});

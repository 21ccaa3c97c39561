/** Issue 2: the built pane opened in a plain browser (no Office host). */
import { assert, assertClean, openPage, screenshot, type E2ETest } from './harness';

export const tests: E2ETest[] = [
  {
    name: 'outside Office: dist/taskpane.html says 请在 Excel 中打开本加载项',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser, { locale: 'zh-CN' });
      try {
        await w.page.goto(`${baseUrl}/taskpane.html`);
        await w.page.getByRole('heading', { name: '请在 Excel 中打开本加载项' }).waitFor({ timeout: 15000 });
        const body = await w.page.locator('body').innerText();
        assert(!/Loading/.test(body), 'the loading text is still shown');
        await screenshot(w.page, 'outside-office-zh-CN');
        assertClean(w);
      } finally {
        await w.context.close();
      }
    },
  },
  {
    name: 'outside Office in an English browser: the English text',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser, { locale: 'en-US' });
      try {
        await w.page.goto(`${baseUrl}/taskpane.html`);
        await w.page.getByRole('heading', { name: 'Please open this add-in in Excel' }).waitFor({ timeout: 15000 });
        assert((await w.page.getAttribute('html', 'lang')) === 'en-US', 'html lang is not en-US');
        assertClean(w);
      } finally {
        await w.context.close();
      }
    },
  },
  {
    name: 'office.js blocked: still the 请在 Excel 中打开 page, no uncaught error',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser, { locale: 'zh-CN' });
      try {
        await w.page.route('https://appsforoffice.microsoft.com/**', (r) => r.abort('internetdisconnected'));
        await w.page.goto(`${baseUrl}/taskpane.html`);
        await w.page.getByRole('heading', { name: '请在 Excel 中打开本加载项' }).waitFor({ timeout: 15000 });
        await w.page.getByText('未能加载 Office 脚本').waitFor();
        // The failed office.js request itself is the browser's error, not ours.
        w.errors = w.errors.filter((e) => !/Failed to load resource/.test(e));
        assert(w.errors.length === 0, `console errors: ${w.errors.join(' | ')}`);
      } finally {
        await w.context.close();
      }
    },
  },
  {
    name: 'commands.html loads outside Office without errors',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser);
      try {
        await w.page.goto(`${baseUrl}/commands.html`);
        await w.page.waitForLoadState('load');
        const registered = await w.page.evaluate(
          () => typeof (window as unknown as { runCheck?: unknown }).runCheck === 'function',
        );
        assert(registered, 'runCheck is not registered');
        assertClean(w);
      } finally {
        await w.context.close();
      }
    },
  },
];

/**
 * The pane in Chromium → src/excel → Microsoft's Office.js Excel client (excel-web-16.00.debug.js)
 * → the in-memory Excel (test/excel-sim): every assertion below is about what the workbook holds
 * after requests the real client serialised. One test per pane operation (校验/标记, 清除标记,
 * 一键修正, 撤销修正, 统计汇总, 导入); the pane has no template button (fillTemplate is an API of
 * the host layer only).
 */
import type { Browser } from 'playwright-core';
import { assert, assertClean, openPage, screenshot, type E2ETest, type Watched } from './harness';
import { configScript, fakeExcelScript, sampleFileBytes, sampleWorkbook, toJson } from './fake-bundle';

async function withSim(browser: Browser, baseUrl: string, profile: string, body: (w: Watched) => Promise<void>): Promise<void> {
  const desc = await sampleWorkbook('红旗村');
  const w = await openPage(browser, { initScripts: [configScript({ workbookJson: toJson(desc), profile }), fakeExcelScript()] });
  try {
    await w.page.goto(`${baseUrl}/taskpane.html`);
    await w.page.getByRole('tab', { name: '设置' }).waitFor({ timeout: 60000 });
    // The client is Microsoft's (its HTTP executor routed to the in-memory host), not an imitation.
    const real = await w.page.evaluate(() => {
      const oe = (window as unknown as { OfficeExtension?: { HttpUtility?: { setCustomSendRequestFunc?: unknown } } }).OfficeExtension;
      return typeof oe?.HttpUtility?.setCustomSendRequestFunc === 'function' && window.__fake!.profile.name;
    });
    assert(real === profile, `not the real client on ${profile}: ${String(real)}`);
    await body(w);
    assertClean(w);
  } catch (e) {
    const file = await screenshot(w.page, `realclient-failed-${Date.now()}`).catch(() => '');
    console.log(`      screenshot: ${file}\n      page log:\n        ${w.log.slice(-12).join('\n        ')}`);
    throw e;
  } finally {
    await w.context.close();
  }
}

const fills = (w: Watched) => w.page.evaluate(() => window.__fake!.model.sheets.filter((s) => s.name !== '校验结果').reduce((n, s) => n + s.fills.size, 0));
const requests = (w: Watched) => w.page.evaluate(() => window.__fake!.requests.map((r) => r.requestBytes));

/** The pane may ask before changing the workbook (a dialog with a confirm button). */
async function confirmIfAsked(w: Watched, name: RegExp): Promise<void> {
  const dialog = w.page.getByRole('dialog');
  try {
    await dialog.waitFor({ timeout: 3000 });
  } catch {
    return;
  }
  await dialog.getByRole('button', { name }).first().click();
}

async function check(w: Watched): Promise<void> {
  await w.page.getByRole('button', { name: '校验', exact: true }).click();
  await w.page.getByText(/\d+ 个错误/).first().waitFor({ timeout: 30000 });
}

export const tests: E2ETest[] = [
  {
    name: 'real client: 校验 marks cells (fills + comments) and writes 校验结果; 清除标记 restores every fill',
    async run({ browser, baseUrl }) {
      await withSim(browser, baseUrl, 'web', async (w) => {
        const before = await fills(w);
        await check(w);
        const marked = await w.page.evaluate(() => {
          const m = window.__fake!.model;
          return { fills: m.sheets.reduce((n, s) => n + s.fills.size, 0), comments: m.sheets.reduce((n, s) => n + s.comments.size, 0), report: !!m.sheet('校验结果') };
        });
        assert(marked.report, 'no 校验结果 sheet');
        assert(marked.fills > before && marked.comments > 0, `nothing marked: ${JSON.stringify(marked)}`);
        const sizes = await requests(w);
        assert(sizes.length > 3 && Math.max(...sizes) < 5 * 1024 * 1024, `requests: ${sizes.join(',')}`);
        await w.page.getByRole('button', { name: '清除标记' }).first().click();
        await confirmIfAsked(w, /^(清除|确定)/);
        await w.page.waitForFunction((n) => window.__fake!.model.sheets.filter((s) => s.name !== '校验结果').reduce((k, s) => k + s.fills.size, 0) === n, before, { timeout: 60000 });
        const comments = await w.page.evaluate(() => window.__fake!.model.sheets.reduce((n, s) => n + s.comments.size, 0));
        assert(comments === 0, `${comments} comments left after 清除标记`);
      });
    },
  },
  {
    name: 'real client: 一键修正 then 撤销修正 on Windows (Microsoft 365) restore the values exactly',
    async run({ browser, baseUrl }) {
      await withSim(browser, baseUrl, 'windows', async (w) => {
        const snap = () => w.page.evaluate(() => JSON.stringify(window.__fake!.model.sheets.filter((s) => s.visibility === 'Visible' && s.name !== '校验结果').map((s) => [s.name, s.rows])));
        await check(w);
        const before = await snap();
        await w.page.getByRole('button', { name: '一键修正' }).click();
        await confirmIfAsked(w, /^修正 \d+ 处$/);
        await w.page.getByText(/已修正 \d+ 个单元格。/).first().waitFor({ timeout: 60000 });
        assert((await snap()) !== before, 'nothing fixed');
        await w.page.getByRole('button', { name: '撤销修正' }).first().click();
        await w.page.getByText(/已撤销修正/).first().waitFor({ timeout: 60000 });
        assert((await snap()) === before, 'undo did not restore the values');
      });
    },
  },
  {
    name: 'real client: 统计汇总 on Office 2021 (ExcelApi 1.14) writes the form sheets',
    async run({ browser, baseUrl }) {
      await withSim(browser, baseUrl, 'office2021', async (w) => {
        await w.page.getByRole('button', { name: '统计汇总' }).click();
        await w.page.getByText(/已生成 \d+ 张表/).first().waitFor({ timeout: 30000 });
        const names = await w.page.evaluate(() => window.__fake!.model.sheets.map((s) => s.name));
        assert(names.includes('优抚对象统计表') && names.includes('兵役登记统计表'), `forms missing: ${names.join(', ')}`);
      });
    },
  },
  {
    name: 'real client: 导入 a real village .xlsx on the web — sheets found by the IDs Excel returns, merged with 来源',
    async run({ browser, baseUrl }) {
      await withSim(browser, baseUrl, 'web', async (w) => {
        await w.page.getByRole('tab', { name: '导入' }).click();
        await w.page.locator('input[type=file]').setInputFiles([
          { name: '光明村.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await sampleFileBytes('光明村') },
        ]);
        const merge = w.page.getByRole('button', { name: /合并 1 个文件/ });
        await merge.waitFor({ timeout: 30000 });
        await merge.click();
        await w.page.waitForFunction(() => window.__fake!.model.sheets.some((s) => s.name.startsWith('合并_')), undefined, { timeout: 30000 });
        const merged = await w.page.evaluate(() => {
          const s = window.__fake!.model.sheets.find((x) => x.name === '合并_优抚对象');
          return s ? s.rows.length : 0;
        });
        assert(merged > 1, `合并_优抚对象 has ${merged} rows`);
      });
    },
  },
];

/**
 * Issue 16: 边录入边校验 in the built pane, through Microsoft's Excel client and the in-memory Excel
 * with worksheet change events (test/excel-sim/events.ts). The user types into the workbook
 * (`window.__events.edit`, which changes the cells and fires onChanged as Excel does); the cell is
 * marked, and fixing it removes the mark. Then 规范本表 and 清除标记 restore the sheets exactly.
 */
import type { Page } from 'playwright-core';
import { assert, assertClean, openPage, screenshot, type E2ETest, type Watched } from './harness';
import { configScript, fakeExcelScript, toJson } from './fake-bundle';
import type { WorkbookDescription } from '../excel-sim';
import { ACTIVITY_HEADER, BENEFICIARY_HEADER, CONSCRIPT_HEADER, PAIR_HEADER, activityRow, beneficiaryRow, conscriptRow, pairRow } from '../core/fixtures';
import { makeId } from '../../src/core/values/id';

const MAX_COLS = 16384; // the simulator's cell key: row * MAX_COLS + column (0-based)
const ERROR_FILL = '#FFC7CE';

/**
 * With the CSP bypassed (see harness.ts), office.js goes on to load its own host scripts, which
 * cannot start outside Office and throw these two errors (Office.js's, not the pane's): dropped
 * before the usual check.
 */
function clean(w: Watched): void {
  w.errors = w.errors.filter((e) => !/Cannot redefine property: context|parseXdmInfoWithGivenFragment/.test(e));
  assertClean(w);
}

function workbook(): WorkbookDescription {
  return {
    name: '红旗村.xlsx',
    settings: { 'shuangyong.settings': { year: 2026, villages: ['红旗村'], township: '城关镇' } },
    sheets: [
      { name: '优抚对象', rows: [BENEFICIARY_HEADER, ...Array.from({ length: 30 }, (_, i) => beneficiaryRow(i + 1))], numberFormats: { 'F2:F80': '@' } },
      { name: '兵役登记', rows: [CONSCRIPT_HEADER, ...Array.from({ length: 6 }, (_, i) => conscriptRow(i + 1))], numberFormats: { 'D2:D60': '@' } },
      { name: '双拥活动', rows: [ACTIVITY_HEADER, ...Array.from({ length: 5 }, (_, i) => activityRow(i + 1))] },
      { name: '共建对子', rows: [PAIR_HEADER, pairRow('GJ-001')] },
    ],
  };
}

/** The fill colour of a cell (A1), read from the in-memory workbook. */
async function fillOf(page: Page, sheet: string, a1: string): Promise<string | null> {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const k = (Number(m[2]) - 1) * MAX_COLS + c;
  return page.evaluate(`(function () { var f = window.__fake.model.sheet(${JSON.stringify(sheet)}).fills.get(${k}); return f ? f.color : null; })()`) as Promise<string | null>;
}

async function type(page: Page, sheet: string, a1: string, values: unknown[][]): Promise<void> {
  await page.evaluate(`window.__events.edit(${JSON.stringify(sheet)}, ${JSON.stringify(a1)}, ${JSON.stringify(values)})`);
}

async function waitFill(page: Page, sheet: string, a1: string, want: string | null, what: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const f = await fillOf(page, sheet, a1);
    if (want === null ? f === null : f === want) return Date.now() - t0;
    if (Date.now() - t0 > 15000) throw new Error(`${what}: ${sheet}!${a1} is ${f ?? 'not filled'}, expected ${want ?? 'no fill'}`);
    await page.waitForTimeout(50);
  }
}

export const tests: E2ETest[] = [
  {
    name: 'live check: typing marks the cell at once, fixing it removes the mark (wrong ID, 女 in 初次, duplicate, wrong 方向)',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser, { initScripts: [configScript({ workbookJson: toJson(workbook()) }), fakeExcelScript()], bypassCSP: true });
      try {
        const page = w.page;
        await page.goto(`${baseUrl}/taskpane.html`);
        const toggle = page.getByRole('switch', { name: '边录入边校验' });
        await toggle.waitFor({ timeout: 20000 });
        assert(!(await toggle.isChecked()), 'the live check is on by default');
        await toggle.click();
        await page.waitForFunction('window.__events && window.__events.registered.size === 4', undefined, { timeout: 20000 });
        await page.getByText('边录入边校验已打开').waitFor({ timeout: 10000 });

        // A wrong ID check character.
        const goodId = (await page.evaluate(`window.__fake.model.sheet('优抚对象').get(4, 5)`)) as string;
        await type(page, '优抚对象', 'F5', [['110105198001150010']]);
        const ms = await waitFill(page, '优抚对象', 'F5', ERROR_FILL, 'a wrong ID');
        console.log(`      wrong ID marked ${ms} ms after the change event (browser, debounce 250 ms included)`);
        await page.getByText('身份证号校验码错误').first().waitFor({ timeout: 10000 }); // the pane's list
        await screenshot(page, 'live-wrong-id');
        await type(page, '优抚对象', 'F5', [[goodId]]);
        await waitFill(page, '优抚对象', 'F5', null, 'the fixed ID');

        // A woman in a 初次 roster (her ID and 性别).
        await type(page, '兵役登记', 'D3', [[makeId('110105', '20080315', 22), '女']]);
        await waitFill(page, '兵役登记', 'D3', ERROR_FILL, 'a woman in a 初次 roster');
        await type(page, '兵役登记', 'D3', [[conscriptRow(2)[3], '男']]);
        await waitFill(page, '兵役登记', 'D3', null, 'the fixed conscript');

        // A duplicate person: row 9 repeats row 3's ID (same category).
        const id3 = (await page.evaluate(`window.__fake.model.sheet('优抚对象').get(2, 5)`)) as string;
        const id9 = (await page.evaluate(`window.__fake.model.sheet('优抚对象').get(8, 5)`)) as string;
        await type(page, '优抚对象', 'F9', [[id3]]);
        await waitFill(page, '优抚对象', 'F9', ERROR_FILL, 'a duplicate person');
        await type(page, '优抚对象', 'F9', [[id9]]);
        await waitFill(page, '优抚对象', 'F9', null, 'the duplicate removed');

        // A category of the wrong 方向: 文化进军营 under 拥政爱民 (the 活动类别 cell is marked).
        await type(page, '双拥活动', 'D4', [['拥政爱民']]);
        await waitFill(page, '双拥活动', 'E4', ERROR_FILL, 'a category of the wrong 方向');
        await screenshot(page, 'live-wrong-direction');
        await type(page, '双拥活动', 'D4', [['拥军优属']]);
        await waitFill(page, '双拥活动', 'E4', null, 'the fixed 方向');

        // Remembered per workbook: the switch is on after the pane reopens.
        const saved = await page.evaluate(`window.__fake.model.settings.get('shuangyong.live')`);
        assert(saved === true, `the toggle was not remembered: ${String(saved)}`);
        await toggle.click();
        await page.waitForFunction('window.__events.registered.size === 0', undefined, { timeout: 10000 });
        clean(w);
      } finally {
        await w.context.close();
      }
    },
  },
  {
    name: '规范本表 then 清除标记 restores the sheets exactly',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser, { initScripts: [configScript({ workbookJson: toJson(workbook()) }), fakeExcelScript()], bypassCSP: true });
      try {
        const page = w.page;
        await page.goto(`${baseUrl}/taskpane.html`);
        const picture = `JSON.stringify(window.__fake.model.sheets.filter(function (s) { return s.visibility === 'Visible'; }).map(function (s) { return { n: s.name, rows: s.rows, f: Array.from(s.formats.entries()), v: s.validations, fills: Array.from(s.fills.entries()) }; }))`;
        const conform = page.getByRole('button', { name: '规范本表' });
        await conform.waitFor({ timeout: 20000 });
        const before = (await page.evaluate(picture)) as string;
        await conform.click();
        await page.getByText(/已在 \d+ 张台账的 \d+ 列加上下拉列表/).waitFor({ timeout: 20000 });
        const n = (await page.evaluate(`window.__fake.model.sheet('优抚对象').validations.length`)) as number;
        assert(n > 5, `only ${n} validations on 优抚对象`);
        await screenshot(page, 'conform-done');
        await page.getByRole('button', { name: '清除标记' }).click();
        await page.waitForFunction(`${picture} === ${JSON.stringify(before)}`, undefined, { timeout: 20000 });
        clean(w);
      } finally {
        await w.context.close();
      }
    },
  },
];

/**
 * Issue 13 "done when": the settings view round-trips every setting through the workbook. The pane
 * in Chromium → src/excel → Microsoft's Excel client → the in-memory Excel (test/excel-sim), whose
 * sheets outlive a reload here (`keepWorkbook`), as a workbook outlives its task pane:
 *   save in the pane → the §8 sheets (设置, 村名单, 词表, 列名, 规则) are in the workbook → reload →
 *   the pane shows every setting again → a check honours them (a synonym is a fixable warning, an
 *   alias is recognised, a village only the configuration knows is accepted, a switched-off rule is
 *   gone) → a mistake typed into a §8 sheet in Excel is a problem in the pane with a link to its cell.
 */
import type { Page } from 'playwright-core';
import { assert, assertClean, openPage, screenshot, type E2ETest, type Watched } from './harness';
import { configScript, fakeExcelScript, toJson } from './fake-bundle';
import type { WorkbookDescription } from '../excel-sim';
import { BENEFICIARY_HEADER, beneficiaryRow } from '../core/fixtures';
import { REPORT_HEADER_ROW } from '../../src/core/layout/report';

/** A township workbook: 身份证号 headed 证件编号, a 复退老兵, a village of 青龙 and a short phone. */
function workbook(): WorkbookDescription {
  const header = BENEFICIARY_HEADER.map((h) => (h === '身份证号' ? '证件编号' : h));
  return {
    name: '青龙镇.xlsx',
    settings: { 'shuangyong.settings': { year: 2026, villages: ['红旗村'], township: '城关镇' } },
    sheets: [
      {
        name: '优抚对象',
        rows: [header, beneficiaryRow(1), beneficiaryRow(2, { 优抚类别: '复退老兵' }), beneficiaryRow(3, { 所在村: '青龙村' }), beneficiaryRow(4, { 联系电话: '12345' })],
        numberFormats: { 'F2:F20': '@' },
      },
    ],
  };
}

/** The 校验结果 sheet as {sheet, cell column, row, code, severity, fix}. */
async function reportRows(page: Page): Promise<Array<{ sheet: string; row: number; column: string; code: string; level: string; fix: string }>> {
  const rows = (await page.evaluate(`(function () {
    var s = window.__fake.model.sheet('校验结果');
    return s ? s.rows.map(function (r) { return r ? r.slice() : []; }) : null;
  })()`)) as unknown[][] | null;
  assert(rows, 'no 校验结果 sheet after the check');
  return rows.slice(REPORT_HEADER_ROW).map((r) => ({
    sheet: String(r[1] ?? ''),
    row: Number(r[2]),
    column: String(r[3] ?? ''),
    level: String(r[7] ?? ''),
    code: String(r[9] ?? ''),
    fix: String(r[6] ?? ''),
  }));
}

async function check(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '校验' }).click();
  await page.getByRole('button', { name: '校验', exact: true }).click();
  await page.getByRole('heading', { name: '校验结果' }).waitFor({ timeout: 30000 });
  await page.waitForFunction(`!!window.__fake.model.sheet('校验结果')`, undefined, { timeout: 10000 });
}

/** A sheet's rows (values), or null. */
const sheetRows = (page: Page, name: string) =>
  page.evaluate(`(function () { var s = window.__fake.model.sheet(${JSON.stringify(name)}); return s ? s.rows.map(function (r) { return r ? r.slice() : []; }) : null; })()`) as Promise<
    unknown[][] | null
  >;

const hasRow = (rows: unknown[][] | null, want: unknown[]) => !!rows?.some((r) => want.every((v, i) => r[i] === v));

/** Office.js's own host scripts throw outside Office with the CSP bypassed (see live.e2e.ts). */
function clean(w: Watched): void {
  w.errors = w.errors.filter((e) => !/Cannot redefine property: context|parseXdmInfoWithGivenFragment/.test(e));
  assertClean(w);
}

async function settingsTab(page: Page, name = '设置'): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('textbox', { name: /规则/ }).or(page.getByRole('textbox', { name: /Rules/ })).waitFor({ timeout: 10000 });
}

/** Full-height pictures at a narrow and a wide pane. */
async function pictures(page: Page, name: string): Promise<void> {
  for (const width of [320, 900]) {
    await page.setViewportSize({ width, height: 2000 });
    const overflow = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, textarea, button, select, [role=combobox], li'))
        .filter((el) => el.getBoundingClientRect().width > 0)
        .map((el) => ({ name: el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30) ?? el.tagName, right: el.getBoundingClientRect().right }))
        .filter((x) => x.right > document.documentElement.clientWidth + 0.5),
    );
    assert(overflow.length === 0, `${name} at ${width}px: past the pane's edge: ${JSON.stringify(overflow)}`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 350, height: 900 });
}

export const tests: E2ETest[] = [
  {
    name: 'settings: every setting round-trips through the workbook’s §8 sheets, a check honours them, a mistake in a sheet links to its cell',
    async run({ browser, baseUrl }) {
      const w = await openPage(browser, { height: 900, initScripts: [configScript({ workbookJson: toJson(workbook()), keepWorkbook: true }), fakeExcelScript()], bypassCSP: true });
      const page = w.page;
      try {
        await page.goto(`${baseUrl}/taskpane.html`);
        await page.getByRole('tab', { name: '设置' }).waitFor({ timeout: 30000 });

        // Before: the built-in rules see an unknown word, an unknown village, a short phone, an unknown header.
        await check(page);
        let report = await reportRows(page);
        const codes = (pred: (r: (typeof report)[number]) => boolean) => report.filter(pred).map((r) => `${r.code}/${r.level}`);
        assert(codes((r) => r.row === 3).includes('vocab.invalid/错误'), `复退老兵 before: ${codes((r) => r.row === 3).join(' ')}`);
        assert(codes((r) => r.row === 4).some((c) => c.startsWith('village.')), `青龙村 before: ${codes((r) => r.row === 4).join(' ')}`);
        assert(codes((r) => r.row === 5).includes('phone.invalid/错误') || codes((r) => r.row === 5).some((c) => c.startsWith('phone.invalid')), `12345 before: ${codes((r) => r.row === 5).join(' ')}`);
        assert(report.some((r) => r.code.startsWith('header.') && /证件编号|身份证号/.test(JSON.stringify(r))), `证件编号 before: ${report.map((r) => r.code).join(' ')}`);

        // Save every setting in the pane.
        await settingsTab(page);
        await page.getByRole('spinbutton', { name: /年度/ }).fill('2025');
        await page.getByRole('textbox', { name: '乡镇' }).fill('青龙镇');
        const villages = page.getByRole('textbox', { name: /村名单/ });
        await villages.fill('');
        await villages.focus();
        // A column copied from Excel: one name a line, CRLF, a trailing line break.
        await page.keyboard.insertText('红旗村\r\n青龙村\r\n光明村\r\n');
        await page.getByRole('spinbutton', { name: '月' }).fill('9');
        await page.getByRole('spinbutton', { name: '日' }).fill('30');
        await page.getByRole('switch', { name: '导出时隐藏身份证号' }).check();
        // Rows copied from Excel are Tab-separated; typed ones use |.
        await page.getByRole('textbox', { name: /词表/ }).fill('优抚类别\t其他退役军人\t复退老兵、退役老兵');
        await page.getByRole('textbox', { name: /列名/ }).fill('优抚对象 | 身份证号 | 证件编号');
        await page.getByRole('textbox', { name: /规则/ }).fill('phone.invalid | 关闭\nvocab.synonym | 警告');
        await page.getByRole('button', { name: '保存设置' }).click();
        await page.getByTestId('notice').getByText('设置已保存到工作簿。').waitFor({ timeout: 20000 });
        await page.waitForFunction(`!!window.__fake.model.sheet('规则')`, undefined, { timeout: 20000 });

        // The §8 sheets are in the workbook, readable and editable in Excel.
        const names = (await page.evaluate(`window.__fake.model.sheets.map(function (s) { return s.name; })`)) as string[];
        for (const n of ['设置', '村名单', '词表', '列名', '规则']) assert(names.includes(n), `no ${n} sheet after saving: ${names.join(', ')}`);
        const 设置 = await sheetRows(page, '设置');
        for (const want of [['年度', 2025], ['乡镇', '青龙镇'], ['登记截止日期', '9月30日'], ['身份证脱敏', '是']]) {
          assert(hasRow(设置, want), `设置 has no row ${want.join(' | ')}: ${JSON.stringify(设置)}`);
        }
        const 村名单 = await sheetRows(page, '村名单');
        assert(JSON.stringify(村名单?.slice(1).map((r) => r[0])) === JSON.stringify(['红旗村', '青龙村', '光明村']), `村名单: ${JSON.stringify(村名单)}`);
        assert(hasRow(await sheetRows(page, '词表'), ['优抚类别', '其他退役军人', '复退老兵、退役老兵']), `词表: ${JSON.stringify(await sheetRows(page, '词表'))}`);
        assert(hasRow(await sheetRows(page, '列名'), ['优抚对象', '身份证号', '证件编号']), `列名: ${JSON.stringify(await sheetRows(page, '列名'))}`);
        const 规则 = await sheetRows(page, '规则');
        assert(hasRow(规则, ['phone.invalid', '关闭']) && hasRow(规则, ['vocab.synonym', '警告']), `规则: ${JSON.stringify(规则)}`);

        // Reload: the pane reads them back from the workbook.
        await page.reload();
        await page.getByText('青龙镇 · 2025 年度').waitFor({ timeout: 30000 });
        await settingsTab(page);
        const back = {
          year: await page.getByRole('spinbutton', { name: /年度/ }).inputValue(),
          township: await page.getByRole('textbox', { name: '乡镇' }).inputValue(),
          villages: await page.getByRole('textbox', { name: /村名单/ }).inputValue(),
          month: await page.getByRole('spinbutton', { name: '月' }).inputValue(),
          day: await page.getByRole('spinbutton', { name: '日' }).inputValue(),
          mask: await page.getByRole('switch', { name: '导出时隐藏身份证号' }).isChecked(),
          vocab: await page.getByRole('textbox', { name: /词表/ }).inputValue(),
          aliases: await page.getByRole('textbox', { name: /列名/ }).inputValue(),
          rules: await page.getByRole('textbox', { name: /规则/ }).inputValue(),
        };
        const want = {
          year: '2025',
          township: '青龙镇',
          villages: '红旗村\n青龙村\n光明村',
          month: '9',
          day: '30',
          mask: true,
          vocab: '优抚类别 | 其他退役军人 | 复退老兵、退役老兵',
          aliases: '优抚对象 | 身份证号 | 证件编号',
          rules: 'phone.invalid | 关闭\nvocab.synonym | 警告',
        };
        assert(JSON.stringify(back) === JSON.stringify(want), `after the reload the pane shows ${JSON.stringify(back)}, expected ${JSON.stringify(want)}`);
        await pictures(page, 'settings-config-zh-CN');

        // A check honours them.
        await check(page);
        report = await reportRows(page);
        const r3 = report.filter((r) => r.row === 3 && r.sheet === '优抚对象');
        assert(r3.some((r) => r.code === 'vocab.synonym' && r.level === '警告' && r.fix === '其他退役军人'), `复退老兵 after: ${JSON.stringify(r3)}`);
        assert(!r3.some((r) => r.code === 'vocab.invalid'), `复退老兵 still invalid: ${JSON.stringify(r3)}`);
        assert(!report.some((r) => r.row === 4 && r.code.startsWith('village.')), `青龙村 still unknown: ${JSON.stringify(report.filter((r) => r.row === 4))}`);
        assert(!report.some((r) => r.code === 'phone.invalid'), 'phone.invalid is switched off but reported');
        assert(!report.some((r) => r.code.startsWith('header.')), `证件编号 not recognised: ${JSON.stringify(report.filter((r) => r.code.startsWith('header.')))}`);
        assert((await page.locator('[data-rule="phone.invalid"]').count()) === 0, 'phone.invalid is switched off but shown in the pane');
        await page.locator('[data-rule="vocab.synonym"]').waitFor();

        // A mistake typed into the 规则 sheet in Excel: a problem in the pane with a link to its cell.
        await page.evaluate(`window.__fake.model.sheet('规则').set(1, 0, 'phone.invaild')`);
        await check(page);
        report = await reportRows(page);
        const mistake = report.find((r) => r.code === 'config.unknown-code');
        assert(mistake && mistake.sheet === '规则' && mistake.row === 2, `the mistake in 规则!A2 is not in 校验结果: ${JSON.stringify(report.filter((r) => r.code.startsWith('config.')))}`);
        const group = page.locator('[data-rule="config.unknown-code"]');
        await group.click();
        const link = page.locator('[data-problem="规则!A2"]').first();
        await link.waitFor({ timeout: 5000 });
        await link.click();
        await page.waitForFunction(`(function () { var s = window.__fake.model.selection; return !!s && s.sheet.name === '规则' && s.rect.r0 === 1 && s.rect.c0 === 0; })()`, undefined, { timeout: 5000 });
        // The settings view names it too, with a link to the cell.
        await settingsTab(page);
        const issues = page.getByTestId('config-sheet-issues');
        await issues.waitFor({ timeout: 10000 });
        const text = await issues.innerText();
        assert(/规则!A2/.test(text) && /phone\.invaild/.test(text) && /phone\.invalid/.test(text), `the settings view shows: ${text}`);
        await page.evaluate(`window.__fake.model.selection = null`);
        await issues.getByRole('button', { name: '规则!A2' }).click();
        await page.waitForFunction(`(function () { var s = window.__fake.model.selection; return !!s && s.sheet.name === '规则' && s.rect.r0 === 1; })()`, undefined, { timeout: 5000 });
        // The entry with the mistake is shown to be corrected (not dropped), and blocks saving until then.
        const rulesBox = page.getByRole('textbox', { name: /规则/ });
        assert((await rulesBox.inputValue()) === 'phone.invaild | 关闭\nvocab.synonym | 警告', `规则 shown: ${JSON.stringify(await rulesBox.inputValue())}`);
        await page.getByText(/第1行：没有问题代码“phone.invaild”/).waitFor();
        assert(await page.getByRole('button', { name: '保存设置' }).isDisabled(), 'saving is possible with a mistake in 规则');
        await pictures(page, 'settings-config-mistake-zh-CN');
        await rulesBox.fill('phone.invalid | 关闭\nvocab.synonym | 警告');
        await page.getByRole('button', { name: '保存设置' }).click();
        await page.getByTestId('notice').getByText('设置已保存到工作簿。').waitFor({ timeout: 20000 });
        await page.waitForFunction(`window.__fake.model.sheet('规则').get(1, 0) === 'phone.invalid'`, undefined, { timeout: 20000 });
        assert(hasRow(await sheetRows(page, '规则'), ['vocab.synonym', '警告']), `规则 after the correction: ${JSON.stringify(await sheetRows(page, '规则'))}`);
        clean(w);
      } catch (e) {
        const file = await screenshot(page, 'settings-config-failed').catch(() => '');
        console.log(`      screenshot: ${file}\n      page log:\n        ${w.log.slice(-12).join('\n        ')}`);
        throw e;
      } finally {
        await w.context.close();
      }
    },
  },
  {
    name: 'settings: the §8 sheets of a workbook in English (narrow and wide)',
    async run({ browser, baseUrl }) {
      const desc = workbook();
      desc.sheets.push(
        { name: '设置', rows: [['项目', '值'], ['年度', 2026], ['乡镇', '青龙镇'], ['登记截止日期', '10月31日']] },
        { name: '村名单', rows: [['村名'], ['红旗村'], ['青龙村']] },
        { name: '词表', rows: [['列', '标准写法', '同义词', '所属'], ['优抚类别', '其他退役军人', '复退老兵'], ['活动类别', '送春联进军营', '送春联', '拥军优属']] },
        { name: '列名', rows: [['台账', '标准列名', '别名'], ['优抚对象', '身份证号', '证件编号']] },
        { name: '规则', rows: [['代码', '级别'], ['phone.invalid', '关闭'], ['id.county', '严重']] },
      );
      const w = await openPage(browser, { locale: 'en-US', initScripts: [configScript({ workbookJson: toJson(desc), displayLanguage: 'en-US' }), fakeExcelScript()], bypassCSP: true });
      const page = w.page;
      try {
        await page.goto(`${baseUrl}/taskpane.html`);
        await page.getByRole('tab', { name: 'Settings' }).waitFor({ timeout: 30000 });
        await settingsTab(page, 'Settings');
        const rules = await page.getByRole('textbox', { name: /Rules/ }).inputValue();
        assert(rules === 'phone.invalid | 关闭\nid.county | 严重', `rules shown: ${JSON.stringify(rules)}`);
        const issues = page.getByTestId('config-sheet-issues');
        await issues.waitFor({ timeout: 10000 });
        const text = await issues.innerText();
        assert(/规则!B3/.test(text) && /严重/.test(text), `the mistake in 规则!B3 is not shown: ${text}`);
        await pictures(page, 'settings-config-en-US');
        clean(w);
      } catch (e) {
        const file = await screenshot(page, 'settings-config-en-failed').catch(() => '');
        console.log(`      screenshot: ${file}\n      page log:\n        ${w.log.slice(-12).join('\n        ')}`);
        throw e;
      } finally {
        await w.context.close();
      }
    },
  },
];

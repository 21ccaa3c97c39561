/**
 * The 比对 tab in the built pane over the in-memory Excel: 年度比对 with last year's sample
 * workbook, 名单比对 with the police list sent as an .xls (converted in the browser by the lazily
 * loaded SheetJS chunk) and the death list. The runs write the 比对_ sheets into the workbook and
 * their rows link to the ledger rows. Screenshots: zh and en, 320 px and wide, before and after.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as XLSXLib from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { assert, root, screenshot, type E2ETest } from './harness';
import { withPane } from './pane.e2e';

type Lang = 'zh-CN' | 'en-US';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const T = {
  'zh-CN': {
    tab: '比对', pickYears: /选择去年的工作簿/, runYears: /^比对 1 个文件$/, yearsDone: /^新增 \d+，减少 \d+/,
    runLists: '开始比对', listsDone: /^名单 \d+ 人/, converted: /公安适龄男青年名单\.xls：Excel 97-2003 工作簿（\.xls），已在本机转换为 \.xlsx/, refused: /说明\.xlsx：这是 PDF 文件/,
  },
  'en-US': {
    tab: 'Compare', pickYears: /Pick last year's workbooks/, runYears: /^Compare 1 file$/, yearsDone: /^\d+ added, \d+ removed/,
    runLists: 'Compare', listsDone: /^\d+ listed/, converted: /公安适龄男青年名单\.xls: Excel 97-2003 workbook \(\.xls\), converted to \.xlsx/, refused: /说明\.xlsx: this is a PDF/,
  },
};

const file = (p: string) => fs.readFileSync(path.join(root, p));

/** The police list as an Excel 97–2003 workbook, as a police station would send it. */
function rosterAsXls(): Buffer {
  const wb = XLSXLib.read(file('samples-lists/公安适龄男青年名单.xlsx'), { type: 'buffer' });
  return Buffer.from(XLSXLib.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
}

export interface CompareStates {
  at(state: string): Promise<void>;
}

/** Walks the 比对 tab: before, after a 年度比对, after a 名单比对 (a converted list, a refused file). */
export async function walkCompare(page: Page, lang: Lang, st: CompareStates, shots?: string): Promise<void> {
  const t = T[lang];
  await page.getByRole('tab', { name: t.tab }).click();
  await page.getByRole('button', { name: t.pickYears }).waitFor({ timeout: 10000 });
  await st.at('compare');
  if (shots) await screenshot(page, `${shots}-compare-before`);
  await page.getByTestId('compare-years-input').setInputFiles([{ name: '红旗村.xlsx', mimeType: XLSX, buffer: file('samples-2025/红旗村.xlsx') }]);
  await page.getByRole('button', { name: t.runYears }).click();
  await page.getByRole('status').filter({ hasText: t.yearsDone }).waitFor({ timeout: 60000 });
  await st.at('compare: 年度比对 done');
  await page.getByTestId('compare-roster-input').setInputFiles([{ name: '公安适龄男青年名单.xls', mimeType: 'application/vnd.ms-excel', buffer: rosterAsXls() }]);
  await page.getByText(t.converted).waitFor({ timeout: 30000 });
  await page.getByTestId('compare-deceased-input').setInputFiles([{ name: '说明.xlsx', mimeType: XLSX, buffer: Buffer.from('%PDF-1.4\n') }]);
  await page.getByText(t.refused).waitFor({ timeout: 10000 });
  await st.at('compare: a list converted, a file refused');
  await page.getByTestId('compare-deceased-input').setInputFiles([{ name: '死亡人员名单.xlsx', mimeType: XLSX, buffer: file('samples-lists/死亡人员名单.xlsx') }]);
  await page.getByRole('button', { name: t.runLists, exact: true }).click();
  await page.getByRole('status').filter({ hasText: t.listsDone }).waitFor({ timeout: 60000 });
  await st.at('compare: 名单比对 done');
  if (shots) await screenshot(page, `${shots}-compare-after`);
}

const none: CompareStates = { at: async () => undefined };

export const tests: E2ETest[] = [
  {
    name: 'compare: 年度比对 and 名单比对 write the 比对_ sheets into the workbook; their rows link to the ledger rows',
    async run({ browser, baseUrl }) {
      await withPane(browser, baseUrl, {}, async (w) => {
        await walkCompare(w.page, 'zh-CN', none);
        // tsx names the functions it compiles with a helper that does not exist in the page.
        await w.page.evaluate('window.__name = window.__name || ((f) => f)');
        const r = await w.page.evaluate(() => {
          const m = window.__fake!.model;
          const cols = 16384;
          const sheet = (n: string) => m.sheets.find((s) => s.name === n);
          const out: { names: string[]; links: Array<{ from: string; name: unknown; ref: string; ledgerRow: unknown[] }> } = { names: m.sheets.map((s) => s.name), links: [] };
          for (const name of ['比对_新增', '比对_变更', '比对_死亡人员', '比对_名单外与村不一致']) {
            const s = sheet(name);
            if (!s) continue;
            for (const [k, h] of s.hyperlinks) {
              const row = Math.floor(k / cols);
              const ref = String(h.documentReference ?? '');
              const mm = /^'?(.+?)'?!A(\d+)$/.exec(ref);
              const target = mm ? sheet(mm[1]) : undefined;
              const nameCol = (s.rows[1] ?? []).indexOf('姓名') >= 0 ? (s.rows[1] ?? []).indexOf('姓名') : (s.rows[1] ?? []).indexOf('姓名/对子');
              out.links.push({ from: name, name: (s.rows[row] ?? [])[nameCol], ref, ledgerRow: mm && target ? (target.rows[Number(mm[2]) - 1] ?? []) : [] });
            }
          }
          return out;
        });
        for (const n of ['比对_变更汇总', '比对_新增', '比对_减少', '比对_变更', '比对_未核验', '比对_名单汇总', '比对_死亡人员']) assert(r.names.includes(n), `no ${n} sheet: ${r.names.join(', ')}`);
        assert(r.names.some((n) => n.startsWith('比对_未登记_')), `no 比对_未登记_ sheet: ${r.names.join(', ')}`);
        // The picked files were taken out again: no sheet of last year's workbook or of the lists is left.
        assert(!r.names.some((n) => n.includes('·') || / \(\d+\)$/.test(n)), `inserted sheets left behind: ${r.names.join(', ')}`);
        assert(r.links.length >= 4, `too few links: ${JSON.stringify(r.links)}`);
        for (const l of r.links) assert(l.ledgerRow.includes(l.name), `${l.from}: the link ${l.ref} does not go to ${String(l.name)}'s ledger row (${JSON.stringify(l.ledgerRow)})`);
      });
    },
  },
  ...(['zh-CN', 'en-US'] as const).flatMap((lang) =>
    [320, 700].map(
      (width): E2ETest => ({
        name: `compare: the 比对 tab before and after a run (${lang}, ${width} px, screenshots)`,
        async run({ browser, baseUrl }) {
          await withPane(browser, baseUrl, { displayLanguage: lang, width }, async (w) => {
            await walkCompare(w.page, lang, none, `compare-${lang}-${width}`);
            // Nothing wider than the pane (no sideways scrolling).
            const over = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert(over <= 0, `the pane scrolls sideways by ${over} px`);
          });
        },
      }),
    ),
  ),
];

/**
 * The add-in's one click from ledgers to the county's sheets: the three valid village workbooks
 * imported into a township workbook (fake Excel), then 统计汇总 — every figure of the written
 * forms equals the hand-computed value (fixtures/expected.ts), as in the core and CLI tests.
 */
import { resolveSettings } from '../../src/core/settings';
import { createExcelHost } from '../../src/excel/host-impl';
import { descriptionFromWorkbookData, fakeXlsxBase64, installFakeExcel, type FakeOffice } from '../fake-excel';
import { ACT, ACT_COLS, BEN, CATS, PAIRS, REG, REG_COLS, SUMMARY } from './fixtures/expected';
import { VALID_BOOKS, VILLAGES } from './fixtures/valid';
import { pinToday } from './run';

let fake: FakeOffice;
const SETTINGS = resolveSettings({ year: 2026, villages: VILLAGES, township: '红旗镇' });

beforeAll(async () => {
  pinToday();
  fake = installFakeExcel({ name: '红旗镇汇总.xlsx', sheets: [{ name: '封面', rows: [['红旗镇双拥台账汇总']] }] });
  const host = createExcelHost();
  const statuses = await host.importWorkbooks(
    VALID_BOOKS.map((b) => ({ name: b.file, base64: fakeXlsxBase64(descriptionFromWorkbookData(b)) })),
    SETTINGS,
  );
  expect(statuses.map((s) => [s.name, s.ok, s.errors])).toEqual(VALID_BOOKS.map((b) => [b.file, true, 0]));
  await host.summarize(SETTINGS);
});
afterAll(() => {
  fake?.uninstall();
  jest.useRealTimers();
});

function grid(name: string, first: string): { headers: unknown[]; rows: unknown[][] } {
  const s = fake.model.sheet(name);
  if (!s) throw new Error(`no sheet ${name}: ${fake.model.sheets.map((x) => x.name).join(', ')}`);
  const h = s.rows.findIndex((r) => r?.[0] === first);
  if (h < 0) throw new Error(`${name}: no header row`);
  const headers = [...(s.rows[h] ?? [])];
  return { headers, rows: s.rows.slice(h + 1).map((r) => [...(r ?? [])]) };
}
function at(name: string, first: string, label: string, header: string, nth = 0): unknown {
  const g = grid(name, first);
  const c = g.headers.indexOf(header);
  if (c < 0) throw new Error(`${name}: no column ${header}: ${g.headers.join(' · ')}`);
  const rows = g.rows.filter((r) => r[0] === label || (label === '小计' && typeof r[0] === 'string' && r[0].endsWith('小计')));
  if (rows.length <= nth) throw new Error(`${name}: no row ${label}`);
  return rows[nth][c] ?? null;
}
const rate = (v: unknown, pct: string) => {
  if (typeof v === 'string') expect(v).toBe(pct);
  else expect(`${(Math.round((v as number) * 1000) / 10).toFixed(1)}%`).toBe(pct);
};
const money = (v: unknown, yuan: number) => expect(Math.round((v as number) * 100)).toBe(Math.round(yuan * 100));

test.each(REG)('兵役登记统计表 %s', (label, ...vals) => {
  REG_COLS.forEach((h, i) => {
    const v = at('兵役登记统计表', '村', label, h);
    if (h === '登记率') rate(v, vals[i] as string);
    else expect(v).toBe(vals[i]);
  });
});
test.each(BEN)('优抚对象统计表 %s', (label, cats, distinct, m) => {
  CATS.forEach((h, i) => expect(at('优抚对象统计表', '村', label, h)).toBe(cats[i]));
  expect(at('优抚对象统计表', '村', label, '去重人数')).toBe(distinct);
  money(at('优抚对象统计表', '村', label, '本年发放金额(元)'), m);
});
test.each(ACT)('双拥活动统计表 %s #%d', (label, nth, vals) => {
  ACT_COLS.forEach((h, i) => {
    const v = at('双拥活动统计表', '类别', label, h, nth);
    if (h.endsWith('(元)')) money(v, vals[i]);
    else expect(v).toBe(vals[i]);
  });
});
test.each(PAIRS)('共建安置统计表 %s', (label, qty, waiting, leaders) => {
  expect(at('共建安置统计表', '项目', label, '数量')).toBe(qty);
  for (const [h, n] of [['待安置', waiting], ['担任领导职务', leaders]] as const) {
    const v = at('共建安置统计表', '项目', label, h);
    if (n === null) expect(v === null || v === undefined || v === 0 || v === '').toBe(true);
    else expect(v).toBe(n);
  }
});
test.each(SUMMARY)('双拥工作年度汇总 %s', (label, want) => {
  const s = fake.model.sheet('双拥工作年度汇总');
  const row = s?.rows.find((r) => r?.[0] === label);
  const v = row?.[1];
  if (Array.isArray(want)) expect(want).toContain(v);
  else if (typeof want === 'string') rate(v, want);
  else if (label.endsWith('(元)')) money(v, want);
  else expect(v).toBe(want);
});

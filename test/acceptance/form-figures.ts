/**
 * The hand-computed figures of fixtures/expected.ts asserted against a written forms workbook,
 * whatever wrote it (the CLI's .xlsx, the add-in's sheets in the fake Excel). `grid` returns a
 * form's header row and the rows below it, found by the form's first header text.
 */
import { ACT, ACT_COLS, BEN, CATS, PAIRS, REG, REG_COLS, SUMMARY } from './fixtures/expected';

export type FormGrid = (name: string, first: string) => { headers: unknown[]; rows: unknown[][] };
/** The value beside a label of 双拥工作年度汇总. */
export type SummaryValue = (label: string) => unknown;

export function testFormFigures(grid: FormGrid, summaryValue: SummaryValue): void {
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
    const v = summaryValue(label);
    if (Array.isArray(want)) expect(want).toContain(v);
    else if (typeof want === 'string') rate(v, want);
    else if (label.endsWith('(元)')) money(v, want);
    else expect(v).toBe(want);
  });
}

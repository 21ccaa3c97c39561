/**
 * ledgers.md §5 on the three valid villages (fixtures/valid.ts): every figure of the five forms,
 * computed by hand below, must equal the built form's cell, found by the row's first-column
 * label and the column's exact header text.
 *
 * Counting rules used by the clerk (§5): data rows only (合计/总计, title, note rows never count);
 * only 状态 在册 (or empty = 在册) / 有效 rows where a 状态 column exists; synonyms count under
 * their canonical category; rates from the summed counts, "—" for a zero denominator, one decimal.
 */
import type { CheckResult } from '../../src/core/check-api';
import { buildForms, type FormCell, type FormSheet } from '../../src/core/forms';
import { resolveSettings } from '../../src/core/settings';
import { computeStatistics, type Statistics } from '../../src/core/stats';
import { listPlaceholders, resolveCellText } from '../../src/core/template';
import { headerRow, lay, sheet, book } from './sheet';
import { makeId } from './id';
import { YF_LAYOUT } from './fixtures/valid';
import { VALID_BOOKS, VILLAGES, YEAR } from './fixtures/valid';
import { ACT, ACT_COLS, BEN, CATS, PAIRS, REG, REG_COLS, SUMMARY } from './fixtures/expected';
import { check, pinToday } from './run';

let forms: FormSheet[];
let res: CheckResult;
let stats: Statistics;
beforeAll(() => {
  pinToday();
  res = check(VALID_BOOKS, YEAR, VILLAGES);
  const settings = resolveSettings({ year: YEAR, villages: VILLAGES, township: '红旗镇' });
  stats = computeStatistics(res.tables, settings);
  forms = buildForms(stats, settings, { date: new Date(Date.UTC(2026, 10, 29)) });
});
afterAll(() => jest.useRealTimers());

function form(name: string): FormSheet {
  const f = forms.find((x) => x.name === name);
  if (!f) throw new Error(`no form ${name}; forms: ${forms.map((x) => x.name).join(', ')}`);
  return f;
}

/** §5 names the subtotal rows "小计"; "拥军优属小计" is the same label, made explicit. */
function labelOf(v: FormCell | undefined): FormCell {
  return typeof v === 'string' && v.endsWith('小计') ? '小计' : (v ?? null);
}

/** The cell at (row whose first cell is `label`, nth such row) × (column headed exactly `header`). */
function cell(formName: string, label: string, header: string, nth = 0): FormCell {
  const f = form(formName);
  const c = f.columns.findIndex((x) => x.header === header);
  if (c < 0) throw new Error(`${formName}: no column "${header}"; columns: ${f.columns.map((x) => x.header).join(' · ')}`);
  const rows = f.rows.filter((r) => labelOf(r.cells[0]) === label);
  if (rows.length <= nth) throw new Error(`${formName}: no row "${label}" #${nth}; rows: ${f.rows.map((r) => r.cells[0]).join(' · ')}`);
  return rows[nth].cells[c] ?? null;
}

/** A count: a whole number. */
function expectCount(v: FormCell, n: number) {
  expect(v).toBe(n);
}
/** Money in 元, exact to the 分. */
function expectMoney(v: FormCell, yuan: number) {
  expect(typeof v).toBe('number');
  expect(Math.round((v as number) * 100)).toBe(Math.round(yuan * 100));
}
/** A rate shown with one decimal: either the text "55.6%" or a fraction that rounds to it. */
function expectRate(v: FormCell, pct: string) {
  if (typeof v === 'string') expect(v).toBe(pct);
  else {
    expect(typeof v).toBe('number');
    expect(`${(Math.round((v as number) * 1000) / 10).toFixed(1)}%`).toBe(pct);
  }
}

test('the five forms exist with the exact headers of §5, each ending with 合计', () => {
  expect(forms.map((f) => f.name).sort()).toEqual(['优抚对象统计表', '兵役登记统计表', '共建安置统计表', '双拥工作年度汇总', '双拥活动统计表'].sort());
  expect(form('兵役登记统计表').columns.map((c) => c.header)).toEqual([
    '村', '应登记人数', '已登记人数', '未登记人数', '登记率', '补登人数', '核验人数', '应征报名人数', '体检合格人数', '政考合格人数', '批准入伍人数',
  ]);
  expect(form('优抚对象统计表').columns.map((c) => c.header)).toEqual([
    '村', '残疾军人', '烈士遗属', '因公牺牲军人遗属', '病故军人遗属', '在乡复员军人', '带病回乡退役军人', '参战退役军人',
    '参试退役军人', '年满60周岁农村籍退役士兵', '烈士老年子女', '现役军人家属', '其他退役军人', '去重人数', '本年发放金额(元)',
  ]);
  expect(form('双拥活动统计表').columns.map((c) => c.header)).toEqual([
    '类别', '活动次数', '参加人数', '官兵人次', '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)',
  ]);
  expect(form('共建安置统计表').columns.map((c) => c.header)).toEqual(['项目', '数量', '待安置', '担任领导职务']);
  for (const name of ['兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表']) {
    const rows = form(name).rows;
    // 共建安置统计表 ends with 安置合计 (pairs and people are totalled apart, issue #15 item 8).
    expect(rows[rows.length - 1].cells[0]).toBe(name === '共建安置统计表' ? '安置合计' : '合计');
  }
});

// ───────────────────────────── 兵役登记统计表 ─────────────────────────────
// 红旗村 (兵役登记 r3–r9): 初次 r3 r4 r5 r6 → 应登记 4; 已登记 among them r3(是) r4(Y) r5(√) = 3;
//   未登记 4−3 = 1; 登记率 3/4 = 75.0%; 补登 r7 = 1; 核验 r9 = 1;
//   应征报名=是: r3 r4 r7 r8 = 4; 体检合格: r3 r4 r8 = 3; 政考合格: r3 r8 = 2; 批准入伍: r3 = 1.
// 东风村 (r2–r8): 初次 r2 r3 r4 r5 r6 → 5; 已登记 r2(是) r3(1) = 2; 未登记 3; 2/5 = 40.0%;
//   补登 0; 核验 r8 = 1; 应征 r2 r3 r8 = 3; 体检合格 r2 r3 r8 = 3; 政考合格 r2 r3 = 2; 批准 r2 r3 = 2.
// 向阳社区 (Sheet1 r4–r5): 初次 none → 应登记 0, 已 0, 未 0, 登记率 "—" (zero denominator);
//   补登 2; 核验 0; 应征 r4 = 1; 体检合格 r4 = 1; 政考合格 r4 = 1; 批准 0.
// 合计: 应 4+5+0 = 9; 已 3+2+0 = 5; 未 1+3+0 = 4; 率 5/9 = 55.555…% → 55.6%
//   (NOT the average of 75.0% and 40.0% = 57.5%); 补登 1+0+2 = 3; 核验 1+1+0 = 2;
//   应征 4+3+1 = 8; 体检 3+3+1 = 7; 政考 2+2+1 = 5; 批准 1+2+0 = 3.
test.each(REG)('兵役登记统计表 %s', (label, ...vals) => {
  REG_COLS.forEach((h, i) => {
    const v = cell('兵役登记统计表', label, h);
    if (h === '登记率') expectRate(v, vals[i] as string);
    else expectCount(v, vals[i] as number);
  });
});

// ───────────────────────────── 优抚对象统计表 ─────────────────────────────
// 红旗村 优抚对象 r4–r12; r10 (刘志强, 暂停) and r11 (陈光荣, 注销) excluded.
//   残疾军人: r4 张建国 = 1            烈士遗属: r6 李秀英 (烈属) = 1
//   在乡复员军人: r7 王德明 = 1        参战退役军人: r5 张建国 = 1
//   年满60周岁农村籍退役士兵: r8 = 1   烈士老年子女: r12 周桂兰 = 1
//   现役军人家属: r9 赵红梅 (军属) = 1  病故军人遗属: r11 注销 → 0; others 0
//   去重人数: 张建国 (r4, r5 — his r5 ID in full-width digits is the same ID), 李秀英, 王德明,
//     买买提·吐尔逊, 赵红梅, 周桂兰 = 6 (7 counted rows, one person twice)
//   本年发放金额: 12000 + 3000 + 4800.5 + 9600 + 1800 + 600 + 1200 = 33000.5
//     (the 合计 row's 40400.5 and the 暂停/注销 5000 and 2400 do not count)
// 东风村 东风村优抚 r5–r10; r10 (林秋生, 参试退役军人, 暂停) excluded.
//   残疾军人: r6 = 1; 烈士遗属: r5 = 1; 带病回乡退役军人: r7 (带病回乡退伍军人) = 1;
//   现役军人家属: r8 = 1; 其他退役军人: r9 (退役士兵) = 1; 参试退役军人: 0
//   去重人数 5; 本年发放金额: 6000 + 15000 + 3600 + 1000 + 500 = 26100 (总计 row 28100 ignored)
// 合计: 残疾军人 1+1 = 2; 烈士遗属 1+1 = 2; 因公牺牲军人遗属 0; 病故军人遗属 0; 在乡复员军人 1;
//   带病回乡退役军人 1; 参战退役军人 1; 参试退役军人 0; 年满60… 1; 烈士老年子女 1;
//   现役军人家属 1+1 = 2; 其他退役军人 0+1 = 1; 去重人数 6+5 = 11; 金额 33000.5+26100 = 59100.5
test.each(BEN)('优抚对象统计表 %s', (label, cats, distinct, money) => {
  CATS.forEach((h, i) => expectCount(cell('优抚对象统计表', label, h), cats[i]));
  expectCount(cell('优抚对象统计表', label, '去重人数'), distinct);
  expectMoney(cell('优抚对象统计表', label, '本年发放金额(元)'), money);
});
test('优抚对象统计表: a village with no 优抚对象 rows, if listed, shows zeros', () => {
  const row = form('优抚对象统计表').rows.find((r) => r.cells[0] === '向阳社区');
  expect(row).toBeDefined();
  expect(row!.cells.slice(1).length).toBeGreaterThan(0);
  for (const v of row!.cells.slice(1)) expect(v === 0 || v === null).toBe(true);
});

// ───────────────────────────── 双拥活动统计表 ─────────────────────────────
// Activities: 红旗村 双拥活动 r3–r8 (合计 r9 ignored) and 向阳社区 双拥活动 r2–r4.
// 拥军优属:
//   文化进军营: 红旗 r5 (文化进军营) + r6 (文艺演出) → 2 次; 参加 60+50 = 110; 官兵 80+120 = 200;
//     慰问 0+20 = 20; 慰问金 0+4000 = 4000; 物资 1500+3000 = 4500; 图书 200+0 = 200
//   体育进军营: 红旗 r8 (篮球赛) → 1; 24; 24; 0; 0; 800; 0
//   社会服务进军营: 向阳 r3 (为军属义诊) → 1; 35; 0; 15; 0; 1200; 0
//   科技法律进军营: 0 everywhere
//   送温暖进军营: 红旗 r3 (走访慰问) + 向阳 r4 → 2; 12+20 = 32; 30+0 = 30; 30+18 = 48;
//     6000+9000 = 15000; 2000+1000 = 3000; 0
//   就业岗位进军营: 0
//   小计: 2+1+1+0+2+0 = 6; 110+24+35+32 = 201; 200+24+0+30 = 254; 20+0+15+48 = 83;
//     4000+15000 = 19000; 4500+800+1200+3000 = 9500; 200
// 拥政爱民:
//   治安服务进村镇 0; 卫生服务进村镇 0
//   绿化服务进村镇: 红旗 r4 (植树) → 1; 40; 25; 0; 0; 0; 0
//   国防教育进村镇: 红旗 r7 → 1; 80; 10; 0; 0; 0; 300
//   扶贫帮困进村镇 0
//   便民服务进村镇: 向阳 r2 → 1; 100; 15; 0; 0; 0; 0
//   小计: 3; 220; 50; 0; 0; 0; 300
// 合计: 6+3 = 9; 201+220 = 421; 254+50 = 304; 83; 19000; 9500; 200+300 = 500
test.each(ACT)('双拥活动统计表 %s #%d', (label, nth, vals) => {
  ACT_COLS.forEach((h, i) => {
    const v = cell('双拥活动统计表', label, h, nth);
    if (h.endsWith('(元)')) expectMoney(v, vals[i]);
    else expectCount(v, vals[i]);
  });
});
test('双拥活动统计表 rows in §5 order: six 拥军优属, 小计, six 拥政爱民, 小计, 合计', () => {
  expect(form('双拥活动统计表').rows.map((r) => labelOf(r.cells[0]))).toEqual(ACT.map((a) => a[0]));
});

// ───────────────────────────── 共建安置统计表 ─────────────────────────────
// 军民共建对子 (状态 有效): 红旗 HQ-01, HQ-02 = 2 (HQ-04 终止 excluded)
// 帮扶对子 (有效): 红旗 HQ-03, 东风 DF-01 = 2 (DF-02 终止 excluded)
// 退役士兵安置: 已安置 蒋勇 (红旗), 马骁, 何军 (东风) = 3; 待安置 邓伟 = 1; 担任领导职务 何军 = 1
// 随军家属安置: 已安置 沈丽 (红旗), 林芳 (东风) = 2; 待安置 0; 担任领导职务 沈丽 = 1
// 对子合计: 2+2 = 4 对; 安置合计: 数量 3+2 = 5 人, 待安置 1, 担任领导职务 2 (pairs and people never added)
test.each(PAIRS)('共建安置统计表 %s', (label, qty, waiting, leaders) => {
  expectCount(cell('共建安置统计表', label, '数量'), qty);
  // For pair rows 待安置/担任领导职务 do not apply: blank or 0.
  const na = (v: FormCell, n: number | null) => (n === null ? expect(v === null || v === 0 || v === '').toBe(true) : expectCount(v, n));
  na(cell('共建安置统计表', label, '待安置'), waiting);
  na(cell('共建安置统计表', label, '担任领导职务'), leaders);
});
test('共建安置统计表 rows in §5 order', () => {
  expect(form('共建安置统计表').rows.map((r) => r.cells[0])).toEqual(['军民共建对子', '帮扶对子', '对子合计', '退役士兵安置', '随军家属安置', '安置合计']);
});

// ───────────────────────────── 双拥工作年度汇总 ─────────────────────────────
// 军民共建对子数 2; 帮扶对子数 2; 投入资金 = 慰问金 19000 + 物资折价 9500 = 28500;
// 捐赠图书 500; 建档优抚对象人数 = distinct 在册 people 11; 安置随军家属人数 2;
// 接收安置退役士兵人数: 3 已安置 (4 if 待安置 邓伟 counts as received — the spec does not say);
// 兵役登记率 55.6% (合计 rate); 批准入伍人数 3.
function summary(label: string): FormCell {
  const row = form('双拥工作年度汇总').rows.find((r) => r.cells[0] === label);
  if (!row) throw new Error(`双拥工作年度汇总: no row ${label}; rows: ${form('双拥工作年度汇总').rows.map((r) => r.cells[0]).join(' · ')}`);
  return row.cells[1] ?? null;
}
test.each(SUMMARY)('双拥工作年度汇总 %s', (label, want) => {
  const v = summary(label);
  if (Array.isArray(want)) expect(want).toContain(v);
  else if (typeof want === 'string') expectRate(v, want);
  else if (label.endsWith('(元)')) expectMoney(v, want);
  else expectCount(v, want);
});
test('双拥工作年度汇总 activity counts by category (synonyms under their category)', () => {
  const rows = form('双拥工作年度汇总').rows;
  const find = (cat: string) => rows.find((r) => typeof r.cells[0] === 'string' && (r.cells[0] as string).includes(cat));
  expect(find('文化进军营')?.cells[1]).toBe(2);
  expect(find('送温暖进军营')?.cells[1]).toBe(2);
  expect(find('绿化服务进村镇')?.cells[1]).toBe(1);
});
test('双拥工作年度汇总 paragraph states the year\'s figures', () => {
  const p = form('双拥工作年度汇总').paragraph ?? '';
  expect(p).toContain('55.6%');
  expect(p).toMatch(/文化进军营活动2次/);
  expect(p).not.toMatch(/科技法律进军营/); // a figure of 0: its sentence/clause is dropped
});

// ───────────────────────────── user templates (§5) ─────────────────────────────
test('template placeholders: {{兵役登记率}} is the 合计 rate, {{已登记人数|红旗村}} the village figure', () => {
  const rate = resolveCellText('{{兵役登记率}}', stats);
  expect(rate.unknown).toEqual([]);
  expectRate(rate.value as FormCell, '55.6%'); // 5/9
  expect(resolveCellText('{{已登记人数|红旗村}}', stats).value).toBe(3);
  expect(resolveCellText('{{已登记人数|东风村}}', stats).value).toBe(2);
  expect(resolveCellText('{{应登记人数}}', stats).value).toBe(9);
  expect(resolveCellText('适龄青年兵役登记率达到{{兵役登记率}}。', stats).value).toBe('适龄青年兵役登记率达到55.6%。');
});
test('template: an unknown placeholder is reported, the names that exist are listed', () => {
  const r = resolveCellText('{{登记人数合计}}', stats);
  expect(r.unknown.map((u) => u.placeholder)).toEqual(['{{登记人数合计}}']);
  const names = listPlaceholders(stats);
  expect(names).toContain('兵役登记率');
  expect(names).toContain('已登记人数|红旗村');
});

// ───────────────────────────── money without drift ─────────────────────────────
// 向阳社区 优抚对象 amounts in row order 0.7, 0.2, 0.1, 1.1, 2.2: the clerk's sum is 4.30 exactly
// (naive floating point gives 0.9999999999999999 after three rows and 4.300000000000001 at the end).
test('本年发放金额 is summed to the 分 without floating-point drift', () => {
  const amounts = [0.7, 0.2, 0.1, 1.1, 2.2];
  const b = book('向阳社区优抚.xlsx', [
    sheet('优抚对象', [
      [1, headerRow(YF_LAYOUT)],
      ...amounts.map((a, i): [number, ReturnType<typeof lay>] => [i + 2, lay(YF_LAYOUT, {
        序号: i + 1, 所在村: '向阳社区', 姓名: ['陈一', '陈二', '陈三', '陈四', '陈五'][i], 性别: '男', 民族: '汉族',
        身份证号: makeId('430121', `1950020${i + 1}`, 'M'), 优抚类别: '其他退役军人', '本年发放金额(元)': a })]),
    ]),
  ]);
  const settings = resolveSettings({ year: YEAR, villages: VILLAGES });
  const r = check([b], YEAR, VILLAGES);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const f = buildForms(computeStatistics(r.tables, settings), settings, {}).find((x) => x.name === '优抚对象统计表')!;
  const c = f.columns.findIndex((x) => x.header === '本年发放金额(元)');
  const total = f.rows.find((x) => x.cells[0] === '合计')!.cells[c];
  const village = f.rows.find((x) => x.cells[0] === '向阳社区')!.cells[c];
  expect(total).toBe(4.3);
  expect(village).toBe(4.3);
});

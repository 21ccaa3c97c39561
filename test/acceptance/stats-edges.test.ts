/**
 * §5 counting edge cases on a second small fixture: a 优抚对象 sheet with no 状态 column (every
 * data row counts), and a person 在册 in one category and 暂停 in another (counted once, only
 * in the 在册 category).
 */
import { buildForms, type FormSheet } from '../../src/core/forms';
import { resolveSettings } from '../../src/core/settings';
import { computeStatistics } from '../../src/core/stats';
import { VILLAGES } from './fixtures/valid';
import { makeId } from './id';
import { check, pinToday } from './run';
import { book, headerRow, lay, type Layout, sheet, show } from './sheet';

const NO_STATUS: Layout = [
  ['所在村', '所在村'], ['姓名', '姓名'], ['身份证号', '身份证号'], ['优抚类别', '优抚类别'], ['残疾等级', '残疾等级'],
  ['残疾性质', '残疾性质'], ['本年发放金额(元)', '本年发放金额(元)'],
];
const WITH_STATUS: Layout = [...NO_STATUS, ['状态', '状态']];
const A = makeId('430121', '19550101', 'M');
const B = makeId('430121', '19550102', 'F');
const C = makeId('430121', '19550103', 'M');
const D = makeId('430121', '19550104', 'M');
const E = makeId('430121', '19550105', 'M');

// 红旗村 (no 状态 column): A 残疾军人 500, B 烈属→烈士遗属 600, C 其他退役军人 700
//   → 残疾军人 1, 烈士遗属 1, 其他退役军人 1; 去重 3; 金额 500+600+700 = 1800
// 东风村: D 残疾军人 在册 100; D 参战退役军人 暂停 200; E 其他退役军人 注销 300
//   → 残疾军人 1, 参战退役军人 0, 其他退役军人 0; 去重 1 (D); 金额 100
// 合计: 残疾军人 2, 烈士遗属 1, 参战退役军人 0, 其他退役军人 1; 去重 4; 金额 1900
const HQ = book('红旗村.xlsx', [sheet('优抚对象', [
  [1, headerRow(NO_STATUS)],
  [2, lay(NO_STATUS, { 所在村: '红旗村', 姓名: '甲', 身份证号: A, 优抚类别: '残疾军人', 残疾等级: '五级', 残疾性质: '因战', '本年发放金额(元)': 500 })],
  [3, lay(NO_STATUS, { 所在村: '红旗村', 姓名: '乙', 身份证号: B, 优抚类别: '烈属', '本年发放金额(元)': 600 })],
  [4, lay(NO_STATUS, { 所在村: '红旗村', 姓名: '丙', 身份证号: C, 优抚类别: '其他退役军人', '本年发放金额(元)': 700 })],
  [5, ['合计', null, null, null, null, null, 1800]],
])]);
const DF = book('东风村.xlsx', [sheet('优抚对象', [
  [1, headerRow(WITH_STATUS)],
  [2, lay(WITH_STATUS, { 所在村: '东风村', 姓名: '丁', 身份证号: D, 优抚类别: '残疾军人', 残疾等级: '四级', 残疾性质: '因公', '本年发放金额(元)': 100, 状态: '在册' })],
  [3, lay(WITH_STATUS, { 所在村: '东风村', 姓名: '丁', 身份证号: D, 优抚类别: '参战退役军人', '本年发放金额(元)': 200, 状态: '暂停' })],
  [4, lay(WITH_STATUS, { 所在村: '东风村', 姓名: '戊', 身份证号: E, 优抚类别: '其他退役军人', '本年发放金额(元)': 300, 状态: '注销' })],
])]);

let f: FormSheet;
beforeAll(() => {
  pinToday();
  const settings = resolveSettings({ year: 2026, villages: VILLAGES });
  const r = check([HQ, DF], 2026, VILLAGES);
  expect(show(r.problems.filter((p) => p.severity === 'error'))).toBe('');
  f = buildForms(computeStatistics(r.tables, settings), settings, {}).find((x) => x.name === '优抚对象统计表')!;
});
afterAll(() => jest.useRealTimers());

const v = (label: string, header: string) => {
  const c = f.columns.findIndex((x) => x.header === header);
  const row = f.rows.find((r) => r.cells[0] === label);
  if (c < 0 || !row) throw new Error(`${label} × ${header}`);
  return row.cells[c];
};

test.each([
  ['红旗村', 1, 1, 0, 1, 3, 1800],
  ['东风村', 1, 0, 0, 0, 1, 100],
  ['合计', 2, 1, 0, 1, 4, 1900],
] as Array<[string, number, number, number, number, number, number]>)('优抚对象统计表 %s', (label, dis, lie, can, other, distinct, money) => {
  expect(v(label, '残疾军人')).toBe(dis);
  expect(v(label, '烈士遗属')).toBe(lie);
  expect(v(label, '参战退役军人')).toBe(can);
  expect(v(label, '其他退役军人')).toBe(other);
  expect(v(label, '去重人数')).toBe(distinct);
  expect(v(label, '本年发放金额(元)')).toBe(money);
});

/** ledgers.md §1–§2: more mess on valid data (fixtures/mess.ts) — no error, the right data rows. */
import { MESS_BOOK, MESS_DATA_ROWS } from './fixtures/mess';
import { VILLAGES } from './fixtures/valid';
import { check, pinToday } from './run';
import { book, headerRow, lay, sheet, show } from './sheet';
import { makeId } from './id';
import { YF_LAYOUT } from './fixtures/valid';

beforeAll(() => pinToday());
afterAll(() => jest.useRealTimers());

test('no error on valid but messy rows (blank row mid-data, 合 计 in column B with #REF!, full-width date, 1954-10-31)', () => {
  const r = check([MESS_BOOK], 2026, VILLAGES);
  expect(show(r.problems.filter((p) => p.severity === 'error'))).toBe('');
});

test.each(Object.entries(MESS_DATA_ROWS))('sheet %s: exactly the data rows are records', (sheet, rows) => {
  const r = check([MESS_BOOK], 2026, VILLAGES);
  const t = r.tables.find((x) => x.sheet === sheet);
  expect(t?.records.map((x) => x.row)).toEqual(rows);
  expect(r.sheets.find((s) => s.sheet === sheet)?.dataRows).toBe(rows.length);
});

test('a phone typed as a number is a valid mobile: no problem on it', () => {
  const r = check([MESS_BOOK], 2026, VILLAGES);
  expect(show(r.problems.filter((p) => p.sheet === '优抚' && p.row === 6 && p.column === '联系电话'))).toBe('');
});

test('a full-width date is normalised', () => {
  const r = check([MESS_BOOK], 2026, VILLAGES);
  const rec = r.tables.find((x) => x.sheet === '优抚')?.records.find((x) => x.row === 8);
  expect(rec?.v['出生日期']).toBe('1960-01-04');
});

// §3 民族: one of the 56 groups, with or without the trailing 族 — typed by hand from the official list.
const GROUPS = ('汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 ' +
  '傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 ' +
  '锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 ' +
  '门巴族 珞巴族 基诺族').split(' ');
test('§3 all 56 groups are accepted, with or without 族', () => {
  expect(new Set(GROUPS).size).toBe(56);
  const rows: Array<[number, ReturnType<typeof lay>]> = [[1, headerRow(YF_LAYOUT)]];
  GROUPS.forEach((g, i) => {
    const birth = `1960${String(Math.floor(i / 28) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
    rows.push([i + 2, lay(YF_LAYOUT, { 序号: i + 1, 所在村: '红旗村', 姓名: `王${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[i % 12]}`,
      性别: '男', 民族: i % 2 === 0 ? g : g.replace(/族$/, ''), 身份证号: makeId('430121', birth, 'M'), 优抚类别: '其他退役军人',
      '本年发放金额(元)': 100 })]);
  });
  const r = check([book('民族.xlsx', [sheet('优抚对象', rows)])], 2026, VILLAGES);
  expect(show(r.problems.filter((p) => p.column === '民族'))).toBe('');
  expect(show(r.problems.filter((p) => p.severity === 'error'))).toBe('');
});

// §1 "None of these is data": two kinds of mess the spec does not name, which villages produce
// all the time. A clerk would not count them: rows holding only a pre-printed 序号, and the header
// repeated mid-sheet (copied from a second printed page).
test('rows with only a 序号, and a repeated header row, are not data', () => {
  const b = book('红旗村续表.xlsx', [sheet('优抚对象', [
    [1, headerRow(YF_LAYOUT)],
    [2, lay(YF_LAYOUT, { 序号: 1, 所在村: '红旗村', 姓名: '张三', 身份证号: makeId('430121', '19600201', 'M'), 优抚类别: '其他退役军人' })],
    [3, [2]],
    [4, [3]],
    [5, headerRow(YF_LAYOUT)],
    [6, lay(YF_LAYOUT, { 序号: 4, 所在村: '红旗村', 姓名: '李四', 身份证号: makeId('430121', '19600202', 'M'), 优抚类别: '其他退役军人' })],
  ])]);
  const r = check([b], 2026, VILLAGES);
  expect(show(r.problems.filter((p) => p.severity === 'error'))).toBe('');
  expect(r.tables[0]?.records.map((x) => x.row)).toEqual([2, 6]);
});

/**
 * ledgers.md §1–§4 on three villages' messy but valid workbooks (fixtures/valid.ts): the check
 * recognises every ledger, counts only data rows, normalises values, and raises NO error.
 */
import type { CheckResult } from '../../src/core/check-api';
import type { LedgerTable } from '../../src/core/ledger';
import { EXPECTED_SHEETS, ID, VALID_BOOKS, VILLAGES, YEAR } from './fixtures/valid';
import { check, pinToday } from './run';
import { show } from './sheet';

let res: CheckResult;
beforeAll(() => {
  pinToday();
  res = check(VALID_BOOKS, YEAR, VILLAGES);
});
afterAll(() => jest.useRealTimers());

function table(file: string, sheet: string): LedgerTable {
  const t = res.tables.find((x) => x.file === file && x.sheet === sheet);
  if (!t) throw new Error(`no table for ${file} ${sheet}; tables: ${res.tables.map((x) => x.file + '!' + x.sheet).join(', ')}`);
  return t;
}

test('valid village workbooks raise no error (warnings only where the spec allows fixes)', () => {
  const errors = res.problems.filter((p) => p.severity === 'error');
  expect(show(errors)).toBe('');
});

test.each(EXPECTED_SHEETS)('§1 $file $sheet: recognised as $ledger, header row $headerRow, $dataRows data rows', (e) => {
  const s = res.sheets.find((x) => x.file === e.file && x.sheet === e.sheet);
  expect(s).toBeDefined();
  expect(s!.ledger).toBe(e.ledger);
  if (e.headerRow !== undefined) expect(s!.headerRow).toBe(e.headerRow);
  expect(s!.dataRows).toBe(e.dataRows);
  expect(s!.errors).toBe(0);
});

test('§1 a 填表说明 sheet is no ledger and yields no table and no error', () => {
  expect(res.tables.some((t) => t.sheet === '填表说明')).toBe(false);
  expect(res.problems.filter((p) => p.sheet === '填表说明' && p.severity !== 'info')).toEqual([]);
});

test('§1 title, 填报 line, 合计/总计 and note rows are not data and draw no problem', () => {
  const notData: Array<[string, string, number[]]> = [
    ['红旗村.xlsx', '优抚对象', [1, 2, 13, 15]],
    ['红旗村.xlsx', '兵役登记', [1, 10, 12]],
    ['红旗村.xlsx', '双拥活动', [1, 9]],
    ['东风村.xlsx', '东风村优抚', [1, 2, 3, 11, 12, 13]],
    ['东风村.xlsx', '安置', [1, 8]],
    ['向阳社区.xlsx', 'Sheet1', [1, 2]],
  ];
  for (const [file, sheet, rows] of notData) {
    const t = table(file, sheet);
    expect(t.records.map((r) => r.row).filter((r) => rows.includes(r))).toEqual([]);
    const ps = res.problems.filter((p) => p.file === file && p.sheet === sheet && rows.includes(p.row ?? -1));
    expect(show(ps)).toBe('');
  }
  expect(table('红旗村.xlsx', '优抚对象').records.map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(table('东风村.xlsx', '东风村优抚').records.map((r) => r.row)).toEqual([5, 6, 7, 8, 9, 10]);
  expect(table('向阳社区.xlsx', 'Sheet1').records.map((r) => r.row)).toEqual([4, 5]);
});

test('§1 header variants map to canonical fields with their column numbers', () => {
  const t = table('东风村.xlsx', '东风村优抚');
  const cols = Object.fromEntries(t.columns.map((c) => [c.field, c.col]));
  expect(cols['所在村']).toBe(2); // 村(社区)
  expect(cols['身份证号']).toBe(6); // 公民身份号码
  expect(cols['优抚类别']).toBe(8); // 对象类别
  expect(cols['本年发放金额(元)']).toBe(13); // 发放金额
  const h = Object.fromEntries(table('红旗村.xlsx', '优抚对象').columns.map((c) => [c.field, c.col]));
  expect(h['姓名']).toBe(3); // 姓 名
  expect(h['本年发放金额(元)']).toBe(13); // 本年发放\n金额（元）
  const b = Object.fromEntries(table('红旗村.xlsx', '兵役登记').columns.map((c) => [c.field, c.col]));
  expect(b['是否已登记']).toBe(7); // 是否\n已登记
});

function rec(file: string, sheet: string, row: number) {
  const r = table(file, sheet).records.find((x) => x.row === row);
  if (!r) throw new Error(`no record ${file} ${sheet} r${row}`);
  return r.v;
}

test('§2 normalisation: IDs (trailing space, lower-case x, full-width digits)', () => {
  expect(rec('红旗村.xlsx', '优抚对象', 9)['身份证号']).toBe(ID.zhaoHongmei);
  expect(rec('红旗村.xlsx', '优抚对象', 5)['身份证号']).toBe(ID.zhangJianguo);
  expect(rec('东风村.xlsx', '东风村优抚', 8)['身份证号']).toBe(ID.chenMeiling);
});

test('§2 normalisation: dates in every format, month-precision service dates', () => {
  const v = (row: number) => rec('红旗村.xlsx', '优抚对象', row);
  expect(v(4)['出生日期']).toBe('1950-03-15'); // Date cell
  expect(v(5)['出生日期']).toBe('1950-03-15'); // 1950/3/15
  expect(v(6)['出生日期']).toBe('1948-06-10'); // 1948.6.10
  expect(v(7)['出生日期']).toBe('1932-01-01'); // 19320101
  expect(v(9)['出生日期']).toBe('1980-08-08'); // 1980年8月8日
  expect(v(10)['出生日期']).toBe('1970-01-01'); // 1970-01-01
  expect(v(11)['出生日期']).toBe('1955-05-05'); // serial 20214
  expect(v(4)['入伍时间']).toBe('1968-03'); // 1968.03
  expect(v(5)['入伍时间']).toBe('1968-03'); // 1968年3月
  expect(v(7)['入伍时间']).toBe('1951-02'); // 1951-02
  expect(rec('向阳社区.xlsx', 'Sheet1', 5)['登记日期']).toBe('2026-03-04'); // serial 46085
});

test('§2/§4 normalisation: synonyms become canonical terms, 是/否 become booleans, names get the middle dot', () => {
  expect(rec('红旗村.xlsx', '优抚对象', 6)['优抚类别']).toBe('烈士遗属');
  expect(rec('红旗村.xlsx', '优抚对象', 9)['优抚类别']).toBe('现役军人家属');
  expect(rec('东风村.xlsx', '东风村优抚', 7)['优抚类别']).toBe('带病回乡退役军人');
  expect(rec('东风村.xlsx', '东风村优抚', 9)['优抚类别']).toBe('其他退役军人');
  expect(rec('红旗村.xlsx', '双拥活动', 3)['活动类别']).toBe('送温暖进军营');
  expect(rec('红旗村.xlsx', '双拥活动', 4)['活动类别']).toBe('绿化服务进村镇');
  expect(rec('红旗村.xlsx', '双拥活动', 6)['活动类别']).toBe('文化进军营');
  expect(rec('红旗村.xlsx', '双拥活动', 8)['活动类别']).toBe('体育进军营');
  const yes = (f: string, s: string, r: number) => rec(f, s, r)['是否已登记'];
  expect(yes('红旗村.xlsx', '兵役登记', 3)).toBe(true); // 是
  expect(yes('红旗村.xlsx', '兵役登记', 4)).toBe(true); // Y
  expect(yes('红旗村.xlsx', '兵役登记', 5)).toBe(true); // √
  expect(yes('红旗村.xlsx', '兵役登记', 6)).toBe(false); // 否
  expect(yes('红旗村.xlsx', '兵役登记', 9)).toBe(true); // TRUE cell
  expect(yes('东风村.xlsx', '东风村兵役登记', 3)).toBe(true); // 1
  expect(yes('东风村.xlsx', '东风村兵役登记', 5)).toBe(false); // ×
  expect(yes('东风村.xlsx', '东风村兵役登记', 6)).toBe(false); // FALSE cell
  expect(rec('东风村.xlsx', '东风村优抚', 5)['姓名']).toBe('阿依古丽·买买提'); // • → ·
  expect(rec('东风村.xlsx', '东风村优抚', 7)['姓名']).toBe('艾力·吐尔洪'); // ． → ·
  expect(rec('红旗村.xlsx', '优抚对象', 8)['姓名']).toBe('买买提·吐尔逊');
  expect(rec('红旗村.xlsx', '优抚对象', 4)['本年发放金额(元)']).toBe(12000);
});

test('§3 values that are simply valid draw no problem at all', () => {
  const none = (file: string, sheet: string, row: number, column: string) =>
    res.problems.filter((p) => p.file === file && p.sheet === sheet && p.row === row && p.column === column);
  // residence permit 810000…
  expect(show(none('东风村.xlsx', '东风村优抚', 8, '身份证号'))).toBe('');
  // 民族 with or without 族
  expect(show(none('东风村.xlsx', '东风村优抚', 5, '民族'))).toBe('');
  expect(show(none('红旗村.xlsx', '优抚对象', 5, '民族'))).toBe('');
  expect(show(none('红旗村.xlsx', '优抚对象', 12, '民族'))).toBe('');
  // a name with the standard middle dot
  expect(show(none('红旗村.xlsx', '优抚对象', 8, '姓名'))).toBe('');
  // 60 on 31 Dec 2026 though 59 "today" (2026-11-29): no problem on the category or the ID
  expect(show(none('红旗村.xlsx', '优抚对象', 8, '优抚类别'))).toBe('');
  // 因病 "3级" is allowed (一级–六级); "3级" may at most draw a fixable warning
  const errs = (row: number) => res.problems.filter((p) => p.file === '东风村.xlsx' && p.sheet === '东风村优抚' && p.row === row && p.severity === 'error');
  expect(show(errs(6))).toBe('');
});

test('§2 a cell is offered one corrected value: ． in a minority name becomes the middle dot, nothing else', () => {
  const fixes = new Map<string, Set<string>>();
  for (const p of res.problems) {
    if (p.fix === undefined || !p.cell) continue;
    const k = `${p.file}!${p.sheet}!${p.cell}`;
    if (!fixes.has(k)) fixes.set(k, new Set());
    fixes.get(k)!.add(JSON.stringify(p.fix));
  }
  const conflicting = [...fixes].filter(([, v]) => v.size > 1).map(([k, v]) => `${k}: ${[...v].join(' / ')}`);
  expect(conflicting).toEqual([]);
  const c7 = res.problems.filter((p) => p.file === '东风村.xlsx' && p.sheet === '东风村优抚' && p.cell === 'C7' && p.fix !== undefined);
  expect(c7.map((p) => p.fix)).toEqual(c7.map(() => '艾力·吐尔洪'));
});

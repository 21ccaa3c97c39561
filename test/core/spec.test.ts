/** Cases derived from ledgers.md §1–§3: valid (if messy) data raises no error. */
import { idCheckChar, makeId } from '../../src/core/values/id';
import { BENEFICIARY_HEADER, beneficiaryRow, book, CONSCRIPT_HEADER, conscriptRow, sheet, YEAR } from './fixtures';
import { check } from './helpers';

/** An ID whose check character is X. */
function idWithX(): string {
  for (let s = 11; s < 999; s += 2) {
    const first17 = '110103' + '19650707' + String(s).padStart(3, '0');
    if (idCheckChar(first17) === 'X') return first17 + 'X';
  }
  throw new Error('none');
}

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('valid messy data raises no error', () => {
  const X = idWithX();
  const rows = [
    // minority names with every accepted dot, abolished county codes (崇文区 110103, 宣武区 110104)
    beneficiaryRow(1, { 姓名: '买买提·吐尔逊', 民族: '维吾尔族', 身份证号: makeId('110103', '19560310', 13), 出生日期: '1956年3月10日', 入伍时间: '1975.03', 退伍时间: '1980年10月' }),
    beneficiaryRow(2, { 姓名: '阿依古丽•买买提', 民族: '维吾尔', 身份证号: makeId('110104', '19600101', 24), 性别: '女', 出生日期: '1960/1/1', 优抚类别: '烈士遗属', 入伍时间: null, 退伍时间: null }),
    // lower-case x, trailing space, full-width digits, NBSP: warnings with fixes
    beneficiaryRow(3, { 身份证号: X.toLowerCase(), 出生日期: '19650707', 入伍时间: '1983-10', 退伍时间: '1987-12' }),
    beneficiaryRow(4, { 身份证号: makeId('110105', '19700101', 41) + ' ', 出生日期: new Date(Date.UTC(1970, 0, 1)) }),
    beneficiaryRow(5, { 身份证号: toFullWidth(makeId('110105', '19700101', 43)), 出生日期: 25569 }),
    beneficiaryRow(6, { 身份证号: '\u00a0' + makeId('110105', '19700101', 45), 出生日期: '1970.1.1', 入伍时间: 1988.03, 退伍时间: 1992.1 }),
    // a residence permit; a 15-digit legacy number
    beneficiaryRow(7, { 身份证号: makeId('830000', '19700101', 47), 出生日期: null }),
    beneficiaryRow(8, { 身份证号: '110105700101049', 出生日期: '1970-01-01' }),
    // 残疾军人 with numbers for grades, amounts with 2 decimals
    beneficiaryRow(9, { 优抚类别: '残疾军人', 残疾等级: '6级', 残疾性质: '因病', '本年发放金额(元)': 3256.5 }),
  ];
  const r = check([book('红旗村.xlsx', sheet('优抚对象', [['红旗村优抚对象花名册'], BENEFICIARY_HEADER, ...rows]))], { villages: ['红旗村'] });

  test('no errors; fixable warnings, and an info line for the abolished codes (valid on old cards)', () => {
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const p of r.problems) {
      expect(p.severity).toBe(p.code === 'id.county-abolished' ? 'info' : 'warning');
      if (p.code !== 'id.county-abolished') expect(p.fix).toBeDefined();
    }
    expect(r.problems.filter((p) => p.code === 'id.county-abolished').map((p) => [p.row, p.params.region])).toEqual([
      [3, '110103'],
      [4, '110104'],
      [5, '110103'],
    ]);
  });
  test('warnings carry the corrected value', () => {
    const fixes = Object.fromEntries(r.problems.map((p) => [`${p.row}:${p.code}`, p.fix]));
    expect(fixes['5:id.normalized']).toBe(X);
    expect(fixes['4:name.middle-dot']).toBe('阿依古丽·买买提');
    expect(fixes['6:id.normalized']).toBe(makeId('110105', '19700101', 41));
    expect(fixes['10:id.legacy-15']).toBe(makeId('110105', '19700101', 49));
  });
  test('normalised values in the table', () => {
    const v = r.tables[0].records.map((x) => x.v);
    expect(v[0]['出生日期']).toBe('1956-03-10');
    expect(v[0]['退伍时间']).toBe('1980-10');
    expect(v[1]['民族']).toBe('维吾尔族');
    expect(v[2]['身份证号']).toBe(X);
    expect(v[3]['出生日期']).toBe('1970-01-01');
    expect(v[4]['身份证号']).toBe(makeId('110105', '19700101', 43));
    expect(v[4]['出生日期']).toBe('1970-01-01');
    expect(v[5]['入伍时间']).toBe('1988-03');
    expect(v[5]['退伍时间']).toBe('1992-01');
    expect(v[8]['残疾等级']).toBe('六级');
    expect(v[8]['本年发放金额(元)']).toBe(3256.5);
  });
});

test('ages are computed against 31 December of the reporting year, not today', () => {
  // Born 31 Dec of Y-18: 初次 in Y whatever the day of checking.
  const row = conscriptRow(1, { 身份证号: makeId('110105', `${YEAR - 18}1231`, 11), 登记日期: `${YEAR}-01-05` });
  const early = check([book('a.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, row]))], {}, { today: new Date(YEAR, 0, 10) });
  const late = check([book('a.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, row]))], {}, { today: new Date(YEAR + 3, 5, 1) });
  expect(early.problems).toEqual([]);
  expect(late.problems).toEqual([]);
  // Another reporting year changes the verdict.
  const other = check([book('a.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, row]))], { year: YEAR + 1 }, { today: new Date(YEAR + 3, 5, 1) });
  expect(other.problems.map((p) => p.code)).toContain('conscript.age');
});

test('the tables follow ledger.ts: canonical names, booleans, numbers, ISO dates, null for empty', () => {
  const r = check([book('a.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1, { 是否应征报名: 'Y', 体检结果: null, 登记日期: '2026年6月15日' })]))]);
  const v = r.tables[0].records[0].v;
  expect(v['是否已登记']).toBe(true);
  expect(v['是否应征报名']).toBe(true);
  expect(v['是否批准入伍']).toBe(false);
  expect(v['体检结果']).toBeNull();
  expect(v['登记日期']).toBe('2026-06-15');
  expect(v['序号']).toBe(1);
});

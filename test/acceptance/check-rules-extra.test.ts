/**
 * Rules that need more than one row or file: a missing required column (§1), the same person in
 * two villages' workbooks (§4.1, §4.2), and ages/periods against 31 December of the reporting
 * year, never today's date (§4.1, §4.2).
 */
import type { Problem } from '../../src/core/problem';
import { CROSS_A, CROSS_B, ONE_FILE_TWO_VILLAGES, MISSING_COLUMN_BOOK, MISSING_COLUMN_HEADER_ROW, WRONG_IN_2026, YEAR2025_BOOK } from './fixtures/extra';
import { HONGQI, VALID_BOOKS, VILLAGES } from './fixtures/valid';
import { DEFECT_BOOK, DEFECT_FILE, PLANTED } from './fixtures/defects';
import { resolveSettings } from '../../src/core/settings';
import { checkWorkbooks } from '../../src/core';
import { check, pinToday } from './run';
import { show } from './sheet';

beforeAll(() => pinToday());
afterAll(() => jest.useRealTimers());

const mentions = (p: Problem, text: string) => (JSON.stringify(p.params) + (p.value ?? '')).includes(text);

test('§1 a missing required column is one header problem, not one per row', () => {
  const res = check([MISSING_COLUMN_BOOK], 2026, VILLAGES);
  const about = res.problems.filter((p) => p.column === '优抚类别' || mentions(p, '优抚类别'));
  expect(about).toHaveLength(1);
  expect(about[0].severity).toBe('error');
  expect(about[0].sheet).toBe('优抚对象');
  expect(about[0].row).toBe(MISSING_COLUMN_HEADER_ROW);
  expect(res.sheets.find((s) => s.sheet === '优抚对象')?.ledger).toBe('优抚对象');
  expect(show(res.problems.filter((p) => (p.row ?? 0) > MISSING_COLUMN_HEADER_ROW && p.severity === 'error'))).toBe('');
});

describe('§4.1/§4.2 the same person in two villages\' workbooks', () => {
  const res = () => check([CROSS_A, CROSS_B], 2026, VILLAGES);
  test('优抚对象: an error on both rows, each naming the other place', () => {
    const r = res();
    const a = r.problems.filter((p) => p.file === '红旗村.xlsx' && p.sheet === '优抚对象' && p.row === 3 && p.severity === 'error');
    const b = r.problems.filter((p) => p.file === '东风村.xlsx' && p.sheet === '优抚对象' && p.row === 5 && p.severity === 'error');
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.some((p) => mentions(p, '东风村'))).toBe(true);
    expect(b.some((p) => mentions(p, '红旗村'))).toBe(true);
    // nobody else is accused
    const others = r.problems.filter((p) => p.severity === 'error' && p.sheet === '优抚对象' &&
      !((p.file === '红旗村.xlsx' && (p.row === 3 || p.row === 4)) || (p.file === '东风村.xlsx' && (p.row === 5 || p.row === 6))));
    expect(show(others)).toBe('');
  });
  test('优抚对象: the same ID typed "…X" and "…x " is the same person (§2 before the rule)', () => {
    const r = res();
    const a = r.problems.filter((p) => p.file === '红旗村.xlsx' && p.sheet === '优抚对象' && p.row === 4 && p.severity === 'error');
    const b = r.problems.filter((p) => p.file === '东风村.xlsx' && p.sheet === '优抚对象' && p.row === 6 && p.severity === 'error');
    expect(a.some((p) => mentions(p, '东风村'))).toBe(true);
    expect(b.some((p) => mentions(p, '红旗村'))).toBe(true);
  });
  test('兵役登记: duplicate ID across villages is an error', () => {
    const r = res();
    const a = r.problems.filter((p) => p.file === '红旗村.xlsx' && p.sheet === '兵役登记' && p.row === 4 && p.severity === 'error');
    const b = r.problems.filter((p) => p.file === '东风村.xlsx' && p.sheet === '兵役登记' && p.row === 2 && p.severity === 'error');
    expect(a.length + b.length).toBeGreaterThan(0);
    expect(show(r.problems.filter((p) => p.severity === 'error' && p.sheet === '兵役登记' && p.row === 3))).toBe('');
  });
  test('each workbook alone is clean', () => {
    expect(show(check([CROSS_A], 2026, VILLAGES).problems.filter((p) => p.severity === 'error'))).toBe('');
    expect(show(check([CROSS_B], 2026, VILLAGES).problems.filter((p) => p.severity === 'error'))).toBe('');
  });
});

describe('ages and periods against 31 December of the reporting year, not today', () => {
  test('a 2025 workbook is clean for Y = 2025', () => {
    const r = check([YEAR2025_BOOK], 2025, VILLAGES);
    expect(show(r.problems.filter((p) => p.severity === 'error'))).toBe('');
  });
  test.each(WRONG_IN_2026)('the same workbook for Y = 2026: %s r%d is an error', (sheet, row, fields) => {
    const r = check([YEAR2025_BOOK], 2026, VILLAGES);
    const ps = r.problems.filter((p) => p.sheet === sheet && p.row === row && p.severity === 'error' && fields.includes(p.column ?? ''));
    expect(ps.length).toBeGreaterThan(0);
  });
  test('2026 workbooks for Y = 2025: 初次 born 2008 and 年满60 born 1966-12-15 become errors', () => {
    const r = check(VALID_BOOKS, 2025, VILLAGES);
    const err = (sheet: string, row: number, fields: string[]) =>
      r.problems.filter((p) => p.file === '红旗村.xlsx' && p.sheet === sheet && p.row === row && p.severity === 'error' && fields.includes(p.column ?? ''));
    expect(err('兵役登记', 3, ['身份证号', '登记类型', '登记日期']).length).toBeGreaterThan(0);
    expect(err('优抚对象', 8, ['优抚类别', '身份证号', '出生日期']).length).toBeGreaterThan(0);
  });
  test('the 60-year rule uses 31 Dec of Y: 59 today (2026-11-29), 60 on 2026-12-31 → valid', () => {
    const r = check([HONGQI], 2026, VILLAGES);
    expect(show(r.problems.filter((p) => p.sheet === '优抚对象' && p.row === 8 && p.severity === 'error'))).toBe('');
  });
});

test('§4.1 the same person under two villages in one workbook: an error on both rows', () => {
  const r = check([ONE_FILE_TWO_VILLAGES], 2026, VILLAGES);
  const e2 = r.problems.filter((p) => p.row === 2 && p.severity === 'error');
  const e4 = r.problems.filter((p) => p.row === 4 && p.severity === 'error');
  expect(e2.some((p) => mentions(p, '向阳社区'))).toBe(true);
  expect(e4.some((p) => mentions(p, '红旗村'))).toBe(true);
  expect(show(r.problems.filter((p) => p.row === 3 && p.severity === 'error'))).toBe('');
});

describe('settings (§1): village list and registration deadline', () => {
  const planted = (rule: string) => {
    const e = PLANTED.find((x) => x.rule.startsWith(rule));
    if (!e) throw new Error(rule);
    return e;
  };
  test('no village list: the village-list rule does not run', () => {
    const r = check([DEFECT_BOOK], 2026, []);
    const e = planted('§3 所在村 not in the village list');
    expect(show(r.problems.filter((p) => p.sheet === e.sheet && p.row === e.row && p.column === '所在村'))).toBe('');
  });
  test('a later deadline (11月30日): registering on 2026-11-10 draws no warning', () => {
    const e = planted('§4.2 登记日期 after the deadline');
    const settings = resolveSettings({ year: 2026, villages: VILLAGES, deadline: { month: 11, day: 30 } });
    const r = checkWorkbooks([DEFECT_BOOK], settings, {});
    expect(show(r.problems.filter((p) => p.sheet === e.sheet && p.row === e.row && p.column === '登记日期'))).toBe('');
  });
  test('problems come in file, sheet, row order', () => {
    const r = check([DEFECT_BOOK], 2026, VILLAGES);
    const sheets = DEFECT_BOOK.sheets.map((s) => s.name);
    const key = (p: { sheet?: string; row?: number }) => [sheets.indexOf(p.sheet ?? ''), p.row ?? 0];
    const ps = r.problems.filter((p) => p.file === DEFECT_FILE && p.sheet);
    for (let i = 1; i < ps.length; i++) {
      const [a1, a2] = key(ps[i - 1]);
      const [b1, b2] = key(ps[i]);
      expect(a1 < b1 || (a1 === b1 && a2 <= b2)).toBe(true);
    }
  });
});

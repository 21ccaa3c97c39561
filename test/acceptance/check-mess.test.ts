/** ledgers.md §1–§2: more mess on valid data (fixtures/mess.ts) — no error, the right data rows. */
import { MESS_BOOK, MESS_DATA_ROWS } from './fixtures/mess';
import { VILLAGES } from './fixtures/valid';
import { check, pinToday } from './run';
import { show } from './sheet';

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

/** The one cell reader (src/core/cells/read-cell.ts), family by family, as both hosts use it. */
import { cellFromRaw, dateToSerial, isDateFormat, numFmtOf, serialToDate } from '../../src/core/cells/read-cell';
import type { CellValue } from '../../src/core/model';

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

type Row = [family: string, raw: unknown, fmt: string | undefined, date1904: boolean, want: CellValue];

const TABLE: Row[] = [
  // dates
  ['date', 45047, 'yyyy-mm-dd', false, day('2023-05-01')],
  ['date', 45047, 'yyyy/m/d', false, day('2023-05-01')],
  ['date', 45047, 'yyyy"年"m"月"d"日"', false, day('2023-05-01')],
  ['date', 45047, 'yyyy年m月d日', false, day('2023-05-01')],
  ['date', 45047, '[$-804]yyyy年m月d日;@', false, day('2023-05-01')],
  ['date', 45047, 'd-mmm-yy', false, day('2023-05-01')],
  ['date', 45047, 'mmm-yy', false, day('2023-05-01')],
  ['date', 45047, 'm"月"d"日"', false, day('2023-05-01')],
  ['date', 45047, 'm月', false, day('2023-05-01')],
  ['date', 45047, 'mmmm', false, day('2023-05-01')],
  ['date', 45047, '[DBNum1][$-804]yyyy"年"m"月"d"日"', false, day('2023-05-01')],
  ['date', 45047, 'e"年"m"月"d"日"', false, day('2023-05-01')],
  ['date-time', 45047.75, 'yyyy-mm-dd hh:mm', false, day('2023-05-01')],
  ['date-time', 45047.9999999999, 'yyyy/m/d h:mm', false, day('2023-05-02')],
  ['date-colour', 45047, '[Red]yyyy-mm-dd', false, day('2023-05-01')],
  ['date-text-section', 45047, 'yyyy-mm-dd;@', false, day('2023-05-01')],
  // times and durations stay numbers
  ['time', 0.5, 'h:mm', false, 0.5],
  ['time', 0.5, 'hh:mm:ss', false, 0.5],
  ['time', 0.5, 'h:mm AM/PM', false, 0.5],
  ['time', 0.5, 'h:mm:ss AM/PM', false, 0.5],
  ['time', 0.5, '上午/下午h"时"mm"分"', false, 0.5],
  ['time', 0.0125, 'mm:ss', false, 0.0125],
  ['time', 0.0125, 'mm:ss.0', false, 0.0125],
  ['duration', 1.25, '[h]:mm:ss', false, 1.25],
  ['duration', 1.25, '[mm]:ss', false, 1.25],
  // [h]:mm: the elapsed hours are no month (read as a date before, by both hosts)
  ['duration', 1.5, '[h]:mm', false, 1.5],
  ['duration', 1.5, '[h]:mm', true, 1.5],
  ['duration', 90, '[m]', false, 90],
  // text @
  ['text', '370102195003121153', '@', false, '370102195003121153'],
  ['text', 45047, '@', false, 45047],
  ['text', '2023-05-01', 'yyyy-mm-dd', false, '2023-05-01'],
  ['text', '', '@', false, null],
  ['text', '  带空格  ', 'General', false, '  带空格  '],
  // percentages, currency, numbers
  ['percent', 0.05, '0%', false, 0.05],
  ['percent', 0.125, '0.00%', false, 0.125],
  ['currency', 1234.5, '[$¥-804]#,##0.00', false, 1234.5],
  ['currency', -3, '#,##0.00;[Red](#,##0.00)', false, -3],
  ['number', 42, 'General', false, 42],
  ['number', 42, undefined, false, 42],
  ['number', 1.5e10, '0.00E+00', false, 1.5e10],
  ['number', 0.5, '# ?/?', false, 0.5],
  ['number', 3, '0" 天"', false, 3],
  ['number', 3, '0"年"', false, 3],
  // 1900 leap-year bug
  ['1900', 1, 'yyyy-mm-dd', false, day('1900-01-01')],
  ['1900', 59, 'yyyy-mm-dd', false, day('1900-02-28')],
  ['1900', 60, 'yyyy-mm-dd', false, '1900-02-29'],
  ['1900', 61, 'yyyy-mm-dd', false, day('1900-03-01')],
  ['1900', 0, 'yyyy-mm-dd', false, 0],
  ['1900', -1, 'yyyy-mm-dd', false, -1],
  ['1900', 2958465, 'yyyy-mm-dd', false, day('9999-12-31')],
  ['1900', 2958466, 'yyyy-mm-dd', false, 2958466],
  // 1904 system
  ['1904', 0, 'yyyy-mm-dd', true, day('1904-01-01')],
  ['1904', 60, 'yyyy-mm-dd', true, day('1904-03-01')],
  ['1904', 43585, 'yyyy-mm-dd', true, day('2023-05-01')],
  ['1904', -1, 'yyyy-mm-dd', true, -1],
  ['1904', 0.5, 'h:mm', true, 0.5],
  // other kinds
  ['boolean', true, 'General', false, true],
  ['error', { error: '#N/A' }, 'General', false, { error: '#N/A' }],
  ['empty', null, 'yyyy-mm-dd', false, null],
  ['empty', undefined, undefined, false, null],
  ['nan', NaN, 'General', false, null],
  ['date-object', new Date('2023-05-01T13:45:00Z'), undefined, false, day('2023-05-01')],
  ['odd', { richText: [] }, undefined, false, null],
];

describe('cellFromRaw: every number-format family', () => {
  it.each(TABLE)('%s: %p with %p (1904: %p)', (_family, raw, fmt, d1904, want) => {
    const got = cellFromRaw(raw, fmt, d1904);
    if (want instanceof Date) {
      expect(got).toBeInstanceOf(Date);
      expect((got as Date).toISOString()).toBe(want.toISOString());
    } else expect(got).toEqual(want);
  });
});

test('isDateFormat and the built-in formats agree', () => {
  const dates = [14, 15, 16, 17, 22, 27, 28, 30, 31, 36, 50, 57, 58];
  const notDates = [0, 1, 2, 9, 10, 11, 12, 18, 19, 20, 21, 32, 33, 34, 45, 46, 47, 49];
  for (const id of dates) expect([id, isDateFormat(numFmtOf(id))]).toEqual([id, true]);
  for (const id of notDates) expect([id, isDateFormat(numFmtOf(id))]).toEqual([id, false]);
  expect(numFmtOf(164, new Map([[164, 'yyyy.mm']]))).toBe('yyyy.mm');
});

test('serialToDate and dateToSerial invert each other over both sides of the phantom day', () => {
  for (const s of [1, 2, 58, 59, 61, 62, 1000, 45047, 2958465]) {
    const d = serialToDate(s);
    expect(d).toBeInstanceOf(Date);
    expect(dateToSerial(d as Date)).toBe(s);
  }
});

test('a plain number in a date column is a serial of the workbook’s own date system (1904 books read 4 years and a day early before)', async () => {
  const { parseDateNumber } = await import('../../src/core/values/date');
  const { checkWorkbooks } = await import('../../src/core/check/check-workbooks');
  const { resolveSettings } = await import('../../src/core/settings');
  expect(parseDateNumber(24180)).toBe('1966-03-14');
  expect(parseDateNumber(24180, true)).toBe('1970-03-15');
  const sheet = { name: '兵役登记', rows: [{ r: 1, cells: ['所在村', '姓名', '身份证号', '登记类型', '是否已登记', '登记日期'] }, { r: 2, cells: ['红旗村', '张三', '430121200801010011', '首次登记', '是', 44927 - 1462] }] };
  const settings = resolveSettings({ year: 2026, villages: ['红旗村'] });
  const read = (date1904: boolean) => checkWorkbooks([{ file: 'a.xlsx', sheets: [sheet], date1904 }], settings).tables[0].records[0].v['登记日期'];
  expect(read(true)).toBe('2023-01-01');
  expect(read(false)).toBe('2018-12-31');
});

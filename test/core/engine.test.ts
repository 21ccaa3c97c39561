import { recordFactory } from '../../src/core/check/records';
import { BENEFICIARY_HEADER, beneficiaryRow } from './fixtures';
import { checkSheet } from './helpers';
import { isEmptyCell } from '../../src/core/recognize/rows';

describe('recordFactory', () => {
  test('builds records with every field, in order, whatever the field text', () => {
    const fields = ['身份证号', '本年发放金额(元)', 'a"b', 'c\\d', "e'f", 'g\u2028h'];
    const make = recordFactory(fields);
    const v = make([1, 'x', true, null, 2.5, 'y']);
    expect(Object.keys(v)).toEqual(fields);
    expect(v).toEqual({ 身份证号: 1, '本年发放金额(元)': 'x', 'a"b': true, 'c\\d': null, "e'f": 2.5, 'g\u2028h': 'y' });
    expect(make([2, null, null, null, null, null])).not.toBe(v);
  });
  test('falls back to a template clone when a literal cannot be used', () => {
    const make = recordFactory(['a', '__proto__', 'b']);
    const v = make([1, 2, 3]);
    expect(v.a).toBe(1);
    expect(v.b).toBe(3);
  });
});

describe('recordFactory cache', () => {
  test('one factory per layout', () => {
    expect(recordFactory(['p', 'q'])).toBe(recordFactory(['p', 'q']));
    expect(recordFactory(['p', 'q'])).not.toBe(recordFactory(['q', 'p']));
  });
});

describe('records built on demand', () => {
  test('values, row numbers and error flags, including errors of sheet and cross rules', () => {
    const dup = beneficiaryRow(1);
    const rows = [
      beneficiaryRow(1),
      beneficiaryRow(2, { 联系电话: '12345' }),
      dup,
      beneficiaryRow(4, { 入伍时间: '去年' }),
    ];
    const r = checkSheet('优抚对象', BENEFICIARY_HEADER, rows);
    const t = r.tables[0];
    expect(t.records.map((x) => x.row)).toEqual([2, 3, 4, 5]);
    expect(t.records[0].v['身份证号']).toBe(rows[0][5]);
    expect(t.records[0].v['入伍时间']).toBe('1988-03');
    expect(t.records[1].v['联系电话']).toBe('12345');
    // row 4 repeats row 2 (person.duplicate, a sheet rule), row 5 has a bad date (a cell rule);
    // row 3 only a warning.
    expect(t.records.map((x) => !!x.hasError)).toEqual([false, false, true, true]);
    expect(r.problems.find((p) => p.row === 4)?.code).toBe('person.duplicate');
    // One array, built once.
    expect(t.records).toBe(t.records);
    expect(Object.keys(t.records[0].v)).toEqual(BENEFICIARY_HEADER);
  });
});

describe('isEmptyCell', () => {
  test('whitespace and invisible characters only are empty, whatever the first and last', () => {
    for (const s of ['', ' ', '\u3000', '\u00a0', '\u200b', '\u200c', '\u200d\u200c', '\ufeff', ' \u2060 ', '\t\n']) {
      expect(isEmptyCell(s)).toBe(true);
    }
    for (const s of ['a', '红', ' 红', '\u200c红', '１', '·', '红 ', '0']) expect(isEmptyCell(s)).toBe(false);
    expect(isEmptyCell(0)).toBe(false);
    expect(isEmptyCell(null)).toBe(true);
  });
});

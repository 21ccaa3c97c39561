import { recordFactory } from '../../src/core/check/records';

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

describe('recordFactory offsets', () => {
  test('reads the record at an offset of a flat table', () => {
    const make = recordFactory(['x', 'y']);
    const flat = [1, 2, 3, 4, 5, 6];
    expect(make(flat, 2)).toEqual({ x: 3, y: 4 });
    expect(make(flat, 4)).toEqual({ x: 5, y: 6 });
    expect(make(flat)).toEqual({ x: 1, y: 2 });
  });
  test('one factory per layout', () => {
    expect(recordFactory(['p', 'q'])).toBe(recordFactory(['p', 'q']));
    expect(recordFactory(['p', 'q'])).not.toBe(recordFactory(['q', 'p']));
  });
});

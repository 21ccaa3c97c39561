import { diffYears } from '../../../src/core/compare';
import type { CellValue } from '../../../src/core/model';
import { makeId } from '../../../src/core/values/id';
import { BENEFICIARY_HEADER, beneficiaryRow, book, CONSCRIPT_HEADER, conscriptRow, PAIR_HEADER, pairRow, sheet } from '../fixtures';
import { check } from '../helpers';

const tables = (rows: CellValue[][], header = BENEFICIARY_HEADER, name = '优抚对象', file = '红旗村.xlsx', year = 2026) =>
  check([book(file, sheet(name, [header, ...rows]))], { year }).tables;

const idOf = (i: number): string => beneficiaryRow(i)[5] as string;

function diff(last: CellValue[][], cur: CellValue[][]) {
  return diffYears(tables(last, BENEFICIARY_HEADER, '优抚对象', '2025/红旗村.xlsx', 2025), tables(cur), { year: 2026 });
}

describe('year over year: matching by key', () => {
  test('the same rows, reordered and with messy IDs and amounts, are no change', () => {
    const id = idOf(1);
    const last = [beneficiaryRow(1), beneficiaryRow(2), beneficiaryRow(3, { '本年发放金额(元)': 500 })];
    const cur = [
      beneficiaryRow(3, { '本年发放金额(元)': '500.00' }),
      beneficiaryRow(1, { 身份证号: id.toLowerCase() + ' ', 优抚类别: '退役士兵' }),
      beneficiaryRow(2),
    ];
    const r = diff(last, cur);
    expect(r.changes).toEqual([]);
    expect(r.counts).toEqual([]);
  });

  test('an empty 状态 is 在册: no change', () => {
    expect(diff([beneficiaryRow(1, { 状态: '在册' }), beneficiaryRow(2, { 状态: null })], [beneficiaryRow(1, { 状态: null }), beneficiaryRow(2, { 状态: '在册' })]).changes).toEqual([]);
  });

  test('a 15-digit ID is the same person as its 18-digit form', () => {
    const id18 = makeId('110105', '19700101', 13);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const r = diff([beneficiaryRow(1, { 身份证号: id15 })], [beneficiaryRow(1, { 身份证号: id18 })]);
    expect(r.changes).toEqual([]);
  });

  test('reordered columns are no change', () => {
    const perm = [...BENEFICIARY_HEADER].reverse();
    const rows = [beneficiaryRow(1), beneficiaryRow(2)];
    const reorder = (r: CellValue[]) => perm.map((h) => r[BENEFICIARY_HEADER.indexOf(h)]);
    const r = diffYears(tables(rows, BENEFICIARY_HEADER, '优抚对象', 'a.xlsx', 2025), tables(rows.map(reorder), perm), { year: 2026 });
    expect(r.changes).toEqual([]);
  });

  test('added, removed and changed, with the locations of both years', () => {
    const last = [beneficiaryRow(1), beneficiaryRow(2), beneficiaryRow(3, { 残疾等级: '五级', 优抚类别: '残疾军人', 残疾性质: '因战' })];
    const cur = [beneficiaryRow(3, { 残疾等级: 4, 优抚类别: '伤残军人', 残疾性质: '因战', 所在村: '光明村' }), beneficiaryRow(4), beneficiaryRow(1, { 序号: 99, 备注: '新' })];
    const r = diff(last, cur);
    const kinds = r.changes.map((c) => [c.kind, c.id]);
    expect(kinds).toEqual([['added', idOf(4)], ['removed', idOf(2)], ['changed', idOf(3)]]);
    const changed = r.changes[2];
    expect(changed).toMatchObject({
      key: `${idOf(3)}|残疾军人`, village: '光明村',
      fields: [{ column: '所在村', before: '红旗村', after: '光明村' }, { column: '残疾等级', before: '五级', after: '四级' }],
      last: { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 4 },
      this: { file: '红旗村.xlsx', sheet: '优抚对象', row: 2 },
    });
    expect(r.changes[1]).toMatchObject({ kind: 'removed', unexplained: true, last: { row: 3 } });
    expect(r.changes[1].this).toBeUndefined();
    expect(r.counts).toEqual([
      { ledger: '优抚对象', village: '红旗村', added: 1, removed: 1, changed: 0 },
      { ledger: '优抚对象', village: '光明村', added: 0, removed: 0, changed: 1 },
    ]);
  });

  test('a person whose only row changed category is one change of 优抚类别', () => {
    const r = diff([beneficiaryRow(1)], [beneficiaryRow(1, { 优抚类别: '参战退役军人' })]);
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ kind: 'changed', fields: [{ column: '优抚类别', before: '其他退役军人', after: '参战退役军人' }] });
  });

  test('a person with two rows, one of them ending, is a removal of that one', () => {
    const last = [beneficiaryRow(1), beneficiaryRow(1, { 优抚类别: '参战退役军人' })];
    const r = diff(last, [beneficiaryRow(1)]);
    expect(r.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `${idOf(1)}|参战退役军人`]]);
  });
});

describe('未说明减少', () => {
  test('a 注销 row this year for the person (any category) explains the removal', () => {
    const last = [beneficiaryRow(1, { 优抚类别: '参战退役军人' }), beneficiaryRow(1), beneficiaryRow(2)];
    const cur = [beneficiaryRow(1, { 状态: '注销' })];
    const r = diff(last, cur);
    const removed = r.changes.filter((c) => c.kind === 'removed');
    expect(removed.map((c) => [c.id, c.unexplained])).toEqual([[idOf(1), false], [idOf(2), true]]);
    expect(r.changes.find((c) => c.kind === 'changed')?.fields).toEqual([{ column: '状态', before: '在册', after: '注销' }]);
  });
  test('a row already 注销 or 暂停 last year is not unexplained; an empty 状态 counts as 在册', () => {
    const r = diff([beneficiaryRow(1, { 状态: '注销' }), beneficiaryRow(2, { 状态: '暂停' }), beneficiaryRow(3, { 状态: null })], []);
    expect(r.changes.map((c) => c.unexplained)).toEqual([false, false, true]);
  });
  test('a pair that disappears while 有效 is unexplained', () => {
    const last = tables([pairRow('GJ-001'), pairRow('GJ-002', { 状态: '终止' })], PAIR_HEADER, '共建对子', 'a.xlsx', 2025);
    const r = diffYears(last, [], { year: 2026 });
    expect(r.changes.map((c) => [c.ledger, c.kind, c.key, c.unexplained])).toEqual([
      ['共建对子', 'removed', 'GJ-001', true],
      ['共建对子', 'removed', 'GJ-002', false],
    ]);
  });
});

describe('未核验', () => {
  const roster = (rows: CellValue[][], year: number, file = 'r.xlsx') => tables(rows, CONSCRIPT_HEADER, '兵役登记', file, year);
  // Born 2007: 19 at the end of 2026. Born 2001: 25 at the end of 2026.
  const young = makeId('110105', '20070315', 11);
  const old = makeId('110105', '20010315', 13);
  const other = makeId('110105', '20070315', 15);
  test('registered last year, ≤ 24 this year, not 核验/补登 this year → 未核验', () => {
    const last = roster([
      conscriptRow(1, { 身份证号: young, 登记日期: '2025-06-15' }),
      conscriptRow(2, { 身份证号: old, 登记类型: '核验', 登记日期: '2025-06-15' }),
      conscriptRow(3, { 身份证号: other, 登记日期: '2025-06-15' }),
      conscriptRow(4, { 身份证号: makeId('110105', '20070315', 17), 是否已登记: '否', 登记日期: null }),
    ], 2025, '2025.xlsx');
    const cur = roster([conscriptRow(1, { 身份证号: other, 登记类型: '核验', 所在村: '光明村' }), conscriptRow(2, { 身份证号: young, 登记类型: '初次' })], 2026);
    const r = diffYears(last, cur, { year: 2026 });
    expect(r.changes).toEqual([
      { ledger: '兵役登记', kind: 'not-verified', id: young, name: '李四', village: '红旗村', last: { file: '2025.xlsx', sheet: '兵役登记', row: 2 } },
    ]);
    expect(r.counts).toEqual([]);
    expect(r.extra).toEqual([{ ledger: '兵役登记', village: '红旗村', unexplained: 0, notVerified: 1 }]);
  });
  test('without a roster this year nothing is listed, and a note says why', () => {
    const last = roster([conscriptRow(1, { 身份证号: young, 登记日期: '2025-06-15' })], 2025);
    const r = diffYears(last, [], { year: 2026 });
    expect(r.changes).toEqual([]);
    expect(r.notes.join('')).toContain('兵役登记');
  });
});

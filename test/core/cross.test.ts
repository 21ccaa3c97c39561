/** Rules across rows, sheets and workbooks. */
import { makeId } from '../../src/core/values/id';
import {
  ACTIVITY_HEADER, activityRow, BENEFICIARY_HEADER, beneficiaryRow, book, CONSCRIPT_HEADER, conscriptRow, PAIR_HEADER,
  pairRow, PLACEMENT_HEADER, placementRow, sheet,
} from './fixtures';
import { check, codes } from './helpers';

const ID = makeId('110105', '19700101', 31);

describe('优抚对象 duplicates and people in two villages', () => {
  test('same ID and category twice: error on the later row only', () => {
    const r = check([book('红旗村.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 身份证号: ID }), beneficiaryRow(2, { 身份证号: ID })]))]);
    expect(r.problems.map((p) => [p.code, p.row, p.params.otherRow])).toEqual([['person.duplicate', 3, 2]]);
    expect(r.tables[0].records.map((x) => x.hasError)).toEqual([false, true]);
  });

  test('one person in two categories is allowed', () => {
    const r = check([book('红旗村.xlsx', sheet('优抚对象', [
      BENEFICIARY_HEADER,
      beneficiaryRow(1, { 身份证号: ID }),
      beneficiaryRow(2, { 身份证号: ID, 优抚类别: '参战退役军人' }),
    ]))]);
    expect(r.problems).toEqual([]);
  });

  test('same person in two villages\' workbooks: error on both rows naming the other file and row', () => {
    const r = check([
      book('红旗村.xlsx', sheet('优抚对象', [['红旗村优抚对象'], BENEFICIARY_HEADER, beneficiaryRow(1), beneficiaryRow(2, { 身份证号: ID })])),
      book('东风村.xlsx', sheet('Sheet1', [BENEFICIARY_HEADER, beneficiaryRow(1, { 身份证号: ID, 所在村: '东风村', 优抚类别: '参战退役军人' })])),
    ]);
    const cross = r.problems.filter((p) => p.code === 'person.cross-village');
    expect(cross.map((p) => [p.file, p.sheet, p.row, p.params.otherFile, p.params.otherSheet, p.params.otherRow, p.params.otherVillage])).toEqual([
      ['红旗村.xlsx', '优抚对象', 4, '东风村.xlsx', 'Sheet1', 2, '东风村'],
      ['东风村.xlsx', 'Sheet1', 2, '红旗村.xlsx', '优抚对象', 4, '红旗村'],
    ]);
    expect(r.sheets.map((s) => s.errors)).toEqual([1, 1]);
  });

  test('the same ID in the same village in two workbooks: duplicate on the later workbook', () => {
    const r = check([
      book('红旗村.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 身份证号: ID })])),
      book('红旗村(2).xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 身份证号: ID })])),
    ]);
    expect(r.problems.map((p) => [p.file, p.code, p.params.otherFile])).toEqual([['红旗村(2).xlsx', 'person.duplicate', '红旗村.xlsx']]);
  });
});

describe('兵役登记 duplicates', () => {
  test('within the roster: later row', () => {
    const r = check([book('a.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1), conscriptRow(1)]))]);
    expect(r.problems.map((p) => [p.code, p.row])).toEqual([['conscript.duplicate', 3]]);
  });
  test('across villages: both rows', () => {
    const r = check([
      book('红旗村.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1)])),
      book('东风村.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1, { 所在村: '东风村' })])),
    ]);
    expect(r.problems.map((p) => [p.file, p.code, p.params.otherFile])).toEqual([
      ['红旗村.xlsx', 'conscript.cross-village', '东风村.xlsx'],
      ['东风村.xlsx', 'conscript.cross-village', '红旗村.xlsx'],
    ]);
  });
  test('village from the file name when the 所在村 cell is empty', () => {
    const r = check([
      book('红旗村.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1)])),
      book('东风村.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1, { 所在村: null })])),
    ]);
    expect(codes(r)).toEqual(['conscript.cross-village', 'cell.required', 'conscript.cross-village']);
  });
});

describe('双拥活动 and 共建对子', () => {
  test('对子编号 must exist in a 共建对子 ledger of any workbook', () => {
    const r = check([
      book('镇.xlsx', sheet('共建对子', [PAIR_HEADER, pairRow('GJ-001')])),
      book('红旗村.xlsx', sheet('双拥活动', [ACTIVITY_HEADER, activityRow(1, { 对子编号: 'GJ-001' }), activityRow(2, { 对子编号: 'GJ-009' })])),
    ]);
    expect(r.problems.map((p) => [p.code, p.row, p.params.pair])).toEqual([['activity.pair-unknown', 3, 'GJ-009']]);
  });
  test('without any 共建对子 ledger: one info, no error', () => {
    const r = check([book('a.xlsx', sheet('双拥活动', [ACTIVITY_HEADER, activityRow(1, { 对子编号: 'X' }), activityRow(2, { 对子编号: 'Y' })]))]);
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['activity.pair-unverified', 'info']]);
  });
  test('same date + unit + name twice: warning on the later row', () => {
    const row = activityRow(1);
    const r = check([book('a.xlsx', sheet('双拥活动', [ACTIVITY_HEADER, row, [...row]]))]);
    expect(r.problems.map((p) => [p.code, p.severity, p.row])).toEqual([['activity.duplicate', 'warning', 3]]);
  });
  test('对子编号 unique, also across workbooks', () => {
    const r = check([
      book('a.xlsx', sheet('共建对子', [PAIR_HEADER, pairRow('P1'), pairRow('P1')])),
      book('b.xlsx', sheet('共建对子', [PAIR_HEADER, pairRow('P1')])),
    ]);
    expect(r.problems.map((p) => [p.file, p.code, p.row])).toEqual([
      ['a.xlsx', 'pair.duplicate', 3],
      ['b.xlsx', 'pair.duplicate', 2],
    ]);
  });
});

test('安置 duplicate ID', () => {
  const r = check([book('a.xlsx', sheet('安置', [PLACEMENT_HEADER, placementRow(1), placementRow(1)]))]);
  expect(r.problems.map((p) => [p.code, p.row])).toEqual([['placement.duplicate', 3]]);
});

test('problems are sorted by file, sheet, row and column', () => {
  const r = check([
    book('b.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 联系电话: 'x', 姓名: null }), beneficiaryRow(2, { 民族: '?' })])),
    book('a.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1, { 是否已登记: '?' })])),
  ]);
  expect(r.problems.map((p) => `${p.file}!${p.cell}`)).toEqual(['b.xlsx!C2', 'b.xlsx!N2', 'b.xlsx!E3', 'a.xlsx!G2']);
});

test('the per-sheet cap lists at most N problems and counts the rest', () => {
  const rows = Array.from({ length: 30 }, (_, i) => beneficiaryRow(i + 1, { 联系电话: 'bad', 民族: 'bad' }));
  const r = check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, ...rows]))], {}, { maxProblemsPerSheet: 10 });
  expect(r.problems).toHaveLength(10);
  expect(r.sheets[0]).toMatchObject({ warnings: 60, omitted: 50 });
});

test('onProgress reports every sheet', () => {
  const seen: string[] = [];
  check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER]), sheet('x', []))], {}, { onProgress: (p) => seen.push(`${p.sheet} ${p.done}/${p.total}`) });
  expect(seen).toEqual(['优抚对象 1/2', 'x 2/2']);
});

test('rows beyond the cap still count as errors and are flagged hasError', () => {
  const rows = Array.from({ length: 20 }, (_, i) => beneficiaryRow(i + 1, { 优抚类别: '五保户' }));
  const r = check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, ...rows]))], {}, { maxProblemsPerSheet: 5 });
  expect(r.problems).toHaveLength(5);
  expect(r.sheets[0]).toMatchObject({ errors: 20, omitted: 15 });
  expect(r.tables[0].records.every((x) => x.hasError)).toBe(true);
});

import { readReferenceList, reconcileDeceased, reconcileRoster, rosterTotal, villageFromAddress } from '../../../src/core/compare';
import type { CellValue } from '../../../src/core/model';
import { makeId } from '../../../src/core/values/id';
import { BENEFICIARY_HEADER, beneficiaryRow, book, CONSCRIPT_HEADER, conscriptRow, sheet } from '../fixtures';
import { check } from '../helpers';

const VILLAGES = ['红旗村', '光明村', '和平村'];
const man = (i: number): string => makeId('110105', '20080315', 11 + 2 * i);

describe('reference list reader', () => {
  test('any sheet with 姓名 and 身份证号: title rows, aliases, notes and 合计 skipped, 户籍地址 → village', () => {
    const list = readReferenceList(
      book('公安名单.xlsx',
        sheet('说明', [['本名单由派出所提供']]),
        sheet('Sheet1', [
          ['2026年度适龄男青年名单'],
          ['填报单位：某派出所'],
          ['序 号', '姓  名', '公民身份号码', '户籍地址'],
          [1, '王一', man(1).toLowerCase().replace('x', 'x') + ' ', '某县某镇红旗村3组'],
          [2, '王二', man(2), '某县某镇光明村'],
          [3, '王三', man(3), '外县某村'],
          [4, '王四', man(2), '某县某镇光明村'],
          [5, '王五', null, '红旗村'],
          [6, '王六', 1.10105e17, '红旗村'],
          ['合计', null, 5],
          ['制表人：张三'],
        ])),
      { villages: VILLAGES },
    );
    expect(list.sheets).toEqual(['Sheet1']);
    expect(list.entries.map((e) => [e.row, e.id, e.name, e.village])).toEqual([
      [4, man(1), '王一', '红旗村'],
      [5, man(2), '王二', '光明村'],
      [6, man(3), '王三', '未知'],
    ]);
    expect(list.problems.map((p) => [p.code, p.row, p.cell])).toEqual([
      ['list.duplicate', 7, 'C7'],
      ['list.id-missing', 8, 'C8'],
      ['list.id-invalid', 9, 'C9'],
    ]);
  });
  test('a 15-digit ID in a list is its 18-digit form; a 所在村 column wins over an address', () => {
    const id18 = makeId('110105', '19700101', 13);
    const list = readReferenceList(book('l.xlsx', sheet('S', [['身份证号码', '名字', '所在村(社区)', '住址'], [id18.slice(0, 6) + id18.slice(8, 17), '甲', '和平村', '红旗村']])), { villages: VILLAGES });
    expect(list.entries[0]).toMatchObject({ id: id18, village: '和平村' });
  });
  test('no sheet with both columns is one error', () => {
    const list = readReferenceList(book('x.xlsx', sheet('S', [['姓名', '电话'], ['甲', '1']])), { villages: [] });
    expect(list.problems.map((p) => [p.code, p.severity])).toEqual([['list.no-header', 'error']]);
  });
  test('the first village of the list that the address contains', () => {
    expect(villageFromAddress('新红旗村光明路', ['光明村', '红旗村'])).toBe('红旗村');
    expect(villageFromAddress('', ['红旗村'])).toBe('未知');
  });
});

describe('police list against the roster', () => {
  const roster = (rows: CellValue[][]) => check([book('红旗村.xlsx', sheet('兵役登记', [CONSCRIPT_HEADER, ...rows]))]).tables;
  const list = (rows: CellValue[][]) => readReferenceList(book('公安名单.xlsx', sheet('Sheet1', [['姓名', '身份证号', '所在村'], ...rows])), { villages: VILLAGES });
  test('figures per village and every unregistered, outside-list and village-mismatched man', () => {
    const l = list([
      ['甲', man(1), '红旗村'], // registered
      ['乙', man(2), '红旗村'], // in roster, not registered
      ['丙', man(3), '红旗村'], // not in roster
      ['丁', man(4), '光明村'], // registered in 红旗村: mismatch
      ['戊', man(5), '光明村'], // registered as 补登
    ]);
    const t = roster([
      conscriptRow(1, { 身份证号: man(1) }),
      conscriptRow(2, { 身份证号: man(2), 是否已登记: '否', 登记日期: null }),
      conscriptRow(3, { 身份证号: man(4) }),
      conscriptRow(4, { 身份证号: man(5), 登记类型: '补登', 所在村: '光明村' }),
      conscriptRow(5, { 身份证号: man(6) }), // outside the list
      conscriptRow(6, { 身份证号: man(7), 是否已登记: '否', 登记日期: null }), // not registered, not listed: nothing
    ]);
    const r = reconcileRoster(l, t, VILLAGES);
    expect(r.listed).toBe(5);
    expect(r.villages).toEqual([
      { village: '红旗村', listed: 3, registered: 1, unregistered: 2, outsideList: 1, villageMismatch: 0, rate: 0.3333 },
      { village: '光明村', listed: 2, registered: 2, unregistered: 0, outsideList: 0, villageMismatch: 1, rate: 1 },
    ]);
    expect(r.people.map((p) => [p.kind, p.id, p.village])).toEqual([
      ['unregistered', man(2), '红旗村'],
      ['unregistered', man(3), '红旗村'],
      ['outside-list', man(6), '红旗村'],
      ['village-mismatch', man(4), '光明村'],
    ]);
    expect(r.people[0].list).toEqual({ file: '公安名单.xlsx', sheet: 'Sheet1', row: 3 });
    expect(r.people[2].ledger).toEqual({ file: '红旗村.xlsx', sheet: '兵役登记', row: 6 });
    expect(r.people[3]).toMatchObject({ ledgerVillage: '红旗村', ledger: { row: 4 } });
    expect(rosterTotal(r)).toMatchObject({ listed: 5, registered: 3, unregistered: 2, rate: 0.6 });
  });
  test('an empty list gives a null rate', () => {
    const r = reconcileRoster(list([]), roster([]), VILLAGES);
    expect(r.villages).toEqual([]);
    expect(rosterTotal(r).rate).toBeNull();
  });
});

describe('death list against 优抚对象', () => {
  const ledger = (rows: CellValue[][]) => check([book('红旗村.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, ...rows]))]).tables;
  const id = (i: number): string => beneficiaryRow(i)[5] as string;
  const deaths = (rows: CellValue[][]) => readReferenceList(book('死亡名单.xlsx', sheet('Sheet1', [['姓名', '身份证号', '死亡日期'], ...rows])), { villages: VILLAGES, deaths: true });
  test('still 在册 after death is an error; paid this year after dying before 1 January too; another name is a warning', () => {
    const l = deaths([
      ['张三', id(1), '2025.8.2'], // died last year, still paid
      ['张三', id(2), new Date(Date.UTC(2026, 2, 1))], // died this year: 在册, not paid after death
      ['李五', id(3), '2025-01-05'], // 注销 but still paid; other name
      ['张三', id(9), '2025-01-05'], // not in the ledger
    ]);
    const t = ledger([
      beneficiaryRow(1),
      beneficiaryRow(2),
      beneficiaryRow(3, { 状态: '注销' }),
      beneficiaryRow(4),
    ]);
    const r = reconcileDeceased(l, t, 2026);
    expect(r.listed).toBe(4);
    expect(r.people.map((p) => [p.kind, p.id, p.deathDate, p.paidAfterDeath])).toEqual([
      ['deceased-active', id(1), '2025-08-02', true],
      ['deceased-active', id(2), '2026-03-01', false],
      ['paid-after-death', id(3), '2025-01-05', true],
      ['name-mismatch', id(3), '2025-01-05', undefined],
    ]);
    expect(r.problems.map((p) => [p.code, p.severity, p.row, p.column])).toEqual([
      ['person.deceased', 'error', 2, '状态'],
      ['person.paid-after-death', 'error', 2, '本年发放金额(元)'],
      ['person.deceased', 'error', 3, '状态'],
      ['person.paid-after-death', 'error', 4, '本年发放金额(元)'],
      ['person.deceased-name', 'warning', 4, '姓名'],
    ]);
    expect(r.problems[0].params.date).toBe('2025-08-02');
  });
});

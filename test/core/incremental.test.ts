/** The incremental entry point: for random edits, its result equals a full re-check. */
import fc from 'fast-check';
import { recheckRows, startLiveCheck, type LiveCheck, type RowEdit } from '../../src/core/check/incremental';
import type { CellValue, SheetData, WorkbookData } from '../../src/core/model';
import { makeId } from '../../src/core/values/id';
import {
  ACTIVITY_HEADER,
  BENEFICIARY_HEADER,
  CONSCRIPT_HEADER,
  MAN_1980,
  PAIR_HEADER,
  TODAY,
  WOMAN_1980,
  activityRow,
  beneficiaryRow,
  book,
  conscriptRow,
  pairRow,
  settings,
  sheet,
} from './fixtures';

const OPTS = { today: TODAY };

function workbooks(withTotal: boolean, withPairs: boolean): WorkbookData[] {
  const ben: CellValue[][] = [['2026年优抚对象台账'], BENEFICIARY_HEADER];
  for (let i = 1; i <= 40; i++) ben.push(beneficiaryRow(i, i % 13 === 0 ? { 身份证号: makeId('110105', '19700101', 10 + ((i - 1) % 400) * 2 + 1) } : {}));
  const con: CellValue[][] = [CONSCRIPT_HEADER];
  for (let i = 1; i <= 8; i++) con.push(conscriptRow(i, i === 3 ? { 性别: '女' } : {}));
  const act: CellValue[][] = [ACTIVITY_HEADER];
  for (let i = 1; i <= 8; i++) act.push(activityRow(i, i % 3 === 0 ? { 对子编号: i === 6 ? 'GJ-999' : 'GJ-001' } : {}));
  if (withTotal) act.push(['合计', null, null, null, null, null, null, null, 400, 160, 0, 0, 0, 0]);
  const pairs: CellValue[][] = [PAIR_HEADER, pairRow('GJ-001'), pairRow('GJ-002'), pairRow('GJ-003')];
  const a = book(
    '红旗村.xlsx',
    sheet('优抚对象', ben),
    sheet('兵役登记', con),
    sheet('双拥活动', act),
    ...(withPairs ? [sheet('共建对子', pairs)] : []),
    sheet('说明', [['填表说明'], ['本表每年更新']]),
  );
  const benB: CellValue[][] = [BENEFICIARY_HEADER];
  for (let i = 1; i <= 6; i++) benB.push(beneficiaryRow(i * 7, { 所在村: '东风村' }));
  const b = book('东风村.xlsx', sheet('优抚对象', benB));
  return [a, b];
}

const POOL: CellValue[] = [
  null,
  '',
  MAN_1980,
  WOMAN_1980,
  makeId('110105', '19700101', 11),
  makeId('110105', '19700101', 13),
  makeId('110105', `${2026 - 18}0315`, 11),
  '110105198001150010',
  '110105800115001',
  '女',
  '男',
  '初次',
  '复退',
  '红旗村',
  '东风村',
  '红期村',
  'GJ-001',
  'GJ-002',
  'GJ-999',
  '2026-07-01',
  '2023.05',
  '八一文艺演出1',
  '拥军优属',
  '拥政爱民',
  '文化进军营',
  '伤残军人',
  '其他退役军人',
  '七级',
  '因病',
  '合计',
  '小计',
  '制表人：',
  '姓名',
  '身份证号',
  1200,
  0,
  '五百',
  '１２３',
];
const HEADER_POOL: CellValue[] = [null, '姓名', '身份证号', '所在村', '优抚类别', '性别', '对子编号', '备注', '杂项', '日期'];

type Op =
  | { kind: 'cell'; b: number; s: number; r: number; c: number; v: CellValue }
  | { kind: 'paste'; b: number; s: number; r: number; c: number; h: number; w: number; vs: CellValue[] }
  | { kind: 'header'; b: number; s: number; c: number; v: CellValue }
  | { kind: 'copy'; b: number; s: number; from: number; to: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('cell' as const), b: fc.nat(1), s: fc.nat(4), r: fc.integer({ min: 1, max: 46 }), c: fc.integer({ min: 1, max: 18 }), v: fc.constantFrom(...POOL) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('paste' as const),
      b: fc.nat(1),
      s: fc.nat(4),
      r: fc.integer({ min: 2, max: 44 }),
      c: fc.integer({ min: 1, max: 16 }),
      h: fc.integer({ min: 1, max: 4 }),
      w: fc.integer({ min: 1, max: 4 }),
      vs: fc.array(fc.constantFrom(...POOL), { minLength: 16, maxLength: 16 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('header' as const), b: fc.nat(1), s: fc.nat(4), c: fc.integer({ min: 1, max: 17 }), v: fc.constantFrom(...HEADER_POOL) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), b: fc.nat(1), s: fc.nat(4), from: fc.integer({ min: 2, max: 42 }), to: fc.integer({ min: 2, max: 44 }) }) },
);

function rowCells(sh: SheetData, r: number): CellValue[] {
  return (sh.rows.find((x) => x.r === r)?.cells ?? []).slice();
}

/** The whole-row edits an operation makes (as the Excel layer reads them back). */
function editsOf(books: readonly WorkbookData[], op: Op): RowEdit[] {
  const bk = books[op.b % books.length];
  const sh = bk.sheets[op.s % bk.sheets.length];
  const setAll = (r: number, f: (cells: CellValue[]) => void): RowEdit => {
    const cells = rowCells(sh, r);
    f(cells);
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    return { file: bk.file, sheet: sh.name, r, cells };
  };
  switch (op.kind) {
    case 'cell':
      return [setAll(op.r, (c) => (c[op.c - 1] = op.v))];
    case 'paste': {
      const out: RowEdit[] = [];
      for (let i = 0; i < op.h; i++) out.push(setAll(op.r + i, (c) => { for (let j = 0; j < op.w; j++) c[op.c - 1 + j] = op.vs[i * 4 + j]; }));
      return out;
    }
    case 'header': {
      const headerRow = sh.name === '优抚对象' && bk.file === '红旗村.xlsx' ? 2 : 1;
      return [setAll(headerRow, (c) => (c[op.c - 1] = op.v))];
    }
    case 'copy':
      return [{ file: bk.file, sheet: sh.name, r: op.to, cells: rowCells(sh, op.from) }];
  }
}

function expectSame(state: LiveCheck): void {
  const fresh = startLiveCheck(state.books, settings(), OPTS);
  expect(state.problems).toEqual(fresh.problems);
  expect(state.sheets).toEqual(fresh.sheets);
}

describe('recheckRows equals a full re-check', () => {
  const cases: Array<[string, boolean, boolean, { villages?: string[] }]> = [
    ['plain', false, true, {}],
    ['with a 合计 row', true, true, {}],
    ['no 共建对子 ledger', false, false, {}],
    ['village list', false, true, { villages: ['红旗村', '东风村'] }],
  ];
  test.each(cases)('%s', (_name, withTotal, withPairs, s) => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 6 }), (ops) => {
        let state = startLiveCheck(workbooks(withTotal, withPairs), settings(s), OPTS);
        for (const op of ops) {
          const edits = editsOf(state.books, op);
          const u = recheckRows(state, edits);
          state = u.state;
          const fresh = startLiveCheck(state.books, settings(s), OPTS);
          expect(state.problems).toEqual(fresh.problems);
          expect(state.sheets).toEqual(fresh.sheets);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('what recheckRows re-checks', () => {
  const base = () => startLiveCheck(workbooks(false, true), settings(), OPTS);

  test('one edited row: that row only, and the added problem is on its cell', () => {
    const st = base();
    const cells = rowCells(st.books[0].sheets[0], 10);
    cells[5] = '110105198001150010'; // a wrong check character
    const u = recheckRows(st, [{ file: '红旗村.xlsx', sheet: '优抚对象', r: 10, cells }]);
    expect(u.full).toBe(false);
    expect(u.rechecked).toEqual([{ file: '红旗村.xlsx', sheet: '优抚对象', rows: [10] }]);
    expect(u.added.map((p) => [p.code, p.cell])).toEqual([['id.checksum', 'F10']]);
    expect(u.removed).toEqual([]);
    // Fixing it removes the problem again.
    const back = recheckRows(u.state, [{ file: '红旗村.xlsx', sheet: '优抚对象', r: 10, cells: rowCells(st.books[0].sheets[0], 10) }]);
    expect(back.added).toEqual([]);
    expect(back.removed.map((p) => p.cell)).toEqual(['F10']);
    expectSame(back.state);
  });

  test('a duplicate ID re-checks the rows that share it, in both workbooks', () => {
    const st = base();
    const other = rowCells(st.books[1].sheets[0], 2); // 东风村, row 2: same ID as 红旗村 row 9 (i = 7)
    const cells = rowCells(st.books[0].sheets[0], 20);
    cells[5] = other[5];
    const u = recheckRows(st, [{ file: '红旗村.xlsx', sheet: '优抚对象', r: 20, cells }]);
    expect(u.full).toBe(false);
    const touched = u.rechecked.map((x) => `${x.file}/${x.sheet}:${x.rows.join(',')}`);
    expect(touched).toEqual(expect.arrayContaining(['红旗村.xlsx/优抚对象:9,20', '东风村.xlsx/优抚对象:2']));
    expect(u.added.map((p) => `${p.code}@${p.file}!${p.cell}`)).toEqual(expect.arrayContaining(['person.duplicate@红旗村.xlsx!F20']));
    expectSame(u.state);
  });

  test('a woman in a 初次 roster and a category of the wrong 方向 are marked', () => {
    const st = base();
    const con = rowCells(st.books[0].sheets[1], 5);
    con[4] = '女';
    const act = rowCells(st.books[0].sheets[2], 4);
    act[3] = '拥政爱民'; // 文化进军营 belongs to 拥军优属
    const u = recheckRows(st, [
      { file: '红旗村.xlsx', sheet: '兵役登记', r: 5, cells: con },
      { file: '红旗村.xlsx', sheet: '双拥活动', r: 4, cells: act },
    ]);
    expect(u.full).toBe(false);
    expect(u.added.map((p) => `${p.sheet}!${p.cell}`).sort()).toEqual(expect.arrayContaining(['兵役登记!E5']));
    expect(u.added.some((p) => p.sheet === '双拥活动' && p.row === 4)).toBe(true);
    expectSame(u.state);
  });

  test('a header edit re-recognises the sheet (a full check)', () => {
    const st = base();
    const h = rowCells(st.books[0].sheets[0], 2);
    h[5] = '证件';
    const u = recheckRows(st, [{ file: '红旗村.xlsx', sheet: '优抚对象', r: 2, cells: h }]);
    expect(u.full).toBe(true);
    expect(u.added.some((p) => p.code === 'header.missing-column')).toBe(true);
    expectSame(u.state);
  });
});

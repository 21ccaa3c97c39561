import type { CellValue } from '../../src/core/model';
import { readSettingsSheet } from '../../src/core/settings-sheet';
import { BENEFICIARY_HEADER, beneficiaryRow, book, CONSCRIPT_HEADER, conscriptRow, PLACEMENT_HEADER, placementRow, sheet } from './fixtures';
import { check, codes } from './helpers';

const messyHeader = [
  '序\n号', '所在村（社区）', '姓 名', '性别', '民族', '公民身份号码', '出生年月', '类别', '伤残等级', '残疾性质',
  '入伍年月', '退伍年月', '本年发放金额（元）', '联系电话', '状态', '备注',
];

describe('header recognition', () => {
  test('finds the header below title rows and maps messy headers to canonical fields', () => {
    const r = check([
      book('红旗村.xlsx', sheet('Sheet1', [
        ['红旗村优抚对象花名册'],
        ['填报单位：红旗村', null, null, null, '填报日期：2026年11月20日'],
        messyHeader,
        beneficiaryRow(1),
        beneficiaryRow(2),
      ])),
    ]);
    expect(r.sheets[0]).toMatchObject({ ledger: '优抚对象', headerRow: 3, dataRows: 2, errors: 0 });
    const t = r.tables[0];
    expect(t.columns.map((c) => c.field)).toEqual(BENEFICIARY_HEADER);
    expect(t.columns[12]).toEqual({ field: '本年发放金额(元)', header: '本年发放金额（元）', col: 13 });
    expect(t.records.map((x) => x.row)).toEqual([4, 5]);
    expect(t.records[0].v['本年发放金额(元)']).toBe(1200);
  });

  test('recognises each ledger from its header whatever the sheet name', () => {
    const r = check([
      book('a.xlsx',
        sheet('Sheet1', [CONSCRIPT_HEADER, conscriptRow(1)]),
        sheet('红旗村安置', [PLACEMENT_HEADER, placementRow(1)]),
        sheet('Sheet3', [BENEFICIARY_HEADER.map((h) => (h === '身份证号' ? '身份证号码' : h)), beneficiaryRow(1)]),
      ),
    ]);
    expect(r.sheets.map((s) => s.ledger)).toEqual(['兵役登记', '安置', '优抚对象']);
  });

  test('skips instruction, settings and hidden sheets with an info problem, no errors', () => {
    const r = check([
      book('a.xlsx',
        sheet('填表说明', [['身份证号', '18位'], ['姓名', '必填']]),
        sheet('设置', [['年度', 2026]]),
        { name: '_lists', rows: [{ r: 1, cells: ['姓名', '身份证号', '所在村', '优抚类别'] }], hidden: true },
        sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]),
      ),
    ]);
    expect(r.sheets.map((s) => s.ledger)).toEqual([null, null, null, '优抚对象']);
    expect(r.problems.map((p) => [p.sheet, p.code, p.severity])).toEqual([
      ['填表说明', 'sheet.not-ledger', 'info'],
      ['设置', 'sheet.not-ledger', 'info'],
      ['_lists', 'sheet.hidden', 'info'],
    ]);
  });

  test('a hidden configuration or instruction sheet is no skipped ledger: it is said not to be one, as when shown (规则 hidden still applies)', () => {
    const r = check([
      book('a.xlsx',
        { name: '规则', rows: [{ r: 1, cells: ['代码', '级别'] }, { r: 2, cells: ['phone.invalid', '关闭'] }], hidden: true },
        { name: '填表说明', rows: [{ r: 1, cells: ['身份证号', '18位'] }], hidden: true },
        sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]),
      ),
    ]);
    expect(r.problems.map((p) => [p.sheet, p.code])).toEqual([
      ['规则', 'sheet.not-ledger'],
      ['填表说明', 'sheet.not-ledger'],
    ]);
  });

  test('a workbook without any ledger gets a file-level warning', () => {
    const r = check([book('空.xlsx', sheet('Sheet1', [['你好'], ['世界']]))]);
    expect(codes(r)).toEqual(['file.no-ledger', 'sheet.not-ledger']);
    expect(r.problems[0].sheet).toBeUndefined();
  });

  test('a missing required column is reported once, on the header row', () => {
    const header = BENEFICIARY_HEADER.filter((h) => h !== '优抚类别');
    const rows = [1, 2, 3].map((i) => beneficiaryRow(i).filter((_, k) => BENEFICIARY_HEADER[k] !== '优抚类别'));
    const r = check([book('a.xlsx', sheet('优抚对象', [header, ...rows]))]);
    const miss = r.problems.filter((p) => p.code === 'header.missing-column');
    expect(miss).toHaveLength(1);
    expect(miss[0]).toMatchObject({ row: 1, column: '优抚类别', severity: 'error' });
    expect(codes(r).filter((c) => c === 'cell.required')).toHaveLength(0);
  });

  test('blank rows, 合计 rows and note rows are no data; a wrong 合计 is a warning', () => {
    const total: CellValue[] = ['合计', null, null, null, null, null, null, null, null, null, null, null, 3000];
    const goodTotal: CellValue[] = [null, '总计', null, null, null, null, null, null, null, null, null, null, 2400];
    const r = check([book('a.xlsx', sheet('优抚对象', [
      BENEFICIARY_HEADER,
      beneficiaryRow(1),
      [],
      [null, null, null, null],
      beneficiaryRow(2),
      [3], // a 序号 alone
      total,
      goodTotal,
      ['制表人：张三', null, null, '审核人：李四'],
      ['填表说明：身份证号请设为文本格式'],
      ['注：本表一式两份'],
    ]))]);
    expect(r.sheets[0].dataRows).toBe(2);
    expect(r.tables[0].records.map((x) => x.row)).toEqual([2, 5]);
    expect(r.problems.map((p) => [p.code, p.cell, p.params])).toEqual([['total.mismatch', 'M7', { total: 3000, sum: 2400 }]]);
  });

  test('a repeated header row inside the data is skipped', () => {
    const r = check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1), BENEFICIARY_HEADER, beneficiaryRow(2)]))]);
    expect(r.sheets[0].dataRows).toBe(2);
    expect(r.sheets[0].errors).toBe(0);
  });

  test('duplicate and unknown header columns', () => {
    const header = [...BENEFICIARY_HEADER, '身份证号码', '户籍地址'];
    const r = check([book('a.xlsx', sheet('优抚对象', [header, [...beneficiaryRow(1), 'junk', '某地']]))]);
    expect(r.problems.map((p) => [p.code, p.severity, p.cell])).toEqual([
      ['header.duplicate-column', 'warning', 'Q1'],
      ['header.unknown-column', 'info', 'R1'],
    ]);
  });
});

describe('readSettingsSheet', () => {
  test('reads label/value rows', () => {
    const s = readSettingsSheet(sheet('设置', [
      ['项目', '值'],
      ['年度', '2025年'],
      ['乡镇：', '城关镇'],
      ['村名单', '红旗村、东风村', '向阳村'],
      [null, '胜利村'],
      ['登记截止日期', '10月15日'],
    ]));
    expect(s).toEqual({ year: 2025, township: '城关镇', villages: ['红旗村', '东风村', '向阳村', '胜利村'], deadline: { month: 10, day: 15 } });
  });

  test('date cells and serials as deadline; unknown labels ignored', () => {
    expect(readSettingsSheet(sheet('设置', [['登记截止日期', new Date(Date.UTC(2026, 8, 30))], ['其他', 'x']]))).toEqual({ deadline: { month: 9, day: 30 } });
    expect(readSettingsSheet(sheet('设置', [['年度', 2026], ['截止日期', '2026-10-31']]))).toEqual({ year: 2026, deadline: { month: 10, day: 31 } });
  });

  test('a workbook 设置 sheet supplies the village list when none is passed', () => {
    const r = check([book('a.xlsx', sheet('设置', [['村名单', '红旗村']]), sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 所在村: '东风村' })]))]);
    expect(codes(r)).toContain('village.unknown');
    const r2 = check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 所在村: '东风村' })]))]);
    expect(codes(r2)).not.toContain('village.unknown');
  });
});

test('an empty sheet is silently no ledger', () => {
  const r = check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]), sheet('Sheet2', []), sheet('Sheet3', [[null, '  ']]))]);
  expect(r.sheets.map((s) => s.ledger)).toEqual(['优抚对象', null, null]);
  expect(r.problems).toEqual([]);
});

test('a two-row header (服役时间 over 入伍时间/退伍时间) is one header', () => {
  const top = BENEFICIARY_HEADER.map((h) => (h === '入伍时间' ? '服役时间' : h === '退伍时间' ? null : h));
  const sub = BENEFICIARY_HEADER.map((h) => (h === '入伍时间' || h === '退伍时间' ? h : null));
  const r = check([book('a.xlsx', sheet('优抚对象', [['标题'], top, sub, beneficiaryRow(1), beneficiaryRow(2)]))]);
  expect(r.sheets[0]).toMatchObject({ ledger: '优抚对象', headerRow: 2, dataRows: 2, errors: 0, warnings: 0 });
  expect(r.tables[0].columns.map((c) => c.field)).toEqual(BENEFICIARY_HEADER);
  expect(r.tables[0].records[0].row).toBe(4);
  expect(r.problems).toEqual([]);
});

test('readSettingsSheet: masking and language', () => {
  expect(readSettingsSheet(sheet('设置', [['身份证脱敏', '是'], ['语言', 'en-US']]))).toEqual({ maskIds: true, locale: 'en-US' });
  expect(readSettingsSheet(sheet('设置', [['年度', '明年'], ['登记截止日期', '十月底']]))).toEqual({});
});

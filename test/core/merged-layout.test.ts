/** The merged ledger as data (src/core/layout/merged.ts): what both hosts replay. */
import { MERGED_SOURCE_HEADERS, mergeSummaryLayout, mergedCellFormat, mergedLayouts } from '../../src/core/layout/merged';
import { textWidth } from '../../src/core/layout/palette';
import { BENEFICIARY_HEADER, beneficiaryRow, book, sheet } from './fixtures';
import { check } from './helpers';

const EXTRA = '微信号';
const override = { ledgers: { 优抚对象: { addColumns: [{ field: EXTRA, type: 'text' as const, aliases: ['微信'] }] } } };

function books() {
  const header = [...BENEFICIARY_HEADER, '微信'];
  const a = sheet('优抚对象', [
    header,
    [...beneficiaryRow(7, { 出生日期: new Date(Date.UTC(1970, 0, 1)), 入伍时间: '1988.03' }), 'wx_zhang'],
    [...beneficiaryRow(8, { 姓名: '=SUM(A1:A2)', 身份证号: 4.40106199001011e17 }), null],
  ]);
  const b = sheet('优抚对象', [header, [...beneficiaryRow(3, { 姓名: '李四' }), '=wx']]);
  return [book('红旗村.xlsx', a), book('光明村.xlsx', b)];
}

test('columns follow the schemas in force: a configured column survives, then the four source columns', () => {
  const result = check(books(), {}, { schemaOverride: override });
  const [m] = mergedLayouts(result);
  const headers = m.columns.map((c) => c.header);
  expect(headers.slice(-5)).toEqual([EXTRA, ...MERGED_SOURCE_HEADERS]);
  expect(headers.slice(0, BENEFICIARY_HEADER.length)).toEqual(BENEFICIARY_HEADER);
  const rows = [...m.rows()];
  const col = (h: string) => headers.indexOf(h);
  expect(rows.map((r) => r.values[col(EXTRA)])).toEqual(['wx_zhang', null, '=wx']);
  // 序号 renumbered over the merged rows; 来源 and 来源行 say where each came from
  expect(rows.map((r) => r.values[col('序号')])).toEqual([1, 2, 3]);
  expect(rows.map((r) => r.values[col('来源')])).toEqual(['红旗村.xlsx', '红旗村.xlsx', '光明村.xlsx']);
  expect(rows.map((r) => r.values[col('来源行')])).toEqual([2, 3, 2]);
  expect(m.rowCount).toBe(3);
  expect(m.files).toBe(2);
  // without the configuration, the column is not there
  const plain = mergedLayouts(check(books()))[0];
  expect(plain.columns.map((c) => c.header)).not.toContain(EXTRA);
});

test('values: full dates as dates, month-only dates as the text written, a lossy ID as the check shows it, = texts stay text', () => {
  const result = check(books(), {}, { schemaOverride: override });
  const [m] = mergedLayouts(result);
  const headers = m.columns.map((c) => c.header);
  const rows = [...m.rows()];
  const at = (r: number, h: string) => rows[r].values[headers.indexOf(h)];
  expect(at(0, '出生日期')).toEqual(new Date(Date.UTC(1970, 0, 1)));
  expect(mergedCellFormat(m.columns[headers.indexOf('出生日期')], at(0, '出生日期'))).toBe('yyyy-mm-dd');
  expect(at(0, '入伍时间')).toBe('1988-03');
  expect(mergedCellFormat(m.columns[headers.indexOf('入伍时间')], at(0, '入伍时间'))).toBe('@');
  expect(at(1, '身份证号')).toBe('440106199001011000（后3位已丢失）');
  // …and its column is wide enough to show it whole (22 cut it after the digits); a ledger of
  // plain IDs keeps 22.
  const idWidth = m.columns[headers.indexOf('身份证号')].width;
  expect(idWidth).toBeGreaterThanOrEqual(textWidth('440106199001011000（后3位已丢失）') + 2);
  expect(idWidth).toBeLessThanOrEqual(40);
  const plainIds = check([book('红旗村.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]))]);
  const [p] = mergedLayouts(plainIds);
  expect(p.columns.find((c) => c.header === '身份证号')!.width).toBe(22);
  expect(at(1, '姓名')).toBe('=SUM(A1:A2)');
  expect(mergedCellFormat(m.columns[headers.indexOf('姓名')], at(1, '姓名'))).toBe('@');
  expect(mergedCellFormat(m.columns[headers.indexOf('本年发放金额(元)')], at(0, '本年发放金额(元)'))).toBe('#,##0.00');
  // the lossy ID is an error: the row is kept, flagged, its error written in 校验
  expect(rows[1].error).toBe(true);
  expect(String(at(1, '校验'))).toMatch(/^有错误：/);
  expect(rows[0].error).toBe(false);
  expect(at(0, '校验')).toBeNull();
  expect(m.errorRows).toBe(rows.filter((r) => r.error).length);
});

test('masking: IDs and the IDs inside 校验 texts', () => {
  const header = [...BENEFICIARY_HEADER];
  const id = String(beneficiaryRow(1)[5]);
  const dup = sheet('优抚对象', [header, beneficiaryRow(1), beneficiaryRow(1, { 序号: 2 })]);
  const result = check([book('红旗村.xlsx', dup)], { maskIds: true });
  const [m] = mergedLayouts(result);
  const rows = [...m.rows()];
  const text = JSON.stringify(rows.map((r) => r.values));
  expect(text).not.toContain(id);
  expect(text).toContain(id.slice(0, 6));
});

test('合并说明: one line per sheet read, the files left out, the merged sheet each went to', () => {
  const result = check(books());
  const layout = mergeSummaryLayout(result, { leftOut: [{ file: '坏.xlsx', reason: '无法读取' }], sheetOf: (l) => `合并_${l}` });
  const rows = new Map<number, unknown[]>();
  for (const c of layout.cells) (rows.get(c.r) ?? rows.set(c.r, []).get(c.r)!)[c.c - 1] = c.value;
  expect(rows.get(1)).toEqual(['文件', '工作表', '台账', '数据行', '有错误的行', '并入工作表']);
  expect(rows.get(2)).toEqual(['红旗村.xlsx', '优抚对象', '优抚对象', 2, 1, '合并_优抚对象']);
  expect(rows.get(4)?.[0]).toBe('坏.xlsx');
  expect(String(rows.get(4)?.[5])).toContain('无法读取');
});

/** Issue 15 item 7: imported sheets are named after their file (the village), not "Sheet1 (2)". */
import { importedSheetName } from '../../src/excel/import';

test('an imported sheet is named 村·表, unique, at most 31 characters, without forbidden characters', () => {
  const taken = new Set(['优抚对象', 'Sheet1', '光明村·优抚对象']);
  expect(importedSheetName('光明村.xlsx', 'Sheet1', taken)).toBe('光明村·Sheet1');
  expect(importedSheetName('和平村.xlsx', '优抚对象', taken)).toBe('和平村·优抚对象');
  // The same file imported twice: numbered, not renamed by Excel.
  expect(importedSheetName('光明村.xlsx', '优抚对象', taken)).toBe('光明村·优抚对象 (2)');
  // A sheet already named after its village keeps its name.
  expect(importedSheetName('新民社区.xlsx', '新民社区安置台账', taken)).toBe('新民社区安置台账');
  const long = importedSheetName('C:\\报表\\青山镇红旗村第三村民小组2026年报表[终].xlsx', '优抚对象花名册（2026年度）：正式版', taken);
  expect(long.length).toBeLessThanOrEqual(31);
  expect(long).not.toMatch(/[[\]:*?/\\]/);
  expect(long.startsWith('青山镇红旗村第三村民小组20·优抚对象')).toBe(true);
});

test('imported files are checked under their own sheet names: messages and 来源工作表 name the file’s sheet, marks and links go to the inserted one', async () => {
  const { createExcel, xlsxBase64, key } = await import('../excel-sim/node');
  const { createExcelHost } = await import('../../src/excel/host-impl');
  const { resolveSettings } = await import('../../src/core/settings');
  const { makeId } = await import('../../src/samples/ids');
  const id = makeId('110105', 1970, 1, 1, 11, '男');
  const header = ['序号', '所在村', '姓名', '性别', '民族', '身份证号', '出生日期', '优抚类别'];
  const rows = [header, [1, '红旗村', '张三', '男', '汉族', id, '1970-01-01', '其他退役军人'], [2, '红旗村', '张三', '男', '汉族', id, '1970-01-01', '其他退役军人']];
  // the workbook importing already has a sheet named like the file's: Excel renames the insert
  const fake = createExcel({ name: '汇总.xlsx', sheets: [{ name: '优抚对象', rows: [['本镇自己的表']] }] });
  try {
    const base64 = xlsxBase64({ sheets: [{ name: '优抚对象', rows }] });
    await createExcelHost().importWorkbooks([{ name: '红旗村.xlsx', base64 }], resolveSettings({ year: 2026, villages: ['红旗村'] }));
    const inserted = fake.model.sheet('红旗村·优抚对象')!;
    expect(inserted).toBeDefined();
    // the duplicate row is marked in the inserted sheet
    expect(inserted.fills.has(key(2, 5))).toBe(true);
    const merged = fake.model.sheet('合并_优抚对象')!;
    const head = merged.rows[0] as unknown[];
    const src = head.indexOf('来源工作表');
    const check = head.indexOf('校验');
    expect(merged.rows.slice(1).map((r) => r?.[src])).toEqual(['优抚对象', '优抚对象']);
    expect(String(merged.rows[2]?.[check])).toContain('“优抚对象”');
    expect(String(merged.rows[2]?.[check])).not.toContain('红旗村·');
  } finally {
    fake.uninstall();
  }
});

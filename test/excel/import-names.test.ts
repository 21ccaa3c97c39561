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

import { PROGRESS_LABELS, labelParams, progressLabel } from '../../src/excel/labels';

test('progress labels: zh-CN and en-US have the same codes and the same params', () => {
  const zh = PROGRESS_LABELS['zh-CN'];
  const en = PROGRESS_LABELS['en-US'];
  expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  for (const k of Object.keys(zh) as Array<keyof typeof zh>) {
    expect([k, labelParams(en[k])]).toEqual([k, labelParams(zh[k])]);
    expect(en[k]).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zh[k]).toMatch(/[\u4e00-\u9fff]/);
  }
});

test('progressLabel fills params and defaults to zh-CN', () => {
  expect(progressLabel('en-US', 'read', { sheet: '优抚对象' })).toBe('Reading 优抚对象');
  expect(progressLabel('zh-CN', 'checkFile', { file: '红旗村.xlsx', sheet: '安置' })).toBe('校验 红旗村.xlsx 安置');
  expect(progressLabel(undefined, 'mark')).toBe('标记问题单元格');
});

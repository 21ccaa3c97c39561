/** Issue 15 item 5: a fix that chooses between two sources of truth is marked as needing a choice. */
import { BENEFICIARY_HEADER, beneficiaryRow } from './fixtures';
import { checkSheet } from './helpers';
import { CODES } from '../../src/core/checks/registry';

test('性别 rewritten from the 身份证号 is proposed but marked fixNeedsChoice; plain normalisations are not', () => {
  const r = checkSheet('优抚对象', BENEFICIARY_HEADER, [beneficiaryRow(1, { 性别: '女' }), beneficiaryRow(2, { 姓名: '张 三' })]);
  const sex = r.problems.find((p) => p.code === 'sex.mismatch-id');
  expect(sex).toMatchObject({ fix: '男', fixNeedsChoice: true });
  const spaces = r.problems.find((p) => p.code === 'name.spaces');
  expect(spaces?.fix).toBe('张三');
  expect(spaces?.fixNeedsChoice).toBeUndefined();
});

test('the registry lists which codes need a choice', () => {
  expect(CODES.filter((c) => c.fixNeedsChoice).map((c) => c.code)).toEqual(['sex.mismatch-id']);
});

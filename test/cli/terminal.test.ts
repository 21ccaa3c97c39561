/**
 * issue #15 item 10: `ledger check` shows more than counts — the main problems with file, sheet
 * and cell in plain Chinese, the columns it did not recognise — in lines that fit 80 columns,
 * and never a value, a name or an ID number (terminal output ends up in logs).
 */
import * as path from 'path';
import { displayWidth } from '../../src/cli/table';
import { cli, tmpDir } from './helpers';
import { sampleCopy, writeRows, YEAR } from './fixtures';

jest.setTimeout(60000);

test('the top problems, unknown columns, 80 columns, no personal data', async () => {
  const dir = tmpDir();
  const samples = await sampleCopy(dir);
  await writeRows(path.join(samples, '东风村.xlsx'), {
    优抚对象: [
      ['所在村', '姓名', '身份证号', '优抚类别', '微信号'],
      ['东风村', '赵六', '110105195001010097', '残疾军人', 'zl123'],
    ],
  });
  const r = await cli('check', samples, '--year', String(YEAR));
  const lines = r.out.split('\n');
  for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
  expect(r.out).toContain('主要问题');
  expect(r.out).toContain('[错] 光明村.xlsx › Sheet1 › M5：');
  expect(r.out).toContain('[错] 东风村.xlsx › 优抚对象 › C2：身份证号校验码错误');
  expect(r.out.split('\n').filter((l) => l.startsWith('  [错] ') || l.startsWith('  [警] '))).toHaveLength(10);
  expect(r.out).toContain('未识别的列（不参与校验）');
  expect(r.out).toMatch(/东风村\.xlsx › 优抚对象 › E 列“微信号”/);
  expect(r.out).not.toMatch(/\d{15}/);
  for (const name of ['刘志强', '陈桂兰', '赵六', 'zl123']) expect(r.out).not.toContain(name);
});

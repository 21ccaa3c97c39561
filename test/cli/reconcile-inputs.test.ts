/** reconcile's input folders: a file that cannot be looked at (a dangling link) is one unreadable
 *  input, as `check` says it, and the rest of the work goes on (it stopped the command with node's
 *  words, "ENOENT: no such file or directory, stat …", when the lists were looked for among the inputs). */
import * as fs from 'fs';
import * as path from 'path';
import { CONSCRIPT_HEADER, conscriptRow } from '../core/fixtures';
import { makeId } from '../../src/core/values/id';
import { writeRows } from './fixtures';
import { cli, tmpDir } from './helpers';

const man = (i: number): string => makeId('110105', '20080315', 11 + 2 * i);

test('a dangling link in the input folder: named as unreadable, the lists still compared', async () => {
  if (process.platform === 'win32') return;
  const dir = tmpDir();
  await writeRows(path.join(dir, 'in', '红旗村.xlsx'), { 兵役登记: [CONSCRIPT_HEADER, conscriptRow(1, { 身份证号: man(1) })] });
  fs.symlinkSync(path.join(dir, 'gone', 'x.xlsx'), path.join(dir, 'in', '坏链接.xlsx'));
  const list = path.join(dir, '公安名单.xlsx');
  await writeRows(list, { Sheet1: [['姓名', '身份证号', '所在村'], ['甲', man(1), '红旗村']] });
  const r = await cli('reconcile', path.join(dir, 'in'), '--roster', list, '--year', '2026');
  expect(r.err).not.toMatch(/ENOENT|stat '/);
  expect(r.out).toContain('名单 1 人，已登记 1，未登记 0');
  expect(r.err).toContain('坏链接.xlsx');
  expect(r.code).toBe(2); // an input could not be read
});

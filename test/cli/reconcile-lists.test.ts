/** reconcile's list files are read once, as lists: a list inside an input folder is not also read
 *  as an input (it was read twice, then dropped from the ledgers). */
import * as path from 'path';
import * as read from '../../src/cli/read';
import { BENEFICIARY_HEADER, beneficiaryRow, CONSCRIPT_HEADER, conscriptRow } from '../core/fixtures';
import { makeId } from '../../src/core/values/id';
import { writeRows } from './fixtures';
import { cli, tmpDir } from './helpers';

const man = (i: number): string => makeId('110105', '20080315', 11 + 2 * i);

test('a police list inside the input folder is read once, as the list', async () => {
  const dir = tmpDir();
  await writeRows(path.join(dir, 'in', '红旗村.xlsx'), {
    优抚对象: [BENEFICIARY_HEADER, beneficiaryRow(1)],
    兵役登记: [CONSCRIPT_HEADER, conscriptRow(1, { 身份证号: man(1) }), conscriptRow(2, { 身份证号: man(2), 是否已登记: '否', 登记日期: null })],
  });
  const list = path.join(dir, 'in', '公安名单.xlsx');
  await writeRows(list, { Sheet1: [['姓名', '公民身份号码', '所在村'], ['甲', man(1), '红旗村'], ['乙', man(2), '红旗村']] });
  const spy = jest.spyOn(read, 'readInput');
  try {
    const r = await cli('reconcile', path.join(dir, 'in'), '--roster', list, '--year', '2026', '--quiet');
    expect(r.code).toBe(1); // 乙 is not registered
    expect(r.out).toContain('名单 2 人，已登记 1，未登记 1');
    const reads = spy.mock.calls.map((c) => path.basename(c[0]));
    expect(reads.filter((f) => f === '公安名单.xlsx')).toHaveLength(1);
    expect(reads).toContain('红旗村.xlsx');
  } finally {
    spy.mockRestore();
  }
});

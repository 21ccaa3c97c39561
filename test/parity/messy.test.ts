/** Parity of the messy workbooks (test/parity/messy.ts) the first pass of this test found drifts in. */
import * as path from 'path';
import { resolveSettings } from '../../src/core/settings';
import { pinToday } from '../acceptance/run';
import { both, expectSame, tmpDir } from './harness';
import { MESSY_VILLAGES, writeConfig, writeConfiguredWorkbook, writeDatesWorkbook, writeMessWorkbook } from './messy';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  pinToday();
  dir = tmpDir();
});
afterAll(() => jest.useRealTimers());

const MESSY_SETTINGS = resolveSettings({ year: 2026, villages: MESSY_VILLAGES });

test('messy: the 1904 date system', async () => {
  const file = path.join(dir, '日期村1904.xlsx');
  await writeDatesWorkbook(file, { date1904: true });
  const runs = await both({ name: '日期村1904', file, settings: MESSY_SETTINGS, date1904: true });
  expectSame(runs);
});

test('messy: merged cells, lossy IDs, texts starting with = and +', async () => {
  const file = path.join(dir, '乱村.xlsx');
  await writeMessWorkbook(file);
  const runs = await both({ name: '乱村', file, settings: MESSY_SETTINGS });
  // 所在村 merged down B3:B5 fills its rows in both hosts (the add-in reported B4, B5 missing before)
  expect(runs.addin.result.problems.filter((p) => p.column === '所在村')).toEqual([]);
  const grid = runs.addin.merged['优抚对象'];
  const col = (h: string) => grid[0].findIndex((c) => c[0] === h);
  expect(grid.slice(1, 4).map((r) => r[col('所在村')])).toEqual([
    ['光明村', '@'],
    ['光明村', '@'],
    ['光明村', '@'],
  ]);
  // a text starting with = stays that text; the ID that went through a number is shown as checked
  expect(grid[2][col('姓名')]).toEqual(['=李二', '@']);
  expect(grid[2][col('身份证号')]).toEqual(['430121196005020000（后3位已丢失）', '@']);
  expectSame(runs);
});

test('messy: a configured extra column survives the merge in both hosts', async () => {
  const file = path.join(dir, '配置村.xlsx');
  await writeConfiguredWorkbook(file);
  const config = path.join(dir, '配置.xlsx');
  await writeConfig(config);
  const runs = await both({ name: '配置村', file, settings: MESSY_SETTINGS, config });
  expect(runs.cli.merged['优抚对象'][0].map((c) => c[0])).toContain('微信号');
  expectSame(runs);
});

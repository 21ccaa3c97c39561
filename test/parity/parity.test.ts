/**
 * Parity (issue #12): the same workbooks through the CLI (files on disk) and through the add-in
 * (Microsoft's Office.js client over the in-memory Excel) give the same problems, the same
 * 校验结果 rows, the same merged-ledger cells and the same form cells and number formats.
 */
import * as path from 'path';
import { resolveSettings } from '../../src/core/settings';
import { generateSamples, SAMPLE_TOWNSHIP, SAMPLE_VILLAGES, SAMPLE_YEAR } from '../../src/samples/generate';
import { writeSampleWorkbook } from '../../src/samples/write';
import { DEFECT_BOOK } from '../acceptance/fixtures/defects';
import { VALID_BOOKS, VILLAGES } from '../acceptance/fixtures/valid';
import { pinToday, saveBook } from '../acceptance/run';
import { both, expectSame, tmpDir } from './harness';
import { MESSY_VILLAGES, writeDatesWorkbook } from './messy';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  pinToday();
  dir = tmpDir();
});
afterAll(() => jest.useRealTimers());

const SAMPLE_SETTINGS = resolveSettings({ year: SAMPLE_YEAR, township: SAMPLE_TOWNSHIP, villages: SAMPLE_VILLAGES });

test.each(generateSamples().map((b) => [b.file, b] as const))('sample %s: same problems, 校验结果, merged ledger and forms', async (_name, book) => {
  const file = await writeSampleWorkbook(book, dir);
  const runs = await both({ name: book.file, file, settings: SAMPLE_SETTINGS, forms: true });
  expect(runs.cli.result.problems.length).toBeGreaterThan(0);
  expect(Object.keys(runs.cli.merged).length).toBeGreaterThan(0);
  expectSame(runs, { forms: true });
});

test('acceptance: the defects fixture (a planted defect per rule)', async () => {
  const file = path.join(dir, DEFECT_BOOK.file);
  await saveBook(DEFECT_BOOK, file, { mergeTitles: true });
  const runs = await both({ name: DEFECT_BOOK.file, file, settings: resolveSettings({ year: 2026, villages: VILLAGES }) });
  expect(runs.cli.result.problems.length).toBeGreaterThan(20);
  expectSame(runs);
});

test.each(VALID_BOOKS.map((b) => [b.file, b] as const))('acceptance: the valid fixture %s (titles merged across), forms included', async (_name, book) => {
  const file = path.join(dir, `valid-${book.file}`);
  await saveBook(book, file, { mergeTitles: true });
  const runs = await both({ name: book.file, file, settings: resolveSettings({ year: 2026, villages: VILLAGES }), forms: true });
  expect(Object.keys(runs.cli.forms).length).toBeGreaterThan(0);
  expectSame(runs, { forms: true });
});

const MESSY_SETTINGS = resolveSettings({ year: 2026, villages: MESSY_VILLAGES });

test('messy: dates in every format family, times and durations, the phantom 1900-02-29', async () => {
  const file = path.join(dir, '日期村.xlsx');
  await writeDatesWorkbook(file);
  const runs = await both({ name: '日期村', file, settings: MESSY_SETTINGS });
  expectSame(runs);
});

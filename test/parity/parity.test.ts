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
import { VILLAGES } from '../acceptance/fixtures/valid';
import { pinToday, saveBook } from '../acceptance/run';
import { problemKeys, runAddin, runCli, tmpDir, type Case, type HostRun } from './harness';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  pinToday();
  dir = tmpDir();
});
afterAll(() => jest.useRealTimers());

async function both(c: Case): Promise<{ cli: HostRun; addin: HostRun }> {
  const cli = await runCli(c);
  const addin = await runAddin(c);
  return { cli, addin };
}

function expectSame({ cli, addin }: { cli: HostRun; addin: HostRun }, opts: { forms?: boolean } = {}): void {
  expect(problemKeys(addin.result)).toEqual(problemKeys(cli.result));
  expect(addin.report).toEqual(cli.report);
  expect(Object.keys(addin.merged).sort()).toEqual(Object.keys(cli.merged).sort());
  for (const ledger of Object.keys(cli.merged)) expect([ledger, addin.merged[ledger]]).toEqual([ledger, cli.merged[ledger]]);
  if (opts.forms) {
    expect(Object.keys(addin.forms).sort()).toEqual(Object.keys(cli.forms).sort());
    for (const f of Object.keys(cli.forms)) expect([f, addin.forms[f]]).toEqual([f, cli.forms[f]]);
  }
}

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

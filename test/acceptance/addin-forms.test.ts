/**
 * The add-in's one click from ledgers to the county's sheets: the three valid village workbooks
 * imported into a township workbook (fake Excel), then 统计汇总 — every figure of the written
 * forms equals the hand-computed value (fixtures/expected.ts), as in the core and CLI tests.
 */
import { resolveSettings } from '../../src/core/settings';
import { createExcelHost } from '../../src/excel/host-impl';
import { descriptionFromWorkbookData, xlsxBase64, createExcel, type ExcelSim } from '../excel-sim/node';
import { VALID_BOOKS, VILLAGES } from './fixtures/valid';
import { testFormFigures } from './form-figures';
import { pinToday } from './run';

let fake: ExcelSim;
const SETTINGS = resolveSettings({ year: 2026, villages: VILLAGES, township: '红旗镇' });

beforeAll(async () => {
  pinToday();
  fake = createExcel({ name: '红旗镇汇总.xlsx', sheets: [{ name: '封面', rows: [['红旗镇双拥台账汇总']] }] });
  const host = createExcelHost();
  const statuses = await host.importWorkbooks(
    VALID_BOOKS.map((b) => ({ name: b.file, base64: xlsxBase64(descriptionFromWorkbookData(b)) })),
    SETTINGS,
  );
  expect(statuses.map((s) => [s.name, s.ok, s.errors])).toEqual(VALID_BOOKS.map((b) => [b.file, true, 0]));
  await host.summarize(SETTINGS);
});
afterAll(() => {
  fake?.uninstall();
  jest.useRealTimers();
});

function grid(name: string, first: string): { headers: unknown[]; rows: unknown[][] } {
  const s = fake.model.sheet(name);
  if (!s) throw new Error(`no sheet ${name}: ${fake.model.sheets.map((x) => x.name).join(', ')}`);
  const h = s.rows.findIndex((r) => r?.[0] === first);
  if (h < 0) throw new Error(`${name}: no header row`);
  const headers = [...(s.rows[h] ?? [])];
  return { headers, rows: s.rows.slice(h + 1).map((r) => [...(r ?? [])]) };
}
testFormFigures(grid, (label) => fake.model.sheet('双拥工作年度汇总')?.rows.find((r) => r?.[0] === label)?.[1]);

/**
 * The same workbook through the Excel add-in (Microsoft's client answered by test/excel-sim) and
 * through the in-memory port: the same problems, the same 校验结果 rows, the same forms.
 */
import { resolveSettings } from '../../src/core';
import type { CellValue, RowData, WorkbookData } from '../../src/core/model';
import { runCheck } from '../../src/core/ops/check';
import { runSummarize } from '../../src/core/ops/summarize';
import { renderMessage } from '../../src/core/messages/render';
import { REPORT_SHEET } from '../../src/core/layout/report';
import { createExcelHost } from '../../src/excel/host-impl';
import { isFormula, generateSamples, SAMPLE_TOWNSHIP, SAMPLE_VILLAGES, SAMPLE_YEAR } from '../../src/samples/generate';
import { installSample } from '../excel/helpers';
import { MemoryWorkbook, memoryPort, parseA1 } from './memory-port';
import type { ExcelSim } from '../excel-sim/node';

const settings = resolveSettings({ year: SAMPLE_YEAR, township: SAMPLE_TOWNSHIP, villages: SAMPLE_VILLAGES });
const book = generateSamples()[0];
const data: WorkbookData = {
  file: book.file,
  sheets: book.sheets
    .filter((s) => !s.hidden)
    .map((s) => ({ name: s.name, rows: s.rows.map((row, i): RowData => ({ r: i + 1, cells: row.map((c) => (isFormula(c as never) ? (c as { result: CellValue }).result : (c as CellValue))) })) })),
};

let fake: ExcelSim | undefined;
afterEach(() => fake?.uninstall());

/** A sheet's values as rows of text (the sim's and the memory workbook's alike). */
function simRows(f: ExcelSim, name: string): string[][] {
  const rows = f.model.sheet(name)!.rows as Array<unknown[] | undefined>;
  return Array.from(rows, (r) => Array.from(r ?? [], (v) => (v === null || v === undefined ? '' : String(v))));
}
function memRows(wb: MemoryWorkbook, name: string): string[][] {
  const out: string[][] = [];
  for (const [a1, c] of wb.sheet(name)!.cells) {
    const { r, c: col } = parseA1(a1);
    while (out.length < r) out.push([]);
    out[r - 1][col - 1] = String(c.value);
  }
  const width = Math.max(...out.map((r) => r.length));
  return out.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ''));
}
const trim = (rows: string[][]) => rows.map((r) => r.join('\t').replace(/\t+$/, ''));

test('check: the same problems and the same 校验结果 rows (title aside) on both hosts', async () => {
  fake = installSample(0);
  const excel = await createExcelHost().check('workbook', settings);
  const excelReport = trim(simRows(fake, REPORT_SHEET));
  const wb = MemoryWorkbook.from(data);
  const mem = await runCheck(memoryPort(wb), 'workbook', settings, { render: (p) => renderMessage(p, settings.locale) });
  const key = (p: { code: string; sheet?: string; cell?: string; severity: string; value?: string }) => `${p.severity} ${p.code} ${p.sheet}!${p.cell} ${p.value ?? ''}`;
  expect(mem.result.problems.map(key)).toEqual(excel.problems.map(key));
  expect(excel.problems.length).toBeGreaterThan(5);
  expect(trim(memRows(wb, REPORT_SHEET)).slice(1)).toEqual(excelReport.slice(1));
});

test('summarize: the same form cells on both hosts', async () => {
  fake = installSample(0);
  const names = (await createExcelHost().summarize(settings)).sheets;
  const wb = MemoryWorkbook.from(data);
  const mine = await runSummarize(memoryPort(wb), settings);
  expect(mine.sheets).toEqual(names);
  for (const n of names) expect([n, trim(memRows(wb, n))]).toEqual([n, trim(simRows(fake, n))]);
});

/**
 * The files host implements the operations' port too (src/cli/port.ts): check, 清除标记, fix and
 * undo run on a workbook file through the same pipelines as the add-in, and the record of marks
 * and fixes survives saving the file.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbooks, resolveSettings } from '../../src/core';
import { REPORT_SHEET } from '../../src/core/layout/report';
import { FILL } from '../../src/core/layout/palette';
import { checkConfigured, runCheck } from '../../src/core/ops/check';
import { runApplyFixes, runUndoFixes } from '../../src/core/ops/fix';
import { runFillTemplate } from '../../src/core/ops/template';
import { STATE_SHEET } from '../../src/core/ops/sheets';
import { workbookPort } from '../../src/cli/port';
import { readInput } from '../../src/cli/read';
import { writeSamples } from '../../src/samples/write';
import { SAMPLE_TOWNSHIP, SAMPLE_VILLAGES, SAMPLE_YEAR } from '../../src/samples/generate';
import { tmpDir } from './helpers';

const settings = resolveSettings({ year: SAMPLE_YEAR, township: SAMPLE_TOWNSHIP, villages: SAMPLE_VILLAGES });
let file = '';

beforeAll(async () => {
  file = (await writeSamples(path.join(tmpDir(), 'samples')))[0];
});

async function load(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell's value, fill and note of the user's sheets. */
function look(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === REPORT_SHEET || ws.name === STATE_SHEET) continue;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const fill = c.fill && !(c.fill.type === 'pattern' && c.fill.pattern === 'none') ? c.fill : null; // no fill, however exceljs says it
        out.push(JSON.stringify([ws.name, c.address, c.value, fill, c.note ?? null, c.numFmt ?? null]));
      }),
    );
  }
  return out;
}

async function saved(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

test('check on a file: the problems the streaming reader gives; marks in the core fills; 清除标记 after saving restores every cell', async () => {
  const name = path.basename(file);
  const read = await readInput(file, { displayName: name });
  if (!read.ok) throw new Error(read.message);
  const expected = checkWorkbooks([read.data], settings).problems.map((p) => `${p.code} ${p.sheet}!${p.cell}`);

  const wb = await load();
  const before = look(wb);
  const { result, marks } = await runCheck(workbookPort(wb, { file: name }), 'workbook', settings);
  expect(result.problems.map((p) => `${p.code} ${p.sheet}!${p.cell}`)).toEqual(expected);
  expect(marks.marked).toBeGreaterThan(3);
  const err = result.problems.find((p) => p.severity === 'error' && p.cell)!;
  expect(wb.getWorksheet(err.sheet!)!.getCell(err.cell!).fill).toMatchObject({ fgColor: { argb: `FF${FILL.error}` } });
  expect(wb.getWorksheet(STATE_SHEET)?.state).toBe('veryHidden');
  expect(look(wb)).not.toEqual(before);

  const back = await saved(wb);
  expect(await workbookPort(back, { file: name }).clearMarks()).toBe(marks.marked);
  expect(look(back)).toEqual(before);
});

test('fix and undo on a file: the record survives saving, undo restores values and formats exactly', async () => {
  const name = path.basename(file);
  const wb = await load();
  const before = look(wb);
  const port = workbookPort(wb, { file: name });
  const { result } = await runCheck(port, 'workbook', settings);
  await port.clearMarks();
  const fixable = result.problems.filter((p) => p.fix !== undefined && !p.fixNeedsChoice);
  expect(fixable.length).toBeGreaterThan(0);
  const r = await runApplyFixes(port, fixable);
  expect(r.changed).toBeGreaterThan(0);
  const p = fixable[0];
  expect(wb.getWorksheet(p.sheet!)!.getCell(p.cell!).value).not.toEqual(p.value);
  const back = await saved(wb);
  const u = await runUndoFixes(workbookPort(back, { file: name }));
  expect(u.changed).toBe(r.changed);
  expect(look(back)).toEqual(before);
});

test('template fill on a file: placeholders replaced in place', async () => {
  const wb = await load();
  const t = wb.addWorksheet('模板');
  t.getCell('A1').value = '{{年度}}年';
  t.getCell('B1').value = '{{应登记人数}}';
  const r = await runFillTemplate(workbookPort(wb, { file: 'x.xlsx' }), '模板', settings);
  expect(r.filled).toBe(2);
  expect(t.getCell('A1').value).toBe(`${SAMPLE_YEAR}年`);
  expect(typeof t.getCell('B1').value).toBe('number');
});

test('a note already in the file: kept untouched when marking it, so 清除标记 restores the cell exactly; the problem stays in 校验结果', async () => {
  const name = path.basename(file);
  const wb = await load();
  const probe = await runCheck(workbookPort(wb, { file: name }), 'workbook', settings);
  const err = probe.result.problems.find((p) => p.severity === 'error' && p.cell)!;
  await workbookPort(wb, { file: name }).clearMarks();
  const cell = wb.getWorksheet(err.sheet!)!.getCell(err.cell!);
  cell.note = '村里的备注';
  const before = look(wb);

  const { marks } = await runCheck(workbookPort(wb, { file: name }), 'workbook', settings);
  expect(marks.commentsBlocked).toBe(true);
  expect(cell.note).toBe('村里的备注');
  expect(cell.fill).toMatchObject({ fgColor: { argb: `FF${FILL.error}` } });
  const back = await saved(wb);
  await workbookPort(back, { file: name }).clearMarks();
  expect(look(back)).toEqual(before);
});

test('a 1904 workbook: dates read and written through the port in its own date system', async () => {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('日期');
  ws.getCell('A1').value = new Date(Date.UTC(2020, 0, 15));
  ws.getCell('A1').numFmt = 'yyyy-mm-dd';
  const port = workbookPort(wb, { file: '1904.xlsx', date1904: true });
  const [raw] = await port.readCells([{ sheet: '日期', cell: 'A1' }]);
  // 2020-01-15 is 43845 in the 1900 system and 42383 in the 1904 one.
  expect(raw.value).toBe(42383);
  await port.writeCells([{ sheet: '日期', cell: 'A2', value: 42384, type: 'Double', numberFormat: 'yyyy-mm-dd', setFormat: true }]);
  expect(ws.getCell('A2').value).toEqual(new Date(Date.UTC(2020, 0, 16)));
});

test('check on a file with hidden sheets: read as the CLI and the add-in read them (a hidden ledger is said skipped, a hidden 规则 applies)', async () => {
  const first = await runCheck(workbookPort(await load(), { file: 'x.xlsx' }), 'workbook', settings);
  const code = first.result.problems.find((p) => p.severity === 'warning' && p.cell)!.code;
  const wb = await load();
  // A hidden copy of a ledger and a hidden 规则 sheet turning that warning off.
  const copy = wb.addWorksheet('旧表', { state: 'hidden' });
  copy.addRow(['序号', '姓名', '身份证号']);
  copy.addRow([1, '张三', '110105196402140133']);
  const rules = wb.addWorksheet('规则', { state: 'hidden' });
  rules.addRow(['代码', '级别']);
  rules.addRow([code, '关闭']);
  const out = path.join(tmpDir(), 'hidden.xlsx');
  await wb.xlsx.writeFile(out);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  const { result } = await runCheck(workbookPort(back, { file: 'hidden.xlsx' }), 'workbook', settings);
  expect(result.problems.filter((p) => p.code === code)).toEqual([]);
  expect(result.problems.filter((p) => p.code === 'sheet.hidden').map((p) => p.sheet)).toContain('旧表');
  // …as the CLI's own reading gives them.
  const read = await readInput(out, { displayName: 'hidden.xlsx' });
  if (!read.ok) throw new Error(read.message);
  const key = (p: { code: string; sheet?: string; cell?: string }) => `${p.code} ${p.sheet}!${p.cell}`;
  expect(result.problems.map(key)).toEqual(checkConfigured([read.data], read.data, settings, { listIssues: true }).problems.map(key));
});

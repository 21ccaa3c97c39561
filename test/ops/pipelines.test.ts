/**
 * The operations of src/core/ops run end to end on a third host — the in-memory port of
 * test/ops/memory-port.ts — and give what the Excel add-in gives on the same workbook.
 */
import { resolveSettings, type Settings } from '../../src/core';
import type { CellValue, RowData, WorkbookData } from '../../src/core/model';
import { readAndCheck, runCheck } from '../../src/core/ops/check';
import { ROSTER_LEDGERS, ledgerFingerprint } from '../../src/core/compare';
import { runApplyFixes, runUndoFixes } from '../../src/core/ops/fix';
import { MERGED_PREFIX, runImport, runPreviewImport } from '../../src/core/ops/import';
import { ROSTER_KEY, runSummarize } from '../../src/core/ops/summarize';
import { runFillTemplate } from '../../src/core/ops/template';
import { FILL } from '../../src/core/layout/palette';
import { REPORT_HEADERS, REPORT_HEADER_ROW, REPORT_SHEET } from '../../src/core/layout/report';
import { FORM_SHEETS } from '../../src/core/ops/sheets';
import { isFormula, generateSamples, SAMPLE_TOWNSHIP, SAMPLE_VILLAGES, SAMPLE_YEAR, type SampleWorkbook } from '../../src/samples/generate';
import { MemoryWorkbook, memoryPort, type FileShelf } from './memory-port';

function settings(extra: Partial<Settings> = {}): Settings {
  return resolveSettings({ year: SAMPLE_YEAR, township: SAMPLE_TOWNSHIP, villages: SAMPLE_VILLAGES, ...extra });
}

const samples = generateSamples();

/** A sample workbook as the sheet model (formula cells carry their result). */
function dataOf(book: SampleWorkbook): WorkbookData {
  return {
    file: book.file,
    sheets: book.sheets
      .filter((s) => !s.hidden)
      .map((s) => ({
        name: s.name,
        rows: s.rows.map((row, i): RowData => ({ r: i + 1, cells: row.map((c) => (isFormula(c as never) ? (c as { result: CellValue }).result : (c as CellValue))) })),
      })),
  };
}

function sample(i = 0): MemoryWorkbook {
  return MemoryWorkbook.from(dataOf(samples[i]));
}

/** The visible text of a sheet's cell. */
function at(wb: MemoryWorkbook, sheet: string, cell: string) {
  return wb.sheet(sheet)?.cells.get(cell)?.value;
}

test('check: every error and warning cell is filled with the core fill and noted; the report lists every problem; 清除标记 restores exactly', async () => {
  const wb = sample(0);
  const before = wb.snapshot();
  const port = memoryPort(wb);
  const { result, marks } = await runCheck(port, 'workbook', settings(), { now: new Date(2026, 0, 2, 9, 5) });
  const located = result.problems.filter((p) => (p.severity === 'error' || p.severity === 'warning') && p.sheet && p.cell);
  expect(located.length).toBeGreaterThan(5);
  for (const p of located) {
    const c = wb.sheet(p.sheet!)!.cells.get(p.cell!.replace(/\$/g, ''))!;
    expect(c.note).toContain('怎么改'); // the core's note: message and hint
    if (p.severity === 'error') expect(c.fill).toBe(FILL.error);
    else expect([FILL.error, FILL.warning]).toContain(c.fill);
  }
  expect(marks.marked).toBe(new Set(located.map((p) => `${p.sheet}!${p.cell}`)).size);
  // The report: title, headers on row 4, one row per listed problem, the sheet left active.
  expect(at(wb, REPORT_SHEET, 'A1')).toBe(`校验结果（${samples[0].file}，2026-01-02 09:05）`);
  expect(REPORT_HEADERS.map((_, j) => at(wb, REPORT_SHEET, `${String.fromCharCode(65 + j)}${REPORT_HEADER_ROW}`))).toEqual([...REPORT_HEADERS]);
  const listed = result.problems.filter((p) => p.severity !== 'off' as never).length;
  expect(at(wb, REPORT_SHEET, `J${REPORT_HEADER_ROW + listed}`)).toBe(result.problems[listed - 1].code);
  expect(at(wb, REPORT_SHEET, `J${REPORT_HEADER_ROW + listed + 1}`)).toBeUndefined();
  expect(wb.active).toBe(REPORT_SHEET);

  expect(await port.clearMarks()).toBe(marks.marked);
  expect(JSON.stringify(wb.sheets.filter((s) => s.name !== REPORT_SHEET).map((s) => [s.name, [...s.cells.entries()].sort()]))).toBe(before);
});

test('check of the active sheet marks and lists only that sheet; a protected sheet is listed, not marked, and the report says so', async () => {
  const wb = sample(0);
  const target = wb.sheets.find((s) => s.name === '优抚对象')!;
  wb.active = target.name;
  target.protected = true;
  const { result, marks } = await runCheck(memoryPort(wb), 'activeSheet', settings());
  expect(result.problems.length).toBeGreaterThan(0);
  expect(result.problems.every((p) => p.sheet === '优抚对象')).toBe(true);
  expect(marks.protectedSheets).toEqual(['优抚对象']);
  expect([...target.cells.values()].some((c) => c.fill)).toBe(false);
  expect(String(at(wb, REPORT_SHEET, 'A3'))).toContain('受保护');
});

test('cancelled before anything is written: the workbook is untouched', async () => {
  const wb = sample(0);
  const before = wb.snapshot();
  const ac = new AbortController();
  ac.abort();
  await expect(runCheck(memoryPort(wb), 'workbook', settings(), { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  expect(wb.snapshot()).toBe(before);
  expect(wb.record).toBeNull();
});

test('fix and undo: fixes written with their record; a cell the user edited after the fix keeps the edit; the rest is restored exactly', async () => {
  const wb = sample(0);
  const port = memoryPort(wb);
  const { result } = await runCheck(port, 'workbook', settings());
  await port.clearMarks();
  const before = wb.snapshot();
  const fixable = result.problems.filter((p) => p.fix !== undefined && !p.fixNeedsChoice && p.sheet && p.cell);
  expect(fixable.length).toBeGreaterThan(1);
  const seen: number[] = [];
  const r = await runApplyFixes(port, fixable, { onProgress: (p) => seen.push(p.done) });
  expect(r.changed).toBe(new Set(fixable.map((p) => `${p.sheet}!${p.cell}`)).size);
  expect(seen[seen.length - 1]).toBe(r.changed + r.skipped);
  const first = fixable[0];
  const fixed = at(wb, first.sheet!, first.cell!);
  expect(fixed).not.toBe(first.value);
  // The user edits another fixed cell afterwards.
  const second = fixable.find((p) => p.cell !== first.cell || p.sheet !== first.sheet)!;
  wb.sheet(second.sheet!)!.cells.set(second.cell!, { value: '用户改过', numberFormat: '@' });
  const u = await runUndoFixes(port);
  expect(u.changed).toBe(r.changed - 1);
  expect(u.skipped).toBe(1);
  expect(at(wb, second.sheet!, second.cell!)).toBe('用户改过');
  wb.sheet(second.sheet!)!.cells.delete(second.cell!);
  const orig = JSON.parse(before) as Array<[string, Array<[string, unknown]>]>;
  const now = JSON.parse(wb.snapshot()) as Array<[string, Array<[string, unknown]>]>;
  for (const [name, cells] of orig) {
    const mine = new Map(now.find((s) => s[0] === name)![1]);
    for (const [a1, c] of cells) if (!(name === second.sheet && a1 === second.cell)) expect([name, a1, mine.get(a1)]).toEqual([name, a1, c]);
  }
  expect((await runUndoFixes(port)).changed).toBe(0); // the record is empty now
});

test('fixes on a protected sheet: refused before anything is written', async () => {
  const wb = sample(0);
  const port = memoryPort(wb);
  const { result } = await runCheck(port, 'workbook', settings());
  const fixable = result.problems.filter((p) => p.fix !== undefined && !p.fixNeedsChoice && p.sheet && p.cell);
  wb.sheet(fixable[0].sheet!)!.protected = true;
  const before = wb.snapshot();
  await expect(runApplyFixes(port, fixable)).rejects.toMatchObject({ kind: 'protected' });
  expect(wb.snapshot()).toBe(before);
});

test('summarize: the five forms and 年度汇总 written as the core lays them out; a protected form sheet refuses before writing', async () => {
  const wb = sample(0);
  const port = memoryPort(wb);
  const summary = await runSummarize(port, settings());
  const names = summary.sheets;
  expect(names.length).toBe(5);
  expect(names.every((n) => FORM_SHEETS.includes(n))).toBe(true);
  expect(summary.ledgers).toBeGreaterThan(0);
  expect(summary.errors).toBeGreaterThan(0);
  expect(wb.active).toBe(names[0]);
  for (const n of names) {
    const s = wb.sheet(n)!;
    expect(String(s.cells.get('A1')?.value)).toMatch(/表|汇总/);
    expect(s.layout?.print?.orientation).toBeDefined();
  }
  // the police list compared last (same year) is used for the 兵役登记 denominators
  const form = () => JSON.stringify([...wb.sheet(names[0])!.cells.entries()]);
  const plain = form();
  const { result } = await readAndCheck(port, settings(), {});
  const fingerprint = ledgerFingerprint(result.tables, ROSTER_LEDGERS);
  const figures = { file: '公安名单.xlsx', listed: 3, villages: [] };
  await port.setValue(ROSTER_KEY, { year: SAMPLE_YEAR - 1, fingerprint, figures });
  await runSummarize(port, settings());
  expect(form()).toBe(plain); // last year's list is not used
  await port.setValue(ROSTER_KEY, { year: SAMPLE_YEAR, fingerprint: 'changed-since', figures });
  await runSummarize(port, settings());
  expect(form()).toBe(plain); // nor one compared before the 兵役登记 rows changed
  await port.setValue(ROSTER_KEY, { year: SAMPLE_YEAR, fingerprint, figures });
  const again = await runSummarize(port, settings());
  expect(again.sheets).toEqual(names);
  expect(form()).not.toBe(plain);
  expect(form()).toContain('公安名单.xlsx');

  wb.sheet(names[1])!.protected = true;
  const before = wb.snapshot();
  await expect(runSummarize(port, settings())).rejects.toMatchObject({ kind: 'protected' });
  expect(wb.snapshot()).toBe(before);
});

test('template fill: known placeholders replaced (a lone one as a number), unknown ones listed with the names that exist, formulas kept', async () => {
  const wb = sample(0);
  const t = wb.addSheet('我的模板');
  t.cells.set('A1', { value: '{{年度}}年双拥工作情况', numberFormat: 'General' });
  t.cells.set('B2', { value: '{{应登记人数}}', numberFormat: '@' });
  t.cells.set('B3', { value: '{{应登记人员}}', numberFormat: 'General' });
  t.cells.set('B4', { value: '{{年度}}', numberFormat: 'General', formula: '="{{年度}}"' });
  const r = await runFillTemplate(memoryPort(wb), '我的模板', settings());
  expect(at(wb, '我的模板', 'A1')).toBe(`${SAMPLE_YEAR}年双拥工作情况`);
  expect(typeof at(wb, '我的模板', 'B2')).toBe('number');
  expect(t.cells.get('B2')?.numberFormat).toBe('General'); // a number in a text cell would show as text
  expect(at(wb, '我的模板', 'B4')).toBe('{{年度}}');
  expect(r.filled).toBe(2);
  expect(r.unknown).toEqual([expect.objectContaining({ cell: 'B3', placeholder: '{{应登记人员}}' })]);
  expect(r.unknown[0].message).toContain('应登记人数'); // the name that exists
  await expect(runFillTemplate(memoryPort(wb), '没有这张表', settings())).rejects.toMatchObject({ kind: 'notFound' });
});

test('import: villages inserted, checked together, marked, reported and merged per ledger; a preview leaves the workbook as it was', async () => {
  const shelf: FileShelf = new Map([
    ['a', dataOf(samples[0])],
    ['b', dataOf(samples[1])],
  ]);
  const files = [
    { name: samples[0].file, base64: 'a' },
    { name: samples[1].file, base64: 'b' },
    { name: '坏文件.xlsx', base64: 'zzz' },
  ];
  const wb = new MemoryWorkbook('乡镇汇总.xlsx');
  wb.addSheet('说明');
  const before = wb.snapshot();
  const preview = await runPreviewImport(memoryPort(wb, shelf), files, settings());
  expect(wb.snapshot()).toBe(before);
  expect(preview.map((s) => s.ok)).toEqual([true, true, false]);
  expect(preview[2].message).toContain('无法读取');

  const { statuses } = await runImport(memoryPort(wb, shelf), files, settings());
  expect(statuses.map(({ name, ok, ledgers, errors, warnings }) => ({ name, ok, ledgers, errors, warnings }))).toEqual(
    preview.map(({ name, ok, ledgers, errors, warnings }) => ({ name, ok, ledgers, errors, warnings })),
  );
  expect(statuses[0].ledgers.length).toBeGreaterThan(0);
  const merged = wb.sheets.filter((s) => s.name.startsWith(MERGED_PREFIX));
  expect(merged.map((s) => s.name)).toContain(`${MERGED_PREFIX}优抚对象`);
  const yf = wb.sheet(`${MERGED_PREFIX}优抚对象`)!;
  expect(yf.cells.get('A1')?.value).toBe('序号');
  expect(yf.cells.get('A2')?.value).toBe(1);
  // rows of both villages, with where each came from
  const sources = new Set([...yf.cells.entries()].filter(([a1]) => /^[A-Z]+\d+$/.test(a1) && a1 !== 'A1').map(([, c]) => c.value));
  expect(sources.has(samples[0].file) && sources.has(samples[1].file)).toBe(true);
  expect(wb.active).toBe(REPORT_SHEET);
  expect(String(at(wb, REPORT_SHEET, 'A1'))).toMatch(/^导入校验结果（3 个文件/);
});

import { checkWorkbooks } from '../../src/core';
import { buildForms } from '../../src/core/forms';
import { computeStatistics } from '../../src/core/stats';
import { createExcelHost } from '../../src/excel/host-impl';
import { readWorkbook } from '../../src/excel/read';
import { runCheckCommand, runSummarizeCommand } from '../../src/excel/commands';
import { REPORT_SHEET } from '../../src/excel/common';
import { buildSheet, createExcel, parseLocal, type ExcelSim } from '../excel-sim/node';
import { installSample, sampleBooks, settings } from './helpers';
import { sampleDescription } from '../excel-sim/samples';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

function all() {
  const books = sampleBooks();
  const d = books.map((b) => sampleDescription(b));
  // one workbook holding every village's ledgers, renamed to stay unique
  return createExcel({
    name: '青山镇.xlsx',
    sheets: d.flatMap((x, i) => x.sheets.map((s) => ({ ...s, name: `${s.name}${i}` }))),
  });
}

test('summarize writes the forms (values, formats, merged title, charts) and ends on the first form; replaces on rerun', async () => {
  fake = all();
  const host = createExcelHost();
  const st = settings();
  const done = await host.summarize(st);
  const names = done.sheets;
  const data = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const result = checkWorkbooks([data.data], st);
  const forms = buildForms(computeStatistics(result.tables, st), st, { inputErrors: result.problems.filter((p) => p.severity === 'error').length });
  expect(names).toEqual(forms.map((f) => f.name));
  expect(done.ledgers).toBe(result.tables.length);
  expect(done.errors).toBe(result.problems.filter((p) => p.severity === 'error').length);
  expect(fake.model.active?.name).toBe(forms[0].name);
  for (const f of forms) {
    const s = fake.model.sheet(f.name)!;
    expect(s.get(0, 0)).toBe(f.title);
    expect(s.merges.some((m) => m.r0 === 0 && m.c0 === 0 && m.c1 === f.columns.length - 1)).toBe(f.columns.length > 1);
    expect(f.columns.map((_, j) => s.get(2, j))).toEqual(f.columns.map((c) => c.header));
    f.rows.forEach((row, i) =>
      row.cells.forEach((v, j) => {
        expect(s.get(3 + i, j) ?? null).toEqual(v === null ? null : v);
      }),
    );
    const pct = f.columns.findIndex((c) => c.format === 'percent');
    if (pct >= 0) expect(s.format(3, pct)).toBe('0.0%');
    expect(s.charts).toHaveLength(f.charts.length);
    f.charts.forEach((c, k) => {
      expect(s.charts[k].title).toBe(c.title);
      expect(s.charts[k].xValues[0]).toBeDefined();
    });
    if (f.paragraph) expect(s.rows.some((r) => r?.includes(f.paragraph as string))).toBe(true);
  }
  await host.summarize(st);
  for (const f of forms) expect(fake.model.sheets.filter((s) => s.name === f.name || s.name.startsWith(`${f.name}~`))).toHaveLength(1);
});

test('summarize refuses to replace a protected form sheet, writing nothing', async () => {
  fake = installSample(0);
  const host = createExcelHost();
  const first = (await host.summarize(settings())).sheets[0];
  fake.model.sheet(first)!.protected = true;
  const count = fake.model.sheets.length;
  const before = JSON.stringify(fake.model.sheet(first)!.rows);
  await expect(host.summarize(settings())).rejects.toMatchObject({ kind: 'protected' });
  expect(fake.model.sheets.length).toBe(count);
  expect(JSON.stringify(fake.model.sheet(first)!.rows)).toBe(before);
});

test('a user template sheet is filled in place; unknown placeholders are reported with the names that exist', async () => {
  fake = installSample(0);
  fake.model.sheets.push(
    buildSheet(
        {
          name: '我的模板',
          rows: [
            ['{{乡镇}}{{年度}}年双拥工作情况', null],
            ['建档优抚对象人数', '{{建档优抚对象人数}}'],
            ['备注', '手写的说明'],
            ['错的', '{{兵役登记律}}'],
          ],
        },
    ),
  );
  const host = createExcelHost();
  const rep = await host.fillTemplate('我的模板', settings());
  const s = fake.model.sheet('我的模板')!;
  expect(s.get(0, 0)).toBe('青山镇2026年双拥工作情况');
  expect(typeof s.get(1, 1)).toBe('number');
  expect(s.get(1, 1)).toBeGreaterThan(0);
  expect(s.get(2, 1)).toBe('手写的说明');
  expect(s.get(3, 1)).toBe('{{兵役登记律}}');
  expect(rep.filled).toBe(3);
  expect(rep.unknown).toHaveLength(1);
  expect(rep.unknown[0]).toMatchObject({ cell: 'B4', placeholder: '{{兵役登记律}}' });
  expect(rep.unknown[0].message).toContain('兵役登记率');
  expect(fake.model.sheet('优抚对象')!.get(0, 0)).toBe(sampleBooks()[0].sheets[0].rows[0][0]);
});

test('ribbon commands: 校验 ends on the report, 统计汇总 on the first form; failures come back as a message', async () => {
  fake = installSample(0);
  const done: string[] = [];
  const c = await runCheckCommand({ completed: () => done.push('check') });
  expect(c.ok).toBe(true);
  expect(fake.model.active?.name).toBe(REPORT_SHEET);
  const s = await runSummarizeCommand({ completed: () => done.push('sum') });
  expect(s.ok).toBe(true);
  expect(fake.model.active?.name).toBe(s.value!.sheets[0]);
  expect(done).toEqual(['check', 'sum']);
  fake.model.sheet(s.value!.sheets[0])!.protected = true;
  const bad = await runSummarizeCommand();
  expect(bad.ok).toBe(false);
  expect(bad.message).toContain('受保护');
});

test('parseLocal sanity for assertions', () => {
  expect(parseLocal('B4')).toEqual({ r0: 3, c0: 1, r1: 3, c1: 1 });
});

test('cancelling 统计汇总 at any sync: either no form written or all of them', async () => {
  fake = installSample(0);
  fake.model.resetStats();
  const names = (await createExcelHost().summarize(settings())).sheets;
  const total = fake.model.stats.syncs;
  fake.uninstall();
  for (let k = 1; k <= total; k++) {
    fake = installSample(0);
    const ac = new AbortController();
    fake.model.beforeSync = (n) => {
      if (n === k) ac.abort();
    };
    try {
      await createExcelHost().summarize(settings(), { signal: ac.signal });
    } catch (e) {
      expect((e as Error).name).toBe('AbortError');
    }
    const written = names.filter((n) => fake.model.sheet(n));
    expect([0, names.length]).toContain(written.length);
    fake.uninstall();
  }
});

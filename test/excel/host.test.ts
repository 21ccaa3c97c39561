import { checkWorkbooks, renderMessage } from '../../src/core';
import { createExcelHost } from '../../src/excel/host-impl';
import { REPORT_HEADERS, REPORT_HEADER_ROW } from '../../src/excel/report';
import { ERROR_FILL, REPORT_SHEET } from '../../src/excel/common';
import { readWorkbook } from '../../src/excel/read';
import { PROFILES, createExcel, key, parseLocal, type ExcelSim } from '../excel-sim/node';
import { sampleDescription } from '../excel-sim/samples';
import { fullSnapshot, installSample, sampleBooks, settings, snapshot } from './helpers';
import { deliberateErrors } from '../../src/samples/generate';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

function _cell(sheet: string, a1: string) {
  const s = fake.model.sheet(sheet)!;
  const r = parseLocal(a1)!;
  return s.get(r.r0, r.c0);
}

test('check: the same problems as the core on the same data; cells marked; 校验结果 table with links, replaced on the next run', async () => {
  fake = installSample(0);
  const host = createExcelHost();
  const st = settings();
  const data = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const expected = checkWorkbooks([data.data], st);
  const result = await host.check('workbook', st);
  expect(result.problems).toEqual(expected.problems);
  expect(result.problems.length).toBeGreaterThan(0);

  const report = fake.model.sheet(REPORT_SHEET)!;
  expect(report).toBeDefined();
  expect(fake.model.active).toBe(report);
  expect(report.tables).toHaveLength(1);
  const t = report.tables[0];
  expect(t.showFilterButton).toBe(true);
  expect(t.rect.r0).toBe(REPORT_HEADER_ROW - 1);
  expect(t.rect.r1 - t.rect.r0).toBe(result.problems.length);
  expect(REPORT_HEADERS.map((_, j) => report.get(REPORT_HEADER_ROW - 1, j))).toEqual([...REPORT_HEADERS]);
  const first = result.problems.find((p) => p.cell)!;
  const i = result.problems.indexOf(first);
  const rowIdx = REPORT_HEADER_ROW + i;
  expect(report.get(rowIdx, 4)).toBe(renderMessage(first, 'zh-CN'));
  expect(report.hyperlinks.get(key(rowIdx, 4))?.documentReference).toMatch(new RegExp(`${first.sheet}'?!${first.cell}$`));
  expect(report.get(rowIdx, 1)).toBe(first.sheet);
  expect(report.get(rowIdx, 2)).toBe(first.row);

  // Every deliberate error of this sample is listed and its cell is filled red.
  for (const d of deliberateErrors().filter((e) => e.file === sampleBooks()[0].file && !e.what.includes('同时登记'))) {
    const p = result.problems.find((x) => x.sheet === d.sheet && x.row === d.row && x.severity === 'error');
    expect(p).toBeDefined();
    const rc = parseLocal(p!.cell!)!;
    expect(fake.model.sheet(d.sheet)!.fills.get(key(rc.r0, rc.c0))?.color).toBe(ERROR_FILL);
  }

  // Run again: one report sheet, one table.
  await host.check('workbook', st);
  expect(fake.model.sheets.filter((s) => s.name.startsWith(REPORT_SHEET))).toHaveLength(1);
  expect(fake.model.sheet(REPORT_SHEET)!.tables).toHaveLength(1);
});

test('check of the active sheet lists only its problems; clearMarks restores the workbook', async () => {
  fake = installSample(0, { active: '兵役登记' });
  const host = createExcelHost();
  const ledgers = fake.model.sheets.map((s) => s.name);
  const before = snapshot(fake);
  const r = await host.check('activeSheet', settings());
  expect(r.problems.length).toBeGreaterThan(0);
  expect(r.problems.every((p) => p.sheet === '兵役登记')).toBe(true);
  const n = await host.clearMarks();
  expect(n).toBeGreaterThan(0);
  // restore: the ledgers are exactly as before (the report sheet is ours and stays)
  const after = JSON.parse(snapshot(fake)).filter((s: { name: string }) => ledgers.includes(s.name));
  expect(JSON.stringify(after)).toBe(before);
});

test('a merged title and a protected sheet: a clear note in the report, nothing written to that sheet', async () => {
  fake = installSample(0);
  fake.model.sheet('优抚对象')!.protected = true;
  const before = JSON.stringify(fake.model.sheet('优抚对象')!.fills.size);
  const host = createExcelHost();
  const r = await host.check('workbook', settings());
  expect(r.problems.some((p) => p.sheet === '优抚对象')).toBe(true);
  expect(JSON.stringify(fake.model.sheet('优抚对象')!.fills.size)).toBe(before);
  expect(String(fake.model.sheet(REPORT_SHEET)!.get(2, 0))).toContain('优抚对象');
  expect(host.lastRun()?.protectedSheets).toEqual(['优抚对象']);
});

test('cancelling a check before it marks leaves the workbook untouched', async () => {
  fake = installSample(0);
  const before = snapshot(fake);
  const ac = new AbortController();
  const host = createExcelHost();
  await expect(
    host.check('workbook', settings(), {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.label.startsWith('校验')) ac.abort();
      },
    }),
  ).rejects.toMatchObject({ name: 'AbortError' });
  expect(snapshot(fake)).toBe(before);
});

test('goTo activates the sheet and selects the cell', async () => {
  fake = installSample(0);
  const host = createExcelHost();
  await host.goTo({ code: 'x', severity: 'error', sheet: '兵役登记', cell: 'D7', row: 7, params: {} });
  expect(fake.model.active?.name).toBe('兵役登记');
  expect(fake.model.selection?.rect).toEqual({ r0: 6, c0: 3, r1: 6, c1: 3 });
});

test('settings are saved in the workbook and read back', async () => {
  fake = installSample(0);
  const host = createExcelHost();
  // The sample's 设置 sheet is read (issue 15 item 3), as the CLI reads it.
  expect(await host.loadSettings()).toEqual({ year: 2026, township: '青山镇', villages: ['红旗村', '光明村', '和平村', '新民社区'], deadline: { month: 10, day: 31 } });
  await host.saveSettings(settings({ villages: ['红旗村'], maskIds: true }));
  const again = createExcelHost();
  expect(await again.loadSettings()).toMatchObject({ villages: ['红旗村'], maskIds: true, township: '青山镇' });
});

test('listSheets and readColumn', async () => {
  fake = createExcel({
    sheets: [
      { name: '村名单', rows: [['村名'], ['红旗村'], [' 光明村 '], [''], ['和平村']] },
      { name: '校验结果', rows: [['x']] },
      { name: 'H', rows: [['x']], hidden: true },
    ],
  });
  const host = createExcelHost();
  expect(await host.listSheets()).toEqual(['村名单']);
  expect(await host.readColumn('村名单', '村名')).toEqual(['红旗村', '光明村', '和平村']);
  expect(await host.readColumn('村名单', 'A')).toEqual(['村名', '红旗村', '光明村', '和平村']);
});

test('a workbook with a protected structure: clear messages, nothing written', async () => {
  fake = installSample(0, { protectedStructure: true });
  const before = snapshot(fake);
  const count = fake.model.sheets.length;
  const host = createExcelHost();
  await expect(host.check('workbook', settings())).rejects.toMatchObject({ kind: 'protected', message: expect.stringContaining('工作簿结构受保护') });
  await expect(host.summarize(settings())).rejects.toMatchObject({ kind: 'protected' });
  await expect(host.insertBlankLedgers(settings())).rejects.toMatchObject({ kind: 'protected' });
  await expect(host.importWorkbooks([{ name: 'x.xlsx', base64: 'UEsDBA==' }], settings())).rejects.toMatchObject({ kind: 'protected' });
  await expect(host.applyFixes([{ code: 'x', severity: 'warning', sheet: '优抚对象', cell: 'C4', params: {}, fix: 'y' }])).rejects.toMatchObject({ kind: 'protected' });
  // The comparisons read this year as 校验 does: refused before any file is inserted.
  const picked = { name: '红旗村.xlsx', base64: 'UEsDBA==' };
  await expect(host.compareYears!([picked], settings())).rejects.toMatchObject({ kind: 'protected' });
  await expect(host.compareLists!({ roster: picked }, settings())).rejects.toMatchObject({ kind: 'protected' });
  expect(fake.model.sheets.length).toBe(count);
  expect(snapshot(fake)).toBe(before);
  // the fake itself refuses structure changes like Excel
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('新表');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'AccessDenied' });
});

test('cancelling a check at EVERY sync: the workbook is untouched (record included) or fully marked with its report', async () => {
  fake = installSample(0);
  fake.model.resetStats();
  await createExcelHost().check('workbook', settings());
  const total = fake.model.stats.syncs;
  const done = fullSnapshot(fake, [REPORT_SHEET]);
  const reportRows = fake.model.sheet(REPORT_SHEET)!.rows.length;
  const marked = fake.model.sheets.reduce((n, s) => n + s.fills.size, 0);
  fake.uninstall();
  expect(total).toBeGreaterThan(4);
  expect(marked).toBeGreaterThan(0);
  let cancelled = 0;
  let lastCancelled = 0;
  for (let k = 1; k <= total + 1; k++) {
    fake = installSample(0);
    const before = fullSnapshot(fake);
    const ac = new AbortController();
    fake.model.beforeSync = (n) => {
      if (n === k) ac.abort();
    };
    let finished = true;
    try {
      await createExcelHost().check('workbook', settings(), { signal: ac.signal });
    } catch (e) {
      expect((e as Error).name).toBe('AbortError');
      finished = false;
      cancelled++;
      lastCancelled = k;
    }
    if (finished) {
      expect(fullSnapshot(fake, [REPORT_SHEET])).toBe(done);
      expect(fake.model.sheet(REPORT_SHEET)!.rows.length).toBe(reportRows);
    } else expect(fullSnapshot(fake)).toBe(before);
    fake.uninstall();
  }
  expect(cancelled).toBeGreaterThan(0);
  // a cancel while marking (after the read) is honoured too, not only one during the read
  fake = installSample(0);
  fake.model.resetStats();
  await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const readSyncs = fake.model.stats.syncs;
  fake.uninstall();
  expect(lastCancelled).toBeGreaterThan(readSyncs + 1);
});

test('cancelling a re-check at every sync keeps the earlier marks and report, or replaces them whole', async () => {
  const prepare = async () => {
    const f = installSample(0);
    await createExcelHost().check('workbook', settings());
    return f;
  };
  fake = await prepare();
  fake.model.resetStats();
  await createExcelHost().check('workbook', settings());
  const total = fake.model.stats.syncs;
  const done = fullSnapshot(fake, [REPORT_SHEET]);
  fake.uninstall();
  for (let k = 1; k <= total + 1; k++) {
    fake = await prepare();
    const before = fullSnapshot(fake, [REPORT_SHEET]);
    const report = JSON.stringify(fake.model.sheet(REPORT_SHEET)!.rows);
    fake.model.resetStats();
    const ac = new AbortController();
    fake.model.beforeSync = (n) => {
      if (n === k) ac.abort();
    };
    let finished = true;
    try {
      await createExcelHost().check('workbook', settings(), { signal: ac.signal });
    } catch (e) {
      expect((e as Error).name).toBe('AbortError');
      finished = false;
    }
    if (finished) expect(fullSnapshot(fake, [REPORT_SHEET])).toBe(done);
    else {
      expect(fullSnapshot(fake, [REPORT_SHEET])).toBe(before);
      expect(JSON.stringify(fake.model.sheet(REPORT_SHEET)!.rows)).toBe(report);
    }
    fake.uninstall();
  }
});

test('going to a cell of a sheet deleted since the check: a clear message', async () => {
  fake = installSample(0);
  await expect(createExcelHost().goTo({ code: 'x', severity: 'error', sheet: '不存在', cell: 'A1', params: {} })).rejects.toMatchObject({
    kind: 'notFound',
    message: expect.stringContaining('找不到'),
  });
});

test('without notes or comments (ExcelApi < 1.10) the report says messages are only listed there', async () => {
  fake = installSample(0, { requirementSets: { ExcelApi: '1.9' } });
  const host = createExcelHost();
  const r = await host.check('workbook', settings());
  expect(r.problems.length).toBeGreaterThan(0);
  expect(host.lastRun()?.noteMode).toBe('none');
  expect(String(fake.model.sheet(REPORT_SHEET)!.get(2, 0))).toContain('不支持批注');
  expect(fake.model.sheets.every((s) => s.notes.size === 0 && s.comments.size === 0)).toBe(true);
});

test('progress labels follow the locale (zh-CN and en-US), with their codes', async () => {
  const labels = async (locale: 'zh-CN' | 'en-US') => {
    fake = installSample(0);
    const seen: Array<{ label: string; code?: string }> = [];
    await createExcelHost().check('workbook', settings({ locale }), { onProgress: (p) => seen.push({ label: p.label, code: p.code }) });
    const fixable = (await createExcelHost().check('workbook', settings({ locale }))).problems.filter((p) => p.fix !== undefined);
    await createExcelHost().applyFixes(fixable, { locale, onProgress: (p) => seen.push({ label: p.label, code: p.code }) });
    fake.uninstall();
    return seen;
  };
  const zh = await labels('zh-CN');
  const en = await labels('en-US');
  expect(zh.find((p) => p.code === 'read')?.label).toMatch(/^读取 /);
  expect(zh.find((p) => p.code === 'mark')?.label).toBe('标记问题单元格');
  expect(zh.find((p) => p.code === 'fix')?.label).toBe('修正单元格');
  expect(en.find((p) => p.code === 'read')?.label).toMatch(/^Reading /);
  expect(en.find((p) => p.code === 'check')?.label).toMatch(/^Checking /);
  expect(en.find((p) => p.code === 'mark')?.label).toBe('Marking problem cells');
  expect(en.find((p) => p.code === 'fix')?.label).toBe('Fixing cells');
  // no Chinese UI words in the English labels (sheet names may be Chinese: only the fixed words)
  expect(en.every((p) => !/读取|校验|标记|写入|修正/.test(p.label))).toBe(true);
});

test('cell-edit mode: every Excel.run waits (delayForCellEdit) until the user leaves the cell, then runs', async () => {
  // Before the fix, the request failed with InvalidOperationInCellEditMode.
  fake = installSample(0);
  fake.enterCellEdit();
  const host = createExcelHost();
  let done = false;
  const p = host.listSheets().then((r) => {
    done = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 50));
  expect(done).toBe(false);
  fake.exitCellEdit();
  expect((await p).length).toBeGreaterThan(0);
});

test('cell-edit mode on a host without DelayForCellEdit, a busy workbook: clear Chinese messages', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0]), { profile: { ...PROFILES.web, sets: { ExcelApi: '1.18' } } });
  fake.enterCellEdit();
  await expect(createExcelHost().listSheets()).rejects.toMatchObject({ kind: 'busy', message: expect.stringMatching(/^正在编辑单元格/) });
  fake.exitCellEdit();
  fake.model.busy = 1;
  await expect(createExcelHost().listSheets()).rejects.toMatchObject({ kind: 'busy', message: expect.stringMatching(/^Excel 正忙/) });
});

test('校验 and 统计汇总 show their first sheet with its last write, not in a sync of its own', async () => {
  fake = installSample(0);
  fake.model.resetStats();
  await createExcelHost().check('workbook', settings());
  expect(fake.model.active?.name).toBe(REPORT_SHEET);
  expect(fake.model.stats.syncs).toBeLessThanOrEqual(10); // 11 before
  fake.uninstall();
  fake = installSample(0);
  fake.model.resetStats();
  const done = await createExcelHost().summarize(settings());
  expect(fake.model.active?.name).toBe(done.sheets[0]);
  expect(fake.model.stats.syncs).toBeLessThanOrEqual(15); // 16 before
});

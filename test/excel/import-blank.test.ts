import { exampleValues } from '../../src/core/blank';
import { LEDGER_SCHEMAS } from '../../src/core/schema';
import { createExcelHost } from '../../src/excel/host-impl';
import { REPORT_SHEET, MERGED_PREFIX, colLetters } from '../../src/excel/common';
import { xlsxBase64, createExcel, key, type ExcelSim } from '../excel-sim/node';
import { sampleDescription } from '../excel-sim/samples';
import { makeId } from '../../src/samples/ids';
import { fullSnapshot, sampleBooks, settings } from './helpers';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

const files = () => sampleBooks().map((b) => ({ name: b.file, base64: xlsxBase64(sampleDescription(b)) }));

test('import: village workbooks inserted, checked together (cross-village duplicate found), merged with 来源, report shown', async () => {
  fake = createExcel({ name: '青山镇汇总.xlsx', sheets: [{ name: '封面', rows: [['青山镇']] }] });
  const host = createExcelHost();
  const bad = { name: '坏文件.xlsx', base64: 'UEsDBBQAAAAIAA==' };
  const statuses = await host.importWorkbooks([...files(), bad], settings());
  expect(statuses).toHaveLength(5);
  const byName = Object.fromEntries(statuses.map((s) => [s.name, s]));
  expect(byName['坏文件.xlsx']).toMatchObject({ ok: false });
  expect(byName['坏文件.xlsx'].message).toContain('xlsx');
  expect(byName['红旗村.xlsx']).toMatchObject({ ok: true });
  expect(byName['红旗村.xlsx'].ledgers).toEqual(expect.arrayContaining(['优抚对象', '兵役登记']));
  expect(byName['红旗村.xlsx'].errors).toBeGreaterThan(0);

  // The same person in 红旗村 and 新民社区: only found when the files are checked together.
  const report = fake.model.sheet(REPORT_SHEET)!;
  expect(fake.model.active).toBe(report);
  const files2 = new Set<string>();
  for (let r = 4; r < report.rows.length; r++) files2.add(String(report.get(r, 0)));
  expect(files2).toEqual(new Set(['红旗村.xlsx', '光明村.xlsx', '和平村.xlsx', '新民社区.xlsx']));
  const texts = report.rows.map((row) => (row ?? []).join('|'));
  expect(texts.some((t) => t.includes('红旗村.xlsx') && t.includes('新民社区'))).toBe(true);

  const merged = fake.model.sheet(`${MERGED_PREFIX}优抚对象`)!;
  expect(merged).toBeDefined();
  const schema = LEDGER_SCHEMAS.find((s) => s.id === '优抚对象')!;
  const header = (merged.rows[0] ?? []) as unknown[];
  expect(header.slice(0, schema.columns.length)).toEqual(schema.columns.map((c) => c.field));
  const src = header.indexOf('来源');
  expect(src).toBe(schema.columns.length);
  const sources = new Set(merged.rows.slice(1).map((r) => r?.[src]));
  expect(sources).toEqual(new Set(['红旗村.xlsx', '光明村.xlsx', '和平村.xlsx', '新民社区.xlsx']));
  const idCol = schema.columns.findIndex((c) => c.field === '身份证号');
  expect(merged.rows.slice(1).every((r) => r?.[idCol] === undefined || typeof r[idCol] === 'string')).toBe(true);
  // merged sheets are not ledgers to check again
  const again = await host.check('workbook', settings());
  expect(again.problems.some((p) => p.sheet?.startsWith(MERGED_PREFIX))).toBe(false);
});

test('previewImport: per-file statuses (cross-village rules included), nothing left behind; then importWorkbooks merges', async () => {
  fake = createExcel({ name: '青山镇汇总.xlsx', sheets: [{ name: '封面', rows: [['青山镇']] }] });
  const before = fullSnapshot(fake);
  const host = createExcelHost();
  const bad = { name: '坏文件.xlsx', base64: 'UEsDBBQAAAAIAA==' };
  const picked = [...files(), bad];
  const preview = await host.previewImport!(picked, settings());
  expect(fullSnapshot(fake)).toBe(before); // nothing inserted, marked or reported
  expect(preview.map((s) => s.name)).toEqual(picked.map((f) => f.name));
  const byName = Object.fromEntries(preview.map((s) => [s.name, s]));
  expect(byName['坏文件.xlsx']).toMatchObject({ ok: false, ledgers: [] });
  expect(byName['坏文件.xlsx'].message).toContain('xlsx');
  expect(byName['红旗村.xlsx'].ledgers).toEqual(expect.arrayContaining(['优抚对象', '兵役登记']));
  // checked together: the person in 红旗村 and 新民社区 counts as an error in both files only then
  const alone = await host.previewImport!([files()[0]], settings());
  expect(byName['红旗村.xlsx'].errors).toBeGreaterThan(alone[0].errors);
  expect(fullSnapshot(fake)).toBe(before);

  // 合并: the statuses of the merge are the preview's
  const merged = await host.importWorkbooks(picked, settings());
  expect(merged).toEqual(preview);
  expect(fake.model.sheet(`${MERGED_PREFIX}优抚对象`)).toBeDefined();
});

test('previewImport takes out the inserted sheets even when a file holds hidden and very hidden sheets', async () => {
  fake = createExcel({ sheets: [{ name: '封面', rows: [['青山镇']] }] });
  const before = fullSnapshot(fake);
  const book = sampleDescription(sampleBooks()[0]);
  book.sheets.push({ name: '_双拥助手记录', rows: [['{}']], hidden: 'VeryHidden' }, { name: '草稿', rows: [['x']], hidden: true });
  const st = await createExcelHost().previewImport!([{ name: '红旗村.xlsx', base64: xlsxBase64(book) }], settings());
  expect(st[0]).toMatchObject({ ok: true });
  expect(fullSnapshot(fake)).toBe(before);
});

test('cancelling a preview at every sync leaves the workbook as it was', async () => {
  const two = files().slice(0, 2);
  fake = createExcel({ sheets: [{ name: '封面', rows: [['青山镇']] }] });
  fake.model.resetStats();
  await createExcelHost().previewImport!(two, settings());
  const total = fake.model.stats.syncs;
  fake.uninstall();
  let cancelled = 0;
  for (let k = 1; k <= total; k++) {
    fake = createExcel({ sheets: [{ name: '封面', rows: [['青山镇']] }] });
    const before = fullSnapshot(fake);
    const ac = new AbortController();
    fake.model.beforeSync = (n) => {
      if (n === k) ac.abort();
    };
    try {
      const st = await createExcelHost().previewImport!(two, settings(), { signal: ac.signal });
      expect(st).toHaveLength(2);
    } catch (e) {
      expect((e as Error).name).toBe('AbortError');
      cancelled++;
    }
    expect(fullSnapshot(fake)).toBe(before);
    fake.uninstall();
  }
  expect(cancelled).toBeGreaterThan(0);
});

test('import needs ExcelApi 1.13: a clear message otherwise, nothing inserted', async () => {
  fake = createExcel({ sheets: [{ name: '封面', rows: [['x']] }], requirementSets: { ExcelApi: '1.12' } });
  await expect(createExcelHost().importWorkbooks(files(), settings())).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringContaining('1.13') });
  expect(fake.model.sheets).toHaveLength(1);
});

test('blank ledgers: text ID columns, dropdowns, date formats, header hints; a correct row checks clean', async () => {
  fake = createExcel({ sheets: [{ name: 'Sheet1', rows: [] }] });
  const host = createExcelHost();
  const added = await host.insertBlankLedgers(settings());
  expect(added).toEqual([...LEDGER_SCHEMAS.map((s) => s.id), '填表说明']);
  const ws = fake.model.sheet('优抚对象')!;
  const schema = LEDGER_SCHEMAS.find((s) => s.id === '优抚对象')!;
  const col = (f: string) => schema.columns.findIndex((c) => c.field === f);
  expect(ws.get(2, col('身份证号'))).toBe('身份证号');
  expect(ws.format(3, col('身份证号'))).toBe('@');
  expect(ws.format(500, col('身份证号'))).toBe('@');
  const v = ws.validations.find((x) => x.rect.c0 === col('优抚类别'))!;
  expect((v.rule as { list: { source: string } }).list.source.split(',')).toContain('残疾军人');
  const hint = ws.notes.get(key(2, col('身份证号'))) ?? ws.comments.get(key(2, col('身份证号'))); // comments with the npm client (no notes)
  expect(hint?.content).toContain('文本');
  expect(ws.frozenRows).toBe(3);
  expect(fake.model.sheet('填表说明')).toBeDefined();
  // inserting again adds nothing
  expect(await host.insertBlankLedgers(settings())).toEqual([]);

  // Fill one correct row in every ledger through Excel, then check: no errors.
  await Excel.run(async (ctx) => {
    for (const s of LEDGER_SCHEMAS) {
      const id = s.id === '兵役登记' ? makeId('370102', 2008, 3, 2, 12, '男') : makeId('370102', 1970, 5, 2, 22, '男');
      const vals = exampleValues(s.id, 2026, '红旗村', id);
      const row = s.columns.map((c) => (vals[c.field] === undefined ? '' : vals[c.field]));
      ctx.workbook.worksheets.getItem(s.id).getRange(`A4:${colLetters(row.length - 1)}4`).values = [row];
    }
    await ctx.sync();
  });
  expect(ws.get(3, col('身份证号'))).toBe(makeId('370102', 1970, 5, 2, 22, '男')); // stayed text
  const r = await host.check('workbook', settings());
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
});

test('cancelling an import at any sync: either nothing changed or the import finished', async () => {
  const two = files().slice(0, 2);
  fake = createExcel({ sheets: [{ name: '封面', rows: [['青山镇']] }] });
  fake.model.resetStats();
  await createExcelHost().importWorkbooks(two, settings());
  const total = fake.model.stats.syncs;
  fake.uninstall();
  for (let k = 1; k <= total; k++) {
    fake = createExcel({ sheets: [{ name: '封面', rows: [['青山镇']] }] });
    const ac = new AbortController();
    fake.model.beforeSync = (n) => {
      if (n === k) ac.abort();
    };
    let finished = true;
    try {
      await createExcelHost().importWorkbooks(two, settings(), { signal: ac.signal });
    } catch (e) {
      expect((e as Error).name).toBe('AbortError');
      finished = false;
    }
    if (finished) expect(fake.model.sheet(`${MERGED_PREFIX}优抚对象`)).toBeDefined();
    else expect(fake.model.sheets.map((s) => s.name)).toEqual(['封面']);
    fake.uninstall();
  }
});

test('import by sheet ID: insertWorksheetsFromBase64 returns IDs; a file whose sheet names clash is still read (renamed "优抚对象 (2)")', async () => {
  // Before the fix, the IDs were used as sheet names: nothing was read from any file.
  fake = createExcel({ name: '青山镇汇总.xlsx', sheets: [{ name: '优抚对象', rows: [['本镇自己的表']] }] });
  const [book] = sampleBooks();
  const st = await createExcelHost().importWorkbooks([{ name: book.file, base64: xlsxBase64(sampleDescription(book)) }], settings());
  expect(st[0].ok).toBe(true);
  expect(st[0].ledgers).toEqual(expect.arrayContaining(['优抚对象', '兵役登记']));
  // Excel renamed the inserted sheet (优抚对象 (2)); it was found by its ID and is named after its file.
  expect(fake.model.sheets.map((s) => s.name)).toContain(`${book.file.replace(/\.xlsx$/, '')}·优抚对象`);
  expect(fake.model.sheets.some((s) => / \(\d+\)$/.test(s.name))).toBe(false);
  expect(fake.model.sheet('优抚对象')!.rows).toEqual([['本镇自己的表']]); // the town's own sheet untouched
  expect(fake.model.sheet(`${MERGED_PREFIX}优抚对象`)).toBeDefined();
});

test('iPad: import is not offered by Excel there (documented for Windows, Mac and the web) — a clear message, nothing inserted', async () => {
  fake = createExcel({ sheets: [{ name: '封面', rows: [['x']] }] }, { profile: 'ipad' });
  const before = fullSnapshot(fake);
  await expect(createExcelHost().importWorkbooks(files(), settings())).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringContaining('iPad') });
  expect(fullSnapshot(fake)).toBe(before);
});

test('Excel on the web: a file too big for one 5 MB request gets a readable status instead of failing the import', async () => {
  fake = createExcel({ sheets: [{ name: '封面', rows: [['x']] }] }, { profile: 'web' });
  const big = { name: '大文件.xlsx', base64: 'UEsDB' + 'A'.repeat(5.2 * 1024 * 1024) };
  const [book] = sampleBooks();
  const st = await createExcelHost().importWorkbooks([big, { name: book.file, base64: xlsxBase64(sampleDescription(book)) }], settings());
  expect(st[0]).toMatchObject({ ok: false });
  expect(st[0].message).toContain('5 MB');
  expect(st[1].ok).toBe(true);
  expect(fake.model.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
});

test('import reads the picked sheets and the workbook’s §8 sheets in one read, asks the date system once, and activates with its last write', async () => {
  const cover = { name: '封面', rows: [['青山镇']] };
  const config = [
    { name: '设置', rows: [['项目', '值'], ['乡镇', '青山镇']] },
    { name: '规则', rows: [['代码', '级别'], ['phone.invalid', '关闭']] },
  ];
  const run = async (withConfig: boolean) => {
    fake = createExcel({ sheets: withConfig ? [cover, ...config] : [cover] });
    fake.model.resetStats();
    await createExcelHost().importWorkbooks(files().slice(0, 1), settings());
    const out = { syncs: fake.model.stats.syncs, dateAsks: fake.model.stats.dateAsks, active: fake.model.active?.name, sheets: fake.model.sheets.map((s) => s.name) };
    fake.uninstall();
    return out;
  };
  const plain = await run(false);
  const configured = await run(true);
  // The §8 sheets cost no sync of their own (they were listed and read again before: 2 more).
  expect(configured.syncs).toBe(plain.syncs);
  // The date system is asked once, while reading; the merged sheets use what the read learnt.
  expect(configured.dateAsks).toBe(1);
  // 24 syncs before these folds (the §8 sheets listed and read apart, the activations and a
  // last sync per merged sheet on their own).
  expect(configured.syncs).toBeLessThanOrEqual(20);
  expect(configured.active).toBe(REPORT_SHEET);
  expect(configured.sheets).toEqual(expect.arrayContaining([REPORT_SHEET, `${MERGED_PREFIX}优抚对象`]));
});

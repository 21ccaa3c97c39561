import { readWorkbook, isDateFormat, serialToDate, toCellValue } from '../../src/excel/read';
import { createExcel, type ExcelSim } from '../excel-sim/node';
import { installSample, sampleBooks } from './helpers';
import { isFormula } from '../../src/samples/generate';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

test('date formats are told from number formats', () => {
  expect(isDateFormat('yyyy/m/d')).toBe(true);
  expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
  expect(isDateFormat('[$-804]yyyy年m月d日')).toBe(true);
  expect(isDateFormat('m月')).toBe(true);
  expect(isDateFormat('General')).toBe(false);
  expect(isDateFormat('0.00')).toBe(false);
  expect(isDateFormat('h:mm:ss')).toBe(false);
  expect(isDateFormat('@')).toBe(false);
  expect((serialToDate(45000) as Date).toISOString()).toBe('2023-03-15T00:00:00.000Z');
  expect((serialToDate(45000.75) as Date).toISOString()).toBe('2023-03-15T00:00:00.000Z');
  expect(toCellValue('#N/A', 'Error', 'General')).toEqual({ error: '#N/A' });
  expect(toCellValue('', 'Empty', 'General')).toBeNull();
  expect(toCellValue(12, 'Double', 'General')).toBe(12);
});

test('reads a sample workbook: values as typed, dates as UTC dates, Excel row numbers; own sheets skipped, hidden ones read and flagged', async () => {
  const book = sampleBooks()[3];
  expect(book.sheets.some((s) => s.hidden)).toBe(true);
  fake = installSample(3);
  // add one of our own sheets: it must not be read
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.add('校验结果').getRange('A1').values = [['x']];
    await ctx.sync();
  });
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const hidden = book.sheets.filter((s) => s.hidden).map((s) => s.name);
  expect(r.skipped).toEqual(['校验结果']);
  // hidden sheets go to the core flagged (it reports them, as for the CLI, and checks nothing)
  for (const h of hidden) expect(r.data.sheets.find((x) => x.name === h)?.hidden).toBe(true);
  expect(r.data.file).toBe(book.file);
  for (const s of book.sheets.filter((x) => !x.hidden)) {
    const got = r.data.sheets.find((x) => x.name === s.name)!;
    expect(got).toBeDefined();
    s.rows.forEach((row, i) => {
      const cells = row.map((c) => (isFormula(c) ? c.result : c));
      while (cells.length && (cells[cells.length - 1] === null || cells[cells.length - 1] === '')) cells.pop();
      const gotRow = got.rows.find((x) => x.r === i + 1);
      if (!cells.some((c) => c !== null && c !== '')) {
        expect(gotRow).toBeUndefined();
        return;
      }
      expect(gotRow?.cells).toEqual(cells.map((c) => (c === '' ? null : c)));
    });
  }
});

test('merged title cells: the title is in its top-left cell, the header row keeps its row number', async () => {
  fake = createExcel({
    sheets: [
      {
        name: 'Sheet1',
        rows: [['红旗村优抚对象花名册'], ['填报单位：红旗村'], ['序号', '所在村', '姓名'], [1, '红旗村', '张三']],
        merges: ['A1:C1', 'A2:C2'],
      },
    ],
  });
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'activeSheet' }));
  expect(r.data.sheets[0].rows).toEqual([
    { r: 1, cells: ['红旗村优抚对象花名册'] },
    { r: 2, cells: ['填报单位：红旗村'] },
    { r: 3, cells: ['序号', '所在村', '姓名'] },
    { r: 4, cells: [1, '红旗村', '张三'] },
  ]);
});

test('a used range not starting at A1 keeps columns and rows where they are', async () => {
  fake = createExcel({ sheets: [{ name: 'S', startRow: 5, rows: [[null, null, '姓名'], [null, null, { error: '#N/A' }]] }] });
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  expect(r.data.sheets[0].rows).toEqual([
    { r: 5, cells: [null, null, '姓名'] },
    { r: 6, cells: [null, null, { error: '#N/A' }] },
  ]);
});

test('100k-row ledger: chunked, every response under 5 MB, a fixed number of syncs per chunk, nothing lost', async () => {
  const header = ['序号', '所在村', '姓名', '性别', '身份证号', '出生日期', '优抚类别', '本年发放金额(元)', '联系电话', '备注'];
  const rows = Array.from({ length: 100000 }, (_, i) => [
    i + 1,
    '红旗村',
    `张${i}`,
    i % 2 ? '男' : '女',
    `1101051949${String(i).padStart(8, '0')}`,
    { v: 20000 + (i % 9000), f: 'yyyy-mm-dd' },
    '残疾军人',
    1234.5,
    '13800138000',
    i % 7 ? '' : '备注文字',
  ]);
  fake = createExcel({ sheets: [{ name: '优抚对象', rows: [header, ...rows] }] });
  fake.model.resetStats();
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const st = fake.model.stats;
  const payload = st.requests.reduce((a, x) => a + x.response, 0);
  expect(st.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  expect(st.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  expect(st.syncs).toBe(r.syncs + 1); // + the client's own clean-up request at the end of Excel.run
  expect(st.syncs).toBeLessThanOrEqual(Math.ceil(payload / (4 * 1024 * 1024)) + 2);
  const rowsOut = r.data.sheets[0].rows;
  expect(rowsOut.length).toBe(100001);
  expect(rowsOut[100000].r).toBe(100001);
  expect(rowsOut[100000].cells[4]).toBe('110105194900099999');
  expect(rowsOut[5].cells[5]).toEqual(new Date(Date.UTC(1954, 9, 7)));
});

test('cancelling stops between chunks', async () => {
  const rows = Array.from({ length: 30000 }, (_, i) => [i, 'x'.repeat(100)]);
  fake = createExcel({ sheets: [{ name: 'S', rows }] });
  const ac = new AbortController();
  let calls = 0;
  await expect(
    Excel.run((ctx) =>
      readWorkbook(ctx, {
        scope: 'workbook',
        signal: ac.signal,
        chunkBytes: 200_000,
        onProgress: () => {
          if (++calls === 2) ac.abort();
        },
      }),
    ),
  ).rejects.toMatchObject({ name: 'AbortError' });
  expect(fake.model.stats.syncs).toBeLessThan(6);
});

test('rows much heavier than the sample: an oversized chunk is retried smaller, nothing lost', async () => {
  const rows = Array.from({ length: 12000 }, (_, i) => [i + 1, i < 200 ? 'x' : '很长的备注'.repeat(60)]);
  fake = createExcel({ sheets: [{ name: 'S', rows }] });
  fake.model.resetStats();
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  expect(r.data.sheets[0].rows).toHaveLength(12000);
  expect(r.data.sheets[0].rows[11999]).toEqual({ r: 12000, cells: [12000, '很长的备注'.repeat(60)] });
  // the first oversized attempt failed in the fake, exactly like Excel on the web
  expect(fake.model.stats.requests.some((x) => x.response > 5 * 1024 * 1024)).toBe(true);
});

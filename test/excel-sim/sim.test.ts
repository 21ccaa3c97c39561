import { createExcel, xlsxBase64, cellValue, key, type ExcelSim, type WorkbookDescription } from './node';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

function setup(extra: Partial<WorkbookDescription> = {}) {
  fake = createExcel({
    sheets: [
      { name: '优抚对象', rows: [['姓名', '身份证号'], ['张三', '110105194912310023'], ['李四', 12]] },
      { name: 'Locked', rows: [['x']], protected: true },
      { name: 'Hidden', rows: [['h']], hidden: true },
    ],
    ...extra,
  });
  return fake;
}

test('reading a property before load + sync throws PropertyNotLoaded', async () => {
  setup();
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('优抚对象').getRange('A1:B3');
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    r.load('values');
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(r.values).toEqual([
      ['姓名', '身份证号'],
      ['张三', '110105194912310023'],
      ['李四', 12],
    ]);
    expect(() => r.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
});

test('writes are queued and apply only at sync; syncs are counted', async () => {
  setup();
  fake.model.resetStats();
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('优抚对象').getRange('C1');
    r.values = [['新']];
    expect(cellValue(fake.model, '优抚对象', 'C1')).toBeNull();
    await ctx.sync();
    expect(cellValue(fake.model, '优抚对象', 'C1')).toBe('新');
  });
  expect(fake.model.stats.syncs).toBe(2); // the batch, then the client's own end-of-run clean-up request
});

test('Excel.run syncs queued work at the end', async () => {
  setup();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('优抚对象').getRange('D1').values = [['end']];
  });
  expect(cellValue(fake.model, '优抚对象', 'D1')).toBe('end');
});

test('strings that look like numbers become numbers unless the cell is text (@)', async () => {
  setup();
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('优抚对象');
    ws.getRange('E1:E3').values = [['110105194912310023'], ["'0012"], ['#N/A']];
    const t = ws.getRange('F1');
    t.numberFormat = [['@']];
    t.values = [['0012']];
    await ctx.sync();
  });
  expect(cellValue(fake.model, '优抚对象', 'E1')).toBe(110105194912310020);
  expect(cellValue(fake.model, '优抚对象', 'E2')).toBe('0012');
  expect(cellValue(fake.model, '优抚对象', 'E3')).toEqual({ error: '#N/A' });
  expect(cellValue(fake.model, '优抚对象', 'F1')).toBe('0012');
});

test('valueTypes and numberFormat report what the cell holds', async () => {
  fake = createExcel({
    sheets: [{ name: 'S', rows: [[{ v: 45000, f: 'yyyy/m/d' }, { error: '#REF!' }, true, null, 'x']] }],
  });
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('S').getRange('A1:E1');
    r.load('values,valueTypes,numberFormat');
    await ctx.sync();
    expect(r.values).toEqual([[45000, '#REF!', true, '', 'x']]);
    expect(r.valueTypes).toEqual([['Double', 'Error', 'Boolean', 'Empty', 'String']]);
    expect(r.numberFormat[0][0]).toBe('yyyy/m/d');
  });
});

test('a request over 5 MB fails with RequestPayloadSizeLimitExceeded', async () => {
  setup();
  const big = Array.from({ length: 60000 }, () => ['x'.repeat(100)]);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('优抚对象').getRange('A1:A60000').values = big;
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  expect(fake.model.stats.maxRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
  expect(cellValue(fake.model, '优抚对象', 'A60000')).toBeNull();
});

test('a response over 5 MB fails with ResponsePayloadSizeLimitExceeded', async () => {
  setup();
  const s = fake.model.sheet('优抚对象')!;
  for (let r = 0; r < 40000; r++) s.set(r, 5, 'y'.repeat(150));
  await expect(
    Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('优抚对象').getRange('F1:F40000');
      r.load('values');
      await ctx.sync();
      return r.values;
    }),
  ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
});

test('a protected sheet rejects writes with AccessDenied; earlier actions of the batch stand', async () => {
  setup();
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('优抚对象').getRange('G1').values = [['before']];
      ctx.workbook.worksheets.getItem('Locked').getRange('A1').format.fill.color = '#FF0000';
      ctx.workbook.worksheets.getItem('优抚对象').getRange('G2').values = [['after']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'AccessDenied' });
  expect(cellValue(fake.model, '优抚对象', 'G1')).toBe('before');
  expect(cellValue(fake.model, '优抚对象', 'G2')).toBeNull();
  expect(fake.model.sheet('Locked')!.fills.size).toBe(0);
});

test('isSetSupported follows the configured requirement sets; unsupported APIs fail with ApiNotFound', async () => {
  setup({ requirementSets: { ExcelApi: '1.12' } });
  expect(Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(true);
  expect(Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('优抚对象').comments.add('A1', 'n'); // ExcelApi 1.10
      ctx.workbook.insertWorksheetsFromBase64('UEsDBAo='); // ExcelApi 1.13
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
  fake.uninstall();
  setup({ requirementSets: { ExcelApi: '1.8' } });
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('优抚对象').getRanges('A1,B2').format.fill.color = '#FF0000'; // ExcelApi 1.9
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('iPad: insertWorksheetsFromBase64 answers ApiNotFound although ExcelApi 1.18 is there', async () => {
  fake = createExcel({ sheets: [{ name: 'T', rows: [['x']] }] }, { profile: 'ipad' });
  expect(Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(true);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(xlsxBase64({ sheets: [{ name: 'S', rows: [['a']] }] }));
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('OrNullObject, getRanges fills, getCellProperties (No Fill = #FFFFFF, tintAndShade null), comments (one per cell, not on a note)', async () => {
  setup();
  await Excel.run(async (ctx) => {
    const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
    expect(() => missing.isNullObject).toThrow();
    const ws = ctx.workbook.worksheets.getItem('优抚对象');
    ws.getRanges('A2,B3').format.fill.color = '#ffc7ce';
    const props = ws.getRange('A2:B2').getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
    const c = ws.comments.add('B2', 'hello');
    c.load('content');
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(props.value[0][0].format!.fill).toEqual({ color: '#FFC7CE', pattern: null, tintAndShade: 0 });
    expect(props.value[0][1].format!.fill).toEqual({ color: '#FFFFFF', pattern: null, tintAndShade: null });
    expect(c.content).toBe('hello');
  });
  expect(fake.model.sheet('优抚对象')!.fills.size).toBe(2);
  fake.model.sheet('优抚对象')!.notes.set(key(3, 0), { content: 'user', author: 'u' });
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('优抚对象').comments.add('A4', 'x');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
});

test('used range, hidden sheets, merged cells and insertWorksheetsFromBase64', async () => {
  fake = createExcel({
    sheets: [{ name: 'T', rows: [['红旗村优抚对象花名册', '', ''], ['姓名', '性别', '身份证号']], merges: ['A1:C1'] }],
  });
  const b64 = xlsxBase64({ sheets: [{ name: 'T', rows: [['imported']] }] });
  await Excel.run(async (ctx) => {
    const used = ctx.workbook.worksheets.getItem('T').getUsedRangeOrNullObject(true);
    used.load('address,rowCount,columnCount');
    const names = ctx.workbook.insertWorksheetsFromBase64(b64);
    await ctx.sync();
    expect(used.address).toBe('T!A1:C2');
    expect(names.value).toHaveLength(1);
    expect(names.value[0]).toMatch(/^\{[0-9A-F-]+\}$/); // an ID, not the name 'T (2)'
    const ws = ctx.workbook.worksheets.getItem(names.value[0]);
    ws.load('name');
    await ctx.sync();
    expect(ws.name).toBe('T (2)');
  });
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64('UEsDBAo=');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
});

test('ClientResult, collection items and navigation loads follow the proxy rules', async () => {
  setup();
  await Excel.run(async (ctx) => {
    const count = ctx.workbook.worksheets.getCount();
    expect(() => count.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }));
    const sheets = ctx.workbook.worksheets;
    expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    sheets.load('items/name,items/visibility');
    const r = sheets.getItem('优抚对象').getRange('A1');
    r.load({ format: { fill: { color: true } }, address: true });
    await ctx.sync();
    expect(count.value).toBe(3);
    expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
      ['优抚对象', 'Visible'],
      ['Locked', 'Visible'],
      ['Hidden', 'Hidden'],
    ]);
    expect(r.format.fill.color).toBe('#FFFFFF');
    expect(r.address).toBe('优抚对象!A1');
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
});

test('a missing sheet fails at sync with ItemNotFound; an action after a failure does not run', async () => {
  setup();
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('nope').getRange('A1').values = [['x']];
      ctx.workbook.worksheets.getItem('优抚对象').getRange('H1').values = [['never']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemNotFound' });
  expect(cellValue(fake.model, '优抚对象', 'H1')).toBeNull();
});

test('request and response sizes are measured per sync', async () => {
  setup();
  fake.model.resetStats();
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('优抚对象').getRange('A1:B3');
    r.load('values');
    await ctx.sync();
  });
  const [one] = fake.model.stats.requests;
  expect(fake.model.stats.requests).toHaveLength(2); // + the client's clean-up request
  // the response holds the values as JSON: at least their UTF-8 size
  expect(one.response).toBeGreaterThan(new TextEncoder().encode(JSON.stringify([['姓名', '身份证号'], ['张三', '110105194912310023'], ['李四', 12]])).length);
  expect(one.request).toBeGreaterThan(0);
});

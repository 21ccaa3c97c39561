import { createExcel, cellValue, xlsxBase64 } from './node';

test('smoke', async () => {
  const xl = createExcel({ sheets: [{ name: '优抚对象', rows: [['姓名', '身份证号'], ['张三', '110105194912310023']] }] });
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('优抚对象').getRange('A1:B2');
    r.load('values,address');
    ctx.workbook.worksheets.load('items/name');
    const ws = ctx.workbook.worksheets.getItemOrNullObject('nope');
    ws.load('name');
    const used = ctx.workbook.worksheets.getItem('优抚对象').getUsedRangeOrNullObject(true);
    used.load('rowCount');
    ctx.workbook.worksheets.getItem('优抚对象').getRange('C1').values = [['新']];
    const added = ctx.workbook.worksheets.add('加');
    added.getRange('A1').values = [[1]];
    const ids = ctx.workbook.insertWorksheetsFromBase64(xlsxBase64({ sheets: [{ name: 'X', rows: [['a']] }] }));
    const props = ctx.workbook.worksheets.getItem('优抚对象').getRange('A1:A2').getCellProperties({ format: { fill: { color: true, tintAndShade: true } } });
    await ctx.sync();
    expect(r.values).toEqual([['姓名', '身份证号'], ['张三', '110105194912310023']]);
    expect(r.address).toBe('优抚对象!A1:B2');
    expect(ctx.workbook.worksheets.items.map((w) => w.name)).toEqual(['优抚对象']);
    expect(ws.isNullObject).toBe(true);
    expect(used.rowCount).toBe(2);
    expect(ids.value[0]).toMatch(/^\{/);
    expect(props.value[0][0].format?.fill?.tintAndShade).toBeNull();
    added.name = '加2';
    added.load('name');
    await ctx.sync();
    expect(added.name).toBe('加2');
    expect(() => r.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
  expect(cellValue(xl.model, '优抚对象', 'C1')).toBe('新');
  expect(xl.model.sheets.map((s) => s.name)).toEqual(['优抚对象', '加2', 'X']);
  await expect(Excel.run(async (ctx) => { ctx.workbook.worksheets.getItem('nope').getRange('A1').load('values'); await ctx.sync(); })).rejects.toMatchObject({ code: 'ItemNotFound' });
  console.log(xl.requests);
});

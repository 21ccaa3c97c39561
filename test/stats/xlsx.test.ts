import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as yauzl from 'yauzl';
import { fillTemplateWorkbook, writeFormsWorkbook } from '../../src/cli/forms-xlsx';
import { buildForms, HEADER_ROW } from '../../src/core/forms';
import { computeStatistics, type Statistics } from '../../src/core/stats';
import { fixtureTables, SETTINGS } from './fixtures';

let dir: string;
let stats: Statistics;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-xlsx-'));
  stats = computeStatistics(fixtureTables(), SETTINGS);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function zipEntry(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not found`)));
      zip.readEntry();
    });
  });
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('writeFormsWorkbook', () => {
  let wb: ExcelJS.Workbook;
  const forms = () => buildForms(stats, SETTINGS, { inputErrors: 4, date: new Date(2026, 10, 20) });
  beforeAll(async () => {
    const out = path.join(dir, 'forms.xlsx');
    await writeFormsWorkbook(forms(), out);
    wb = await read(out);
  });

  test('the 制表日期 line is never cut: beside 制表单位 on wide forms, on its own full-width row on narrow ones', () => {
    const findRow = (ws: ExcelJS.Worksheet, prefix: string) => {
      let found: { row: number; col: number } | null = null;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          // a merged range repeats its master's text in every cell: the first hit is the master
          if (typeof cell.value === 'string' && cell.value.startsWith(prefix)) found = found ?? { row: r, col: c };
        }),
      );
      return found as { row: number; col: number } | null;
    };
    const wide = wb.getWorksheet('兵役登记统计表')!;
    const wUnit = findRow(wide, '制表单位')!;
    const wDate = findRow(wide, '制表日期')!;
    expect(wDate.row).toBe(wUnit.row);
    expect(wDate.col).toBeGreaterThan(1);
    const narrow = wb.getWorksheet('双拥工作年度汇总')!;
    const nUnit = findRow(narrow, '制表单位')!;
    const nDate = findRow(narrow, '制表日期')!;
    expect(nDate.row).toBe(nUnit.row + 1);
    expect(nDate.col).toBe(1);
    // the date's row is merged across the form's full width, so the text has room
    expect(narrow.getCell(nDate.row, 2).isMerged).toBe(true);
    expect(narrow.getCell(nDate.row, 2).master.address).toBe(narrow.getCell(nDate.row, 1).address);
  });

  test('one sheet per form with exactly the spec headers in the header row', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表', '双拥工作年度汇总']);
    for (const f of forms()) {
      const ws = wb.getWorksheet(f.name)!;
      const headers = f.columns.map((_c, i) => ws.getCell(HEADER_ROW, i + 1).value);
      expect(headers).toEqual(f.columns.map((c) => c.header));
      expect(ws.getCell(HEADER_ROW, f.columns.length + 1).value).toBeNull();
    }
    const reg = wb.getWorksheet('兵役登记统计表')!;
    expect((reg.getRow(HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      '村', '应登记人数', '已登记人数', '未登记人数', '登记率', '补登人数', '核验人数', '应征报名人数', '体检合格人数', '政考合格人数', '批准入伍人数',
    ]);
  });

  test('title merged across the table, frozen header, A4 page setup, footer', () => {
    const ws = wb.getWorksheet('兵役登记统计表')!;
    expect(ws.getCell('A1').value).toBe('红旗镇2026年兵役登记统计表');
    expect(ws.getCell('K1').isMerged).toBe(true);
    expect(ws.getCell('K1').master.address).toBe('A1');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // Page numbers in the footer; 制表单位（盖章）, 制表日期 and the signature line on the sheet.
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    const values = (ws.getSheetValues() as unknown[][]).map((r) => (r ?? []).filter((x) => x !== undefined && x !== null));
    const flat = values.flat();
    expect(flat).toContain('制表单位（盖章）：红旗镇');
    expect(flat).toContain('制表日期：2026年11月20日');
    for (const who of ['负责人', '审核人', '填表人', '联系电话']) expect(flat).toContain(`${who}：＿＿＿＿＿＿`);
    expect(flat).toContain('注：所汇总的台账共有 4 处错误，本表按台账原样数据统计，请核对更正后重新汇总。');
  });

  test('numbers, percent format for rates, "—" as text, borders and bold 合计', () => {
    const ws = wb.getWorksheet('兵役登记统计表')!;
    // rows: 4 红旗村, 5 东风村, 6 向阳村, 7 李庄村, 8 合计
    expect(ws.getCell('A4').value).toBe('红旗村');
    expect(ws.getCell('B4').value).toBe(3);
    expect(ws.getCell('B4').numFmt).toBe('0');
    expect(ws.getCell('E4').value).toBeCloseTo(2 / 3, 12);
    expect(ws.getCell('E4').numFmt).toBe('0.0%');
    expect(ws.getCell('E6').value).toBe('—');
    expect(ws.getCell('A8').value).toBe('合计');
    expect(ws.getCell('E8').value).toBeCloseTo(5 / 7, 12);
    expect(ws.getCell('A8').font.bold).toBe(true);
    expect(ws.getCell('C5').border.top?.style).toBe('thin');
    const ben = wb.getWorksheet('优抚对象统计表')!;
    expect(ben.getCell('O4').value).toBe(2500.6);
    expect(ben.getCell('O4').numFmt).toBe('#,##0.00');
  });

  test('年度汇总: per-row formats and the paragraph', () => {
    const ws = wb.getWorksheet('双拥工作年度汇总')!;
    const rows = ws.getSheetValues() as unknown[][];
    const find = (label: string) => rows.findIndex((r) => r && r[1] === label);
    const rate = find('兵役登记率');
    expect(ws.getCell(rate, 2).numFmt).toBe('0.0%');
    const money = find('投入资金(元)');
    expect(ws.getCell(money, 2).value).toBe(5701.5);
    expect(ws.getCell(money, 2).numFmt).toBe('#,##0.00');
    const para = rows.find((r) => r && typeof r[1] === 'string' && (r[1] as string).startsWith('今年以来'));
    expect(para).toBeDefined();
  });
});

describe('fillTemplateWorkbook: round trip keeps formats, formulas, merges and other cells', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof fillTemplateWorkbook>>;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const t = new ExcelJS.Workbook();
    const ws = t.addWorksheet('汇总');
    ws.mergeCells('A1:D1');
    ws.getCell('A1').value = '{{乡镇}}{{年度}}年双拥工作情况';
    ws.getCell('A1').font = { size: 18, bold: true };
    ws.getCell('A3').value = '兵役登记率';
    ws.getCell('B3').value = '{{兵役登记率}}';
    ws.getCell('B3').numFmt = '0.00%';
    ws.getCell('A4').value = '红旗村已登记';
    ws.getCell('B4').value = '{{已登记人数|红旗村}}';
    ws.getCell('B4').font = { bold: true, color: { argb: 'FFFF0000' } };
    ws.getCell('B4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('C4').value = { formula: 'B4*2', result: 0 };
    ws.getCell('B5').value = '{{登记律}}';
    ws.getCell('B6').value = { richText: [{ text: '投入：', font: { bold: true } }, { text: '{{投入资金(元)}}元' }] };
    ws.getCell('B7').value = '{{登记率|向阳村}}';
    ws.getCell('B8').value = '{{兵役登记率}}';
    ws.getCell('D7').value = 42;
    ws.getCell('D7').numFmt = '#,##0';
    ws.getColumn(2).width = 21;
    ws.getRow(4).height = 33;
    const ws2 = t.addWorksheet('明细');
    ws2.getCell('A1').value = { formula: '汇总!B4+1', result: 1 };
    ws2.getCell('A2').value = '不含占位符';
    // a dropdown down a column: exceljs, re-writing what it read, would split it into overlapping
    // ranges that Excel reports as damaged
    for (let r = 4; r <= 20; r++) ws2.getCell(r, 2).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    const tpl = path.join(dir, 'template.xlsx');
    await t.xlsx.writeFile(tpl);
    out = path.join(dir, 'filled.xlsx');
    result = await fillTemplateWorkbook(tpl, stats, out, { date: new Date(2026, 10, 20) });
    wb = await read(out);
  });

  test('data validations come back as one non-overlapping range', async () => {
    const xml = await zipEntry(out, 'xl/worksheets/sheet2.xml');
    const sqrefs = [...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs).toEqual(['B4:B20']);
  });

  test('placeholders filled: numbers where alone, text inside text', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.getCell('A1').value).toBe('红旗镇2026年双拥工作情况');
    expect(ws.getCell('B3').value).toBeCloseTo(5 / 7, 12);
    expect(ws.getCell('B4').value).toBe(2);
    expect(ws.getCell('B7').value).toBe('—');
    expect(ws.getCell('B8').numFmt).toBe('0.0%'); // a General cell gets the percent format
    const rich = ws.getCell('B6').value as ExcelJS.CellRichTextValue;
    expect(rich.richText.map((r) => r.text).join('')).toBe('投入：5701.50元');
    expect(rich.richText[0].font?.bold).toBe(true);
  });

  test('formats, styles, formulas, merges, sizes and untouched cells are kept', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.getCell('B3').numFmt).toBe('0.00%');
    expect(ws.getCell('B4').font.bold).toBe(true);
    expect(ws.getCell('B4').font.color?.argb).toBe('FFFF0000');
    expect((ws.getCell('B4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
    expect((ws.getCell('C4').value as ExcelJS.CellFormulaValue).formula).toBe('B4*2');
    expect(ws.getCell('D1').isMerged).toBe(true);
    expect(ws.getCell('D1').master.address).toBe('A1');
    expect(ws.getCell('A1').font.size).toBe(18);
    expect(ws.getCell('A3').value).toBe('兵役登记率');
    expect(ws.getCell('D7').value).toBe(42);
    expect(ws.getCell('D7').numFmt).toBe('#,##0');
    expect(ws.getColumn(2).width).toBe(21);
    expect(ws.getRow(4).height).toBe(33);
    const ws2 = wb.getWorksheet('明细')!;
    expect((ws2.getCell('A1').value as ExcelJS.CellFormulaValue).formula).toBe('汇总!B4+1');
    expect(ws2.getCell('A2').value).toBe('不含占位符');
  });

  test('the filled workbook asks Excel to recalculate formulas on open', async () => {
    const xml = await zipEntry(out, 'xl/workbook.xml');
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  test('unknown placeholders are returned with sheet, cell and the names that exist', () => {
    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]).toMatchObject({ sheet: '汇总', cell: 'B5', placeholder: '{{登记律}}', name: '{{登记律}}', problem: 'unknown-name' });
    expect(result.unknown[0].message).toContain('登记率');
    expect(wb.getWorksheet('汇总')!.getCell('B5').value).toBe('{{登记律}}');
    expect(result.filled).toBe(7);
  });
});

test('fillTemplateWorkbook with forms writes the filled template and the five forms to one file', async () => {
  const t = new ExcelJS.Workbook();
  t.addWorksheet('我的汇总').getCell('A1').value = '{{已登记人数|红旗村}}';
  t.addWorksheet('双拥工作年度汇总').getCell('A1').value = '用户自己的同名表';
  const tpl = path.join(dir, 'template2.xlsx');
  await t.xlsx.writeFile(tpl);
  const out = path.join(dir, 'together.xlsx');
  const forms = buildForms(stats, SETTINGS);
  const r = await fillTemplateWorkbook(tpl, stats, out, { forms });
  expect(r.unknown).toEqual([]);
  const wb = await read(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['我的汇总', '双拥工作年度汇总', '兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表', '双拥工作年度汇总(标准)']);
  expect(r.formSheets).toEqual(['兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表', '双拥工作年度汇总(标准)']);
  expect(wb.getWorksheet('双拥工作年度汇总(标准)')!.getCell(HEADER_ROW, 1).value).toBe('项目');
  expect(wb.getWorksheet('我的汇总')!.getCell('A1').value).toBe(2);
  expect(wb.getWorksheet('双拥工作年度汇总')!.getCell('A1').value).toBe('用户自己的同名表');
  expect(wb.getWorksheet('兵役登记统计表')!.getCell(HEADER_ROW, 5).value).toBe('登记率');
});

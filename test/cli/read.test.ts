import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { isCellError, type CellValue, type SheetData } from '../../src/core/model';
import { preflight, MAX_UNCOMPRESSED_BYTES } from '../../src/cli/preflight';
import { csvCell, parseCsv, readInput, toCellValue } from '../../src/cli/read';
import { expandInputs } from '../../src/cli/inputs';
import { makeOle, makeZip, sha256, tmpDir } from './helpers';

jest.setTimeout(60000);

const CHINESE = [
  '红旗村优抚对象花名册',
  '买买提·吐尔逊',
  '阿依古丽•艾力',
  '填报单位：红旗村　填报日期：2026年11月20日',
  '本年发放金额（元）',
  '𠀀𪚥龘靐齉',
  '（一）“引号”——破折号…省略号',
  '鑫淼焱垚犇骉',
  '　全角空格与\u00a0不换行空格',
];

function cellsOf(sheet: SheetData, r: number): readonly CellValue[] {
  const row = sheet.rows.find((x) => x.r === r);
  if (!row) throw new Error(`no row ${r}`);
  return row.cells;
}

describe('reader: exceljs readFile → WorkbookData', () => {
  const dir = tmpDir();
  const file = path.join(dir, '红旗村.xlsx');

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('优抚对象');
    CHINESE.forEach((s, i) => (ws.getCell(i + 1, 1).value = s));
    // Same strings again: shared strings are reused.
    CHINESE.forEach((s, i) => (ws.getCell(i + 1, 2).value = s));
    ws.getCell('C1').value = 42.5;
    ws.getCell('C2').value = true;
    ws.getCell('C3').value = new Date(Date.UTC(2023, 4, 1));
    ws.getCell('C3').numFmt = 'yyyy-mm-dd';
    ws.getCell('C4').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('C5').value = { formula: 'A1&"x"', result: '红旗村x' } as ExcelJS.CellFormulaValue;
    ws.getCell('C6').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell('C7').value = { formula: 'VLOOKUP(A1,B:B,2,0)', result: { error: '#REF!' } } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('C8').value = { richText: [{ text: '张' }, { font: { bold: true }, text: '建国' }] };
    ws.getCell('C9').value = { text: '链接文字', hyperlink: 'https://example.invalid/' };
    ws.getCell('D1').value = { formula: 'DATE(2023,5,1)', result: 45047 } as ExcelJS.CellFormulaValue;
    ws.getCell('D1').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('D2').value = '370102195003121153';
    ws.getCell('D3').value = 370102195003121150;
    ws.getCell('D4').value = '  带空格  ';
    // A row gap: row 20 follows row 9.
    ws.getCell('A20').value = '第二十行';
    // Vertical merge down the data (filled), horizontal title merge (not filled).
    ws.getCell('E11').value = '红旗村';
    ws.mergeCells('E11:E14');
    ws.getCell('A30').value = '标题';
    ws.mergeCells('A30:F30');
    ws.getCell('A40').value = 'x'.repeat(10000) + '汉';
    ['姓名', '身份证号', '所在村'].forEach((h, i) => {
      ws.getCell(50, 7 + i).value = h;
      ws.mergeCells(50, 7 + i, 51, 7 + i);
    });
    const hidden = wb.addWorksheet('数据源');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = '隐藏';
    wb.addWorksheet('空表');
    await wb.xlsx.writeFile(file);
  });

  it('returns every Chinese string exactly (no U+FFFD)', async () => {
    const r = await readInput(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.data.sheets[0];
    CHINESE.forEach((str, i) => {
      expect(cellsOf(s, i + 1)[0]).toBe(str);
      expect(cellsOf(s, i + 1)[1]).toBe(str);
    });
    const all = JSON.stringify(r.data);
    expect(all).not.toContain('\ufffd');
  });

  it('keeps cell types, Excel row numbers and flags hidden sheets', async () => {
    const r = await readInput(file, { displayName: '红旗村.xlsx' });
    if (!r.ok) throw new Error(r.message);
    expect(r.data.file).toBe('红旗村.xlsx');
    const s = r.data.sheets[0];
    expect(cellsOf(s, 1)[2]).toBe(42.5);
    expect(cellsOf(s, 2)[2]).toBe(true);
    const d = cellsOf(s, 3)[2];
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).toISOString()).toBe('2023-05-01T00:00:00.000Z');
    expect(isCellError(cellsOf(s, 4)[2])).toBe(true);
    expect(cellsOf(s, 4)[2]).toEqual({ error: '#N/A' });
    expect(cellsOf(s, 5)[2]).toBe('红旗村x');
    expect(cellsOf(s, 6)[2]).toBe(2);
    expect(cellsOf(s, 7)[2]).toEqual({ error: '#REF!' });
    expect(cellsOf(s, 8)[2]).toBe('张建国');
    expect(cellsOf(s, 9)[2]).toBe('链接文字');
    const fd = cellsOf(s, 1)[3];
    expect(fd).toBeInstanceOf(Date);
    expect((fd as Date).toISOString().slice(0, 10)).toBe('2023-05-01');
    expect(cellsOf(s, 2)[3]).toBe('370102195003121153');
    expect(typeof cellsOf(s, 3)[3]).toBe('number');
    expect(cellsOf(s, 4)[3]).toBe('  带空格  ');
    expect(s.rows.some((x) => x.r === 10)).toBe(false);
    expect(cellsOf(s, 20)[0]).toBe('第二十行');
    for (const row of [11, 12, 13, 14]) expect(cellsOf(s, row)[4]).toBe('红旗村');
    expect(cellsOf(s, 30)[0]).toBe('标题');
    expect(cellsOf(s, 30).slice(1).every((c) => c === null)).toBe(true);
    expect((cellsOf(s, 40)[0] as string).length).toBe(10001);
    expect(r.notes.join('\n')).toContain('E11:E14');
    // A two-row header band (G50:G51, H50:H51, I50:I51) is filled but not noted.
    expect(cellsOf(s, 51)[6]).toBe('姓名');
    expect(r.notes.join('\n')).not.toContain('G50');
    const hidden = r.data.sheets.find((x) => x.name === '数据源');
    expect(hidden?.hidden).toBe(true);
    expect(r.data.sheets[0].hidden).toBeUndefined();
    expect(r.data.sheets.find((x) => x.name === '空表')?.rows).toEqual([]);
  });

  it('reads a sheet whose last row is 1,048,576 with that row number', async () => {
    const f = path.join(dir, 'lastrow.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('优抚对象');
    ws.getCell('A1').value = '姓名';
    ws.getCell('A1048576').value = '最后一行';
    await wb.xlsx.writeFile(f);
    const r = await readInput(f);
    if (!r.ok) throw new Error(r.message);
    const rows = r.data.sheets[0].rows;
    expect(rows.map((x) => x.r)).toEqual([1, 1048576]);
    expect(rows[1].cells[0]).toBe('最后一行');
  });

  it('converts values of every kind without throwing', () => {
    const odd: unknown[] = [undefined, null, '', NaN, Infinity, {}, { richText: [] }, { text: { richText: [{ text: 'a' }] }, hyperlink: 'x' }, { formula: 'X' }, new Date(NaN), Symbol('s')];
    for (const v of odd) expect(() => toCellValue(v)).not.toThrow();
    expect(toCellValue({ text: { richText: [{ text: '甲' }, { text: '乙' }] }, hyperlink: 'x' })).toBe('甲乙');
    expect(toCellValue({ formula: 'X' })).toBeNull();
  });
});

describe('reader: CSV exports (UTF-8 and GBK)', () => {
  const dir = tmpDir();
  const text = '序号,所在村,姓名,身份证号\r\n1,红旗村,"买买提·吐尔逊","370102195003121153"\r\n2,光明村,"张""三""",\r\n';

  it.each([
    ['utf8.csv', Buffer.from(text, 'utf8'), 'UTF-8'],
    ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8'],
    ['gbk.csv', iconv.encode(text.replace('买买提·吐尔逊', '王德明'), 'gbk'), 'GBK'],
  ])('%s', async (name, bytes, enc) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    const r = await readInput(f);
    if (!r.ok) throw new Error(r.message);
    const s = r.data.sheets[0];
    expect(s.name).toBe(name.replace('.csv', ''));
    expect(s.rows[0].cells).toEqual(['序号', '所在村', '姓名', '身份证号']);
    expect(s.rows[1].cells[1]).toBe('红旗村');
    expect(s.rows[1].cells[3]).toBe('370102195003121153');
    expect(s.rows[2].cells[2]).toBe('张"三"');
    expect(s.rows[2].cells.length).toBe(3);
    expect(r.notes.join('')).toContain(enc);
    expect(JSON.stringify(r.data)).not.toContain('\ufffd');
  });

  it('turns small plain numbers into numbers and keeps IDs, phones, dates and codes as text', () => {
    expect(csvCell('1200')).toBe(1200);
    expect(csvCell('5000.5')).toBe(5000.5);
    expect(csvCell('0')).toBe(0);
    expect(csvCell('12')).toBe(12);
    for (const t of ['370102195003121153', '370102500312115', '13853112345', '20230501', '007', '1.10105E+17', '1,200', ' 12', '2023.05', '1990.1', '12.345'])
      expect(csvCell(t)).toBe(t);
    expect(csvCell('')).toBeNull();
  });

  it('parses quoted line breaks and tab-separated exports', () => {
    expect(parseCsv('a,"b\nc",d\n1,2,3')).toEqual([
      ['a', 'b\nc', 'd'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('姓名\t村\n张三\t红旗村\n')).toEqual([
      ['姓名', '村'],
      ['张三', '红旗村'],
    ]);
  });
});

describe('preflight: files that are not what they claim', () => {
  const dir = tmpDir();
  const put = (name: string, data: Buffer | string): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, data);
    return f;
  };

  it.each([
    ['empty.xlsx', 'file.empty', Buffer.alloc(0), '空'],
    ['random.xlsx', 'file.not-zip', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x00, 0x10]), '.xlsx'],
    ['old.xlsx', 'file.damaged', makeOle(false), 'Excel 97-2003'],
    ['locked.xlsx', 'file.encrypted', makeOle(true), '密码'],
    ['notes.doc', 'file.text-renamed', '序号,姓名\n1,张三\n', '.csv'],
    ['data.xlsx', 'file.text-renamed', '序号,姓名\n1,张三\n', '.csv'],
    ['scan.xlsx', 'file.pdf', '%PDF-1.7\n1 0 obj\n', 'PDF'],
    ['doc.xlsx', 'file.not-xlsx', makeZip([{ name: '[Content_Types].xml', data: Buffer.from('<x/>') }, { name: 'word/document.xml', data: Buffer.from('<w/>') }]), 'Word'],
  ])('%s → %s', async (name, code, data, words) => {
    const f = put(name, data as Buffer);
    const before = sha256(f);
    const r = await readInput(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.file).toBe(name);
    expect(r.message).toContain(words);
    expect(r.message.split('\n')).toHaveLength(1);
    expect(sha256(f)).toBe(before);
  });

  it('refuses a zip bomb from the central directory sizes, before inflating anything', async () => {
    const f = put('bomb.xlsx', makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), declaredSize: 0xfffffff0 },
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.alloc(1000), declaredSize: 0xfffffff0 },
    ]));
    expect(fs.statSync(f).size).toBeLessThan(10000);
    const r = await preflight(f);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('file.zip-bomb');
      expect(r.message).toContain(`${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB`);
    }
  });

  it('refuses a real high-ratio bomb (64 MB of zeros in a small file)', async () => {
    const f = put('ratio.xlsx', makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024) },
    ]));
    expect(fs.statSync(f).size).toBeLessThan(200 * 1024);
    const r = await preflight(f);
    expect(r.ok ? 'ok' : r.code).toBe('file.zip-bomb');
  });

  it('reports a truncated workbook as damaged', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('优抚对象').getCell('A1').value = '姓名';
    const good = path.join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    const buf = fs.readFileSync(good);
    const f = put('cut.xlsx', buf.subarray(0, Math.floor(buf.length / 2)));
    const r = await readInput(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['file.damaged', 'file.parse']).toContain(r.code);
    expect((await readInput(good)).ok).toBe(true);
  });

  it('names a locked or unreadable file and what to do', async () => {
    const f = put('busy.xlsx', 'x');
    for (const [code, words] of [
      ['EBUSY', '占用'],
      ['EACCES', '权限'],
    ] as const) {
      const spy = jest.spyOn(fs.promises, 'open').mockRejectedValueOnce(Object.assign(new Error(code), { code }));
      const r = await readInput(f);
      spy.mockRestore();
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('file.unreadable');
        expect(r.message).toContain(words);
      }
    }
  });

  it('accepts a real workbook and reports its uncompressed size', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('优抚对象').getCell('A1').value = '姓名';
    const f = path.join(dir, 'ok.xlsx');
    await wb.xlsx.writeFile(f);
    const r = await preflight(f);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.kind).toBe('xlsx');
      expect(r.uncompressed).toBeGreaterThan(0);
    }
  });
});

describe('folders with other files mixed in', () => {
  it('reads .xlsx and .csv, skips the rest with a reason, and Excel lock files', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, '红旗村.xlsx'), 'x');
    fs.writeFileSync(path.join(dir, '光明村.csv'), 'x');
    fs.writeFileSync(path.join(dir, '说明.docx'), 'x');
    fs.writeFileSync(path.join(dir, '照片.jpg'), 'x');
    fs.writeFileSync(path.join(dir, '~$红旗村.xlsx'), 'x');
    fs.mkdirSync(path.join(dir, '二组'));
    fs.writeFileSync(path.join(dir, '二组', '红旗村.xlsx'), 'x');
    const r = expandInputs([dir]);
    expect(r.files.map((f) => f.display).sort()).toEqual(['二组/红旗村.xlsx', '光明村.csv', '红旗村.xlsx'].sort());
    expect(r.skipped.map((s) => s.display).sort()).toEqual(['~$红旗村.xlsx', '照片.jpg', '说明.docx'].sort());
    expect(r.skipped.find((s) => s.display === '~$红旗村.xlsx')?.reason).toContain('锁');
    expect(expandInputs([path.join(dir, 'nope.xlsx')]).missing).toHaveLength(1);
    // The same name under two folder arguments stays distinguishable.
    const other = tmpDir();
    fs.writeFileSync(path.join(other, '红旗村.xlsx'), 'x');
    const two = expandInputs([dir, other]).files.filter((f) => f.path.endsWith(`${path.sep}红旗村.xlsx`));
    expect(two).toHaveLength(3);
    expect(new Set(two.map((f) => f.display)).size).toBe(3);
  });
});

/**
 * @jest-environment jsdom
 */
import './setup-dom';
import * as iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readPicked } from '../../src/taskpane/upload';
import type { HostOps } from '../../src/excel/host';
import { FakeHost } from './fake-host';
import { renderApp } from './render';
import { xlsxLike } from './files';

jest.setTimeout(30000);

const ID = '110105196402140133';
const ID15 = '110105640214013';

/** The sheets of the converted .xlsx, cell objects as SheetJS reads them back. */
function sheetsOf(base64: string): XLSX.WorkBook {
  const wb = XLSX.read(Buffer.from(base64, 'base64'), { type: 'buffer', cellNF: true, raw: true });
  expect(wb.bookType ?? 'xlsx').toBe('xlsx');
  return wb;
}

function bookBytes(bookType: XLSX.BookType, rows: unknown[][], name = '优抚对象'): Uint8Array<ArrayBuffer> {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(rows);
  XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

/** Bytes as a File takes them. */
const u8 = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

const rows = [['序号', '姓名', '身份证号', '本年发放金额'], [1, '张三', ID, 500], [2, '李四', ID15, 1200.5]];

describe('the pane reads the formats villages send, by their bytes, and makes .xlsx of them', () => {
  test('CSV in GBK and UTF-8: IDs arrive as text, amounts as numbers', async () => {
    const text = '序号,姓名,身份证号,本年发放金额\r\n1,张三,110105196402140133,500\r\n2,李四,110105640214013,1200.50\r\n';
    for (const bytes of [u8(iconv.encode(text, 'gbk')), u8(Buffer.from('\ufeff' + text, 'utf8'))]) {
      const p = await readPicked(new File([bytes], '红旗村.csv'), 'zh-CN');
      expect(p.ok).toBe(true);
      if (!p.ok) return;
      expect(p.from).toBe('csv');
      const wb = sheetsOf(p.file.base64);
      expect(wb.SheetNames).toEqual(['红旗村']);
      const ws = wb.Sheets['红旗村'];
      expect(ws['B2']).toMatchObject({ t: 's', v: '张三' });
      expect(ws['C2']).toMatchObject({ t: 's', v: ID });
      expect(ws['C3']).toMatchObject({ t: 's', v: ID15 });
      expect(ws['D2']).toMatchObject({ t: 'n', v: 500 });
      expect(ws['D3']).toMatchObject({ t: 'n', v: 1200.5 });
    }
  });

  test('HTML saved as .xls (GBK, as government back-ends export): the ID never goes through a number', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table>
      <tr><td>序号</td><td>姓名</td><td>身份证号</td><td>本年发放金额</td></tr>
      <tr><td>1</td><td>张三</td><td>${ID}</td><td>500</td></tr></table></body></html>`;
    const p = await readPicked(new File([u8(iconv.encode(html, 'gbk'))], '红旗村.xls'), 'zh-CN');
    expect(p.ok && p.from).toBe('html');
    if (!p.ok) return;
    const ws = sheetsOf(p.file.base64).Sheets[sheetsOf(p.file.base64).SheetNames[0]];
    expect(ws['B2']).toMatchObject({ t: 's', v: '张三' });
    expect(ws['C2']).toMatchObject({ t: 's', v: ID });
    expect(ws['D2']).toMatchObject({ t: 'n', v: 500 });
  });

  test.each([
    ['biff8', '红旗村.xls', 'xls'],
    ['ods', '红旗村.ods', 'ods'],
    ['xlml', '红旗村.xls', 'spreadsheetml'],
  ] as const)('%s (%s): converted cell for cell; an ID kept as text stays text', async (bookType, name, format) => {
    const p = await readPicked(new File([bookBytes(bookType, rows)], name), 'zh-CN');
    expect(p.ok && p.from).toBe(format);
    if (!p.ok) return;
    const wb = sheetsOf(p.file.base64);
    expect(wb.SheetNames).toEqual(['优抚对象']);
    const ws = wb.Sheets['优抚对象'];
    expect(ws['C2']).toMatchObject({ t: 's', v: ID });
    expect(ws['D3']).toMatchObject({ t: 'n', v: 1200.5 });
    expect(ws['A3']).toMatchObject({ t: 'n', v: 2 });
  });

  test('a title row and a blank row above the header: the rows keep their numbers', async () => {
    const p = await readPicked(new File([bookBytes('biff8', [['红旗村优抚对象花名册'], [], ...rows])], '带标题.xls'), 'zh-CN');
    if (!p.ok) throw new Error(p.reason);
    const ws = sheetsOf(p.file.base64).Sheets['优抚对象'];
    expect(ws['A1']).toMatchObject({ t: 's', v: '红旗村优抚对象花名册' });
    expect(ws['A2']).toBeUndefined();
    expect(ws['C4']).toMatchObject({ t: 's', v: ID });
  });

  test('an ID stored as a number in an .xls arrives as that number (the check reports it as already damaged, as for .xlsx)', async () => {
    const p = await readPicked(new File([bookBytes('biff8', [['姓名', '身份证号'], ['张三', 110105196402140130]])], '坏号码.xls'), 'zh-CN');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(sheetsOf(p.file.base64).Sheets['优抚对象']['B2']).toMatchObject({ t: 'n' });
  });

  test('a date cell of an .xls stays a date (shown yyyy-mm-dd)', async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([['姓名', '出生日期'], ['张三', 23451]]);
    ws['B2'].z = 'yyyy"年"m"月"d"日"';
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
    const p = await readPicked(new File([bytes], 'd.xls'), 'zh-CN');
    if (!p.ok) throw new Error(p.reason);
    expect(sheetsOf(p.file.base64).Sheets['S']['B2']).toMatchObject({ t: 'n', v: 23451, z: 'yyyy-mm-dd' });
  });

  test('an .xlsx is sent as it is', async () => {
    const bytes = xlsxLike(7);
    const p = await readPicked(new File([bytes], '名字是.xls的.xls'), 'zh-CN');
    expect(p.ok && p.from).toBeUndefined();
    if (p.ok) expect(Buffer.from(p.file.base64, 'base64')).toEqual(Buffer.from(bytes));
  });

  test('refused with a line naming the real format: .xlsb, encrypted, PDF, Word, damaged zip, unknown bytes, text named .xlsx', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('EncryptionInfo', 'utf16le'), 1000);
    const { zipSync, strToU8 } = await import('fflate');
    const cases: Array<[Uint8Array<ArrayBuffer>, string, string, string]> = [
      [bookBytes('xlsb', rows), '红旗村.xlsx', 'Excel 二进制工作簿（.xlsb）', '.xlsb'],
      [ole, '加密.xlsx', '已加密', 'encrypted'],
      [new Uint8Array(Buffer.from('%PDF-1.7\n')), '名单.xls', 'PDF 文件', 'PDF'],
      [u8(zipSync({ 'word/document.xml': strToU8('<w/>') })), '报表.xlsx', 'Word 文档', 'Word document'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '断了.xlsx', '文件已损坏', 'damaged'],
      [new Uint8Array([0, 1, 2, 3, 0, 255, 254, 0]), '乱码.xls', '文件内容无法识别', 'unrecognised'],
      [u8(Buffer.from('姓名,身份证号\n张三,1\n')), '名单.xlsx', '只是改了扩展名', 'Rename it to .csv'],
    ];
    for (const [bytes, name, zh, en] of cases) {
      const p = await readPicked(new File([bytes], name), 'zh-CN');
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.reason).toContain(zh);
      const q = await readPicked(new File([bytes], name), 'en-US');
      expect(q.ok).toBe(false);
      if (!q.ok) expect(q.reason).toContain(en);
    }
  });
});

test('导入: a CSV and an HTML-as-.xls are converted, sent as .xlsx, and the row says so; an .xlsb is refused', async () => {
  const host = new FakeHost();
  host.previewStatuses = [
    { name: '红旗村.csv', ok: true, ledgers: ['优抚对象'], errors: 0, warnings: 0 },
    { name: '光明村.xls', ok: true, ledgers: ['优抚对象'], errors: 1, warnings: 0 },
  ];
  await renderApp(host);
  fireEvent.click(screen.getByRole('tab', { name: '导入' }));
  const html = `<table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>张三</td><td>${ID}</td></tr></table>`;
  await act(async () => {
    fireEvent.change(screen.getByTestId('import-input'), {
      target: { files: [new File([u8(iconv.encode('姓名,身份证号\n张三,' + ID + '\n', 'gbk'))], '红旗村.csv'), new File([html], '光明村.xls'), new File([bookBytes('xlsb', rows)], '和平村.xlsb')] },
    });
  });
  await waitFor(() => expect(host.called('previewImport')).toHaveLength(1));
  const sent = host.called('previewImport')[0][1] as Array<{ name: string; base64: string }>;
  expect(sent.map((f) => f.name)).toEqual(['红旗村.csv', '光明村.xls']);
  for (const f of sent) expect(sheetsOf(f.base64).Sheets[sheetsOf(f.base64).SheetNames[0]]['B2']).toMatchObject({ t: 's', v: ID });
  const row = (n: string) => document.querySelector(`tr[data-file="${n}"]`) as HTMLTableRowElement;
  await waitFor(() => expect(row('红旗村.csv').dataset.state).toBe('checked'));
  expect(within(row('红旗村.csv')).getByText('CSV 文本，已在本机转换为 .xlsx（只带数值，不带格式）')).toBeTruthy();
  expect(row('光明村.xls').textContent).toContain('网页（HTML）表格，已在本机转换为 .xlsx');
  expect(row('和平村.xlsb').dataset.state).toBe('skipped');
  expect(row('和平村.xlsb').textContent).toContain('这是 Excel 二进制工作簿（.xlsb），本工具不读取');
});

test('比对: a police list sent as .xls is converted and said so; a refused list is not sent', async () => {
  const host = new FakeHost();
  const sent: Array<{ roster?: { name: string; base64: string }; deceased?: unknown }> = [];
  (host as HostOps).compareLists = async (lists) => {
    sent.push(lists);
    return { sheets: [], figures: { listed: 1, unregistered: 0, outsideList: 0, villageMismatch: 0, deceasedActive: 0, paidAfterDeath: 0 } };
  };
  await renderApp(host);
  fireEvent.click(screen.getByRole('tab', { name: '比对' }));
  await act(async () => {
    fireEvent.change(screen.getByTestId('compare-roster-input'), { target: { files: [new File([bookBytes('biff8', [['姓名', '身份证号'], ['甲', ID]], 'Sheet1')], '公安名单.xls')] } });
  });
  expect(await screen.findByText('公安名单.xls：Excel 97-2003 工作簿（.xls），已在本机转换为 .xlsx（只带数值，不带格式、列宽和合并单元格）。')).toBeTruthy();
  await act(async () => {
    fireEvent.change(screen.getByTestId('compare-deceased-input'), { target: { files: [new File(['%PDF-1.4'], '死亡名单.xlsx')] } });
  });
  expect(await screen.findByText(/死亡名单\.xlsx：这是 PDF 文件/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '开始比对' }));
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0].deceased).toBeUndefined();
  expect(sent[0].roster?.name).toBe('公安名单.xls');
  expect(sheetsOf(sent[0].roster!.base64).Sheets['Sheet1']['B2']).toMatchObject({ t: 's', v: ID });
});

describe('the picked-file fixtures', () => {
  it('give the same bytes whenever they are made (tests compare them with what the pane sent, seconds later)', () => {
    jest.useFakeTimers();
    try {
      jest.setSystemTime(new Date(2026, 11, 5, 10, 0, 0));
      const a = xlsxLike(1);
      jest.setSystemTime(new Date(2026, 11, 5, 10, 0, 3));
      expect(Buffer.from(xlsxLike(1))).toEqual(Buffer.from(a));
    } finally {
      jest.useRealTimers();
    }
  });
});

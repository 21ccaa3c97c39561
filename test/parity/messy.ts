/**
 * Messy village workbooks for the parity test, written with exceljs as Excel would save them:
 * dates in every format family, times and durations, Excel's phantom 1900-02-29, the 1904 date
 * system, merged cells (a title across, a village down), a configured extra column, IDs that went
 * through a number, and texts starting with = or +.
 */
import ExcelJS from 'exceljs';
import { makeId } from '../../src/samples/ids';

export const MESSY_VILLAGES = ['红旗村', '光明村'];

const HEADER = ['序号', '所在村', '姓名', '性别', '民族', '身份证号', '出生日期', '优抚类别', '入伍时间', '退伍时间', '本年发放金额(元)', '联系电话', '状态', '备注'];

type Cell = ExcelJS.CellValue | { v: ExcelJS.CellValue; f: string };

/** Serial → the Date exceljs writes back as that serial (1900 system). */
function serialDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
}

function put(ws: ExcelJS.Worksheet, r: number, cells: Cell[]): void {
  cells.forEach((c, i) => {
    if (c === null || c === undefined) return;
    const cell = ws.getCell(r, i + 1);
    if (typeof c === 'object' && !(c instanceof Date) && 'f' in (c as object) && 'v' in (c as object)) {
      const x = c as { v: ExcelJS.CellValue; f: string };
      cell.value = x.v;
      cell.numFmt = x.f;
    } else {
      cell.value = c as ExcelJS.CellValue;
    }
  });
}

function person(i: number, y: number, m: number, d: number, sex: '男' | '女' = '男'): string {
  return makeId('430121', y, m, d, 10 + i, sex);
}

/**
 * 日期村: one row per date format family in 出生日期 (a number with a date format, a number with a
 * time or duration format, text dates), and times in 入伍时间.
 */
export async function writeDatesWorkbook(file: string, opts: { date1904?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('优抚对象');
  put(ws, 1, ['红旗村优抚对象花名册']);
  ws.mergeCells(1, 1, 1, HEADER.length);
  put(ws, 2, HEADER);
  // 1970-03-15: serial 25642 (1900 system), 24180 (1904 system).
  const base = opts.date1904 ? 24180 : 25642;
  const formats: Array<[string, number | string]> = [
    ['yyyy/m/d', base],
    ['yyyy"年"m"月"d"日"', base],
    ['[$-804]yyyy"年"m"月"d"日";@', base],
    ['m/d/yy', base],
    ['d-mmm-yy', base],
    ['yyyy-mm-dd h:mm', base + 0.75],
    ['mmm-yy', base],
    ['yyyy"年"m"月"', base],
    ['General', base],
    ['0.00', base],
    ['@', '1970-03-15'],
    ['General', '1970.03.15'],
    ['General', '1970年3月'],
    ['h:mm', 0.5],
    ['mm:ss', 0.01],
    ['h:mm AM/PM', 0.75],
    ['[h]:mm', 1.5],
    ['0%', 0.05],
  ];
  let r = 3;
  formats.forEach(([f, v], i) => {
    const id = person(i, 1970, 3, 15);
    // The serial itself with its format: what Excel stores.
    put(ws, r, [i + 1, '红旗村', `张${i + 1}`, '男', '汉族', id, { v, f }, '其他退役军人', { v: 0.5, f: i % 2 ? 'h:mm' : 'mm:ss' }, '1992.12', 1200, '13812345678', '在册', `格式 ${f}`]);
    r++;
  });
  // Excel's phantom 1900-02-29 (serial 60) and the days around it, in a date format.
  if (!opts.date1904) {
    for (const s of [59, 60, 61]) {
      put(ws, r, [r - 2, '红旗村', `王${s}`, '男', '汉族', person(r, 1970, 1, 1), { v: s, f: 'yyyy-mm-dd' }, '其他退役军人', null, null, 1200, '13812345678', '在册', `serial ${s}`]);
      r++;
    }
  }
  await wb.xlsx.writeFile(file);
}

/**
 * 乱村: merged cells (a title across, 所在村 merged down three rows), IDs that went through a
 * number (as a number and as its scientific text), texts starting with = and +, a TRUE in a text
 * column, an amount as text, a 15-digit legacy ID.
 */
export async function writeMessWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('优抚对象');
  put(ws, 1, ['光明村优抚对象花名册（2026年）']);
  ws.mergeCells(1, 1, 1, HEADER.length);
  put(ws, 2, HEADER);
  const rows: Cell[][] = [
    [1, '光明村', '李一', '男', '汉族', person(1, 1960, 5, 1), serialDate(22037), '其他退役军人', '1978.03', '1983.01', 1200, '13812345678', '在册', null],
    [2, null, '=李二', '男', '汉族', 430121196005020000, serialDate(22038), '其他退役军人', null, null, 1200, '+8613812345678', '在册', '=A1+1'],
    [3, null, '李三', '男', '汉族', '4.30121E+17', serialDate(22039), '其他退役军人', null, null, '一千二', '13812345678', '在册', true],
    [4, '光明村', '李四', '女', '汉族', '430121600504002', serialDate(22040), '烈士遗属', null, null, { v: 1200.5, f: '#,##0.00' }, '0731-1234567', '在册', { v: '00123', f: '@' }],
    [5, '光明村', '李五', '男', '汉族', ` ${person(5, 1960, 5, 5)} `, '1960/5/5', '在乡复员军人', '1978年3月', '1983年1月', 800, '13812345678', '在册', '-'],
  ];
  rows.forEach((row, i) => put(ws, 3 + i, row));
  ws.mergeCells('B3:B5');
  await wb.xlsx.writeFile(file);
}

/** A configuration workbook whose 列名 sheet adds 微信号 (alias 微信) to 优抚对象. */
export async function writeConfig(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const cfg = wb.addWorksheet('列名');
  put(cfg, 1, ['台账', '标准列名', '别名']);
  put(cfg, 2, ['优抚对象', '微信号', '微信']);
  await wb.xlsx.writeFile(file);
}

/**
 * 配置村: a ledger with the 微信 column the configuration (writeConfig) adds, and the same 列名
 * sheet (the add-in reads it from the workbook; the CLI gets the configuration by `--config`).
 */
export async function writeConfiguredWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('优抚对象');
  put(ws, 1, [...HEADER, '微信']);
  put(ws, 2, [1, '红旗村', '赵一', '男', '汉族', person(1, 1965, 7, 1), serialDate(23924), '其他退役军人', '1983.10', '1987.10', 1200, '13812345678', '在册', null, 'zhao_1']);
  put(ws, 3, [2, '红旗村', '赵二', '男', '汉族', person(2, 1965, 7, 2), serialDate(23925), '其他退役军人', null, null, 1200, '13812345678', '在册', null, '=wx']);
  put(ws, 4, [3, '红旗村', '赵三', '男', '汉族', person(3, 1965, 7, 3), serialDate(23926), '其他退役军人', null, null, 1200, '13812345678', '在册', null, 12345]);
  const cfg = wb.addWorksheet('列名');
  put(cfg, 1, ['台账', '标准列名', '别名']);
  put(cfg, 2, ['优抚对象', '微信号', '微信']);
  await wb.xlsx.writeFile(file);
}

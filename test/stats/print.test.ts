/**
 * issue #15 item 8: the forms are ready for the county. Read back what a person sees: the page
 * setup and print areas of every form, the signature line and the seal, 共建安置统计表's two
 * totals, 年度汇总 on one page without its header repeated; and, where LibreOffice is installed
 * (CI installs libreoffice-calc-nogui and poppler-utils in .ci/run), the PDF it prints.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { writeFormsWorkbook } from '../../src/cli/forms-xlsx';
import { buildForms } from '../../src/core/forms';
import { HEADER_ROW } from '../../src/core/forms/types';
import { formLayout } from '../../src/core/layout/form';
import { sofficeConvert } from '../helpers/soffice';
import { tmpDir } from '../cli/helpers';
import { computeStatistics } from '../../src/core/stats';
import { fixtureTables, SETTINGS } from './fixtures';

jest.setTimeout(120000);

function which(cmd: string): string | null {
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(d, cmd);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

const settings = { ...SETTINGS, people: { head: '王镇长', reviewer: '李主任', phone: '0531-86012345' } };
const forms = buildForms(computeStatistics(fixtureTables(), settings), settings, { date: new Date(2026, 10, 20), inputErrors: 4 });
const dir = tmpDir('ledger-print-');
const out = path.join(dir, 'forms.xlsx');
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  await writeFormsWorkbook(forms, out);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

function texts(ws: ExcelJS.Worksheet): string[] {
  const all: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => c.value !== null && all.push(String(c.value))));
  return all;
}

test('every form prints on A4, one page wide, its print area ending at the signature line', () => {
  for (const f of forms) {
    const ws = wb.getWorksheet(f.name)!;
    const layout = formLayout(f);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const area = ws.pageSetup.printArea!;
    expect(area).toBe(layout.print!.area);
    const lastRow = Number(/(\d+)$/.exec(area)![1]);
    const last = new Set(texts(ws).filter((t) => /^(负责人|审核人|填表人|联系电话)：/.test(t)));
    expect(last.size).toBe(4);
    // The signature line is the last printed row.
    let sigRow = 0;
    ws.eachRow((r, n) => r.eachCell((c) => /^联系电话：/.test(String(c.value)) && (sigRow = n)));
    expect(sigRow).toBe(lastRow);
  }
});

test('the signature line names the people of 设置, a blank to sign for the others; the seal has its place', () => {
  const ws = wb.getWorksheet('兵役登记统计表')!;
  const t = texts(ws);
  expect(t).toEqual(expect.arrayContaining(['负责人：王镇长', '审核人：李主任', '填表人：＿＿＿＿＿＿', '联系电话：0531-86012345', '制表单位（盖章）：红旗镇']));
  let unitRow = 0;
  ws.eachRow((r, n) => r.eachCell((c) => String(c.value).startsWith('制表单位（盖章）') && (unitRow = n)));
  expect(ws.getRow(unitRow).height).toBeGreaterThanOrEqual(36);
});

test('multi-page forms repeat their header row; 年度汇总 fits one page and repeats nothing', () => {
  for (const f of forms) {
    const ws = wb.getWorksheet(f.name)!;
    if (f.name === '双拥工作年度汇总') {
      expect(ws.pageSetup.fitToHeight).toBe(1);
      expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    } else {
      expect(ws.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW}`);
      expect(ws.pageSetup.fitToHeight).toBe(0);
    }
  }
});

test('共建安置统计表 totals pairs and people apart', () => {
  const ws = wb.getWorksheet('共建安置统计表')!;
  const labels: string[] = [];
  ws.getColumn(1).eachCell((c, n) => n > HEADER_ROW && typeof c.value === 'string' && labels.push(c.value));
  expect(labels.slice(0, 6)).toEqual(['军民共建对子', '帮扶对子', '对子合计', '退役士兵安置', '随军家属安置', '安置合计']);
  expect(labels).not.toContain('合计');
});

test('chart data a host writes is below the print area, never in the columns beside the form', () => {
  for (const f of forms) {
    const layout = formLayout(f);
    const lastRow = Number(/(\d+)$/.exec(layout.print!.area!)![1]);
    const outside = layout.cells.filter((c) => c.c > layout.widths.length);
    expect(outside).toEqual([]);
    for (const c of layout.charts ?? []) {
      expect(Number(/(\d+)$/.exec(c.from)![1])).toBeGreaterThan(lastRow);
      if (!c.values.startsWith(`B${HEADER_ROW + 1}`) && f.name === '双拥活动统计表') expect(Number(/(\d+)/.exec(c.values)![1])).toBeGreaterThan(lastRow);
    }
  }
  const act = formLayout(forms.find((f) => f.name === '双拥活动统计表')!);
  expect(act.cells.some((c) => c.value === '图表数据（不打印）')).toBe(true);
});

const soffice = which('soffice') ?? which('libreoffice');
const pdftotext = which('pdftotext');
test('LibreOffice prints each form on one page: 5 pages, 年度汇总 with its paragraph and one header', () => {
  if (!soffice || !pdftotext) throw new Error('LibreOffice (soffice) and pdftotext are needed to render the forms');
  const pdf = sofficeConvert(out, 'pdf', dir, 110000);
  const pages = execFileSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  expect(pages).toHaveLength(forms.length);
  const summary = pages[pages.length - 1];
  expect(summary).toContain('年度工作总结');
  expect(summary).toContain('负责人：王镇长');
  expect(summary.match(/项目/g) ?? []).toHaveLength(1);
  const pair = pages[3];
  expect(pair).toContain('对子合计');
  expect(pair).toContain('安置合计');
});

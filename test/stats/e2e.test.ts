/**
 * End to end: WorkbookData (as a host reads it, with title, 合计 and note rows, header variants,
 * synonyms) → checkWorkbooks → computeStatistics → buildForms → the exceljs forms workbook.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { writeFormsWorkbook } from '../../src/cli/forms-xlsx';
import { checkWorkbooks, makeId } from '../../src/core';
import { buildForms, HEADER_ROW } from '../../src/core/forms';
import type { CellValue, WorkbookData } from '../../src/core/model';
import { resolveSettings } from '../../src/core/settings';
import { computeStatistics, getStat } from '../../src/core/stats';

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
const rows = (first: number, cells: CellValue[][]) => cells.map((c, i) => ({ r: first + i, cells: c }));

const ID1 = makeId('110105', '20080301', 11);
const ID2 = makeId('110105', '20080402', 13);
const ID3 = makeId('110105', '20050101', 15);
const ID4 = makeId('110105', '19500101', 17);
const ID5 = makeId('110105', '19520203', 19);

const BOOK: WorkbookData = {
  file: '红旗村.xlsx',
  sheets: [
    {
      name: '红旗村兵役登记',
      rows: [
        { r: 1, cells: ['红旗村2026年兵役登记花名册'] },
        { r: 2, cells: ['填报单位：红旗村 填报日期：2026年11月20日'] },
        ...rows(3, [
          ['序号', '所在村(社区)', '姓 名', '身份证号码', '登记类型', '是否已登记', '登记日期', '是否应征报名', '体检结果', '政考结果', '是否批准入伍'],
          [1, '红旗村', '张三', ID1, '初次', '是', d(2026, 5, 1), '是', '合格', '合格', '是'],
          [2, '红旗村', '李四', ID2, '初次', '否', null, '否', null, null, '否'],
          [3, '红旗村', '王五', ID3, '补登', '是', d(2026, 6, 1), '否', null, null, '否'],
          ['合计', null, null, null, null, 3],
        ]),
        { r: 9, cells: ['制表人：某某'] },
      ],
    },
    {
      name: '优抚对象',
      rows: rows(1, [
        ['序号', '所在村', '姓名', '身份证号', '优抚类别', '本年发放金额（元）', '状态'],
        [1, '红旗村', '赵六', ID4, '烈属', 1200.5, '在册'],
        [2, '红旗村', '赵六', ID4, '现役军人家属', 300, null],
        [3, '红旗村', '钱七', ID5, '烈士遗属', 500, '注销'],
        ['合计', null, null, null, null, 2000.5],
      ]),
    },
  ],
};

test('from workbooks through checkWorkbooks to the forms and the written workbook', async () => {
  const settings = resolveSettings({ year: 2026, township: '红旗镇', villages: ['红旗村', '东风村'] });
  const result = checkWorkbooks([BOOK], settings, { today: d(2026, 11, 29) });
  expect(result.tables.map((t) => t.ledger).sort()).toEqual(['优抚对象', '兵役登记']);
  const stats = computeStatistics(result.tables, settings);

  // 兵役登记: 初次 张三 (是) + 李四 (否) → 应 2, 已 1, 率 50.0%; 补登 王五; the 合计 row is not data.
  expect(getStat(stats, '应登记人数', { village: '红旗村' })).toBe(2);
  expect(getStat(stats, '已登记人数', { village: '红旗村' })).toBe(1);
  expect(getStat(stats, '补登人数')).toBe(1);
  expect(getStat(stats, '批准入伍人数')).toBe(1);
  expect(getStat(stats, '登记率', { village: '东风村' })).toBeNull();
  // 优抚对象: 赵六 in two categories (烈属 → 烈士遗属), 钱七 注销; 1200.5 + 300.
  expect(getStat(stats, '优抚对象人数', { category: '烈士遗属' })).toBe(1);
  expect(getStat(stats, '去重人数')).toBe(1);
  expect(getStat(stats, '本年发放金额(元)')).toBe(1500.5);

  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const forms = buildForms(stats, settings, { inputErrors: errors, date: d(2026, 11, 29) });
  const reg = forms[0];
  expect(reg.rows.map((r) => r.cells)).toEqual([
    ['红旗村', 2, 1, 1, 0.5, 1, 0, 1, 1, 1, 1],
    ['东风村', 0, 0, 0, '—', 0, 0, 0, 0, 0, 0],
    ['合计', 2, 1, 1, 0.5, 1, 0, 1, 1, 1, 1],
  ]);
  expect(forms[1].rows[0].cells).toEqual(['红旗村', 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1500.5]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-e2e-'));
  try {
    const out = path.join(dir, '汇总.xlsx');
    await writeFormsWorkbook(forms, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('兵役登记统计表')!;
    expect(ws.getCell(HEADER_ROW + 1, 5).value).toBe(0.5);
    expect(ws.getCell(HEADER_ROW + 1, 5).numFmt).toBe('0.0%');
    expect(ws.getCell(HEADER_ROW + 2, 5).value).toBe('—');
    expect(wb.getWorksheet('优抚对象统计表')!.getCell(HEADER_ROW + 1, 15).value).toBe(1500.5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

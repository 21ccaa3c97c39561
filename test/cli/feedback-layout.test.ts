/**
 * issue #15 item 6: the feedback workbook is usable alone by a village secretary — read back what
 * she sees: the ledger (not "Sheet1"), the column by name and letter, a cause repeated down a
 * column said once, wrapped 怎么改 with row heights, borders, a CJK font, who to call and the date
 * to send the corrected ledger back by.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { feedbackLayout, foldItems, type FeedbackItem } from '../../src/core/layout/feedback';
import { cli, tmpDir } from './helpers';
import { writeRows, YEAR } from './fixtures';

jest.setTimeout(60000);

const item = (row: number, over: Partial<FeedbackItem> = {}): FeedbackItem => ({
  ledger: '优抚对象',
  sheet: 'Sheet1',
  row,
  col: 6,
  column: '身份证号',
  name: `人${row}`,
  id: '',
  problem: '身份证号被 Excel 存成了数字，后几位已丢失',
  fix: '先把该列设为“文本”格式，再对照原始证件重新输入完整的18位号码。',
  severity: 'error',
  code: 'id.stored-as-number',
  ...over,
});

test('a cause repeated down a column is one line "F5–F14 共8处"; others stay one line each', () => {
  const items = [...[5, 6, 7, 8, 9, 10, 11, 14].map((r) => item(r)), item(9, { col: 4, column: '性别', code: 'sex.mismatch-id', problem: '性别与身份证号不符' })];
  const lines = foldItems(items);
  expect(lines).toHaveLength(2);
  expect(lines[0].where).toBe('Sheet1 F5–F14 共8处');
  expect(lines[0].column).toBe('身份证号 (F)');
  expect(lines[0].name).toBe('人5、人6、人7等8人');
  expect(lines[1].where).toBe('Sheet1 D9');
  expect(foldItems(items.slice(0, 2))).toHaveLength(2);
});

test('the sheet says who to call and by when; rows tall enough for the wrapped text', () => {
  const l = feedbackLayout([item(5)], { village: '红旗村', date: '2026年12月5日', resubmitBy: '2026年12月12日', contact: '李会计', phone: '0531-86012345', township: '青山镇' });
  const texts = l.cells.map((c) => String(c.value));
  expect(texts).toEqual(expect.arrayContaining(['联系人', '李会计', '联系电话', '0531-86012345', '2026年12月12日前']));
  expect(texts.some((t) => t.includes('于 2026年12月12日 前重新报送'))).toBe(true);
  expect(l.font).toBe('宋体');
  expect(l.heights[7]).toBeGreaterThanOrEqual(34);
  expect(l.cells.filter((c) => c.r === 7).every((c) => c.style?.border)).toBe(true);
});

test('ledger check --feedback: the ledger, not Sheet1; column name and letter; folded; font, borders, heights', async () => {
  const dir = tmpDir();
  const f = path.join(dir, '红旗村.xlsx');
  const rows: unknown[][] = [['所在村', '姓名', '性别', '身份证号', '优抚类别']];
  for (let i = 0; i < 8; i++) rows.push(['红旗村', `张${i}`, '男', 370102197502281000 + i * 1000, '其他退役军人']);
  await writeRows(f, { Sheet1: rows as never });
  const out = path.join(dir, 'fb');
  await cli('check', f, '--year', String(YEAR), '--feedback', out, '--quiet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, '红旗村-反馈.xlsx'));
  const ws = wb.worksheets[0];
  const lines: string[][] = [];
  ws.eachRow((r, n) => n > 6 && lines.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  const id = lines.find((l) => l[3] === '身份证号 (D)')!;
  expect(id).toBeDefined();
  expect(id[1]).toBe('优抚对象');
  expect(id[2]).toBe('Sheet1 D2–D9 共8处');
  expect(lines.filter((l) => l[3] === '身份证号 (D)')).toHaveLength(1);
  const c = ws.getCell(7, 8);
  expect(c.font?.name).toBe('宋体');
  expect(c.alignment?.wrapText).toBe(true);
  expect(c.border?.top?.style).toBe('thin');
  expect(ws.getRow(7).height).toBeGreaterThan(20);
  expect(ws.pageSetup.printTitlesRow).toBe('6:6');
  expect(ws.getCell('A4').value).toBe('联系人');
});

/**
 * The add-in honours the workbook's date system (issue #12): Excel's DATE function, asked through
 * Microsoft's own Office.js client, tells a 1904 workbook from a 1900 one; reading, the live check's
 * re-reads, fixes and the merged sheets all use it.
 */
import { createExcelHost } from '../../src/excel/host-impl';
import { queueDateSystem, readWorkbook } from '../../src/excel/read';
import { applyFixes } from '../../src/excel/fix';
import { writeMergedSheets } from '../../src/excel/import';
import { MERGED_PREFIX } from '../../src/excel/common';
import { checkWorkbooks } from '../../src/core/check/check-workbooks';
import type { Problem } from '../../src/core/problem';
import { createExcel, type ExcelSim } from '../excel-sim/node';
import { fullSnapshot, settings } from './helpers';
import { makeId } from '../../src/samples/ids';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

const HEADER = ['序号', '所在村', '姓名', '性别', '民族', '身份证号', '出生日期', '优抚类别', '本年发放金额(元)'];
// 1970-01-01: serial 25569 in the 1900 system, 24107 in the 1904 system.
const SERIAL_1904 = 24107;
const SERIAL_1900 = 25569;

function ledger(serial: number, date1904: boolean) {
  const id = makeId('110105', 1970, 1, 1, 11, '男');
  return {
    name: '测试村.xlsx',
    date1904,
    sheets: [
      {
        name: '优抚对象',
        rows: [HEADER, [1, '红旗村', '张三', '男', '汉族', id, { v: serial, f: 'yyyy-mm-dd' }, '其他退役军人', 1200]],
      },
    ],
  };
}

test('the date system is asked of Excel (DATE(1904,1,2)), nothing written', async () => {
  for (const date1904 of [false, true]) {
    fake = createExcel(ledger(1, date1904));
    const before = fullSnapshot(fake);
    const got = await Excel.run(async (ctx) => {
      const q = queueDateSystem(ctx);
      await ctx.sync();
      return q.date1904;
    });
    expect(got).toBe(date1904);
    expect(fullSnapshot(fake)).toBe(before);
    fake.uninstall();
  }
});

test('a 1904 workbook: its serials read as the dates Excel shows (failed before: 4 years and a day late)', async () => {
  fake = createExcel(ledger(SERIAL_1904, true));
  const r = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  expect(r.date1904).toBe(true);
  const row = r.data.sheets[0].rows[1];
  expect((row.cells[6] as Date).toISOString().slice(0, 10)).toBe('1970-01-01');
  // the same date in a 1900 workbook
  fake.uninstall();
  fake = createExcel(ledger(SERIAL_1900, false));
  const r2 = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  expect(r2.date1904).toBe(false);
  expect((r2.data.sheets[0].rows[1].cells[6] as Date).toISOString().slice(0, 10)).toBe('1970-01-01');
  // and the check agrees with the ID's birth date in both
  fake.uninstall();
  fake = createExcel(ledger(SERIAL_1904, true));
  const res = await createExcelHost().check('workbook', settings({ villages: ['红旗村'] }));
  expect(res.problems.filter((p) => p.column === '出生日期' || p.code.startsWith('birth'))).toEqual([]);
});

test('a date fix in a 1904 workbook is written as its 1904 serial', async () => {
  fake = createExcel({ date1904: true, sheets: [{ name: 'S', rows: [['x'], ['1970.1.1']] }] });
  const fix: Problem = { code: 'date.format', severity: 'warning', sheet: 'S', cell: 'A2', row: 2, col: 1, fix: new Date(Date.UTC(1970, 0, 1)) } as Problem;
  await Excel.run((ctx) => applyFixes(ctx, [fix]));
  expect(fake.model.sheet('S')!.get(1, 0)).toBe(SERIAL_1904);
});

test('merged sheets in a 1904 workbook hold 1904 serials', async () => {
  const src = ledger(SERIAL_1900, false);
  fake = createExcel(src);
  const read = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const result = checkWorkbooks([read.data], settings({ villages: ['红旗村'] }));
  fake.uninstall();
  fake = createExcel({ date1904: true, sheets: [{ name: '封面', rows: [['x']] }] });
  await Excel.run((ctx) => writeMergedSheets(ctx, result));
  const m = fake.model.sheet(`${MERGED_PREFIX}优抚对象`)!;
  const col = (m.rows[0] as unknown[]).indexOf('出生日期');
  expect(m.get(1, col)).toBe(SERIAL_1904);
});

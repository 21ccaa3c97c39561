/** 规范本表 through the in-memory Excel: dropdowns, input messages, formats; 清除标记 restores exactly. */
import { buildSchemas, checkWorkbooks } from '../../src/core';
import { clearConform, columnPlan, conformSheets } from '../../src/excel/conform';
import { createExcelHost } from '../../src/excel/host-impl';
import { clearMarks, markProblems } from '../../src/excel/mark';
import { readWorkbook } from '../../src/excel/read';
import { createExcel, key, type ExcelSim } from '../excel-sim/node';
import { ACTIVITY_HEADER, BENEFICIARY_HEADER, TODAY, activityRow, beneficiaryRow, settings } from '../core/fixtures';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

const S = settings({ villages: ['红旗村', '东风村'] });

function install() {
  const ben = [['2026年红旗村优抚对象花名册'], BENEFICIARY_HEADER, ...Array.from({ length: 10 }, (_, i) => beneficiaryRow(i + 1))];
  ben[4][5] = 110105197001010000; // an ID typed as a number (lossy)
  fake = createExcel({
    name: '红旗村.xlsx',
    sheets: [
      { name: '优抚对象', rows: ben, numberFormats: { G5: 'yyyy"年"m"月"d"日"' } },
      { name: '双拥活动', rows: [ACTIVITY_HEADER, ...Array.from({ length: 3 }, (_, i) => activityRow(i + 1))] },
      { name: '说明', rows: [['填表说明']] },
    ],
  });
  // The village already keeps its own dropdown on 性别 (D3:D20).
  fake.model.sheet('优抚对象')!.validations.push({ rect: { r0: 2, c0: 3, r1: 19, c1: 3 }, rule: { list: { inCellDropDown: true, source: '男,女' } } });
}

/** Values, number formats and validations of the visible sheets. */
function picture(): string {
  return JSON.stringify(
    fake.model.sheets
      .filter((s) => s.visibility === 'Visible')
      .map((s) => ({ name: s.name, rows: s.rows, formats: [...s.formats.entries()].sort(), validations: s.validations, fills: [...s.fills.entries()].sort(), notes: [...s.notes.entries()].sort() })),
  );
}

const validationAt = (sheet: string, r: number, c: number) =>
  fake.model.sheet(sheet)!.validations.find((v) => v.rect.r0 <= r && r <= v.rect.r1 && v.rect.c0 <= c && c <= v.rect.c1);

test('the plan of a column: lists for vocabularies (configured terms too), 是/否 and villages; text and date formats', () => {
  const schemas = buildSchemas({ ledgers: { 优抚对象: { columns: { 优抚类别: { addTerms: [{ term: '见义勇为人员' }] } } } } });
  const col = (f: string) => schemas.find((s) => s.id === '优抚对象')!.columns.find((c) => c.field === f)!;
  expect(columnPlan(col('优抚类别'), undefined, []).list).toContain('见义勇为人员');
  expect(columnPlan(col('身份证号'), undefined, []).format).toBe('@');
  expect(columnPlan(col('联系电话'), undefined, []).format).toBe('@');
  expect(columnPlan(col('出生日期'), undefined, []).format).toBeUndefined(); // a month-date column: text months are kept as typed
  expect(columnPlan(col('所在村'), undefined, ['红旗村']).list).toEqual(['红旗村']);
  expect(columnPlan(col('所在村'), undefined, []).list).toBeUndefined();
});

test('规范本表 puts dropdowns, input messages and formats on a recognised ledger; 清除标记 restores it exactly', async () => {
  install();
  const before = picture();
  const schemas = buildSchemas({ ledgers: { 优抚对象: { columns: { 优抚类别: { addTerms: [{ term: '见义勇为人员' }] } } } } });
  const r = await Excel.run((ctx) => conformSheets(ctx, S, { schemas }));
  expect(r.sheets).toEqual(['优抚对象', '双拥活动']);
  expect(r.skipped).toEqual([{ sheet: '优抚对象', field: '性别', reason: 'own-validation' }]);
  // Header on row 2: from row 3 to the last used row (12) + 500.
  const cat = validationAt('优抚对象', 2, 7)!; // H: 优抚类别
  expect(cat.rect).toEqual({ r0: 2, c0: 7, r1: 511, c1: 7 });
  expect(String((cat.rule as { list: { source: string } }).list.source).split(',')).toEqual(expect.arrayContaining(['残疾军人', '见义勇为人员']));
  const id = validationAt('优抚对象', 2, 5)!; // F: 身份证号 — an input message, no list
  expect(id.rule).toEqual({});
  expect(String(id.prompt?.message)).toContain('18位');
  expect((validationAt('优抚对象', 2, 1)!.rule as { list: { source: string } }).list.source).toBe('红旗村,东风村'); // 所在村
  expect(validationAt('优抚对象', 2, 3)!.rule).toEqual({ list: { inCellDropDown: true, source: '男,女' } }); // their own, kept
  const dir = validationAt('双拥活动', 1, 3)!; // D: 方向
  expect((dir.rule as { list: { source: string } }).list.source).toBe('拥军优属,拥政爱民');
  expect(fake.model.sheet('双拥活动')!.formats.get(key(1, 1))).toBe('yyyy-mm-dd'); // B: 日期
  const sh = fake.model.sheet('优抚对象')!;
  expect(sh.formats.get(key(2, 5))).toBe('@'); // 身份证号 text
  expect(sh.formats.get(key(511, 13))).toBe('@'); // 联系电话 text down to the last row
  expect(sh.get(4, 5)).toBe(110105197001010000); // the lossy number is not touched…
  const read = await Excel.run((ctx) => readWorkbook(ctx, { scope: 'workbook' }));
  const check = checkWorkbooks([read.data], S, { today: TODAY });
  expect(check.problems.some((p) => p.sheet === '优抚对象' && p.cell === 'F5' && p.severity === 'error')).toBe(true); // …and keeps its problem

  // Marks and 规范本表 together; 清除标记 (marks, then 规范本表) restores the sheets exactly.
  await Excel.run((ctx) => markProblems(ctx, check.problems, { render: (p) => p.code }));
  await Excel.run(async (ctx) => {
    await clearMarks(ctx);
    await clearConform(ctx);
  });
  expect(picture()).toBe(before);
});

test('a second 规范本表 leaves columns already done alone; date formats of a village are kept', async () => {
  install();
  await Excel.run((ctx) => conformSheets(ctx, S));
  const sh = fake.model.sheet('优抚对象')!;
  const second = await Excel.run((ctx) => conformSheets(ctx, S));
  expect(second.columns).toBe(0);
  expect(second.skipped.filter((s) => s.reason === 'done').length).toBeGreaterThan(5);
  expect(sh.formats.get(key(4, 6))).toBe('yyyy"年"m"月"d"日"'); // G5 kept (出生日期 is a month-date column anyway)
  const before = picture();
  void before;
  await Excel.run((ctx) => clearConform(ctx));
  expect(sh.formats.get(key(2, 5))).toBeUndefined();
  expect(validationAt('优抚对象', 2, 7)).toBeUndefined();
});

test('a protected ledger sheet is not changed and is listed', async () => {
  install();
  fake.model.sheet('双拥活动')!.protected = true;
  const r = await Excel.run((ctx) => conformSheets(ctx, S));
  expect(r.protectedSheets).toEqual(['双拥活动']);
  expect(r.sheets).toEqual(['优抚对象']);
  expect(fake.model.sheet('双拥活动')!.validations).toEqual([]);
});

test('through the host: 规范本表, then 清除标记 restores the sheets exactly', async () => {
  install();
  const before = picture();
  const host = createExcelHost();
  const r = await host.conform!(S);
  expect(r.columns).toBeGreaterThan(10);
  expect(picture()).not.toBe(before);
  await host.clearMarks();
  expect(picture()).toBe(before);
  expect(fake.model.sheet('_双拥助手记录') === undefined || !JSON.stringify(fake.model.sheet('_双拥助手记录')!.rows).includes('conform')).toBe(true);
});

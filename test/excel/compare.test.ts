import * as fs from 'fs';
import * as path from 'path';
import { createExcelHost } from '../../src/excel/host-impl';
import { COMPARE_PREFIX } from '../../src/excel/common';
import { buildSheet, createExcel, xlsxBase64, type ExcelSim } from '../excel-sim/node';
import { lastYearSamples } from '../../src/samples/compare';
import { sampleDescription } from '../excel-sim/samples';
import { fullSnapshot, sampleBooks, settings } from './helpers';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());
jest.setTimeout(60000);

const ROOT = path.join(__dirname, '..', '..');
const file = (p: string) => ({ name: path.basename(p), base64: fs.readFileSync(path.join(ROOT, p)).toString('base64') });

test('年度比对: last year picked, this year the open workbook; the sheets list the rows and link to the ledger', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0])); // 红旗村.xlsx
  const before = fullSnapshot(fake);
  const host = createExcelHost();
  const r = await host.compareYears!([file('samples-2025/红旗村.xlsx')], settings());
  expect(r.figures).toEqual({ added: 1, removed: 3, unexplained: 2, changed: 1, notVerified: 1 });
  expect(r.sheets).toEqual(['变更汇总', '新增', '减少', '变更', '未核验'].map((n) => COMPARE_PREFIX + n));
  // Only the result sheets were added: last year's inserted sheets were taken out again.
  expect(JSON.parse(fullSnapshot(fake, r.sheets)).sheets).toEqual(JSON.parse(before).sheets);
  expect(fake.model.sheets.map((s) => s.name).filter((n) => !r.sheets.includes(n))).toEqual(JSON.parse(before).names.map((n: string) => n.replace(/:.*$/, '')));
  const added = fake.model.sheet(`${COMPARE_PREFIX}新增`)!;
  const row = added.rows[2] ?? [];
  expect(row.slice(0, 4)).toEqual([1, '优抚对象', '红旗村', '张建国']);
  expect(String(row[6])).toMatch(/^优抚对象 第\d+行$/);
  expect([...added.hyperlinks.values()][0]).toMatchObject({ documentReference: expect.stringMatching(/^优抚对象!A\d+$/) });
  const removed = fake.model.sheet(`${COMPARE_PREFIX}减少`)!;
  expect(String(removed.rows[2]?.[7])).toContain('红旗村.xlsx「优抚对象」第');
});

test('名单比对: police list and death list; 未登记 per village, deceased still 在册 with a link', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0]));
  const host = createExcelHost();
  const r = await host.compareLists!({ roster: file('samples-lists/公安适龄男青年名单.xlsx'), deceased: file('samples-lists/死亡人员名单.xlsx') }, settings());
  expect(r.sheets[0]).toBe(`${COMPARE_PREFIX}名单汇总`);
  expect(r.sheets).toContain(`${COMPARE_PREFIX}未登记_红旗村`);
  expect(r.figures.deceasedActive).toBeGreaterThan(0);
  expect(r.figures.paidAfterDeath).toBe(2);
  const dead = fake.model.sheet(`${COMPARE_PREFIX}死亡人员`)!;
  expect(dead.rows[2]?.[5]).toBe('2025-08-02');
  const links = [...dead.hyperlinks.values()];
  expect(links.length).toBe(dead.rows.length - 2);
  expect(links[0].documentReference).toMatch(/^优抚对象!A\d+$/);
  const sum = fake.model.sheet(`${COMPARE_PREFIX}名单汇总`)!;
  expect(sum.rows[2]?.[0]).toBe('红旗村');
});

test('统计汇总 after 名单比对: the 兵役登记统计表 counts against the police list and says so', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0]));
  const host = createExcelHost();
  await host.compareLists!({ roster: file('samples-lists/公安适龄男青年名单.xlsx') }, settings());
  await host.summarize(settings());
  const form = fake.model.sheet('兵役登记统计表')!;
  const text = form.rows.map((r) => (r ?? []).join('|')).join('\n');
  expect(text).toContain('公安适龄男青年名单（公安适龄男青年名单.xlsx）');
  const header = form.rows.find((r) => r?.[0] === '村')!;
  const total = form.rows.find((r) => r?.[0] === '合计')!;
  expect(total[header.indexOf('应登记人数')]).toBe(13);
});

const formText = (name: string): string => (fake.model.sheet(name)?.rows ?? []).map((r) => (r ?? []).join('|')).join('\n');

test('统计汇总 and templates after 年度比对 and 名单比对: the counts are named figures and the 年度汇总 paragraph says them', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0]));
  fake.model.sheets.push(
    buildSheet({
      name: '我的模板',
      rows: [
        ['新增', '{{新增人数|优抚对象}}'],
        ['减少', '{{减少人数}}'],
        ['未说明减少', '{{未说明减少人数}}'],
        ['未登记', '{{未登记人数|红旗村}}'],
        ['名单人数', '{{名单人数}}'],
      ],
    }),
  );
  const host = createExcelHost();
  // Before any comparison: the figures are "—".
  await host.fillTemplate('我的模板', settings());
  expect(fake.model.sheet('我的模板')!.get(0, 1)).toBe('—');
  expect(fake.model.sheet('我的模板')!.get(4, 1)).toBe('—');
  ['{{新增人数|优抚对象}}', '{{减少人数}}', '{{未说明减少人数}}', '{{未登记人数|红旗村}}', '{{名单人数}}'].forEach((p, i) => fake.model.sheet('我的模板')!.set(i, 1, p));

  const y = await host.compareYears!([file('samples-2025/红旗村.xlsx')], settings());
  const l = await host.compareLists!({ roster: file('samples-lists/公安适龄男青年名单.xlsx') }, settings());
  expect(fake.model.settings.get('shuangyong.yoy')).toMatchObject({ year: 2026, figures: { lastYear: 2025 } });
  // Only counts are kept: no name or ID of the people found.
  expect(JSON.stringify(fake.model.settings.get('shuangyong.yoy'))).not.toMatch(/\d{17}[\dX]|张建国/);

  await host.fillTemplate('我的模板', settings());
  const t = fake.model.sheet('我的模板')!;
  expect(t.get(0, 1)).toBe(y.figures.added);
  expect(t.get(1, 1)).toBe(y.figures.removed);
  expect(t.get(2, 1)).toBe(y.figures.unexplained);
  // 红旗村's 未登记 as the 比对_名单汇总 sheet gives it (the list names several villages).
  const hq = fake.model.sheet(`${COMPARE_PREFIX}名单汇总`)!.rows.find((r) => r?.[0] === '红旗村')!;
  expect(hq[3]).toBeLessThan(l.figures.unregistered);
  expect(t.get(3, 1)).toBe(hq[3]);
  expect(t.get(4, 1)).toBe(l.figures.listed);

  await host.summarize(settings());
  const text = formText('双拥工作年度汇总');
  // The samples' 优抚对象 differences (src/samples/compare.ts): one new, two gone, one changed.
  expect(text).toContain('与2025年相比，优抚对象新增1人、减少2人、信息变更1人。');
  expect(text).toContain(`对照公安户籍适龄男青年名单${l.figures.listed}人`);
});

test('the kept figures stay valid while this year\'s ledgers are unchanged: an edit makes them "—" until the comparison runs again', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0]));
  fake.model.sheets.push(buildSheet({ name: '我的模板', rows: [['新增', '{{新增人数|优抚对象}}'], ['名单', '{{名单人数}}']] }));
  const host = createExcelHost();
  const y = await host.compareYears!([file('samples-2025/红旗村.xlsx')], settings());
  const l = await host.compareLists!({ roster: file('samples-lists/公安适龄男青年名单.xlsx') }, settings());
  // An edit to the 双拥活动 ledger touches neither comparison.
  const act = fake.model.sheet('双拥活动')!;
  const actRect = act.usedRect(true)!;
  act.set(actRect.r1, 1, `${String(act.get(actRect.r1, 1) ?? '')}（改）`);
  await host.fillTemplate('我的模板', settings());
  expect(fake.model.sheet('我的模板')!.get(0, 1)).toBe(y.figures.added);
  expect(fake.model.sheet('我的模板')!.get(1, 1)).toBe(l.figures.listed);

  // An edited 优抚对象 amount: the year-over-year counts no longer apply; the list figures still do.
  const yf = fake.model.sheet('优抚对象')!;
  const header = yf.rows.findIndex((r) => (r ?? []).includes('本年发放金额（元）') || (r ?? []).some((c) => typeof c === 'string' && c.startsWith('本年发放金额')));
  const col = (yf.rows[header] ?? []).findIndex((c) => typeof c === 'string' && c.startsWith('本年发放金额'));
  expect(col).toBeGreaterThan(0);
  yf.set(header + 1, col, 1234.5);
  fake.model.sheet('我的模板')!.set(0, 1, '{{新增人数|优抚对象}}');
  fake.model.sheet('我的模板')!.set(1, 1, '{{名单人数}}');
  await host.fillTemplate('我的模板', settings());
  expect(fake.model.sheet('我的模板')!.get(0, 1)).toBe('—');
  expect(fake.model.sheet('我的模板')!.get(1, 1)).toBe(l.figures.listed);

  // Figures kept for another year (last year's run): they do not apply.
  fake.model.sheet('我的模板')!.set(1, 1, '{{名单人数}}');
  fake.model.settings.set('shuangyong.roster', { ...(fake.model.settings.get('shuangyong.roster') as object), year: 2025 });
  await host.fillTemplate('我的模板', settings());
  expect(fake.model.sheet('我的模板')!.get(1, 1)).toBe('—');
});

test('年度比对: last year’s picked workbooks are read with the open workbook’s 列名 and 词表, as this year’s (as the CLI’s diff applies its configuration to both years)', async () => {
  // Both years name the ID column 证件编号, which only the workbook's 列名 sheet maps to 身份证号.
  const renamed = <T extends { sheets: Array<{ name: string; rows: unknown[][] }> }>(book: T): T => {
    const sheet = book.sheets.find((s) => s.name === '优抚对象')!;
    for (const row of sheet.rows) {
      const k = row.indexOf('身份证号');
      if (k >= 0) row[k] = '证件编号';
    }
    return book;
  };
  const aliases = { name: '列名', rows: [['台账', '标准列名', '别名'], ['优抚对象', '身份证号', '证件编号']] };
  const desc = sampleDescription(renamed(sampleBooks()[0]));
  fake = createExcel({ ...desc, sheets: [...desc.sheets, aliases] });
  const lastBook = renamed(lastYearSamples().find((b) => b.file === '红旗村.xlsx')!);
  const host = createExcelHost();
  const r = await host.compareYears!([{ name: '红旗村.xlsx', base64: xlsxBase64(sampleDescription(lastBook)) }], settings());
  // The same people as with the standard header (the first test).
  expect(r.figures).toEqual({ added: 1, removed: 3, unexplained: 2, changed: 1, notVerified: 1 });
});

test('名单比对 in English: a list without 姓名 and 身份证号, and a file that cannot be inserted, are said in English', async () => {
  fake = createExcel(sampleDescription(sampleBooks()[0]));
  const host = createExcelHost();
  const en = { ...settings(), locale: 'en-US' as const };
  const noHeader = { name: '名单.xlsx', base64: xlsxBase64({ sheets: [{ name: 'Sheet1', rows: [['序号', '备注'], [1, 'x']] }] }) };
  await expect(host.compareLists!({ roster: noHeader }, en)).rejects.toThrow('名单.xlsx: no sheet of the list has both a 姓名 and a 身份证号 column');
  await expect(host.compareLists!({ roster: noHeader }, settings())).rejects.toThrow('名单.xlsx：名单中没有找到含“姓名”和“身份证号”列的工作表');
  const broken = { name: '坏.xlsx', base64: Buffer.from('not a workbook').toString('base64') };
  await expect(host.compareLists!({ roster: broken }, en)).rejects.toThrow(/^坏\.xlsx: Cannot be read/);
});

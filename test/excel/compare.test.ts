import * as fs from 'fs';
import * as path from 'path';
import { createExcelHost } from '../../src/excel/host-impl';
import { COMPARE_PREFIX } from '../../src/excel/common';
import { createExcel, type ExcelSim } from '../excel-sim/node';
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

/** The township's configuration sheets in the add-in (issue 13 item 3, issue 15 item 3). */
import { createExcelHost } from '../../src/excel/host-impl';
import { MERGED_PREFIX } from '../../src/excel/common';
import { makeId } from '../../src/core/values/id';
import { createExcel, xlsxBase64, type ExcelSim } from '../excel-sim/node';
import { installSample, settings } from './helpers';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

function values(sheet: string): unknown[][] {
  const s = fake.model.sheet(sheet)!;
  return s.rows.map((r) => (r ?? []).map((v) => (v === undefined ? '' : v)));
}

function allText(): string {
  return fake.model.sheets.flatMap((s) => s.rows.flatMap((r) => (r ?? []).map((v) => (typeof v === 'string' ? v : '')))).join('\n');
}

test('统计汇总 writes the township of the workbook’s 设置 sheet even when the pane has none', async () => {
  fake = installSample(0); // 红旗村: 设置 says 乡镇 青山镇
  const host = createExcelHost();
  const written = (await host.summarize(settings({ township: '' }))).sheets;
  expect(written.length).toBeGreaterThan(0);
  const forms = written.map((n) => fake.model.sheet(n)!).flatMap((s) => s.rows.flatMap((r) => (r ?? []).filter((v): v is string => typeof v === 'string')));
  expect(forms.some((t) => t.includes('青山镇'))).toBe(true);
});

test('统计汇总 signs the forms with the names of the workbook’s 设置 sheet, as the CLI does', async () => {
  fake = installSample(0);
  const set = fake.model.sheet('设置')!;
  const n = set.rows.length;
  set.set(n, 0, '负责人');
  set.set(n, 1, '王主任');
  set.set(n + 1, 0, '填表人');
  set.set(n + 1, 1, '李会计');
  const host = createExcelHost();
  const written = (await host.summarize(settings())).sheets;
  const texts = written.map((w) => fake.model.sheet(w)!).flatMap((s) => s.rows.flatMap((r) => (r ?? []).filter((v): v is string => typeof v === 'string')));
  expect(texts.filter((t) => /负责人：王主任/.test(t)).length).toBeGreaterThan(0);
  expect(texts.filter((t) => /填表人：李会计/.test(t)).length).toBeGreaterThan(0);
});

test('settings saved from the pane go into the 设置 sheet in place and the 村名单 sheet', async () => {
  fake = installSample(0);
  const host = createExcelHost();
  await host.saveSettings(settings({ township: '红旗镇', villages: ['红旗村', '光明村'], maskIds: true }));
  const s = values('设置');
  expect(s[0].slice(0, 2)).toEqual(['项目', '值']);
  expect(s.find((r) => r[0] === '乡镇')![1]).toBe('红旗镇');
  expect(s.find((r) => r[0] === '村名单')![1]).toBe('红旗村、光明村');
  expect(s.find((r) => r[0] === '身份证脱敏')![1]).toBe('是');
  expect(values('村名单').map((r) => r[0])).toEqual(['村名', '红旗村', '光明村']);
  expect(await createExcelHost().loadSettings()).toMatchObject({ township: '红旗镇', villages: ['红旗村', '光明村'], maskIds: true });
});

test('vocabulary, aliases and rule levels round-trip through the 词表, 列名 and 规则 sheets and apply to checks', async () => {
  fake = installSample(0);
  const host = createExcelHost();
  const before = await host.check('workbook', settings());
  const codes = new Set(before.problems.map((p) => p.code));
  const off = [...codes].find((c) => c.startsWith('phone.') || c.startsWith('vocab.')) ?? 'phone.invalid';
  const config = {
    vocab: [{ column: '优抚类别', term: '其他退役军人', synonyms: ['复退老兵'], groups: [], loc: { sheet: '词表' } }],
    aliases: [{ ledger: '优抚对象' as const, field: '身份证号', aliases: ['证件编号'], added: false, loc: { sheet: '列名' } }],
    rules: [{ code: off, level: 'off' as const, loc: { sheet: '规则' } }],
  };
  await host.saveConfig!(config);
  expect(values('词表')).toEqual([
    ['列', '标准写法', '同义词', '所属'],
    ['优抚类别', '其他退役军人', '复退老兵'],
  ]);
  expect(values('规则')[1].slice(0, 2)).toEqual([off, '关闭']);
  const back = await createExcelHost().loadConfig!();
  expect(back.issues).toEqual([]);
  const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'loc' ? undefined : v)));
  expect(strip({ vocab: back.config.vocab, aliases: back.config.aliases, rules: back.config.rules })).toEqual(strip(config));
  const after = await host.check('workbook', settings());
  expect(after.problems.filter((p) => p.code === off)).toEqual([]);
  expect(before.problems.filter((p) => p.code === off).length).toBeGreaterThan(0);
  // The configuration sheets are never ledgers.
  const configSheets = after.sheets.filter((s) => ['词表', '列名', '规则', '村名单', '设置'].includes(s.sheet));
  expect(configSheets.length).toBeGreaterThanOrEqual(3);
  expect(configSheets.every((s) => s.ledger === null)).toBe(true);
});

test('a mistake in a configuration sheet is a problem with its cell, like any', async () => {
  fake = createExcel({
    sheets: [
      { name: '规则', rows: [['代码', '级别'], ['phone.invaild', '关闭']] },
      { name: '优抚对象', rows: [['姓名', '身份证号', '优抚类别', '所在村']] },
    ],
  });
  const host = createExcelHost();
  const r = await host.check('workbook', settings());
  const p = r.problems.find((x) => x.code === 'config.unknown-code')!;
  expect(p).toMatchObject({ sheet: '规则', cell: 'A2', row: 2, severity: 'error', params: { name: 'phone.invaild', near: 'phone.invalid' } });
  const loaded = await host.loadConfig!();
  expect(loaded.issues.map((x) => x.code)).toEqual(['config.unknown-code']);
  // The settings view gets the entry with the mistake too (to be corrected, not dropped on save).
  expect(loaded.config.rules).toEqual([]);
  expect(loaded.texts).toEqual({ 词表: '', 列名: '', 规则: 'phone.invaild | 关闭' });
  expect(allText()).toContain('没有问题代码“phone.invaild”，是否为“phone.invalid”？');
});

test('import: a column the township’s 列名 sheet adds is carried into the merged sheet, as the CLI’s merge', async () => {
  const cols = ['序号', '所在村', '姓名', '身份证号', '优抚类别', '紧急联系人'];
  const village = {
    name: '红旗村.xlsx',
    sheets: [{ name: '优抚对象', rows: [cols, [1, '红旗村', '张三', makeId('110105', '19700101', 11), '其他退役军人', '家属甲']] }],
  };
  fake = createExcel({
    name: '青山镇.xlsx',
    sheets: [{ name: '列名', rows: [['台账', '标准列名', '别名'], ['优抚对象', '紧急联系人', '']] }],
  });
  const host = createExcelHost();
  const statuses = await host.importWorkbooks([{ name: '红旗村.xlsx', base64: xlsxBase64(village) }], settings());
  expect(statuses[0]).toMatchObject({ ok: true });
  const merged = values(`${MERGED_PREFIX}优抚对象`);
  const at = merged[0].indexOf('紧急联系人');
  expect(at).toBeGreaterThan(0);
  expect(merged[1][at]).toBe('家属甲');
  expect(merged[0].slice(at + 1)).toEqual(['来源', '来源工作表', '来源行', '校验']);
});

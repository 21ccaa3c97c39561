/**
 * One truth (issue 13): the CLI honours the configuration sheets (设置, 村名单, 词表, 列名, 规则)
 * inside the input workbooks as the add-in does, so a township workbook kept with the add-in and
 * checked with the CLI gives the same report. Precedence: the workbooks' sheets < --config < the
 * command line; several workbooks with different sheets: used together, the first listed wins
 * where they disagree, and stderr says so.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { exampleValues } from '../../src/core/blank';
import { resolveSettings } from '../../src/core';
import { LEDGER_SCHEMAS } from '../../src/core/schema';
import { readXlsx } from '../../src/cli/read';
import type { JsonReport } from '../../src/cli/report';
import { createExcelHost } from '../../src/excel/host-impl';
import { createExcel, descriptionFromWorkbookData, type ExcelSim } from '../excel-sim/node';
import { cli, tmpDir } from './helpers';
import { exampleId, writeRows, YEAR } from './fixtures';

jest.setTimeout(120000);

let fake: ExcelSim | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

const cols = LEDGER_SCHEMAS.find((s) => s.id === '优抚对象')!.columns.map((c) => c.field);
function row(i: number, p: Record<string, unknown>): unknown[] {
  const v: Record<string, unknown> = { ...exampleValues('优抚对象', YEAR, '红旗村', exampleId('优抚对象', i)), 序号: i, ...p };
  return cols.map((c) => (v[c] === undefined ? null : v[c]));
}

/** A ledger whose header says 证件编号, with a phone warning, a local word and a village of 青龙. */
function ledgerRows(): unknown[][] {
  const header = cols.map((c) => (c === '身份证号' ? '证件编号' : c));
  return [header, row(1, { 联系电话: '123' }), row(2, { 优抚类别: '复退老兵' }), row(3, { 所在村: '青龙村' }), row(4, {})];
}

/** The township's configuration in its own workbook, as the pane's settings view writes it. */
const TOWNSHIP_SHEETS = {
  设置: [['项目', '值', '说明'], ['年度', YEAR, ''], ['乡镇', '青龙镇', ''], ['登记截止日期', '10月31日', '']],
  村名单: [['村名'], ['红旗村'], ['青龙村']],
  词表: [['列', '标准写法', '同义词', '所属'], ['优抚类别', '其他退役军人', '复退老兵']],
  列名: [['台账', '标准列名', '别名'], ['优抚对象', '身份证号', '证件编号']],
  // Row 3: a mistake (no level 严重): a problem of the workbook at 规则!B3, the rest applies.
  规则: [['代码', '级别', '说明'], ['phone.invalid', '关闭', ''], ['id.checksum', '严重', '']],
};

async function report(dir: string, args: string[]): Promise<{ code: number; report: JsonReport; err: string }> {
  const json = path.join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  const r = await cli('check', ...args, '--json', json, '--quiet');
  return { code: r.code, err: r.err, report: JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport };
}

const keys = (ps: Array<{ sheet?: string; cell?: string; code: string; severity: string }>) =>
  ps
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .map((p) => `${p.sheet ?? ''}!${p.cell ?? ''} ${p.code} ${p.severity}`)
    .sort();

test('a township workbook with its configuration sheets: the CLI gives the add-in’s report', async () => {
  const dir = tmpDir();
  const f = path.join(dir, '青龙镇.xlsx');
  await writeRows(f, { 优抚对象: ledgerRows(), ...TOWNSHIP_SHEETS });

  const r = await report(dir, [f]);
  const cliKeys = keys(r.report.issues);
  // The sheets apply: a synonym is a fixable warning, the alias recognised, 青龙村 known, phone.invalid off.
  expect(cliKeys).toContain('优抚对象!H3 vocab.synonym warning');
  expect(cliKeys.filter((k) => /phone\.invalid|vocab\.invalid|village\.|header\./.test(k))).toEqual([]);
  // The mistake is a problem of the workbook, named at its cell; it counts as an error.
  expect(cliKeys).toContain('规则!B3 config.unknown-level error');
  expect(r.report.issues.find((i) => i.code === 'config.unknown-level')!.message).toBe('没有级别“严重”（级别有：错误、警告、提示、关闭）');
  expect(r.code).toBe(1);
  expect((await cli('check', f)).out).toMatch(/共 1 个错误，/);

  // The add-in over the same workbook (Microsoft's client is not needed here: the host layer over
  // the in-memory Excel, as test/excel does) lists the same problems.
  const read = await readXlsx(f);
  fake = createExcel(descriptionFromWorkbookData(read.data, { name: '青龙镇.xlsx' }));
  const host = createExcelHost();
  const addin = await host.check('workbook', resolveSettings({}));
  expect(keys(addin.problems.filter((p) => p.sheet !== '校验结果'))).toEqual(cliKeys);
});

test('without the sheets the same ledger has the built-in problems (the test above can fail)', async () => {
  const dir = tmpDir();
  const f = path.join(dir, '青龙镇.xlsx');
  await writeRows(f, { 优抚对象: ledgerRows(), 设置: TOWNSHIP_SHEETS.设置, 村名单: [['村名'], ['红旗村']] });
  const codes = keys((await report(dir, [f])).report.issues).map((k) => k.split(' ')[1]);
  expect(codes).toEqual(expect.arrayContaining(['phone.invalid', 'vocab.invalid', 'village.unknown', 'header.missing-column']));
});

test('precedence: the workbook’s sheets < --config < the command line', async () => {
  const dir = tmpDir();
  const f = path.join(dir, '青龙镇.xlsx');
  await writeRows(f, { 优抚对象: ledgerRows(), ...TOWNSHIP_SHEETS, 设置: [['项目', '值'], ['年度', 2024]] });
  const cj = path.join(dir, '配置.json');
  fs.writeFileSync(cj, JSON.stringify({ 设置: { 年度: 2025 }, 规则: [{ 代码: 'phone.invalid', 级别: '错误' }] }));
  const a = await report(dir, [f]);
  expect(a.report.year).toBe(2024);
  const b = await report(dir, [f, '--config', cj]);
  expect(b.report.year).toBe(2025);
  // --config raises what the workbook switched off, and says so.
  expect(keys(b.report.issues)).toContain('优抚对象!N2 phone.invalid error');
  expect(b.err).toContain('提示  配置不一致：「规则」phone.invalid 在 --config 配置.json 为“错误”，在 青龙镇.xlsx 为“关闭”，采用 --config 配置.json 的“错误”。');
  // The rest of the workbook's sheets still apply.
  expect(keys(b.report.issues)).toContain('优抚对象!H3 vocab.synonym warning');
  const c = await report(dir, [f, '--config', cj, '--year', String(YEAR)]);
  expect(c.report.year).toBe(YEAR);
});

test('several workbooks with different configuration sheets: used together, the first listed wins, a clear line', async () => {
  const dir = tmpDir();
  const a = path.join(dir, '红旗村.xlsx');
  const b = path.join(dir, '光明村.xlsx');
  const c = path.join(dir, '和平村.xlsx');
  await writeRows(a, { 优抚对象: ledgerRows(), 规则: [['代码', '级别'], ['phone.invalid', '关闭']], 村名单: [['村名'], ['红旗村'], ['青龙村']] });
  await writeRows(b, {
    优抚对象: ledgerRows(),
    规则: [['代码', '级别'], ['phone.invalid', '错误']],
    词表: [['列', '标准写法', '同义词'], ['优抚类别', '其他退役军人', '复退老兵']],
    列名: [['台账', '标准列名', '别名'], ['优抚对象', '身份证号', '证件编号']],
  });
  await writeRows(c, { 优抚对象: ledgerRows() });
  const r = await report(dir, [a, b, c]);
  const err = r.err.split('\n');
  expect(err).toContain(
    '提示  输入的工作簿带有不同的配置（词表、列名、规则）：红旗村.xlsx（规则 1 项）、光明村.xlsx（词表 1 项、列名 1 项、规则 1 项）、和平村.xlsx（无）。已合起来用于全部输入，不一致处以先列出的为准。要统一配置，请用 --config。',
  );
  expect(err).toContain('提示  配置不一致：「规则」phone.invalid 在 红旗村.xlsx 为“关闭”，在 光明村.xlsx 为“错误”，采用 红旗村.xlsx 的“关闭”。');
  // Applied to every file: 光明村's 词表 and 列名 to 红旗村 and 和平村, 红旗村's 规则 and villages to all.
  const all = keys(r.report.issues);
  expect(all.filter((k) => /phone\.invalid|vocab\.invalid|header\.|village\./.test(k))).toEqual([]);
  expect(r.report.issues.filter((i) => i.code === 'vocab.synonym').map((i) => i.file).sort()).toEqual(['光明村.xlsx', '和平村.xlsx', '红旗村.xlsx']);

  // Workbooks with the same sheets: no line.
  const d = path.join(dir, '新民社区.xlsx');
  fs.copyFileSync(a, d);
  const same = await report(dir, [a, d]);
  expect(same.err).not.toContain('不同的配置');
});

test('the forms’ and feedback’s settings in a workbook’s 设置 (联系人, 重新报送期限 …) are no mistakes there; in a --config file they are', async () => {
  const dir = tmpDir();
  const f = path.join(dir, '青龙镇.xlsx');
  const 设置 = [['项目', '值'], ['年度', YEAR], ['联系人', '王主任'], ['联系电话', '0531-12345678'], ['重新报送期限', 5], ['填表人', '李会计']];
  await writeRows(f, { 优抚对象: ledgerRows(), 设置 });
  const r = await report(dir, [f]);
  expect(r.report.issues.filter((i) => i.code.startsWith('config.'))).toEqual([]);
  // …and they are used: the feedback names the 联系人 and 联系电话 and gives 5 days.
  const fb = path.join(dir, 'fb');
  const before = new Date();
  await cli('check', f, '--feedback', fb, '--quiet');
  const after = new Date();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(fb, fs.readdirSync(fb)[0]));
  const texts: string[] = [];
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  expect(texts).toEqual(expect.arrayContaining(['王主任', '0531-12345678']));
  const dates = texts.map((t) => /于 (\d+)年(\d+)月(\d+)日 前重新报送/.exec(t)).find(Boolean)!;
  const by = new Date(+dates[1], +dates[2] - 1, +dates[3]);
  // 5 days from the day the feedback was made (the run may cross midnight: either day counts).
  const daysFrom = (made: Date) => Math.round((by.getTime() - new Date(made.getFullYear(), made.getMonth(), made.getDate()).getTime()) / 86400000);
  expect([daysFrom(before), daysFrom(after)]).toContain(5);
  const cx = path.join(dir, '配置.xlsx');
  await writeRows(cx, { 设置 });
  const c = await cli('check', f, '--config', cx);
  expect(c.code).toBe(2);
  expect(c.err).toContain('配置.xlsx「设置」第3行：没有设置项“联系人”');
});

test('the sample workbooks carry no configuration mistake', async () => {
  const dir = tmpDir();
  const r = await report(dir, [path.join(__dirname, '..', '..', 'samples')]);
  expect(r.report.issues.filter((i) => i.code.startsWith('config.'))).toEqual([]);
  expect(r.err).not.toContain('不同的配置');
});

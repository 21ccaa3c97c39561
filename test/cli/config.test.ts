/** `--config FILE` on every command and `ledger config --out`. */
import * as fs from 'fs';
import * as path from 'path';
import { exampleValues } from '../../src/core/blank';
import { LEDGER_SCHEMAS } from '../../src/core/schema';
import type { JsonReport } from '../../src/cli/report';
import { cli, tmpDir } from './helpers';
import { exampleId, writeRows, YEAR } from './fixtures';

jest.setTimeout(120000);

const cols = LEDGER_SCHEMAS.find((s) => s.id === '优抚对象')!.columns.map((c) => c.field);
function row(i: number, p: Record<string, unknown>): unknown[] {
  const v: Record<string, unknown> = { ...exampleValues('优抚对象', YEAR, '红旗村', exampleId('优抚对象', i)), 序号: i, ...p };
  return cols.map((c) => (v[c] === undefined ? null : v[c]));
}

async function ledger(dir: string): Promise<string> {
  const f = path.join(dir, '红旗村.xlsx');
  // Row 2: a phone warning; row 3: a local synonym the defaults do not know (an error); row 4: a
  // village only the configuration knows.
  await writeRows(f, {
    优抚对象: [cols, row(1, { 联系电话: '123' }), row(2, { 优抚类别: '复退老兵' }), row(3, { 所在村: '新建村' })],
    设置: [['项目', '值'], ['年度', YEAR], ['村名单', '红旗村']],
  });
  return f;
}

const CONFIG = {
  设置: { 乡镇: '青山镇', 年度: YEAR },
  村名单: ['红旗村', '新建村'],
  词表: [{ 列: '优抚类别', 标准写法: '其他退役军人', 同义词: '复退老兵' }],
  规则: [
    { 代码: 'phone.invalid', 级别: '错误' },
    { 代码: 'vocab.synonym', 级别: '关闭' },
  ],
};

async function report(dir: string, args: string[]): Promise<{ code: number; report: JsonReport; out: string; err: string }> {
  const json = path.join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  const r = await cli('check', ...args, '--json', json, '--quiet');
  return { code: r.code, out: r.out, err: r.err, report: JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReport };
}

function issues(r: JsonReport): Array<[string, string]> {
  return r.issues.map((i) => [i.code, i.severity] as [string, string]);
}

test('--config as JSON and as a workbook give the same report; levels, synonyms and villages apply', async () => {
  const dir = tmpDir();
  const f = await ledger(dir);
  const plain = await report(dir, [f]);
  expect(plain.code).toBe(1);
  expect(issues(plain.report)).toEqual(expect.arrayContaining([['phone.invalid', 'warning'], ['vocab.invalid', 'error'], ['village.unknown', 'error']]));

  const cj = path.join(dir, '配置.json');
  fs.writeFileSync(cj, JSON.stringify(CONFIG));
  const withJson = await report(dir, [f, '--config', cj]);
  // phone.invalid raised to 错误; the synonym's warning switched off; 新建村 known.
  expect(issues(withJson.report)).toEqual([['phone.invalid', 'error']]);
  expect(withJson.code).toBe(1);

  const cx = path.join(dir, '配置.xlsx');
  await writeRows(cx, {
    设置: [['项目', '值'], ['乡镇', '青山镇'], ['年度', YEAR]],
    村名单: [['村名'], ['红旗村'], ['新建村']],
    词表: [['列', '标准写法', '同义词'], ['优抚类别', '其他退役军人', '复退老兵']],
    规则: [['代码', '级别'], ['phone.invalid', '错误'], ['vocab.synonym', '关闭']],
  });
  const withXlsx = await report(dir, [f, '--config', cx]);
  expect(withXlsx.report).toEqual(withJson.report);
  expect(withXlsx.code).toBe(1);

  // Switch the raised rule off as well: no error left, exit 0.
  fs.writeFileSync(cj, JSON.stringify({ ...CONFIG, 规则: [{ 代码: 'phone.invalid', 级别: '关闭' }, { 代码: 'vocab.synonym', 级别: '关闭' }] }));
  const off = await report(dir, [f, '--config', cj]);
  expect(issues(off.report)).toEqual([]);
  expect(off.code).toBe(0);
});

test('the command line wins over the configuration file', async () => {
  const dir = tmpDir();
  const f = await ledger(dir);
  const cj = path.join(dir, '配置.json');
  fs.writeFileSync(cj, JSON.stringify({ 设置: { 年度: 2024 }, 村名单: ['红旗村', '新建村'] }));
  const a = await report(dir, [f, '--config', cj]);
  expect(a.report.year).toBe(2024);
  const v = path.join(dir, 'villages.txt');
  fs.writeFileSync(v, '红旗村\n');
  const b = await report(dir, [f, '--config', cj, '--year', String(YEAR), '--villages', v]);
  expect(b.report.year).toBe(YEAR);
  expect(issues(b.report)).toEqual(expect.arrayContaining([['village.unknown', 'error']]));
});

test('a configuration with mistakes stops with exit 2 and names each one; nothing is written', async () => {
  const dir = tmpDir();
  const f = await ledger(dir);
  const cx = path.join(dir, '配置.xlsx');
  await writeRows(cx, {
    词表: [['列', '标准写法', '同义词'], ['优抚类型', '其他退役军人', '复退老兵']],
    列名: [['台账', '标准列名', '别名'], ['优扶对象', '姓名', '名']],
    规则: [['代码', '级别'], ['phone.invalid', '警告'], ['phone.invaild', '关闭'], ['id.checksum', '严重']],
  });
  const json = path.join(dir, 'out.json');
  for (const command of [['check', f, '--json', json], ['summarize', f, '--out', path.join(dir, 's.xlsx')], ['merge', f, '--out', path.join(dir, 'm.xlsx')], ['template', '--out', path.join(dir, 't.xlsx')]]) {
    const r = await cli(...command, '--config', cx);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      '配置文件 配置.xlsx 有 4 处错误，未执行：',
      '配置.xlsx「词表」第2行：没有列“优抚类型”，是否为“优抚类别”？',
      '配置.xlsx「列名」第2行：没有台账“优扶对象”，是否为“优抚对象”？',
      '配置.xlsx「规则」第3行：没有问题代码“phone.invaild”，是否为“phone.invalid”？',
      '配置.xlsx「规则」第4行：没有级别“严重”（级别有：错误、警告、提示、关闭）',
    ]);
  }
  expect(fs.readdirSync(dir).sort()).toEqual(['红旗村.xlsx', '配置.xlsx']);
  const missing = await cli('check', f, '--config', path.join(dir, 'nope.json'));
  expect(missing.code).toBe(2);
  expect(missing.err).toContain('--config 文件不存在');
});

test('ledger config --out writes the built-in defaults, which read back unchanged', async () => {
  const dir = tmpDir();
  const out = path.join(dir, '配置.xlsx');
  const r = await cli('config', '--out', out);
  expect(r.code).toBe(0);
  expect(r.out).toContain('已写出配置工作簿');
  const f = await ledger(dir);
  const plain = await report(dir, [f]);
  const same = await report(dir, [f, '--config', out]);
  expect(same.report).toEqual(plain.report);
  // As JSON too, and with a configuration laid over the defaults.
  const cj = path.join(dir, '我的.json');
  fs.writeFileSync(cj, JSON.stringify(CONFIG));
  const outJson = path.join(dir, '全部.json');
  expect((await cli('config', '--out', outJson, '--config', cj, '--quiet')).code).toBe(0);
  const all = JSON.parse(fs.readFileSync(outJson, 'utf8')) as { 规则: Array<{ 代码: string; 级别: string }>; 村名单: string[]; 词表: Array<{ 标准写法: string; 同义词: string[] }> };
  expect(all.规则.find((x) => x.代码 === 'phone.invalid')!.级别).toBe('错误');
  expect(all.规则.find((x) => x.代码 === 'id.checksum')!.级别).toBe('错误');
  expect(all.村名单).toEqual(['红旗村', '新建村']);
  expect(all.词表.find((x) => x.标准写法 === '其他退役军人')!.同义词).toEqual(expect.arrayContaining(['退役士兵', '复退老兵']));
  const again = await report(dir, [f, '--config', outJson]);
  const direct = await report(dir, [f, '--config', cj]);
  expect(again.report).toEqual(direct.report);
});

/**
 * The configuration without code, written from ledgers.md §8 and cli.md § Configuration alone,
 * through the command line (`--config FILE`, a configuration workbook or the same content as JSON):
 *   - a 同义词 added in 词表 maps to its 标准写法: a (fixable) warning instead of an error;
 *   - an 别名 in 列名 is recognised as the column's header; a 标准列名 the ledger lacks adds a text
 *     column that is carried through merge;
 *   - a village only the configuration's 村名单 knows is accepted;
 *   - a code set to 关闭 in 规则 is gone; one raised to 错误 counts as an error (exit 1);
 *   - the same configuration as JSON gives the same report;
 *   - a configuration with mistakes (unknown sheet, column, ledger, field, code, level) stops the
 *     command with exit 2 and one line per mistake naming it and what exists; nothing is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runWith } from '../../src/cli/main';
import { makeId, withBadCheck } from './id';
import { pinToday, type JsonReport as Report } from './run';


let dir: string;
beforeAll(() => {
  pinToday();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acceptance-config-'));
});
afterAll(() => {
  jest.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWith(argv, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
  return { code, out, err };
}

async function writeBook(file: string, sheets: Record<string, unknown[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const c = ws.getCell(i + 1, j + 1);
        c.value = v as ExcelJS.CellValue;
        if (typeof v === 'string') c.numFmt = '@';
      }),
    );
  }
  await wb.xlsx.writeFile(file);
}

// The village's ledger (ledgers.md §4.1), its ID column headed 证件编号 (not an alias the defaults
// know), with a column 紧急联系人 the ledger does not have.
const HEADER = ['序号', '所在村', '姓名', '性别', '民族', '证件编号', '出生日期', '优抚类别', '入伍时间', '退伍时间', '联系电话', '状态', '紧急联系人'];
const PERSON = (n: number, o: Partial<Record<string, string | number>> = {}) => {
  const v: Record<string, string | number> = {
    序号: n,
    所在村: '红旗村',
    姓名: ['张建国', '李卫东', '王志强', '赵国庆', '钱进'][n - 1],
    性别: '男',
    民族: '汉族',
    证件编号: makeId('430121', `19${60 + n}0315`, 'M'),
    出生日期: `19${60 + n}-03-15`,
    优抚类别: '其他退役军人',
    入伍时间: '1980.11',
    退伍时间: '1985.12',
    联系电话: '13812345678',
    状态: '在册',
    紧急联系人: `家属${n}`,
    ...o,
  };
  return HEADER.map((h) => v[h] ?? null);
};
// Row 3: a 联系电话 that cannot be right (a warning by default); row 4: a local word for 其他退役军人;
// row 5: a village only the township's list knows; row 6: an ID whose check character is wrong.
const LEDGER = [
  ['红旗村优抚对象花名册'],
  HEADER,
  PERSON(1, { 联系电话: '123' }),
  PERSON(2, { 优抚类别: '复退老兵' }),
  PERSON(3, { 所在村: '青龙村' }),
  PERSON(4, { 证件编号: withBadCheck('43012119640315001') }),
  PERSON(5),
];

const CONFIG_SHEETS = {
  设置: [['项目', '值'], ['年度', 2026], ['乡镇', '青山镇'], ['登记截止日期', '10月31日']],
  村名单: [['村名'], ['红旗村'], ['青龙村']],
  词表: [['列', '标准写法', '同义词', '所属'], ['优抚类别', '其他退役军人', '复退老兵、退伍老兵']],
  列名: [['台账', '标准列名', '别名'], ['优抚对象', '身份证号', '证件编号'], ['优抚对象', '紧急联系人', '紧急联系人电话']],
  规则: [['代码', '级别'], ['phone.invalid', '错误'], ['id.checksum', '关闭']],
};
const CONFIG_JSON = {
  设置: { 年度: 2026, 乡镇: '青山镇', 登记截止日期: '10月31日' },
  村名单: ['红旗村', '青龙村'],
  词表: [{ 列: '优抚类别', 标准写法: '其他退役军人', 同义词: ['复退老兵', '退伍老兵'] }],
  列名: [
    { 台账: '优抚对象', 标准列名: '身份证号', 别名: '证件编号' },
    { 台账: '优抚对象', 标准列名: '紧急联系人', 别名: ['紧急联系人电话'] },
  ],
  规则: [
    { 代码: 'phone.invalid', 级别: '错误' },
    { 代码: 'id.checksum', 级别: '关闭' },
  ],
};

async function checkJson(args: string[]): Promise<{ code: number; report: Report; out: string[]; err: string[] }> {
  const json = path.join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = await run('check', ...args, '--json', json);
  return { ...r, report: JSON.parse(fs.readFileSync(json, 'utf8')) as Report };
}

const on = (r: Report, row: number) => r.issues.filter((i) => i.sheet === '优抚对象' && i.row === row);

describe('ledgers.md §8 through the CLI', () => {
  let ledger: string;
  let villages: string;
  let configXlsx: string;
  let configJson: string;
  beforeAll(async () => {
    ledger = path.join(dir, '红旗村.xlsx');
    await writeBook(ledger, { 优抚对象: LEDGER });
    villages = path.join(dir, 'villages.txt');
    fs.writeFileSync(villages, '红旗村\n');
    configXlsx = path.join(dir, '配置.xlsx');
    await writeBook(configXlsx, CONFIG_SHEETS);
    configJson = path.join(dir, '配置.json');
    fs.writeFileSync(configJson, JSON.stringify(CONFIG_JSON, null, 2));
  });

  test('without the configuration the defaults apply (so each change below is the configuration’s)', async () => {
    // --villages gives the village list here; with --config it would win over the file's 村名单.
    const r = await checkJson([ledger, '--year', '2026', '--villages', villages]);
    expect(r.code).toBe(1);
    // 证件编号 is not a header the defaults know: the required 身份证号 is missing.
    expect(r.report.issues.some((i) => i.severity === 'error' && /身份证号/.test(i.message) && (i.row === 2 || i.row === undefined))).toBe(true);
    expect(on(r.report, 3).map((i) => [i.code, i.severity])).toContainEqual(['phone.invalid', 'warning']);
    expect(on(r.report, 4).some((i) => i.severity === 'error' && i.column === '优抚类别')).toBe(true);
    expect(on(r.report, 5).some((i) => i.severity === 'error' && i.column === '所在村')).toBe(true);
  });

  test('with the configuration workbook: synonym → warning with its term, alias recognised, village accepted, levels applied', async () => {
    const r = await checkJson([ledger, '--config', configXlsx]);
    const issues = r.report.issues;
    // The alias: no header problem, and the ID column is checked as 身份证号.
    expect(issues.filter((i) => i.row === 2 || (i.row === undefined && i.sheet === '优抚对象'))).toEqual([]);
    // The synonym: a warning that names the standard term, not an error.
    const row4 = on(r.report, 4);
    expect(row4.map((i) => [i.column, i.severity])).toEqual([['优抚类别', 'warning']]);
    // The village only the configuration knows.
    expect(on(r.report, 5)).toEqual([]);
    // 关闭: the wrong check character is not reported anywhere.
    expect(issues.filter((i) => i.code === 'id.checksum')).toEqual([]);
    expect(on(r.report, 6)).toEqual([]);
    // Raised to 错误: the short phone is an error and the run ends with 1.
    expect(on(r.report, 3).map((i) => [i.code, i.severity])).toEqual([['phone.invalid', 'error']]);
    expect(issues.filter((i) => i.severity === 'error')).toHaveLength(1);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/共 1 个错误，1 个警告/);
  });

  test('the synonym’s warning is fixable: the marked copy names the standard term', async () => {
    const marked = path.join(dir, 'marked');
    const r = await run('check', ledger, '--config', configXlsx, '--marked', marked);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(marked, fs.readdirSync(marked)[0]));
    const ws = wb.getWorksheet('优抚对象')!;
    const col = HEADER.indexOf('优抚类别') + 1;
    const cell = ws.getCell(4, col);
    expect(cell.text).toBe('复退老兵'); // the copy is marked, not changed
    const note = JSON.stringify(cell.note ?? '');
    expect(note).toContain('其他退役军人');
    expect(note).toMatch(/警告/);
  });

  test('the same configuration as JSON gives the same report', async () => {
    const x = await checkJson([ledger, '--config', configXlsx]);
    const j = await checkJson([ledger, '--config', configJson]);
    expect(j.report).toEqual(x.report);
    expect(j.code).toBe(x.code);
    expect(j.out.filter((l) => !/JSON/.test(l))).toEqual(x.out.filter((l) => !/JSON/.test(l)));
  });

  test('a 标准列名 the ledger lacks is an added column, carried through merge', async () => {
    for (const cfg of [configXlsx, configJson]) {
      const out = path.join(dir, `合并-${path.extname(cfg).slice(1)}.xlsx`);
      const r = await run('merge', ledger, '--config', cfg, '--out', out);
      expect(r.code).toBe(1); // the phone raised to 错误
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const texts: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void texts.push(c.text))));
      expect(texts).toContain('紧急联系人');
      for (let n = 1; n <= 5; n++) expect(texts).toContain(`家属${n}`);
    }
  });

  test('the command line wins over the configuration file', async () => {
    const r = await checkJson([ledger, '--config', configJson, '--villages', villages, '--year', '2025']);
    expect(r.report.year).toBe(2025);
    expect(on(r.report, 5).some((i) => i.severity === 'error' && i.column === '所在村')).toBe(true);
  });

  describe('a configuration with mistakes: exit 2, each one named, nothing done', () => {
    const WRONG_SHEETS = {
      设置: [['项目', '值'], ['年度', 2026], ['乡长', '张三']],
      词表: [['列', '标准写法', '同义词'], ['优抚类型', '其他退役军人', '复退老兵']],
      列名: [['台账', '标准列名', '别名', '备注栏'], ['优扶对象', '身份证号', '证件编号', '']],
      规则: [['代码', '级别'], ['phone.invalid', '警告'], ['phone.invaild', '关闭'], ['id.checksum', '严重']],
      规则表: [['代码', '级别']],
    };
    const WRONG_JSON = {
      设置: { 年度: 2026, 乡长: '张三' },
      词表: [{ 列: '优抚类型', 标准写法: '其他退役军人', 同义词: '复退老兵' }],
      列名: [{ 台账: '优扶对象', 标准列名: '身份证号', 别名: '证件编号', 备注栏: '' }],
      规则: [
        { 代码: 'phone.invalid', 级别: '警告' },
        { 代码: 'phone.invaild', 级别: '关闭' },
        { 代码: 'id.checksum', 级别: '严重' },
      ],
      规则表: [],
    };

    /** Each mistake: the sheet, the wrong name, the existing name it should name. */
    const MISTAKES: Array<[string, string, string]> = [
      ['设置', '乡长', '乡镇'],
      ['词表', '优抚类型', '优抚类别'],
      ['列名', '优扶对象', '优抚对象'],
      ['列名', '备注栏', '别名'],
      ['规则', 'phone.invaild', 'phone.invalid'],
      ['规则', '严重', '关闭'],
      ['规则表', '规则表', '规则'],
    ];

    for (const kind of ['xlsx', 'json'] as const) {
      test(`as ${kind}`, async () => {
        const sub = fs.mkdtempSync(path.join(dir, `wrong-${kind}-`));
        const cfg = path.join(sub, `错配置.${kind}`);
        if (kind === 'xlsx') await writeBook(cfg, WRONG_SHEETS);
        else fs.writeFileSync(cfg, JSON.stringify(WRONG_JSON));
        const json = path.join(sub, 'out.json');
        const r = await run('check', ledger, '--config', cfg, '--json', json);
        expect(r.code).toBe(2);
        const lines = r.err;
        for (const [sheet, wrong, right] of MISTAKES) {
          const line = lines.find((l) => l.includes(`错配置.${kind}`) && l.includes(sheet) && l.includes(`“${wrong}”`));
          expect([sheet, wrong, line]).toEqual([sheet, wrong, expect.stringContaining(right)]);
        }
        // The example line of cli.md, with the row.
        if (kind === 'xlsx') expect(lines).toContainEqual(expect.stringMatching(/^错配置\.xlsx「规则」第3行：没有问题代码“phone\.invaild”，是否为 ?“phone\.invalid”？$/));
        // Nothing was checked or written.
        expect(fs.existsSync(json)).toBe(false);
        expect(r.out.join('\n')).not.toMatch(/个错误/);
        for (const command of [
          ['summarize', ledger, '--out', path.join(sub, '汇总.xlsx')],
          ['merge', ledger, '--out', path.join(sub, '合并.xlsx')],
          ['template', '--out', path.join(sub, '空白.xlsx')],
        ]) {
          expect((await run(...command, '--config', cfg)).code).toBe(2);
        }
        expect(fs.readdirSync(sub)).toEqual([`错配置.${kind}`]);
      });
    }
  });
});

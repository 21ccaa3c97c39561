/** The configuration of ledgers.md §8: read from a workbook's sheets or JSON, validated, applied. */
import {
  configCheckOptions,
  configIssueLine,
  configSettings,
  defaultConfigSheets,
  readConfigJson,
  readConfigWorkbook,
  type ConfigRead,
} from '../../src/core/config';
import type { CellValue, SheetData } from '../../src/core/model';
import { buildSchemas, SchemaOverrideError } from '../../src/core/schema';
import { BENEFICIARY_HEADER, beneficiaryRow, book, sheet } from './fixtures';
import { check } from './helpers';

const CONFIG_SHEETS: SheetData[] = [
  sheet('设置', [
    ['项目', '值'],
    ['年度', 2025],
    ['乡镇', '青山镇'],
    ['登记截止日期', '9月30日'],
  ]),
  sheet('村名单', [['村名'], ['红旗村'], ['新建村']]),
  sheet('词表', [
    ['列', '标准写法', '同义词', '所属'],
    ['优抚类别', '其他退役军人', '退役老兵、复退老兵', null],
    ['优抚类别', '见义勇为人员', '见义勇为', null],
  ]),
  sheet('列名', [
    ['台账', '标准列名', '别名'],
    ['优抚对象', '身份证号', '证件编号'],
    ['优抚对象', '银行账号', '社保卡号'],
  ]),
  sheet('规则', [
    ['代码', '级别'],
    ['phone.invalid', '关闭'],
    ['vocab.synonym', '错误'],
  ]),
];

const CONFIG_JSON = JSON.stringify({
  设置: { 年度: 2025, 乡镇: '青山镇', 登记截止日期: '9月30日' },
  村名单: ['红旗村', '新建村'],
  词表: [
    { 列: '优抚类别', 标准写法: '其他退役军人', 同义词: ['退役老兵', '复退老兵'] },
    { 列: '优抚类别', 标准写法: '见义勇为人员', 同义词: '见义勇为' },
  ],
  列名: [
    { 台账: '优抚对象', 标准列名: '身份证号', 别名: '证件编号' },
    { 台账: '优抚对象', 标准列名: '银行账号', 别名: ['社保卡号'] },
  ],
  规则: [
    { 代码: 'phone.invalid', 级别: '关闭' },
    { 代码: 'vocab.synonym', 级别: '错误' },
  ],
});

function ledger(rows: CellValue[][], header = BENEFICIARY_HEADER) {
  return [book('红旗村.xlsx', sheet('优抚对象', [header, ...rows]))];
}

function checkWith(c: ConfigRead, rows: CellValue[][], header = BENEFICIARY_HEADER) {
  return check(ledger(rows, header), configSettings(c.config), configCheckOptions(c.config));
}

const fromSheets = () => readConfigWorkbook('配置.xlsx', CONFIG_SHEETS, { standalone: true });

test('a configuration workbook is read into settings, villages, vocabulary, aliases and rule levels', () => {
  const c = fromSheets();
  expect(c.issues).toEqual([]);
  expect(configSettings(c.config)).toEqual({ year: 2025, township: '青山镇', deadline: { month: 9, day: 30 }, villages: ['红旗村', '新建村'] });
  expect(c.config.vocab.map((v) => [v.column, v.term, v.synonyms])).toEqual([
    ['优抚类别', '其他退役军人', ['退役老兵', '复退老兵']],
    ['优抚类别', '见义勇为人员', ['见义勇为']],
  ]);
  expect(c.config.aliases.map((a) => [a.ledger, a.field, a.aliases, a.added])).toEqual([
    ['优抚对象', '身份证号', ['证件编号'], false],
    ['优抚对象', '银行账号', ['社保卡号'], true],
  ]);
  expect(c.config.rules.map((r) => [r.code, r.level])).toEqual([
    ['phone.invalid', 'off'],
    ['vocab.synonym', 'error'],
  ]);
});

test('the same configuration as JSON gives the same configuration and the same report', () => {
  const a = fromSheets();
  const b = readConfigJson('配置.json', CONFIG_JSON);
  expect(b.issues).toEqual([]);
  const strip = (r: ConfigRead) => JSON.parse(JSON.stringify(r.config, (k, v) => (k === 'loc' ? undefined : v)));
  expect(strip(b)).toEqual(strip(a));
  const rows = [beneficiaryRow(1, { 优抚类别: '退役老兵', 联系电话: '123' }), beneficiaryRow(2, { 所在村: '新建村' })];
  const ra = checkWith(a, rows);
  const rb = checkWith(b, rows);
  expect(rb.problems).toEqual(ra.problems);
  expect(rb.sheets).toEqual(ra.sheets);
});

describe('applied to a check', () => {
  test('a synonym added in 词表 becomes a fixable warning instead of an error', () => {
    const rows = [beneficiaryRow(1, { 优抚类别: '复退老兵' })];
    const without = check(ledger(rows));
    expect(without.problems.map((p) => [p.code, p.severity])).toEqual([['vocab.invalid', 'error']]);
    const c = readConfigWorkbook('配置.xlsx', [CONFIG_SHEETS[2]], { standalone: true });
    const withC = checkWith(c, rows);
    expect(withC.problems.map((p) => [p.code, p.severity, p.fix])).toEqual([['vocab.synonym', 'warning', '其他退役军人']]);
    expect(withC.tables[0].records[0].v['优抚类别']).toBe('其他退役军人');
  });

  test('a new term with its synonym is accepted', () => {
    const c = readConfigWorkbook('配置.xlsx', [CONFIG_SHEETS[2]], { standalone: true });
    const r = checkWith(c, [beneficiaryRow(1, { 优抚类别: '见义勇为人员' })]);
    expect(r.problems).toEqual([]);
  });

  test('an alias in 列名 is recognised, and a new 标准列名 adds an optional column', () => {
    const header = BENEFICIARY_HEADER.map((h) => (h === '身份证号' ? '证件编号' : h)).concat('社保卡号');
    const rows = [[...beneficiaryRow(1), '6217000012345678']];
    const without = check(ledger(rows, header));
    expect(without.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['header.missing-column', 'header.unknown-column']));
    const c = readConfigWorkbook('配置.xlsx', [CONFIG_SHEETS[3]], { standalone: true });
    const r = checkWith(c, rows, header);
    expect(r.problems).toEqual([]);
    expect(r.tables[0].columns.map((x) => x.field)).toEqual(expect.arrayContaining(['身份证号', '银行账号']));
    expect(r.tables[0].records[0].v['银行账号']).toBe('6217000012345678');
  });

  test('a village only the configuration knows is accepted; one it does not know is not', () => {
    const c = readConfigWorkbook('配置.xlsx', [CONFIG_SHEETS[1]], { standalone: true });
    const r = checkWith(c, [beneficiaryRow(1, { 所在村: '新建村' }), beneficiaryRow(2, { 所在村: '东风村' })]);
    expect(r.problems.map((p) => [p.row, p.code])).toEqual([[3, 'village.unknown']]);
  });

  test('a rule switched off is gone; one raised to 错误 counts as an error', () => {
    const rows = [beneficiaryRow(1, { 联系电话: '123' }), beneficiaryRow(2, { 优抚类别: '烈属' })];
    const without = check(ledger(rows));
    expect(without.problems.map((p) => [p.code, p.severity])).toEqual([
      ['phone.invalid', 'warning'],
      ['vocab.synonym', 'warning'],
    ]);
    expect(without.sheets[0]).toMatchObject({ errors: 0, warnings: 2 });
    const c = readConfigWorkbook('配置.xlsx', [CONFIG_SHEETS[4]], { standalone: true });
    const r = checkWith(c, rows);
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['vocab.synonym', 'error']]);
    expect(r.sheets[0]).toMatchObject({ errors: 1, warnings: 0 });
    expect(r.tables[0].records.map((x) => x.hasError)).toEqual([false, true]);
  });

  test('a switched-off error no longer marks the row as bad', () => {
    const rows = [beneficiaryRow(1, { 优抚类别: '不知道' })];
    const c = readConfigJson('c.json', JSON.stringify({ 规则: [{ 代码: 'vocab.invalid', 级别: '关闭' }] }));
    const r = checkWith(c, rows);
    expect(r.problems).toEqual([]);
    expect(r.sheets[0].errors).toBe(0);
    expect(r.tables[0].records[0].hasError).toBe(false);
  });
});

describe('mistakes', () => {
  const BAD: SheetData[] = [
    sheet('设置', [['年度', '明年'], ['乡名', '青山镇']]),
    sheet('词表', [
      ['列', '标准写法', '同义词', '备注'],
      ['优抚类型', '残疾军人', null],
      ['优抚类别', '伤残军人', null],
      ['活动类别', '送春联', null, null],
    ]),
    sheet('列名', [['台账', '标准列名', '别名'], ['优扶对象', '姓名', '名'], ['优抚对象', '身分证号', '证号'], ['优抚对象', '姓名', '身份证']]),
    sheet('规则', [['代码', '级别'], ['phone.invalid', '警告'], ['phone.invaild', '关闭'], ['id.checksum', '严重']]),
    sheet('规侧', [['x']]),
  ];

  test('each mistake is named with its sheet, row and the nearest existing name', () => {
    const c = readConfigWorkbook('配置.xlsx', BAD, { standalone: true });
    const lines = c.issues.map((p) => configIssueLine(p));
    expect(lines).toEqual(
      expect.arrayContaining([
        '配置.xlsx「规则」第3行：没有问题代码“phone.invaild”，是否为“phone.invalid”？',
        '配置.xlsx「规则」第4行：没有级别“严重”（级别有：错误、警告、提示、关闭）',
        '配置.xlsx「规侧」：没有配置表“规侧”，是否为“规则”？',
        '配置.xlsx「词表」第1行：没有列“备注”（可用的列：列、标准写法、同义词、所属、说明）',
        '配置.xlsx「词表」第2行：没有列“优抚类型”，是否为“优抚类别”？',
        '配置.xlsx「词表」第3行：“伤残军人”与已有的“残疾军人”冲突',
        '配置.xlsx「列名」第2行：没有台账“优扶对象”，是否为“优抚对象”？',
        '配置.xlsx「列名」第3行：没有列“身分证号”，是否为“身份证号”？',
        '配置.xlsx「列名」第4行：“身份证”与已有的“身份证号”冲突',
        '配置.xlsx「设置」第1行：“年度”的值“明年”无法识别',
        '配置.xlsx「设置」第2行：没有设置项“乡名”，是否为“乡镇”？',
      ]),
    );
    expect(lines).toHaveLength(11);
    // The cells are named for links.
    expect(c.issues.find((p) => p.code === 'config.unknown-code')).toMatchObject({ sheet: '规则', row: 3, col: 1, cell: 'A3' });
    expect(c.issues.find((p) => p.code === 'config.unknown-level')).toMatchObject({ cell: 'B4' });
    // What is right still applies.
    expect(c.config.rules.map((r) => r.code)).toEqual(['phone.invalid']);
    expect(c.config.vocab.map((v) => v.term)).toEqual(['送春联']);
  });

  test('JSON: unknown keys, wrong types and bad names are each named', () => {
    const c = readConfigJson(
      '配置.json',
      JSON.stringify({
        设置: { 年度: '明年', 乡长: '张三' },
        词表: [{ 列: '优抚类别', 标准写法: '残疾军人', 同意词: 'x' }],
        规则: [{ 代码: 'phone.invaild', 级别: '关闭' }, { 代码: 'phone.invalid' }],
        规则表: [],
      }),
    );
    const lines = c.issues.map((p) => configIssueLine(p));
    expect(lines).toEqual(
      expect.arrayContaining([
        '配置.json「设置」：没有设置项“乡长”，是否为“乡镇”？',
        '配置.json「词表」第1项：没有列“同意词”，是否为“同义词”？',
        '配置.json「规则」第1项：没有问题代码“phone.invaild”，是否为“phone.invalid”？',
        '配置.json「规则」第2项：缺少列“级别”',
        '配置.json「规则表」：没有配置表“规则表”，是否为“规则”？',
        // An unknown key does not hide the other keys' mistakes (as an extra column in a sheet).
        '配置.json「设置」：“年度”的值“明年”无法识别',
      ]),
    );
    expect(lines).toHaveLength(6);
    expect(readConfigJson('c.json', '{ "规则": [').issues.map((p) => p.code)).toEqual(['config.unreadable']);
    expect(readConfigJson('c.json', JSON.stringify({ 设置: { 年度: '明年' } })).issues.map((p) => configIssueLine(p))).toEqual([
      'c.json「设置」：“年度”的值“明年”无法识别',
    ]);
  });

  test('in the township workbook, the ledgers are not configuration sheets', () => {
    const c = readConfigWorkbook('红旗村.xlsx', [sheet('优抚对象', [BENEFICIARY_HEADER]), CONFIG_SHEETS[4]], { standalone: false });
    expect(c.issues).toEqual([]);
    expect(c.present).toBe(true);
    const none = readConfigWorkbook('红旗村.xlsx', [sheet('优抚对象', [BENEFICIARY_HEADER])], { standalone: false });
    expect(none.present).toBe(false);
  });

  test('the forms’ and feedback’s 设置 entries: read in the township workbook, a mistake in a configuration file', () => {
    const set = sheet('设置', [
      ['项目', '值'],
      ['乡镇', '青山镇'],
      ['负责人', '王主任'],
      ['制表人', '李会计'],
      ['联系电话', '0531-86012345'],
      ['重新报送期限', '10天'],
    ]);
    const c = readConfigWorkbook('红旗村.xlsx', [set], { standalone: false });
    expect(c.issues).toEqual([]);
    expect(configSettings(c.config)).toEqual({ township: '青山镇', people: { head: '王主任', preparer: '李会计', phone: '0531-86012345' }, resubmitDays: 10 });
    const file = readConfigWorkbook('配置.xlsx', [set], { standalone: true });
    expect(file.issues.map((p) => [p.code, p.cell])).toEqual([['config.unknown-setting', 'A3'], ['config.unknown-setting', 'A4'], ['config.unknown-setting', 'A5'], ['config.unknown-setting', 'A6']]);
    expect(configSettings(file.config)).toEqual({ township: '青山镇' });
    const bad = readConfigWorkbook('红旗村.xlsx', [sheet('设置', [['重新报送期限', '一周']])], { standalone: false });
    expect(bad.issues.map((p) => [p.code, p.cell, p.value])).toEqual([['config.bad-value', 'B1', '一周']]);
  });

  test('configuration sheets in a ledger workbook are never checked as ledgers', () => {
    const r = check([book('红旗村.xlsx', ...CONFIG_SHEETS, sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]))]);
    expect(r.sheets.filter((s) => s.ledger !== null).map((s) => s.sheet)).toEqual(['优抚对象']);
    expect(r.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});

test('the built-in defaults read back as a configuration without mistakes and change nothing', () => {
  const sheets = defaultConfigSheets().map((s) => sheet(s.name, s.rows));
  const c = readConfigWorkbook('默认.xlsx', sheets, { standalone: true });
  expect(c.issues.map((p) => configIssueLine(p))).toEqual([]);
  expect(c.config.rules.length).toBeGreaterThan(60);
  expect(c.config.vocab.some((v) => v.term === '残疾军人' && v.synonyms.includes('伤残军人'))).toBe(true);
  const rows = [beneficiaryRow(1, { 优抚类别: '烈属', 联系电话: '123' }), beneficiaryRow(2, { 所在村: '东风村' })];
  const a = check(ledger(rows));
  const b = checkWith(c, rows);
  expect(b.problems).toEqual(a.problems);
});

test('an override naming what does not exist is an error, not dropped', () => {
  expect(() => buildSchemas({ ledgers: { 优抚对象: { columns: { 身分证号: { aliases: ['证号'] } } } } })).toThrow(SchemaOverrideError);
  expect(() => buildSchemas({ ledgers: { 优抚对象: { disableRules: ['no-such-rule'] } } })).toThrow(/没有规则“no-such-rule”/);
  expect(() => buildSchemas({ ledgers: { 优扶对象: {} } as never })).toThrow(/没有台账“优扶对象”/);
  expect(() => check(ledger([beneficiaryRow(1)]), {}, { schemaOverride: { ledgers: { 优抚对象: { columns: { x: {} } } } } })).toThrow(/没有列“x”/);
});

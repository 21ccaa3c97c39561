/**
 * Year over year (ledgers.md §6, cli.md "diff"), written from the spec alone: two years of two
 * villages' workbooks, saved as .xlsx the way clerks keep them (title rows, a 合计 row and notes,
 * other header spellings, columns in another order, rows moved, IDs with a trailing space, a
 * lower-case x or in 15 digits, amounts as text, dates in other forms, synonyms), then `ledger diff
 * --json`: every added, removed (and unexplained), changed and not-verified row is found with the
 * right columns and locations, and nothing else.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runWith } from '../../src/cli/main';
import type { CellValue } from '../../src/core/model';
import { day, makeId, upgrade15 } from './id';
import { saveBook } from './run';
import { book, sheet } from './sheet';

jest.setTimeout(120000);

const R = '110105';
// 优抚对象
const A = makeId(R, '19500312', 'M');
const B = makeId(R, '19480701', 'F');
const C = makeId(R, '19880808', 'M', true); // ends in X
const D = makeId(R, '19700120', 'M');
const F = makeId(R, '19620101', 'M');
const G = makeId(R, '19650505', 'M');
const H15 = '110105' + '640214' + '013'; // 15-digit, male
const H = upgrade15(H15);
const I = makeId(R, '19990415', 'M');
const J = makeId(R, '19320520', 'M');
const K = makeId(R, '19750228', 'F');
const L = makeId(R, '19800808', 'M');
// 兵役登记 (this year 2026)
const M1 = makeId(R, '20070310', 'M'); // registered 2025, 核验 in 2026 (other village): verified
const M2 = makeId(R, '20070611', 'M'); // registered 2025, missing 2026: 未核验
const M3 = makeId(R, '20010101', 'M'); // 核验 2025, 25 at the end of 2026: not listed
const M4 = makeId(R, '20070909', 'M'); // 初次 2025 but not registered: not listed
const M5 = makeId(R, '20030303', 'M'); // 补登 2025 and 补登 2026: verified
const M6 = makeId(R, '20021231', 'M'); // 核验 2025, 24 at the end of 2026, missing: 未核验

const YF = ['序号', '所在村', '姓名', '性别', '身份证号', '出生日期', '优抚类别', '残疾等级', '残疾性质', '入伍时间', '退伍时间', '本年发放金额(元)', '联系电话', '状态', '备注'];
type P = Record<string, CellValue>;
const yf = (p: P): CellValue[] => YF.map((h) => (p[h] === undefined ? null : p[h]));
const BY = ['序号', '所在村', '姓名', '身份证号', '性别', '登记类型', '是否已登记', '登记日期'];

async function writeYears(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, '2025'), { recursive: true });
  fs.mkdirSync(path.join(dir, '2026'), { recursive: true });
  // ── 2025 ──
  await saveBook(book('红旗村.xlsx', [
    sheet('优抚对象', [
      [1, ['红旗村优抚对象花名册']],
      [2, ['填报单位：红旗村 填报日期：2025年11月20日']],
      [3, YF],
      [4, yf({ 序号: 1, 所在村: '红旗村', 姓名: '甲', 性别: '男', 身份证号: A, 出生日期: day(1950, 3, 12), 优抚类别: '残疾军人', 残疾等级: '五级', 残疾性质: '因战', 入伍时间: '1968.03', 退伍时间: '1972.12', '本年发放金额(元)': 28000, 状态: '在册' })],
      [5, yf({ 序号: 2, 所在村: '红旗村', 姓名: '乙', 性别: '女', 身份证号: B, 优抚类别: '烈士遗属', '本年发放金额(元)': 24000, 状态: '在册' })],
      [6, yf({ 序号: 3, 所在村: '红旗村', 姓名: '丙', 身份证号: C, 优抚类别: '其他退役军人', '本年发放金额(元)': 1200 })],
      [7, yf({ 序号: 4, 所在村: '红旗村', 姓名: '丁', 身份证号: D, 优抚类别: '参战退役军人', '本年发放金额(元)': 5000, 状态: '在册' })],
      [8, yf({ 序号: 5, 所在村: '红旗村', 姓名: '己', 身份证号: F, 优抚类别: '其他退役军人', '本年发放金额(元)': 1200, 状态: '在册' })],
      [9, yf({ 序号: 6, 所在村: '红旗村', 姓名: '己', 身份证号: F, 优抚类别: '参战退役军人', '本年发放金额(元)': 800, 状态: '在册' })],
      [10, yf({ 序号: 7, 所在村: '红旗村', 姓名: '庚', 身份证号: G, 优抚类别: '其他退役军人', 状态: '暂停' })],
      [11, yf({ 序号: 8, 所在村: '红旗村', 姓名: '辛', 身份证号: H15, 优抚类别: '其他退役军人', '本年发放金额(元)': 500 })],
      [12, yf({ 序号: 9, 所在村: '红旗村', 姓名: '壬', 身份证号: J, 优抚类别: '在乡复员军人', '本年发放金额(元)': 18000 })],
      [13, yf({ 序号: 10, 所在村: '红旗村', 姓名: '癸', 身份证号: K, 优抚类别: '现役军人家属', '本年发放金额(元)': 1200 })],
      [14, ['合计', null, null, null, null, null, null, null, null, null, null, 79100]],
      [16, ['制表人：李会计']],
    ]),
    sheet('兵役登记', [
      [1, BY],
      [2, ['1', '红旗村', '男一', M1, '男', '初次', '是', '2025-05-10']],
      [3, ['2', '红旗村', '男二', M2, '男', '初次', '是', '2025-05-11']],
      [4, ['3', '红旗村', '男三', M3, '男', '核验', '是', '2025-05-12']],
      [5, ['4', '红旗村', '男四', M4, '男', '初次', '否', null]],
      [6, ['5', '红旗村', '男五', M5, '男', '补登', '是', '2025-05-13']],
      [7, ['6', '红旗村', '男六', M6, '男', '核验', '是', '2025-05-14']],
    ]),
  ]), path.join(dir, '2025', '红旗村.xlsx'), { mergeTitles: true });
  await saveBook(book('光明村.xlsx', [
    sheet('优抚对象', [
      [1, YF],
      [2, yf({ 序号: 1, 所在村: '光明村', 姓名: '子', 身份证号: L, 优抚类别: '带病回乡退役军人', 入伍时间: '1998.12', '本年发放金额(元)': 3600 })],
    ]),
  ]), path.join(dir, '2025', '光明村.xlsx'));

  // ── 2026: other header spellings and column order, rows moved, the usual mess ──
  const YF2 = ['姓 名', '公民身份号码', '所在村(社区)', '序号', '优抚类别', '残疾等级', '残疾性质', '本年发放金额（元）', '出生日期', '入伍时间', '退伍时间', '状态', '备注'];
  const yf2 = (p: P): CellValue[] => ['姓名', '身份证号', '所在村', '序号', '优抚类别', '残疾等级', '残疾性质', '本年发放金额(元)', '出生日期', '入伍时间', '退伍时间', '状态', '备注'].map((h) => (p[h] === undefined ? null : p[h]));
  await saveBook(book('红旗村.xlsx', [
    sheet('Sheet1', [
      [1, ['红旗村2026年优抚对象花名册']],
      [2, YF2],
      [3, yf2({ 姓名: '辛', 身份证号: H, 所在村: '红旗村', 序号: 1, 优抚类别: '其他退役军人', '本年发放金额(元)': '500' })],
      [4, yf2({ 姓名: '丙', 身份证号: C.toLowerCase() + ' ', 所在村: '红旗村 ', 序号: 2, 优抚类别: '退役士兵', '本年发放金额(元)': 1200, 状态: '在册' })],
      [5, yf2({ 姓名: '甲', 身份证号: A, 所在村: '红旗村', 序号: 3, 优抚类别: '伤残军人', 残疾等级: '4级', 残疾性质: '因战', '本年发放金额(元)': '28000.00', 出生日期: '1950年3月12日', 入伍时间: '1968年3月', 退伍时间: '1972-12', 状态: '在册', 备注: '2026年评残' })],
      [6, yf2({ 姓名: '乙', 身份证号: B, 所在村: '红旗村', 序号: 4, 优抚类别: '烈属', '本年发放金额(元)': 24000, 备注: '无变化' })],
      [7, yf2({ 姓名: '己', 身份证号: F, 所在村: '红旗村', 序号: 5, 优抚类别: '其他退役军人', '本年发放金额(元)': 1200, 状态: '注销' })],
      [8, yf2({ 姓名: '壬', 身份证号: J, 所在村: '红旗村', 序号: 6, 优抚类别: '带病回乡退役军人', '本年发放金额(元)': 18000 })],
      [9, yf2({ 姓名: '寅', 身份证号: I, 所在村: '红旗村', 序号: 7, 优抚类别: '其他退役军人', '本年发放金额(元)': 1200 })],
      [10, ['合计', null, null, null, null, null, null, 74100]],
    ]),
  ]), path.join(dir, '2026', '红旗村.xlsx'), { mergeTitles: true });
  await saveBook(book('光明村.xlsx', [
    sheet('优抚对象', [
      [1, YF],
      [2, yf({ 序号: 1, 所在村: '光明村', 姓名: '癸', 身份证号: K, 优抚类别: '军属', '本年发放金额(元)': 1200 })],
      [3, yf({ 序号: 2, 所在村: '光明村', 姓名: '子', 身份证号: L, 优抚类别: '带病回乡退伍军人', 入伍时间: '1998年12月', '本年发放金额(元)': 3600.0 })],
    ]),
    sheet('兵役登记', [
      [1, BY],
      [2, ['1', '光明村', '男一', M1, '男', '核验', '是', '2026-05-10']],
      [3, ['2', '光明村', '男五', M5.toLowerCase(), '男', '补登', '是', '2026-05-10']],
    ]),
  ]), path.join(dir, '2026', '光明村.xlsx'));
}

interface Change {
  ledger: string;
  kind: string;
  unexplained?: boolean;
  key?: string;
  id: string;
  name: string;
  village: string;
  fields?: Array<{ column: string; before: string; after: string }>;
  last?: { file: string; sheet: string; row: number };
  this?: { file: string; sheet: string; row: number };
}

let json: { year: number; changes: Change[]; counts: Array<Record<string, unknown>> };
let code: number;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoy-acc-'));
  await writeYears(dir);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    code = await runWith(['diff', '--last', '2025', '--this', '2026', '--year', '2026', '--json', 'diff.json', '--quiet'], { out: () => undefined, err: () => undefined });
    json = JSON.parse(fs.readFileSync(path.join(dir, 'diff.json'), 'utf8'));
  } finally {
    process.chdir(cwd);
  }
});

const find = (kind: string, id: string) => json.changes.filter((c) => c.kind === kind && c.id === id);

test('exit 0 and the year', () => {
  expect(code).toBe(0);
  expect(json.year).toBe(2026);
});

test('新增: only the new person', () => {
  const added = json.changes.filter((c) => c.kind === 'added');
  expect(added).toEqual([
    { ledger: '优抚对象', kind: 'added', key: `${I}|其他退役军人`, id: I, name: '寅', village: '红旗村', this: { file: '2026/红旗村.xlsx', sheet: 'Sheet1', row: 9 } },
  ]);
});

test('减少: the row that vanished is 未说明; one with a 注销 row for the person or 暂停 last year is not', () => {
  const removed = json.changes.filter((c) => c.kind === 'removed').map((c) => [c.id, c.key, c.unexplained, c.last]);
  expect(removed).toEqual(expect.arrayContaining([
    [D, `${D}|参战退役军人`, true, { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 7 }],
    [F, `${F}|参战退役军人`, false, { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 9 }],
    [G, `${G}|其他退役军人`, false, { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 10 }],
  ]));
  expect(removed).toHaveLength(3);
  for (const c of json.changes.filter((x) => x.kind === 'removed')) expect(c.this).toBeUndefined();
});

test('变更: exactly the columns that differ, before → after, both locations', () => {
  const changed = json.changes.filter((c) => c.kind === 'changed');
  expect(changed.map((c) => c.id).sort()).toEqual([A, F, J, K].sort());
  expect(find('changed', A)[0]).toMatchObject({
    key: `${A}|残疾军人`, village: '红旗村',
    fields: [{ column: '残疾等级', before: '五级', after: '四级' }],
    last: { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 4 },
    this: { file: '2026/红旗村.xlsx', sheet: 'Sheet1', row: 5 },
  });
  expect(find('changed', F)[0].fields).toEqual([{ column: '状态', before: '在册', after: '注销' }]);
  expect(find('changed', J)[0].fields).toEqual([{ column: '优抚类别', before: '在乡复员军人', after: '带病回乡退役军人' }]);
  expect(find('changed', K)[0]).toMatchObject({ village: '光明村', fields: [{ column: '所在村', before: '红旗村', after: '光明村' }], last: { file: '2025/红旗村.xlsx', row: 13 }, this: { file: '2026/光明村.xlsx', row: 2 } });
});

test('no change for messy IDs, synonyms, amounts as text, other date forms, moved rows and columns', () => {
  for (const id of [B, C, H, L]) expect(json.changes.filter((c) => c.id === id || c.id === H15)).toEqual([]);
});

test('未核验: registered last year, 24 or younger this year, no 核验/补登 row this year', () => {
  const nv = json.changes.filter((c) => c.kind === 'not-verified');
  expect(nv.map((c) => c.id).sort()).toEqual([M2, M6].sort());
  expect(nv.find((c) => c.id === M2)).toEqual({ ledger: '兵役登记', kind: 'not-verified', id: M2, name: '男二', village: '红旗村', last: { file: '2025/红旗村.xlsx', sheet: '兵役登记', row: 3 } });
});

test('nothing else; counts per ledger and village', () => {
  expect(json.changes).toHaveLength(1 + 3 + 4 + 2);
  expect(json.counts).toEqual([
    { ledger: '优抚对象', village: '红旗村', added: 1, removed: 3, changed: 3 },
    { ledger: '优抚对象', village: '光明村', added: 0, removed: 0, changed: 1 },
  ]);
});

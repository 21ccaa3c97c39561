/**
 * Reference lists (ledgers.md §7, cli.md "reconcile", `check --deceased`, `summarize --roster`),
 * written from the spec alone: a police list of the men who must register (title rows, 公民身份号码,
 * villages only in the 户籍地址, an ID with a lower-case x and a trailing space, a note below) and a
 * death list (dates as text and as a date cell) against this year's ledgers with other header
 * spellings. Every unregistered, outside-list and village-mismatched man, every deceased person
 * still 在册 (and whether paid after death) and every name mismatch is listed, and nothing else;
 * the figures per village are exact.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runWith } from '../../src/cli/main';
import type { CellValue } from '../../src/core/model';
import { day, makeId } from './id';
import { saveBook } from './run';
import { book, sheet } from './sheet';

jest.setTimeout(120000);

const R = '370102';
const P1 = makeId(R, '20080105', 'M');
const P2 = makeId(R, '20080206', 'M');
const P3 = makeId(R, '20080307', 'M');
const P4 = makeId(R, '20080408', 'M');
const P5 = makeId(R, '20030509', 'M', true);
const P6 = makeId(R, '20090610', 'F');
const P7 = makeId(R, '20080711', 'M');
const Q1 = makeId(R, '20080812', 'M');
const P8 = makeId(R, '20080913', 'M');
const P9 = makeId(R, '20081014', 'M');
const X1 = makeId(R, '19300101', 'M');
const X2 = makeId(R, '19310202', 'F');
const X3 = makeId(R, '19320303', 'M');
const X4 = makeId(R, '19330404', 'M');
const X5 = makeId(R, '19340505', 'M');
const X6 = makeId(R, '19960606', 'M');
const X7 = makeId(R, '19370707', 'M');

const BY = ['序号', '姓 名', '身份证号码', '所在村(社区)', '性别', '登记类型', '是否\n已登记', '登记日期'];
const YF = ['序号', '所在村', '姓名', '身份证号', '优抚类别', '本年发放金额（元）', '状态'];

let dir: string;
const quiet = { out: () => undefined, err: () => undefined };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoy-lists-'));
  fs.mkdirSync(path.join(dir, 'ledgers'));
  const by = (n: number, v: string, name: string, id: string, type: string, yes: CellValue): CellValue[] => [n, name, id, v, '男', type, yes, yes === '否' || yes === 'N' ? null : '2026-05-10'];
  await saveBook(book('红旗村.xlsx', [
    sheet('兵役登记', [
      [1, ['红旗村2026年度兵役登记名册']],
      [2, BY],
      [3, by(1, '红旗村', '一', P1, '初次', '是')],
      [4, by(2, '红旗村', '二', P2, '初次', '否')],
      [5, by(3, '红旗村', '三', P3, '初次', '是')],
      [6, by(4, '红旗村', '四', P4, '初次', 'Y')],
      [7, by(5, '红旗村', '五', P5, '补登', '是')],
      [8, [6, '六', P6, '红旗村', '女', '自愿', '是', '2026-05-10']],
      [9, by(7, '红旗村', '七', P7, '初次', '否')],
    ]),
    sheet('优抚对象', [
      [1, YF],
      [2, [1, '红旗村', '甲', X1, '在乡复员军人', 28000, '在册']],
      [3, [2, '红旗村', '乙', X2, '烈士遗属', 0, null]],
      [4, [3, '红旗村', '丙', X3, '烈士遗属', 0, '注销']],
      [5, [4, '红旗村', '丁', X4, '其他退役军人', 1200, '在册']],
      [6, [5, '红旗村', '戊', X5, '其他退役军人', 600, '在册']],
    ]),
    sheet('安置', [
      [1, ['序号', '所在村', '姓名', '身份证号', '安置类型', '安置方式', '安置状态', '安置单位']],
      [2, [1, '红旗村', '己', X6, '退役士兵', '自主就业', '已安置', '某厂']],
    ]),
  ]), path.join(dir, 'ledgers', '红旗村.xlsx'), { mergeTitles: true });
  await saveBook(book('光明村.xlsx', [
    sheet('兵役登记', [[1, BY], [2, by(1, '光明村', '甲一', Q1, '初次', '√')]]),
  ]), path.join(dir, 'ledgers', '光明村.xlsx'));
  await saveBook(book('公安名单.xlsx', [
    sheet('名单', [
      [1, ['青山派出所2026年度适龄男青年名单']],
      [2, ['制表日期：2026年1月5日']],
      [3, ['序号', '姓名', '性别', '公民身份号码', '户籍地址']],
      [4, [1, '一', '男', P1, '青山镇红旗村1组']],
      [5, [2, '二', '男', P2, '青山镇红旗村2组']],
      [6, [3, '三', '男', P3, '青山镇光明村3组']],
      [7, [4, '五', '男', P5.toLowerCase() + ' ', '青山镇红旗村5组']],
      [8, [5, '甲一', '男', Q1, '青山镇光明村1组']],
      [9, [6, '八', '男', P8, '青山镇光明村8组']],
      [10, [7, '九', '男', P9, '外县某乡']],
      [12, ['制表人：户籍民警']],
    ]),
  ]), path.join(dir, 'ledgers', '公安名单.xlsx'), { mergeTitles: true });
  await saveBook(book('死亡名单.xlsx', [
    sheet('Sheet1', [
      [1, ['姓名', '身份证号', '死亡日期']],
      [2, ['甲', X1, '2025年8月2日']],
      [3, ['乙', X2, day(2024, 12, 1)]],
      [4, ['丙', X3, '2025-03-03']],
      [5, ['丁', X4, '2026-03-01']],
      [6, ['戊某', X5, '2026.5.5']],
      [7, ['己', X6, '2025-01-01']],
      [8, ['庚', X7, '2025-01-01']],
    ]),
  ]), path.join(dir, '死亡名单.xlsx'));
  fs.writeFileSync(path.join(dir, 'villages.txt'), '红旗村\n光明村\n');
});

interface Json {
  year: number;
  roster: { file: string; listed: number; villages: Array<Record<string, unknown>>; people: Array<Record<string, unknown>> };
  deceased: { file: string; listed: number; people: Array<Record<string, unknown>> };
}

async function reconcile(): Promise<{ code: number; json: Json }> {
  const out = path.join(dir, 'r.json');
  const code = await runWith(['reconcile', path.join(dir, 'ledgers'), '--roster', path.join(dir, 'ledgers', '公安名单.xlsx'), '--deceased', path.join(dir, '死亡名单.xlsx'),
    '--year', '2026', '--villages', path.join(dir, 'villages.txt'), '--json', out, '--out', path.join(dir, '名单比对.xlsx'), '--quiet'], quiet);
  return { code, json: JSON.parse(fs.readFileSync(out, 'utf8')) };
}

test('police list: figures per village and every man to chase, nothing else', async () => {
  const { code, json } = await reconcile();
  expect(code).toBe(1);
  expect(json.year).toBe(2026);
  expect(json.roster.file).toBe('公安名单.xlsx');
  expect(json.roster.listed).toBe(7);
  expect(json.roster.villages).toEqual([
    { village: '红旗村', listed: 3, registered: 2, unregistered: 1, outsideList: 1, villageMismatch: 0, rate: 0.6667 },
    { village: '光明村', listed: 3, registered: 2, unregistered: 1, outsideList: 0, villageMismatch: 1, rate: 0.6667 },
    { village: '未知', listed: 1, registered: 0, unregistered: 1, outsideList: 0, villageMismatch: 0, rate: 0 },
  ]);
  const people = json.roster.people.map((p) => [p.kind, p.id, p.village]);
  expect(people).toEqual(expect.arrayContaining([
    ['unregistered', P2, '红旗村'],
    ['unregistered', P8, '光明村'],
    ['unregistered', P9, '未知'],
    ['outside-list', P4, '红旗村'],
    ['village-mismatch', P3, '光明村'],
  ]));
  expect(people).toHaveLength(5);
  expect(json.roster.people.find((p) => p.id === P2)).toEqual({ kind: 'unregistered', id: P2, name: '二', village: '红旗村', list: { file: '公安名单.xlsx', sheet: '名单', row: 5 } });
  expect(json.roster.people.find((p) => p.id === P4)).toMatchObject({ name: '四', ledger: { file: '红旗村.xlsx', sheet: '兵役登记', row: 6 } });
});

test('death list: every deceased person still 在册, whether paid after death, and other names', async () => {
  const { json } = await reconcile();
  expect(json.deceased.file).toBe('死亡名单.xlsx');
  expect(json.deceased.listed).toBe(7);
  const active = json.deceased.people.filter((p) => p.kind === 'deceased-active').map((p) => [p.id, p.deathDate, p.paidAfterDeath, (p.ledger as { sheet: string }).sheet, (p.ledger as { row: number }).row]);
  expect(active).toEqual(expect.arrayContaining([
    [X1, '2025-08-02', true, '优抚对象', 2],
    [X2, '2024-12-01', false, '优抚对象', 3],
    [X4, '2026-03-01', false, '优抚对象', 5],
    [X5, '2026-05-05', false, '优抚对象', 6],
    [X6, '2025-01-01', false, '安置', 2],
  ]));
  expect(active).toHaveLength(5);
  const names = json.deceased.people.filter((p) => p.kind === 'name-mismatch');
  expect(names.map((p) => [p.id, p.name])).toEqual([[X5, '戊']]);
  expect(json.deceased.people).toHaveLength(6);
});

test('the 名单比对 workbook: figures, then one sheet per village with its 未登记 men', async () => {
  await reconcile();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, '名单比对.xlsx'));
  const names = wb.worksheets.map((w) => w.name);
  expect(names.slice(0, 4)).toEqual(['名单比对汇总', '红旗村', '光明村', '未知']);
  const ids = (ws: ExcelJS.Worksheet): string[] => {
    const out: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => { if (typeof c.value === 'string' && /^\d{17}[\dX]$/.test(c.value)) out.push(c.value); }));
    return out;
  };
  expect(ids(wb.getWorksheet('红旗村')!)).toEqual([P2]);
  expect(ids(wb.getWorksheet('光明村')!)).toEqual([P8]);
});

test('check --deceased: person.deceased on every row still 在册, person.paid-after-death where paid', async () => {
  const out = path.join(dir, 'c.json');
  const code = await runWith(['check', path.join(dir, 'ledgers', '红旗村.xlsx'), '--deceased', path.join(dir, '死亡名单.xlsx'), '--year', '2026', '--json', out, '--quiet'], quiet);
  expect(code).toBe(1);
  const issues = JSON.parse(fs.readFileSync(out, 'utf8')).issues as Array<{ code: string; sheet: string; row: number; severity: string; message: string }>;
  const dead = issues.filter((i) => i.code === 'person.deceased').map((i) => [i.sheet, i.row, i.severity]);
  expect(dead).toEqual([['优抚对象', 2, 'error'], ['优抚对象', 3, 'error'], ['优抚对象', 5, 'error'], ['优抚对象', 6, 'error'], ['安置', 2, 'error']]);
  expect(issues.find((i) => i.code === 'person.deceased' && i.row === 2)!.message).toContain('2025-08-02');
  expect(issues.filter((i) => i.code === 'person.paid-after-death').map((i) => [i.sheet, i.row])).toEqual([['优抚对象', 2]]);
  expect(issues.filter((i) => i.code === 'person.deceased-name').map((i) => [i.row, i.severity])).toEqual([[6, 'warning']]);
});

test('summarize --roster: the 兵役登记统计表 counts against the list and says so', async () => {
  const out = path.join(dir, '汇总.xlsx');
  await runWith(['summarize', path.join(dir, 'ledgers', '红旗村.xlsx'), path.join(dir, 'ledgers', '光明村.xlsx'), '--roster', path.join(dir, 'ledgers', '公安名单.xlsx'),
    '--year', '2026', '--villages', path.join(dir, 'villages.txt'), '--out', out, '--quiet'], quiet);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('兵役登记统计表')!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  const header = rows.find((r) => r[0] === '村')!;
  const col = (n: string): number => header.indexOf(n);
  const line = (v: string) => rows.find((r) => r[0] === v)!;
  const num = (x: unknown): unknown => (x && typeof x === 'object' && 'result' in (x as object) ? (x as { result: unknown }).result : x);
  expect([num(line('红旗村')[col('应登记人数')]), num(line('红旗村')[col('已登记人数')]), num(line('红旗村')[col('未登记人数')])]).toEqual([3, 2, 1]);
  expect([num(line('光明村')[col('应登记人数')]), num(line('光明村')[col('已登记人数')])]).toEqual([3, 2]);
  expect([num(line('合计')[col('应登记人数')]), num(line('合计')[col('已登记人数')])]).toEqual([7, 4]);
  expect(rows.flat().some((c) => typeof c === 'string' && c.includes('公安适龄男青年名单（公安名单.xlsx）'))).toBe(true);
});

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { makeId } from '../../src/core/values/id';
import { BENEFICIARY_HEADER, beneficiaryRow, CONSCRIPT_HEADER, conscriptRow } from '../core/fixtures';
import { writeRows } from './fixtures';
import { cli, tmpDir } from './helpers';

jest.setTimeout(120000);

const idOf = (i: number): string => beneficiaryRow(i)[5] as string;
const man = (i: number): string => makeId('110105', '20080315', 11 + 2 * i);

async function yearPair(dir: string): Promise<void> {
  await writeRows(path.join(dir, '2025', '红旗村.xlsx'), {
    优抚对象: [['红旗村优抚对象花名册'], BENEFICIARY_HEADER, beneficiaryRow(1), beneficiaryRow(2), beneficiaryRow(3, { '本年发放金额(元)': 500 })],
  });
  await writeRows(path.join(dir, '2026', '红旗村.xlsx'), {
    优抚对象: [BENEFICIARY_HEADER, beneficiaryRow(3, { '本年发放金额(元)': '500.00' }), beneficiaryRow(1, { '本年发放金额(元)': 1500 }), beneficiaryRow(4)],
  });
}

describe('ledger diff', () => {
  test('--json exactly as cli.md, --out the 年度比对 workbook, exit 0', async () => {
    const dir = tmpDir();
    await yearPair(dir);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli('diff', '--last', '2025', '--this', '2026', '--year', '2026', '--json', 'd.json', '--out', '年度比对.xlsx', '--quiet');
      expect(r.code).toBe(0);
      const j = JSON.parse(fs.readFileSync('d.json', 'utf8'));
      expect(Object.keys(j)).toEqual(['year', 'changes', 'counts']);
      expect(j.year).toBe(2026);
      expect(j.changes).toEqual([
        { ledger: '优抚对象', kind: 'added', key: `${idOf(4)}|其他退役军人`, id: idOf(4), name: '张三', village: '红旗村', this: { file: '2026/红旗村.xlsx', sheet: '优抚对象', row: 4 } },
        { ledger: '优抚对象', kind: 'removed', unexplained: true, key: `${idOf(2)}|其他退役军人`, id: idOf(2), name: '张三', village: '红旗村', last: { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 4 } },
        {
          ledger: '优抚对象', kind: 'changed', key: `${idOf(1)}|其他退役军人`, id: idOf(1), name: '张三', village: '红旗村',
          fields: [{ column: '本年发放金额(元)', before: '1200', after: '1500' }],
          last: { file: '2025/红旗村.xlsx', sheet: '优抚对象', row: 3 }, this: { file: '2026/红旗村.xlsx', sheet: '优抚对象', row: 3 },
        },
      ]);
      expect(j.counts).toEqual([{ ledger: '优抚对象', village: '红旗村', added: 1, removed: 1, changed: 1 }]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile('年度比对.xlsx');
      expect(wb.worksheets.map((w) => w.name)).toEqual(['变更汇总', '新增', '减少', '变更', '未核验']);
      const removed = wb.getWorksheet('减少')!;
      expect(removed.getRow(3).values).toContain('去年文件');
      expect(removed.getRow(4).values).toEqual(expect.arrayContaining(['2025/红旗村.xlsx', '优抚对象', 4, '是', idOf(2)]));
      const sum = wb.getWorksheet('变更汇总')!;
      expect((sum.getRow(4).values as unknown[]).slice(1, 8)).toEqual(['优抚对象', '红旗村', 1, 1, 1, 1, 0]);
    } finally {
      process.chdir(cwd);
    }
  });
  test('summarize --last: the year-over-year figures fill a user template', async () => {
    const dir = tmpDir();
    await yearPair(dir);
    await writeRows(path.join(dir, 'tpl.xlsx'), { 我的表: [['新增', '{{新增人数|优抚对象}}'], ['减少', '{{减少人数|红旗村}}'], ['变更', '{{变更人数}}']] });
    const r = await cli('summarize', path.join(dir, '2026'), '--last', path.join(dir, '2025'), '--year', '2026', '--template', path.join(dir, 'tpl.xlsx'), '--out', path.join(dir, 'o.xlsx'), '--quiet');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'o.xlsx'));
    const ws = wb.getWorksheet('我的表')!;
    expect([ws.getCell('B1').value, ws.getCell('B2').value, ws.getCell('B3').value]).toEqual([1, 1, 1]);
  });
  test('an unreadable side is exit 2', async () => {
    const dir = tmpDir();
    await yearPair(dir);
    const r = await cli('diff', '--last', path.join(dir, 'nothing'), '--this', path.join(dir, '2026'), '--quiet');
    expect(r.code).toBe(2);
  });
});

describe('ledger reconcile, check --deceased', () => {
  async function setup(dir: string): Promise<void> {
    await writeRows(path.join(dir, 'in', '红旗村.xlsx'), {
      优抚对象: [BENEFICIARY_HEADER, beneficiaryRow(1), beneficiaryRow(2)],
      兵役登记: [CONSCRIPT_HEADER, conscriptRow(1, { 身份证号: man(1) }), conscriptRow(2, { 身份证号: man(2), 是否已登记: '否', 登记日期: null }), conscriptRow(3, { 身份证号: man(4) })],
    });
    await writeRows(path.join(dir, 'in', '公安名单.xlsx'), {
      Sheet1: [['适龄男青年名单'], ['姓名', '公民身份号码', '户籍地址'], ['甲', man(1), '青山镇红旗村1组'], ['乙', man(2), '青山镇红旗村2组'], ['丙', man(3), '青山镇光明村']],
    });
    await writeRows(path.join(dir, '死亡名单.xlsx'), { Sheet1: [['姓名', '身份证号', '死亡日期'], ['张三', idOf(1), '2025-08-02']] });
  }
  test('--json as cli.md; exit 1 with an unregistered man or a deceased person 在册; the list in the folder is no ledger', async () => {
    const dir = tmpDir();
    await setup(dir);
    const r = await cli('reconcile', path.join(dir, 'in'), '--roster', path.join(dir, 'in', '公安名单.xlsx'), '--deceased', path.join(dir, '死亡名单.xlsx'),
      '--year', '2026', '--villages', path.join(dir, 'v.txt'), '--json', path.join(dir, 'r.json'), '--out', path.join(dir, '名单比对.xlsx'), '--quiet').catch((e) => e);
    // No village file: usage error first.
    expect(r.code).toBe(2);
    fs.writeFileSync(path.join(dir, 'v.txt'), '红旗村\n光明村\n');
    const r2 = await cli('reconcile', path.join(dir, 'in'), '--roster', path.join(dir, 'in', '公安名单.xlsx'), '--deceased', path.join(dir, '死亡名单.xlsx'),
      '--year', '2026', '--villages', path.join(dir, 'v.txt'), '--json', path.join(dir, 'r.json'), '--out', path.join(dir, '名单比对.xlsx'), '--quiet');
    expect(r2.code).toBe(1);
    const j = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(j.year).toBe(2026);
    expect(j.roster.file).toBe('公安名单.xlsx');
    expect(j.roster.listed).toBe(3);
    expect(j.roster.villages).toEqual([
      { village: '红旗村', listed: 2, registered: 1, unregistered: 1, outsideList: 1, villageMismatch: 0, rate: 0.5 },
      { village: '光明村', listed: 1, registered: 0, unregistered: 1, outsideList: 0, villageMismatch: 0, rate: 0 },
    ]);
    expect(j.roster.people.map((p: { kind: string; id: string }) => [p.kind, p.id])).toEqual([['unregistered', man(2)], ['unregistered', man(3)], ['outside-list', man(4)]]);
    expect(j.roster.people[0]).toEqual({ kind: 'unregistered', id: man(2), name: '乙', village: '红旗村', list: { file: '公安名单.xlsx', sheet: 'Sheet1', row: 4 } });
    expect(j.deceased).toEqual({
      file: '死亡名单.xlsx', listed: 1,
      people: [{ kind: 'deceased-active', id: idOf(1), name: '张三', village: '红旗村', deathDate: '2025-08-02', paidAfterDeath: true, ledger: { file: '红旗村.xlsx', sheet: '优抚对象', row: 2 } }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '名单比对.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['名单比对汇总', '红旗村', '光明村', '名单外', '村不一致', '死亡人员']);
    expect(wb.getWorksheet('红旗村')!.getRow(4).values).toEqual(expect.arrayContaining([1, '乙', man(2)]));
  });
  test('a clean list is exit 0; no list at all is exit 2', async () => {
    const dir = tmpDir();
    await setup(dir);
    await writeRows(path.join(dir, 'ok.xlsx'), { S: [['姓名', '身份证号'], ['甲', man(1)]] });
    expect((await cli('reconcile', path.join(dir, 'in', '红旗村.xlsx'), '--roster', path.join(dir, 'ok.xlsx'), '--quiet')).code).toBe(0);
    expect((await cli('reconcile', path.join(dir, 'in', '红旗村.xlsx'), '--quiet')).code).toBe(2);
  });
  test('check --deceased adds person.deceased and person.paid-after-death to the report', async () => {
    const dir = tmpDir();
    await setup(dir);
    const r = await cli('check', path.join(dir, 'in', '红旗村.xlsx'), '--deceased', path.join(dir, '死亡名单.xlsx'), '--year', '2026', '--json', path.join(dir, 'c.json'), '--quiet');
    expect(r.code).toBe(1);
    const j = JSON.parse(fs.readFileSync(path.join(dir, 'c.json'), 'utf8'));
    const mine = j.issues.filter((i: { code: string }) => i.code.startsWith('person.'));
    expect(mine.map((i: { code: string; row: number; cell: string }) => [i.code, i.row, i.cell])).toEqual([
      ['person.paid-after-death', 2, 'M2'],
      ['person.deceased', 2, 'O2'],
    ]);
    expect(mine[1].message).toContain('2025-08-02');
  });
  test('a person already 注销 but paid after death: in the JSON (paid-after-death), the terminal line, the workbook and the exit code', async () => {
    const dir = tmpDir();
    await writeRows(path.join(dir, 'in', '红旗村.xlsx'), {
      优抚对象: [BENEFICIARY_HEADER, beneficiaryRow(1, { 状态: '注销', '本年发放金额(元)': 1200 }), beneficiaryRow(2, { 状态: '注销', '本年发放金额(元)': 0 })],
    });
    await writeRows(path.join(dir, '死亡名单.xlsx'), { Sheet1: [['姓名', '身份证号', '死亡日期'], ['张三', idOf(1), '2025-08-02'], ['张三', idOf(2), '2025-03-01']] });
    const r = await cli('reconcile', path.join(dir, 'in'), '--deceased', path.join(dir, '死亡名单.xlsx'), '--year', '2026', '--json', path.join(dir, 'r.json'), '--out', path.join(dir, '名单比对.xlsx'));
    // Paid after death is an error (ledgers.md §7) even on a row already 注销: exit 1.
    expect(r.code).toBe(1);
    expect(r.out).toContain('台账中死亡后仍在册 0 行，2026年1月1日前死亡而本年仍发放 1 行（其中已注销 1 行）');
    const j = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(j.deceased.people).toEqual([
      { kind: 'paid-after-death', id: idOf(1), name: '张三', village: '红旗村', deathDate: '2025-08-02', paidAfterDeath: true, status: '注销', amount: 1200, ledger: { file: '红旗村.xlsx', sheet: '优抚对象', row: 2 } },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '名单比对.xlsx'));
    const dead = wb.getWorksheet('死亡人员')!;
    const rows: unknown[][] = [];
    dead.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const line = rows.find((x) => x.includes(idOf(1)))!;
    expect(line).toEqual(expect.arrayContaining(['已注销但死亡后仍发放', '注销', 1200, '是']));
    expect(rows.some((x) => x.includes(idOf(2)))).toBe(false);
    // A 注销 row not paid: nothing to report, exit 0.
    await writeRows(path.join(dir, '死亡名单.xlsx'), { Sheet1: [['姓名', '身份证号', '死亡日期'], ['张三', idOf(2), '2025-03-01']] });
    expect((await cli('reconcile', path.join(dir, 'in'), '--deceased', path.join(dir, '死亡名单.xlsx'), '--year', '2026', '--quiet')).code).toBe(0);
  });
});

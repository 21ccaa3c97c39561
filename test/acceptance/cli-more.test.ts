/**
 * cli.md promises beyond check/summarize figures: exit code 2 with one clear line per unreadable
 * file while the others are still checked; inputs never modified; --villages from an .xlsx;
 * `merge` (one sheet per ledger with a 来源 column); `template` (the blank standard workbook, ID
 * columns as text, dropdowns) which, once filled by a village, checks clean.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runWith } from '../../src/cli/main';
import type { WorkbookData } from '../../src/core/model';
import { LEDGER_IDS } from '../../src/core/ledger';
import { VALID_BOOKS, VILLAGES } from './fixtures/valid';
import { pinToday, saveBook } from './run';
import { makeId } from './id';

let dir: string;
let validDir: string;
const lines: string[] = [];
const io = { out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) };

const save = (b: WorkbookData, file: string) => saveBook(b, file);
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  pinToday();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acceptance-more-'));
  validDir = path.join(dir, 'in');
  fs.mkdirSync(validDir);
  for (const b of VALID_BOOKS) await save(b, path.join(validDir, b.file));
}, 60000);
afterAll(() => {
  jest.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an unreadable file: exit 2, one line naming it, the other files still checked', async () => {
  const mixed = path.join(dir, 'mixed');
  fs.mkdirSync(mixed);
  for (const b of VALID_BOOKS) fs.copyFileSync(path.join(validDir, b.file), path.join(mixed, b.file));
  fs.writeFileSync(path.join(mixed, '坏文件.xlsx'), '序号,姓名\n1,张三\n'); // a CSV renamed to .xlsx
  const villages = path.join(dir, 'v.txt');
  fs.writeFileSync(villages, VILLAGES.join('\n'));
  const json = path.join(dir, 'mixed.json');
  const before = lines.length;
  const code = await runWith(['check', mixed, '--year', '2026', '--villages', villages, '--json', json, '--quiet'], io);
  expect(code).toBe(2);
  expect(lines.slice(before).filter((l) => l.includes('坏文件.xlsx')).length).toBeGreaterThanOrEqual(1);
  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { files: Array<{ file: string; sheets: unknown[] }> };
  for (const b of VALID_BOOKS) expect(report.files.find((f) => f.file === b.file)?.sheets.length).toBeGreaterThan(0);
}, 60000);

test('inputs are never modified (check --marked --feedback, summarize, merge)', async () => {
  const files = VALID_BOOKS.map((b) => path.join(validDir, b.file));
  const before = files.map(sha);
  const villages = path.join(dir, 'v2.txt');
  fs.writeFileSync(villages, VILLAGES.join('\n'));
  await runWith(['check', validDir, '--year', '2026', '--villages', villages, '--marked', path.join(dir, 'marked'), '--feedback', path.join(dir, 'fb'), '--quiet'], io);
  await runWith(['summarize', validDir, '--year', '2026', '--out', path.join(dir, 'sum.xlsx'), '--quiet'], io);
  await runWith(['merge', validDir, '--out', path.join(dir, 'merged.xlsx'), '--quiet'], io);
  expect(files.map(sha)).toEqual(before);
  expect(fs.readdirSync(validDir).sort()).toEqual(VALID_BOOKS.map((b) => b.file).sort());
}, 60000);

test('--villages from an .xlsx whose first column lists them works like the text file', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村名单');
  ws.getCell('A1').value = '红旗村'; // only 红旗村: 东风村 and 向阳社区 rows become errors
  const x = path.join(dir, 'villages.xlsx');
  await wb.xlsx.writeFile(x);
  const json = path.join(dir, 'v.json');
  const code = await runWith(['check', validDir, '--year', '2026', '--villages', x, '--json', json, '--quiet'], io);
  expect(code).toBe(1);
  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { issues: Array<{ file: string; column?: string; severity: string }> };
  const villageErrors = report.issues.filter((i) => i.severity === 'error' && i.column === '所在村');
  expect(villageErrors.some((i) => i.file === '东风村.xlsx')).toBe(true);
  expect(villageErrors.some((i) => i.file === '红旗村.xlsx')).toBe(false);
}, 60000);

test('merge: one sheet per ledger, every data row once, with a 来源 column naming the file', async () => {
  const out = path.join(dir, 'merged2.xlsx');
  expect(await runWith(['merge', validDir, '--out', out, '--quiet'], io)).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  // Data rows per ledger (fixtures/valid.ts EXPECTED_SHEETS): 优抚对象 9+6, 兵役登记 7+7+2,
  // 双拥活动 6+3, 共建对子 4+2, 安置 2+4.
  const want: Record<string, Record<string, number>> = {
    优抚对象: { '红旗村.xlsx': 9, '东风村.xlsx': 6 },
    兵役登记: { '红旗村.xlsx': 7, '东风村.xlsx': 7, '向阳社区.xlsx': 2 },
    双拥活动: { '红旗村.xlsx': 6, '向阳社区.xlsx': 3 },
    共建对子: { '红旗村.xlsx': 4, '东风村.xlsx': 2 },
    安置: { '红旗村.xlsx': 2, '东风村.xlsx': 4 },
  };
  for (const [ledger, perFile] of Object.entries(want)) {
    const ws = wb.getWorksheet(ledger);
    expect(ws).toBeDefined();
    let srcCol = 0;
    let headerRow = 0;
    ws!.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((c, col) => {
        if (c.value === '来源') {
          srcCol = col;
          headerRow = r;
        }
      });
    });
    expect(srcCol).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    ws!.eachRow((row, r) => {
      if (r <= headerRow) return;
      const v = row.getCell(srcCol).value;
      if (typeof v === 'string' && v) counts[v] = (counts[v] ?? 0) + 1;
    });
    expect(counts).toEqual(perFile);
  }
}, 60000);

test('template: the blank standard workbook has the five ledgers (ID columns as text, dropdowns) and checks clean', async () => {
  const out = path.join(dir, 'blank.xlsx');
  expect(await runWith(['template', '--out', out, '--village', '红旗村', '--year', '2026', '--quiet'], io)).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.some((w) => w.name.includes('填表说明'))).toBe(true);
  for (const ledger of LEDGER_IDS) {
    const ws = wb.getWorksheet(ledger);
    expect(ws).toBeDefined();
  }
  // 优抚对象: the 身份证号 column is formatted as text and 优抚类别 has a list dropdown.
  const ws = wb.getWorksheet('优抚对象')!;
  let idCol = 0;
  let catCol = 0;
  let hdr = 0;
  ws.eachRow((row, r) => {
    if (hdr) return;
    row.eachCell((c, col) => {
      const t = String(c.value ?? '').replace(/\s|\*/g, '');
      if (t === '身份证号') idCol = col;
      if (t === '优抚类别') catCol = col;
    });
    if (idCol && catCol) hdr = r;
  });
  expect(hdr).toBeGreaterThan(0);
  expect(ws.getCell(hdr + 1, idCol).numFmt).toBe('@');
  const dv = ws.getCell(hdr + 1, catCol).dataValidation;
  expect(dv?.type).toBe('list');
  // The blank template itself is no error (no data rows yet).
  const json = path.join(dir, 'blank.json');
  const code = await runWith(['check', out, '--year', '2026', '--json', json, '--quiet'], io);
  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { issues: Array<{ severity: string }>; files: Array<{ sheets: Array<{ ledger: string | null }> }> };
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(code).toBe(0);
  const ledgers = report.files[0].sheets.map((s) => s.ledger).filter(Boolean).sort();
  expect(ledgers).toEqual([...LEDGER_IDS].sort());
}, 60000);

test('formula cells count by their result (§1): an amount =600*2, a name from a formula, a 合计 =SUM(…)', async () => {
  const fdir = path.join(dir, 'formulas');
  fs.mkdirSync(fdir);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('优抚对象');
  ws.addRow(['序号', '所在村', '姓名', '身份证号', '优抚类别', '本年发放金额(元)']);
  const id1 = makeId('430121', '19610101', 'M');
  const id2 = makeId('430121', '19610102', 'M');
  ws.addRow([1, '红旗村', '赵一', id1, '其他退役军人', { formula: '600*2', result: 1200 }]);
  ws.addRow([2, '红旗村', { formula: '"钱"&"二"', result: '钱二' }, id2, '其他退役军人', 800]);
  ws.addRow(['合计', null, null, null, null, { formula: 'SUM(F2:F3)', result: 2000 }]);
  await wb.xlsx.writeFile(path.join(fdir, '红旗村公式.xlsx'));
  const villages = path.join(dir, 'v3.txt');
  fs.writeFileSync(villages, VILLAGES.join('\n'));
  const json = path.join(dir, 'f.json');
  const code = await runWith(['check', fdir, '--year', '2026', '--villages', villages, '--json', json, '--quiet'], io);
  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { files: Array<{ sheets: Array<{ dataRows: number }> }>; issues: Array<{ severity: string; cell?: string; code: string }> };
  expect(report.issues.filter((i) => i.severity === 'error').map((i) => `${i.cell} ${i.code}`)).toEqual([]);
  expect(code).toBe(0);
  expect(report.files[0].sheets[0].dataRows).toBe(2);
  const out = path.join(dir, 'f-sum.xlsx');
  expect(await runWith(['summarize', fdir, '--year', '2026', '--villages', villages, '--out', out, '--quiet'], io)).toBe(0);
  const sum = new ExcelJS.Workbook();
  await sum.xlsx.readFile(out);
  const f = sum.getWorksheet('优抚对象统计表')!;
  let moneyCol = 0;
  let amount: unknown;
  f.eachRow((row) => {
    row.eachCell((c, col) => {
      if (c.value === '本年发放金额(元)') moneyCol = col;
    });
    if (moneyCol && row.getCell(1).value === '红旗村') amount = row.getCell(moneyCol).value;
  });
  const plainAmount = amount && typeof amount === 'object' && 'result' in amount ? (amount as { result: unknown }).result : amount;
  expect(plainAmount).toBe(2000); // 1200 + 800; the 合计 row's 2000 not added again
}, 60000);

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as yauzl from 'yauzl';
import { blankWorkbook, exampleValues } from '../../src/core/blank';
import { LEDGER_SCHEMAS } from '../../src/core/schema';
import { MERGE_SUMMARY_SHEET } from '../../src/cli/merge';
import type { JsonReport } from '../../src/cli/report';
import { FORM_NAMES } from '../../src/core/forms';
import { cli, hashTree, sha256, tmpDir } from './helpers';
import { exampleId, sampleCopy, writeValidWorkbook, YEAR } from './fixtures';

jest.setTimeout(120000);

const ROOT = path.join(__dirname, '..', '..');

/** The text of one part of an .xlsx (read with yauzl, as the product's preflight does). */
function zipEntryText(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (e2, stream) => {
          if (e2 || !stream) return reject(e2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
      zip.readEntry();
    });
  });
}

describe('ledger merge', () => {
  const dir = tmpDir();
  let samples: string;
  let report: JsonReport;
  let wb: ExcelJS.Workbook;
  let code: number;
  let before: Record<string, string>;

  beforeAll(async () => {
    samples = await sampleCopy(dir);
    before = hashTree(samples);
    await cli('check', samples, '--year', String(YEAR), '--json', path.join(dir, 'r.json'));
    report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    code = (await cli('merge', samples, '--year', String(YEAR), '--out', path.join(dir, 'out', '合并.xlsx'))).code;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'out', '合并.xlsx'));
  });

  it('exits like check (1: the samples have errors) and leaves inputs untouched', () => {
    expect(code).toBe(1);
    expect(hashTree(samples)).toEqual(before);
  });

  it('has a 合并说明 sheet first, then one sheet per ledger', () => {
    expect(wb.worksheets[0].name).toBe(MERGE_SUMMARY_SHEET);
    expect(wb.worksheets.slice(1).map((w) => w.name)).toEqual(['优抚对象', '兵役登记', '双拥活动', '共建对子', '安置']);
  });

  it('merged row counts equal the sum of the inputs’ data rows, per ledger', () => {
    for (const ledger of ['优抚对象', '兵役登记', '双拥活动', '共建对子', '安置']) {
      const sum = report.files.flatMap((f) => f.sheets).filter((s) => s.ledger === ledger).reduce((a, s) => a + s.dataRows, 0);
      expect(wb.getWorksheet(ledger)!.rowCount - 1).toBe(sum);
    }
  });

  it('uses the standard column order and a 来源 column with file and original row', () => {
    const ws = wb.getWorksheet('优抚对象')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const std = LEDGER_SCHEMAS.find((s) => s.id === '优抚对象')!.columns.map((c) => c.field);
    expect(header).toEqual([...std, '来源', '来源工作表', '来源行', '校验']);
    // 光明村 used 姓 名 first, 所在村(社区) second… and its values land under the standard headers.
    const rows: Array<Record<string, unknown>> = [];
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const o: Record<string, unknown> = {};
      header.forEach((h, i) => (o[h as string] = r.getCell(i + 1).value));
      rows.push(o);
    });
    const qian = rows.find((r) => r['姓名'] === '钱福生')!;
    expect(qian).toMatchObject({ 所在村: '光明村', 优抚类别: '烈士遗属', 来源: '光明村.xlsx', 来源工作表: 'Sheet1', 来源行: 3 });
    expect(rows.map((r) => r['序号'])).toEqual(rows.map((_, i) => i + 1));
    // A row with an error is kept, and marked.
    const liu = rows.find((r) => r['姓名'] === '刘志强')!;
    expect(String(liu['校验'])).toContain('有错误');
    expect(rows.find((r) => r['姓名'] === '王德明')!['校验']).toBeFalsy();
    let filled = 0;
    ws.eachRow((r, n) => {
      if (n > 1 && (r.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb) filled++;
    });
    expect(filled).toBe(rows.filter((r) => String(r['校验'] ?? '').startsWith('有错误')).length);
    expect(filled).toBeGreaterThan(0);
  });

  it('summarises what came from where', () => {
    const ws = wb.getWorksheet(MERGE_SUMMARY_SHEET)!;
    const cells: string[] = [];
    ws.eachRow((r) => cells.push(r.values!.toString()));
    const all = cells.join('\n');
    for (const f of report.files) for (const s of f.sheets.filter((x) => x.ledger)) expect(all).toContain(`${f.file},${s.sheet},${s.ledger},${s.dataRows}`);
  });

  it('merges several generated files whose rows add up', async () => {
    const d = tmpDir();
    const villages = ['东风村', '向阳村', '前进村'];
    for (const [i, v] of villages.entries()) await writeValidWorkbook(path.join(d, `${v}.xlsx`), v, i + 2, i * 10);
    const out = path.join(tmpDir(), 'm.xlsx');
    const r = await cli('merge', d, '--year', String(YEAR), '--out', out);
    expect(r.code).toBe(0);
    const m = new ExcelJS.Workbook();
    await m.xlsx.readFile(out);
    expect(m.getWorksheet('优抚对象')!.rowCount - 1).toBe(2 + 3 + 4);
  });
});

describe('ledger template', () => {
  const dir = tmpDir();
  const file = path.join(dir, '空白台账.xlsx');
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const r = await cli('template', '--out', file, '--village', '红旗村', '--year', String(YEAR));
    expect(r.code).toBe(0);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });

  it('has the five ledger sheets with title, header, hints, a 填表说明 sheet and the village filled in', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['优抚对象', '兵役登记', '双拥活动', '共建对子', '安置', '填表说明']);
    const ws = wb.getWorksheet('优抚对象')!;
    expect(ws.getCell('A1').text).toContain('红旗村');
    expect(ws.getCell('A1').text).toContain(String(YEAR));
    expect(ws.getCell('A2').text).toContain('填报单位：红旗村');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(LEDGER_SCHEMAS[0].columns.map((c) => c.field));
    const idCol = header.indexOf('身份证号') + 1;
    const note = ws.getCell(3, idCol).note;
    expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toContain('文本');
    expect(wb.getWorksheet('填表说明')!.getCell('A1').text).toContain('填表说明');
  });

  it('formats ID columns as text and offers dropdowns for vocabularies and 是/否 columns', () => {
    for (const s of LEDGER_SCHEMAS) {
      const ws = wb.getWorksheet(s.id)!;
      s.columns.forEach((c, i) => {
        const cell = ws.getCell(4, i + 1);
        if (c.type === 'id') expect(cell.numFmt).toBe('@');
        if (c.type === 'date') expect(cell.numFmt).toBe('yyyy-mm-dd');
        const dv = cell.dataValidation;
        if (c.type === 'yesno') expect(dv?.formulae?.[0]).toBe('"是,否"');
        if (c.type === 'vocab') {
          expect(dv?.type).toBe('list');
          for (const t of c.vocab!.terms) expect(String(dv?.formulae?.[0])).toContain(t.term);
        }
        if (c.type === 'village') expect(dv?.formulae?.[0]).toBe('"红旗村"');
      });
      // Validation reaches the last input row.
      const last = 4 + 500 - 1;
      const vocabCol = s.columns.findIndex((c) => c.type === 'vocab') + 1;
      expect(ws.getCell(last, vocabCol).dataValidation?.type).toBe('list');
    }
  });

  it('writes one non-overlapping validation range per column (Excel rejects overlaps)', async () => {
    const xml = await zipEntryText(file, 'xl/worksheets/sheet1.xml');
    const sqrefs = [...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]);
    const validated = LEDGER_SCHEMAS[0].columns.filter((c) => ['vocab', 'yesno', 'village', 'amount', 'count', 'date'].includes(c.type)).length;
    expect(sqrefs).toHaveLength(validated);
    const cols = sqrefs.map((r) => r.replace(/\d+/g, ''));
    expect(new Set(cols).size).toBe(sqrefs.length);
    for (const r of sqrefs) expect(r).toMatch(/^([A-Z]+)4:\1(?:503)$/);
  });

  it('a template filled correctly passes check with no error', async () => {
    for (const s of LEDGER_SCHEMAS) {
      const ws = wb.getWorksheet(s.id)!;
      for (let n = 1; n <= 2; n++) {
        const v = exampleValues(s.id, YEAR, '红旗村', exampleId(s.id, n));
        if (s.id === '共建对子') v['对子编号'] = `DZ-0${n}`;
        if (s.id === '双拥活动') v['活动名称'] = `活动${n}`;
        if ('序号' in v) v['序号'] = n;
        s.columns.forEach((c, i) => {
          const val = v[c.field];
          if (val !== undefined) ws.getCell(3 + n, i + 1).value = val;
        });
      }
    }
    const filled = path.join(dir, '红旗村.xlsx');
    await wb.xlsx.writeFile(filled);
    const json = path.join(dir, 'r.json');
    const r = await cli('check', filled, '--year', String(YEAR), '--villages', await (async () => {
      const f = path.join(dir, 'v.txt');
      fs.writeFileSync(f, '红旗村\n');
      return f;
    })(), '--json', json);
    const rep: JsonReport = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(rep.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    expect(rep.files[0].sheets.filter((s) => s.ledger).map((s) => [s.ledger, s.headerRow, s.dataRows])).toEqual(
      LEDGER_SCHEMAS.map((s) => [s.id, 3, 2]),
    );
  });

  it('a marked copy of a filled template keeps its dropdowns without overlapping ranges', async () => {
    const filled = path.join(dir, '红旗村.xlsx');
    const marked = path.join(dir, 'marked');
    await cli('check', filled, '--year', String(YEAR), '--marked', marked, '--quiet');
    const copy = path.join(marked, '红旗村.xlsx');
    const xml = await zipEntryText(copy, 'xl/worksheets/sheet1.xml');
    const sqrefs = [...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs.length).toBeGreaterThan(0);
    const cols = sqrefs.map((r) => r.replace(/\d+/g, ''));
    expect(new Set(cols).size).toBe(sqrefs.length);
    const wbc = new ExcelJS.Workbook();
    await wbc.xlsx.readFile(copy);
    expect(wbc.getWorksheet('优抚对象')!.getCell('H200').dataValidation?.type).toBe('list');
  });

  it('describes the same layout as pure data for the add-in', () => {
    const b = blankWorkbook({ year: YEAR, village: '光明村' });
    expect(b.sheets.map((s) => s.name)).toEqual(LEDGER_SCHEMAS.map((s) => s.id));
    expect(b.sheets[0].title).toContain('光明村');
    expect(b.sheets.every((s) => s.headerRow === 3 && s.firstInputRow === 4)).toBe(true);
    const id = b.sheets[0].columns.find((c) => c.field === '身份证号')!;
    expect(id.numFmt).toBe('@');
    expect(b.instructions.lines.join('\n')).toContain(String(YEAR - 18));
  });
});

describe('ledger summarize', () => {
  it('writes the five standard forms and fills a user template', async () => {
    const dir = tmpDir();
    const samples = await sampleCopy(dir);
    const tpl = path.join(dir, '县模板.xlsx');
    const t = new ExcelJS.Workbook();
    const ws = t.addWorksheet('上报');
    ws.getCell('A1').value = '兵役登记率';
    ws.getCell('B1').value = '{{兵役登记率}}';
    ws.getCell('A2').value = '乱写';
    ws.getCell('B2').value = '{{没有这个统计}}';
    await t.xlsx.writeFile(tpl);
    const tplHash = sha256(tpl);
    const before = hashTree(samples);
    const out = path.join(dir, 'out', '汇总.xlsx');
    const r = await cli('summarize', samples, '--year', String(YEAR), '--out', out, '--template', tpl);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/校验：\d+ 个错误/);
    // --out holds the filled template, then the five forms; nothing else is written.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['上报', ...FORM_NAMES]);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['汇总.xlsx']);
    expect(String(wb.getWorksheet('上报')!.getCell('B1').value)).not.toContain('{{');
    const plain = path.join(dir, 'out2', '汇总.xlsx');
    expect((await cli('summarize', samples, '--year', String(YEAR), '--out', plain, '--quiet')).code).toBe(1);
    const p = new ExcelJS.Workbook();
    await p.xlsx.readFile(plain);
    expect(p.worksheets.map((w) => w.name)).toEqual([...FORM_NAMES]);
    expect(r.err).toContain('没有这个统计');
    expect(sha256(tpl)).toBe(tplHash);
    expect(hashTree(samples)).toEqual(before);
    expect((await cli('summarize', samples, '--out', tpl, '--template', tpl)).code).toBe(2);
    expect(sha256(tpl)).toBe(tplHash);
  });
});

describe('bin/ledger.js after npm run build:cli', () => {
  it('runs check through the built CLI with the right exit codes', () => {
    const started = Date.now();
    const b = spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, encoding: 'utf8' });
    // tsc emits even when someone else's work in progress has a type error; what matters here is
    // that the CLI was (re)built.
    const main = path.join(ROOT, 'dist-cli', 'cli', 'main.js');
    if (!fs.existsSync(main) || fs.statSync(main).mtimeMs < started - 2000) throw new Error(`build:cli failed: ${b.stdout}\n${b.stderr}`);
    expect(b.status === 0 || /error TS/.test(b.stdout + b.stderr)).toBe(true);
    const dir = tmpDir();
    const bad = path.join(dir, '坏.xlsx');
    fs.writeFileSync(bad, '');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ledger.js'), 'check', path.join(ROOT, 'samples'), '--year', String(YEAR), '--quiet'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('红旗村.xlsx');
    expect(r.stdout).not.toContain('\ufffd');
    const r2 = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ledger.js'), 'check', bad], { encoding: 'utf8' });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('坏.xlsx');
    const r3 = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ledger.js'), 'check', '--nope'], { encoding: 'utf8' });
    expect(r3.status).toBe(2);
  });
});

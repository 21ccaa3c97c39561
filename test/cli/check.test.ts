import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { deliberateErrors, generateSamples } from '../../src/samples/generate';
import { ERROR_ARGB, REPORT_SHEET } from '../../src/cli/marked';
import { FEEDBACK_HEADERS } from '../../src/core/layout/feedback';
import { REPORT_HEADERS, REPORT_HEADER_ROW } from '../../src/core/layout/report';
import type { JsonReport } from '../../src/cli/report';
import { cli, hashTree, makeOle, sha256, tmpDir } from './helpers';
import { sampleCopy, writeRows, writeValidWorkbook, YEAR } from './fixtures';

jest.setTimeout(60000);

describe('ledger check on the sample workbooks', () => {
  const dir = tmpDir();
  let samples: string;
  let before: Record<string, string>;
  let report: JsonReport;
  let run: Awaited<ReturnType<typeof cli>>;
  const out = path.join(dir, 'out');

  beforeAll(async () => {
    samples = await sampleCopy(dir);
    before = hashTree(samples);
    run = await cli('check', samples, '--year', String(YEAR), '--json', path.join(out, 'report.json'), '--marked', path.join(out, 'marked'), '--feedback', path.join(out, 'feedback'));
    report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
  });

  it('exits 1 (errors found) and leaves every input byte-identical', () => {
    expect(run.code).toBe(1);
    expect(hashTree(samples)).toEqual(before);
    // Nothing was written next to the inputs.
    expect(fs.readdirSync(samples).sort()).toEqual(generateSamples().map((b) => b.file).sort());
  });

  it('prints one line per file with error and warning counts, and a total', () => {
    for (const b of generateSamples()) expect(run.out).toMatch(new RegExp(`${b.file}\\s+\\S+\\s+\\d+\\s+\\d+\\s+\\d+`));
    expect(run.out).toContain('合计（4 个文件）');
    const errors = report.issues.filter((i) => i.severity === 'error').length;
    expect(run.out).toContain(`共 ${errors} 个错误`);
  });

  it('writes the JSON report of cli.md', () => {
    expect(report.year).toBe(YEAR);
    expect(Object.keys(report)).toEqual(['year', 'files', 'issues']);
    expect(report.files.map((f) => f.file).sort()).toEqual(generateSamples().map((b) => b.file).sort());
    const hq = report.files.find((f) => f.file === '红旗村.xlsx')!;
    expect(hq.sheets.find((s) => s.sheet === '优抚对象')).toEqual({ sheet: '优抚对象', ledger: '优抚对象', headerRow: 3, dataRows: 10 });
    expect(hq.sheets.find((s) => s.sheet === '填表说明')?.ledger).toBeNull();
    const gm = report.files.find((f) => f.file === '光明村.xlsx')!;
    expect(gm.sheets.find((s) => s.sheet === 'Sheet1')?.ledger).toBe('优抚对象');
    for (const i of report.issues) {
      expect(['error', 'warning']).toContain(i.severity);
      expect(typeof i.code).toBe('string');
      expect(i.code).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(i.message.length).toBeGreaterThan(0);
      if (i.cell) {
        expect(i.cell).toMatch(/^[A-Z]+\d+$/);
        expect(i.cell.replace(/^[A-Z]+/, '')).toBe(String(i.row));
      }
      const keys = Object.keys(i);
      const order = ['file', 'sheet', 'row', 'column', 'cell', 'code', 'severity', 'message', 'value'];
      expect(keys).toEqual(order.filter((k) => keys.includes(k)));
    }
    const checksum = report.issues.find((i) => i.code === 'id.checksum')!;
    expect(checksum).toMatchObject({ file: '红旗村.xlsx', sheet: '优抚对象', row: 8, column: '身份证号', cell: 'F8', severity: 'error' });
  });

  it('finds every deliberate error of the samples and no other error', () => {
    const errs = report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}|${i.sheet}|${i.row}`);
    const expected = deliberateErrors().map((e) => `${e.file}|${e.sheet}|${e.row}`);
    expect([...new Set(errs)].sort()).toEqual([...new Set(expected)].sort());
  });

  it('reports the fixable mess of the samples as warnings, never errors', () => {
    const warn = new Set(report.issues.filter((i) => i.severity === 'warning').map((i) => `${i.file}|${i.sheet}|${i.row}|${i.column}`));
    for (const w of [
      '光明村.xlsx|Sheet1|3|优抚类别', // 烈属
      '光明村.xlsx|Sheet1|6|身份证号', // full-width digits
      '红旗村.xlsx|优抚对象|10|身份证号', // lower-case x and a trailing space
      '和平村.xlsx|和平村优抚|9|身份证号', // 15-digit legacy ID
      '新民社区.xlsx|优抚对象|4|姓名', // • instead of ·
      '红旗村.xlsx|双拥活动|4|活动类别', // 走访慰问
    ]) {
      expect(warn).toContain(w);
    }
  });

  it('writes marked copies: problem cells filled and noted, a 校验结果 sheet linking to them', async () => {
    const marked = path.join(out, 'marked');
    expect(fs.readdirSync(marked).sort()).toEqual(generateSamples().map((b) => b.file).sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(marked, '红旗村.xlsx'));
    const cell = wb.getWorksheet('优抚对象')!.getCell('F8');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ERROR_ARGB);
    const note = cell.note;
    const noteText = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
    expect(noteText).toContain('校验码');
    // An untouched cell keeps no fill from us.
    expect((wb.getWorksheet('优抚对象')!.getCell('C5').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(ERROR_ARGB);
    const rep = wb.getWorksheet(REPORT_SHEET)!;
    expect(rep).toBeDefined();
    const hq = report.issues.filter((i) => i.file === '红旗村.xlsx');
    // Rows 1–3 a summary, row 4 the headers (the same 10 columns as the add-in), then the problems:
    // the errors and warnings of the JSON report, and 提示 lines.
    expect(rep.getRow(REPORT_HEADER_ROW).values).toEqual([undefined, ...REPORT_HEADERS]);
    const levels: string[] = [];
    const links: string[] = [];
    rep.eachRow((r, n) => {
      if (n <= REPORT_HEADER_ROW) return;
      levels.push(String(r.getCell(8).value));
      const v = r.getCell(5).value as ExcelJS.CellHyperlinkValue;
      if (v && typeof v === 'object' && 'hyperlink' in v) links.push(v.hyperlink);
    });
    expect(levels.filter((l) => l === '错误' || l === '警告').length).toBe(hq.length);
    expect(links).toContain("#'优抚对象'!F8");
    expect(links.length).toBe(hq.filter((i) => i.cell).length);
    // The original still has no 校验结果 sheet.
    const orig = new ExcelJS.Workbook();
    await orig.xlsx.readFile(path.join(samples, '红旗村.xlsx'));
    expect(orig.getWorksheet(REPORT_SHEET)).toBeUndefined();
  });

  it('writes one feedback workbook per village with only that village’s rows', async () => {
    const fb = path.join(out, 'feedback');
    const files = fs.readdirSync(fb).sort();
    expect(files).toEqual(['光明村-反馈.xlsx', '和平村-反馈.xlsx', '新民社区-反馈.xlsx', '红旗村-反馈.xlsx'].sort());
    // name → villages it appears in, from the generator.
    const villagesOf = new Map<string, Set<string>>();
    for (const b of generateSamples()) {
      const village = b.file.replace('.xlsx', '');
      for (const s of b.sheets) for (const r of s.rows) for (const raw of r) if (typeof raw === 'string') {
        const c = raw.replace(/[•．]/g, '·');
        const set = villagesOf.get(c) ?? new Set<string>();
        set.add(village);
        villagesOf.set(c, set);
      }
    }
    for (const f of files) {
      const village = f.replace('-反馈.xlsx', '');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(fb, f));
      const ws = wb.worksheets[0];
      expect(ws.getCell('A2').text).toBe('村名');
      expect(ws.getCell('B2').text).toBe(village);
      expect(ws.getCell('D2').text).toBe('检查日期');
      expect(ws.getRow(6).values).toEqual([undefined, ...FEEDBACK_HEADERS]);
      let n = 0;
      ws.eachRow((r, i) => {
        if (i <= 6) return;
        // A cause repeated down a column is one line, "F5–F14 共8处".
        n += Number(/共(\d+)处/.exec(r.getCell(3).text)?.[1] ?? 1);
        const name = r.getCell(5).text.replace(/[•．]/g, '·');
        if (name && !/等\d+人|、/.test(name)) expect([...(villagesOf.get(name) ?? [])]).toContain(village);
        expect(r.getCell(7).text.length).toBeGreaterThan(0);
      });
      const expected = report.issues.filter((i) => i.file === `${village}.xlsx`).length;
      expect(n).toBe(expected);
    }
  });
});

describe('feedback routing and --mask-ids', () => {
  it('sends a row to the village it names, masks IDs except the one at fault', async () => {
    const dir = tmpDir();
    const f = path.join(dir, '镇汇总.xlsx');
    const { makeId, breakChecksum } = await import('../../src/samples/ids');
    const good1 = makeId('370102', 1970, 1, 1, 11, '男');
    const good2 = makeId('370102', 1971, 2, 2, 13, '男');
    const bad = breakChecksum(makeId('370102', 1972, 3, 3, 15, '男'));
    await writeRows(f, {
      优抚对象: [
        ['所在村', '姓名', '身份证号', '优抚类别', '本年发放金额(元)'],
        ['红旗村', '甲一', good1, '其他退役军人', '五百'],
        ['光明村', '乙二', bad, '其他退役军人', 100],
        ['光明村', '丙三', good2, '不存在的类别', 100],
      ],
    });
    const out = path.join(dir, 'fb');
    const r = await cli('check', f, '--year', String(YEAR), '--villages', await villagesFile(dir), '--feedback', out, '--mask-ids');
    expect(r.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(['光明村-反馈.xlsx', '红旗村-反馈.xlsx'].sort());
    const rows = async (file: string): Promise<string[][]> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, file));
      const res: string[][] = [];
      wb.worksheets[0].eachRow((row, i) => {
        if (i > 6) res.push([row.getCell(5).text, row.getCell(6).text, row.getCell(7).text]);
      });
      return res;
    };
    const hq = await rows('红旗村-反馈.xlsx');
    expect(hq.map((x) => x[0])).toEqual(['甲一']);
    expect(hq[0][1]).not.toBe(good1);
    expect(hq[0][1]).not.toMatch(/^\d{17}[\dX]$/);
    const gm = await rows('光明村-反馈.xlsx');
    expect(gm.map((x) => x[0]).sort()).toEqual(['丙三', '乙二'].sort());
    expect(gm.find((x) => x[0] === '乙二')![1]).toBe(bad);
    expect(gm.find((x) => x[0] === '丙三')![1]).not.toBe(good2);
    const all = JSON.stringify([...hq, ...gm]);
    expect(all).not.toContain(good1);
    expect(all).not.toContain(good2);
  });
});

describe('--mask-ids in the JSON report and the merged workbook', () => {
  it('leaves no ID number in either, while the unmasked run shows them', async () => {
    const dir = tmpDir();
    const f = path.join(dir, '镇汇总.xlsx');
    const { makeId, breakChecksum } = await import('../../src/samples/ids');
    const good = makeId('370102', 1970, 1, 1, 11, '男');
    const bad = breakChecksum(makeId('370102', 1972, 3, 3, 15, '男'));
    await writeRows(f, {
      优抚对象: [
        ['所在村', '姓名', '身份证号', '优抚类别', '本年发放金额(元)'],
        ['红旗村', '甲一', good, '其他退役军人', 100],
        ['光明村', '乙二', bad, '其他退役军人', 100],
      ],
    });
    const idLike = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/;
    const plain = path.join(dir, 'plain.json');
    const masked = path.join(dir, 'masked.json');
    await cli('check', f, '--year', String(YEAR), '--json', plain);
    await cli('check', f, '--year', String(YEAR), '--json', masked, '--mask-ids');
    expect(fs.readFileSync(plain, 'utf8')).toContain(bad);
    const m: JsonReport = JSON.parse(fs.readFileSync(masked, 'utf8'));
    const p: JsonReport = JSON.parse(fs.readFileSync(plain, 'utf8'));
    expect(JSON.stringify(m)).not.toMatch(idLike);
    // the same issues, at the same cells
    expect(m.issues.map((i) => [i.cell, i.code])).toEqual(p.issues.map((i) => [i.cell, i.code]));

    const out = path.join(dir, 'merged.xlsx');
    await cli('merge', f, '--year', String(YEAR), '--out', out, '--mask-ids');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('优抚对象')!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    expect(texts.join('|')).not.toMatch(idLike);
    expect(texts).toContain('甲一');
  });
});

async function villagesFile(dir: string): Promise<string> {
  const f = path.join(dir, '村名单.txt');
  fs.writeFileSync(f, '村名\n红旗村\n光明村\n');
  return f;
}

describe('exit codes and bad input', () => {
  it('0 for a clean workbook, 1 with errors, 2 for bad usage', async () => {
    const dir = tmpDir();
    const ok = path.join(dir, '红旗村.xlsx');
    await writeValidWorkbook(ok);
    const clean = await cli('check', ok, '--year', String(YEAR));
    expect(clean.err).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('通过');
    expect((await cli('check')).code).toBe(2);
    expect((await cli('check', ok, '--bogus')).code).toBe(2);
    const y = await cli('check', ok, '--year', '26');
    expect(y.code).toBe(2);
    expect(y.err).toContain('--year');
    expect((await cli('summarize', ok)).code).toBe(2); // --out missing
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('check', '--help')).code).toBe(0);
    expect((await cli()).code).toBe(2);
  });

  it('one line per unreadable file, the others still checked, exit 2', async () => {
    const dir = tmpDir();
    await writeValidWorkbook(path.join(dir, '红旗村.xlsx'));
    fs.writeFileSync(path.join(dir, '空的.xlsx'), '');
    fs.writeFileSync(path.join(dir, '旧版.xlsx'), makeOle(false));
    fs.writeFileSync(path.join(dir, '加密.xlsx'), makeOle(true));
    fs.writeFileSync(path.join(dir, '改名.xlsx'), '序号,姓名\n1,张三\n');
    fs.writeFileSync(path.join(dir, '说明.docx'), 'x');
    fs.writeFileSync(path.join(dir, '~$红旗村.xlsx'), 'x');
    const before = hashTree(dir);
    const json = path.join(tmpDir(), 'r.json');
    const r = await cli('check', dir, '--year', String(YEAR), '--json', json);
    expect(r.code).toBe(2);
    const lines = r.err.split('\n');
    for (const [name, word] of [
      ['空的.xlsx', '空'],
      ['旧版.xlsx', '.xls'],
      ['加密.xlsx', '密码'],
      ['改名.xlsx', 'CSV'],
    ]) {
      const mine = lines.filter((l) => l.includes(name) && !l.includes('~$'));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toContain(word);
    }
    expect(lines.filter((l) => l.includes('说明.docx'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('跳过'))).toHaveLength(2);
    expect(r.out).toMatch(/红旗村\.xlsx.*通过/);
    expect(r.out).toMatch(/空的\.xlsx.*无法读取/);
    const rep: JsonReport = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(rep.files.find((f) => f.file === '加密.xlsx')?.error?.code).toBe('file.encrypted');
    expect(rep.files.find((f) => f.file === '红旗村.xlsx')?.sheets.length).toBe(5);
    expect(rep.issues.filter((i) => i.code.startsWith('file.')).map((i) => i.file).sort()).toEqual(['加密.xlsx', '旧版.xlsx', '改名.xlsx', '空的.xlsx'].sort());
    expect(hashTree(dir)).toEqual(before);
  });

  it('skipped non-xlsx files alone do not change the exit code', async () => {
    const dir = tmpDir();
    await writeValidWorkbook(path.join(dir, '红旗村.xlsx'));
    fs.writeFileSync(path.join(dir, '照片.jpg'), 'x');
    const r = await cli('check', dir, '--year', String(YEAR));
    expect(r.code).toBe(0);
    expect(r.err).toContain('照片.jpg');
    const q = await cli('check', dir, '--year', String(YEAR), '--quiet');
    expect(q.err).toBe('');
  });

  it('refuses an output that would overwrite an input', async () => {
    const dir = tmpDir();
    const f = path.join(dir, '红旗村.xlsx');
    await writeValidWorkbook(f);
    const h = sha256(f);
    const r = await cli('check', f, '--year', String(YEAR), '--json', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('拒绝覆盖');
    expect(sha256(f)).toBe(h);
    const m = await cli('merge', dir, '--out', f);
    expect(m.code).toBe(2);
    expect(sha256(f)).toBe(h);
    const json = path.join(tmpDir(), 'r.json');
    const marked = await cli('check', f, '--year', String(YEAR), '--json', json, '--marked', dir);
    expect(marked.code).toBe(2);
    expect(sha256(f)).toBe(h);
    // Refused before anything was written.
    expect(fs.existsSync(json)).toBe(false);
    const fbInput = path.join(dir, '红旗村-反馈.xlsx');
    fs.copyFileSync(f, fbInput);
    const h2 = sha256(fbInput);
    const fb = await cli('check', dir, '--year', String(YEAR), '--feedback', dir);
    expect(fb.code).toBe(2);
    expect(sha256(fbInput)).toBe(h2);
  });

  it('takes the village list from a text file or an .xlsx first column', async () => {
    const dir = tmpDir();
    const f = path.join(dir, '红旗村.xlsx');
    await writeValidWorkbook(f, '红旗村');
    const txt = path.join(dir, 'v.txt');
    fs.writeFileSync(txt, '光明村\n和平村\n');
    const r1 = await cli('check', f, '--year', String(YEAR), '--villages', txt, '--json', path.join(dir, 'a.json'));
    expect(r1.code).toBe(1);
    const rep: JsonReport = JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8'));
    expect(rep.issues.some((i) => i.column === '所在村' && i.severity === 'error')).toBe(true);
    const xlsx = path.join(dir, 'v.xlsx');
    await writeRows(xlsx, { 村名单: [['村名'], ['红旗村'], ['光明村']] });
    expect((await cli('check', f, '--year', String(YEAR), '--villages', xlsx)).code).toBe(0);
    expect((await cli('check', f, '--villages', path.join(dir, 'none.txt'))).code).toBe(2);
  });

  it('handles no ledger sheet, header-only sheets, 10,000-character cells, error values and merged data cells', async () => {
    const dir = tmpDir();
    await writeRows(path.join(dir, '无台账.xlsx'), { 说明: [['这只是一个说明'], ['没有台账']] });
    await writeRows(path.join(dir, '只有表头.xlsx'), { 优抚对象: [['所在村', '姓名', '身份证号', '优抚类别']] });
    const { makeId } = await import('../../src/samples/ids');
    const id = makeId('370102', 1970, 1, 1, 11, '男');
    await writeRows(path.join(dir, '长文本.xlsx'), {
      优抚对象: [
        ['所在村', '姓名', '身份证号', '优抚类别', '备注'],
        ['红旗村', '张三', id, '其他退役军人', '长'.repeat(10000)],
        ['红旗村', { error: '#VALUE!' }, makeId('370102', 1971, 1, 1, 13, '男'), '其他退役军人', null],
      ],
    });
    // 所在村 merged down the data rows.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('优抚对象');
    ws.addRow(['所在村', '姓名', '身份证号', '优抚类别']);
    ws.addRow(['光明村', '李四', makeId('370102', 1960, 1, 1, 21, '男'), '其他退役军人']);
    ws.addRow([null, '王五', makeId('370102', 1961, 1, 1, 23, '男'), '其他退役军人']);
    ws.addRow([null, '赵六', makeId('370102', 1962, 1, 1, 25, '男'), '其他退役军人']);
    ws.mergeCells('A2:A4');
    await wb.xlsx.writeFile(path.join(dir, '合并单元格.xlsx'));
    // A sheet reaching Excel's last row (1,048,576): a stray note far below the data.
    const big = new ExcelJS.Workbook();
    const bs = big.addWorksheet('优抚对象');
    bs.addRow(['所在村', '姓名', '身份证号', '优抚类别']);
    bs.addRow(['和平村', '孙七', makeId('370102', 1963, 1, 1, 27, '男'), '其他退役军人']);
    bs.getCell('A1048576').value = '制表人：某某';
    await big.xlsx.writeFile(path.join(dir, '最后一行.xlsx'));
    const json = path.join(tmpDir(), 'r.json');
    const r = await cli('check', dir, '--year', String(YEAR), '--json', json);
    const rep: JsonReport = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/无台账\.xlsx.*（无台账）/);
    expect(rep.files.find((f) => f.file === '只有表头.xlsx')?.sheets[0]).toMatchObject({ ledger: '优抚对象', dataRows: 0 });
    const long = rep.issues.filter((i) => i.file === '长文本.xlsx');
    expect(long.filter((i) => i.severity === 'error').map((i) => i.row)).toEqual([3]);
    expect(long.find((i) => i.row === 3)?.cell).toBe('B3');
    const merged = rep.issues.filter((i) => i.file === '合并单元格.xlsx' && i.severity === 'error');
    expect(merged).toEqual([]);
    expect(rep.files.find((f) => f.file === '合并单元格.xlsx')?.sheets[0].dataRows).toBe(3);
    expect(r.err).toContain('A2:A4');
    const last = rep.files.find((f) => f.file === '最后一行.xlsx')!;
    expect(last.sheets[0]).toMatchObject({ ledger: '优抚对象', dataRows: 1 });
    expect(rep.issues.filter((i) => i.file === '最后一行.xlsx' && i.severity === 'error')).toEqual([]);
  });

  it('renders messages in English with --locale en-US', async () => {
    const dir = tmpDir();
    const { makeId, breakChecksum } = await import('../../src/samples/ids');
    const f = path.join(dir, 'a.xlsx');
    await writeRows(f, { 优抚对象: [['所在村', '姓名', '身份证号', '优抚类别'], ['红旗村', '张三', breakChecksum(makeId('370102', 1970, 1, 1, 11, '男')), '其他退役军人']] });
    const zh = path.join(dir, 'zh.json');
    const en = path.join(dir, 'en.json');
    await cli('check', f, '--year', String(YEAR), '--json', zh);
    await cli('check', f, '--year', String(YEAR), '--json', en, '--locale', 'en-US');
    const z: JsonReport = JSON.parse(fs.readFileSync(zh, 'utf8'));
    const e: JsonReport = JSON.parse(fs.readFileSync(en, 'utf8'));
    const zi = z.issues.find((i) => i.code === 'id.checksum')!;
    const ei = e.issues.find((i) => i.code === 'id.checksum')!;
    expect(ei.message).not.toBe(zi.message);
    expect(ei.message).toMatch(/[A-Za-z]{3,}/);
    expect((await cli('check', f, '--locale', 'fr-FR')).code).toBe(2);
  });

  it('counts problems beyond the per-sheet listing cap in the table and the totals', async () => {
    const dir = tmpDir();
    const lines = ['所在村,姓名,身份证号,优抚类别'];
    for (let i = 0; i < 1200; i++) lines.push(`红旗村,张${i},12345,其他退役军人`);
    fs.writeFileSync(path.join(dir, '大表.csv'), lines.join('\n'));
    const json = path.join(tmpDir(), 'r.json');
    const r = await cli('check', dir, '--year', String(YEAR), '--json', json);
    expect(r.code).toBe(1);
    const rep: JsonReport = JSON.parse(fs.readFileSync(json, 'utf8'));
    const listed = rep.issues.filter((i) => i.severity === 'error').length;
    expect(listed).toBeLessThanOrEqual(1000);
    expect(r.out).toMatch(/大表\.csv\s+优抚对象\s+1200\s+1200\s/);
    expect(r.out).toContain('共 1200 个错误');
    expect(r.out).toContain('超出每表上限');
  });

  it('accepts a GBK .csv export as a ledger sheet', async () => {
    const dir = tmpDir();
    const { makeId } = await import('../../src/samples/ids');
    const iconv = await import('iconv-lite');
    const text = `所在村,姓名,身份证号,优抚类别\r\n红旗村,王德明,${makeId('370102', 1950, 1, 1, 11, '男')},其他退役军人\r\n`;
    const f = path.join(dir, '红旗村优抚.csv');
    fs.writeFileSync(f, iconv.encode(text, 'gbk'));
    const json = path.join(dir, 'r.json');
    const r = await cli('check', f, '--year', String(YEAR), '--json', json);
    expect(r.code).toBe(0);
    const rep: JsonReport = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(rep.files[0].sheets[0]).toMatchObject({ sheet: '红旗村优抚', ledger: '优抚对象', dataRows: 1 });
  });
});

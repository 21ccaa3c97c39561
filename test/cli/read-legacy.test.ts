/**
 * The formats villages send besides .xlsx give the same issues as the .xlsx they came from, cell
 * for cell, except where the format itself lost information (docs/cli.md, "Formats"). The .xls,
 * .ods and HTML versions of samples/红旗村.xlsx are made by LibreOffice here when it is installed,
 * else taken from test/cli/legacy/ (made the same way: `soffice --headless --convert-to xls|ods|html`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { readInput } from '../../src/cli/read';
import { sofficeBinary, sofficeConvert } from '../helpers/soffice';
import { cli, tmpDir } from './helpers';

jest.setTimeout(300000);

const FIX = path.join(__dirname, 'legacy');

/** One folder per format, each holding 红旗村 in that format (HTML named .xls, as back-ends do). */
function makeVersions(root: string): Record<string, string> {
  const src = path.join(FIX, '红旗村.xlsx');
  const conv = path.join(root, 'conv');
  fs.mkdirSync(conv, { recursive: true });
  const have = sofficeBinary() !== null;
  for (const fmt of ['xls', 'ods', 'html']) {
    if (have) sofficeConvert(src, fmt, conv);
    else fs.copyFileSync(path.join(FIX, `红旗村.${fmt}`), path.join(conv, `红旗村.${fmt}`));
  }
  const dirs: Record<string, string> = {};
  const put = (kind: string, name: string, data: Buffer): void => {
    const d = path.join(root, kind);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, name), data);
    dirs[kind] = d;
  };
  put('xlsx', '红旗村.xlsx', fs.readFileSync(src));
  put('xls', '红旗村.xls', fs.readFileSync(path.join(conv, '红旗村.xls')));
  put('ods', '红旗村.ods', fs.readFileSync(path.join(conv, '红旗村.ods')));
  const html = fs.readFileSync(path.join(conv, '红旗村.html'), 'utf8');
  put('html', '红旗村.xls', Buffer.from(html, 'utf8'));
  put('gbk-html', '红旗村.xls', iconv.encode(html.replace(/charset=utf-8/i, 'charset=gbk'), 'gbk'));
  // SpreadsheetML 2003 (what older systems export as .xls), written by SheetJS from the .xlsx.
  put('xlml', '红旗村.xls', XLSX.write(XLSX.read(fs.readFileSync(src), { type: 'buffer' }), { bookType: 'xlml', type: 'buffer' }) as Buffer);
  return dirs;
}

type Issue = { sheet?: string; cell?: string; code: string; value?: string };

async function issuesOf(dir: string, out: string): Promise<{ code: number; issues: Issue[]; err: string }> {
  const json = path.join(out, `${path.basename(dir)}.json`);
  const r = await cli('check', dir, '--json', json, '--year', '2026');
  return { code: r.code, issues: JSON.parse(fs.readFileSync(json, 'utf8')).issues, err: r.err };
}

const key = (i: Issue): string => `${i.sheet}!${i.cell}:${i.code}`;

describe('a folder of .xls, HTML-as-.xls and .ods village files is checked like the .xlsx', () => {
  let dirs: Record<string, string>;
  let out: string;
  let base: Issue[];
  beforeAll(async () => {
    const root = tmpDir('ledger-legacy-');
    dirs = makeVersions(root);
    out = tmpDir('ledger-legacy-out-');
    base = (await issuesOf(dirs.xlsx, out)).issues;
    expect(base.length).toBeGreaterThan(3);
  });

  it('.xls (BIFF8): the same issues, the same values', async () => {
    const r = await issuesOf(dirs.xls, out);
    expect(r.code).toBe(1);
    expect(r.issues.map((i) => [key(i), i.value])).toEqual(base.map((i) => [key(i), i.value]));
  });

  // Deliberate differences (docs/cli.md): .ods and HTML drop a cell's trailing spaces, and an ID
  // stored as a number keeps only 15 digits (HTML shows it as 3.70102197502282E+17).
  const lost = (i: Issue): boolean => /\s$/.test(i.value ?? '') || i.code === 'id.stored-as-number';

  for (const kind of ['ods', 'html', 'gbk-html', 'xlml']) {
    it(`${kind}: the same issues in the same cells; values differ only where the format lost them`, async () => {
      const r = await issuesOf(dirs[kind], out);
      expect(r.code).toBe(1);
      expect(r.err).not.toContain('无法读取');
      expect(r.issues.map(key)).toEqual(base.map(key));
      const byKey = new Map(r.issues.map((i) => [key(i), i.value]));
      for (const i of base) if (!lost(i)) expect([key(i), byKey.get(key(i))]).toEqual([key(i), i.value]);
      expect(base.some(lost)).toBe(true);
    });
  }

  it('all four in one folder: one row per file in the table, exit 1 (errors), nothing skipped', async () => {
    const all = tmpDir('ledger-legacy-all-');
    fs.copyFileSync(path.join(dirs.xls, '红旗村.xls'), path.join(all, '村A.xls'));
    fs.copyFileSync(path.join(dirs.html, '红旗村.xls'), path.join(all, '村B.xls'));
    fs.copyFileSync(path.join(dirs.ods, '红旗村.ods'), path.join(all, '村C.ods'));
    fs.copyFileSync(path.join(dirs['gbk-html'], '红旗村.xls'), path.join(all, '村D.xls'));
    const r = await cli('check', all, '--year', '2026');
    expect(r.code).toBe(1);
    expect(r.out).toContain('合计（4 个文件）');
    expect(r.err).not.toContain('跳过');
  });

  it('a tab-separated export named .xls (GBK) is read as a CSV', async () => {
    const d = tmpDir();
    const f = path.join(d, '导出.xls');
    fs.writeFileSync(f, iconv.encode('序号\t姓名\t身份证号\n1\t张三\t370102195003121153\n', 'gbk'));
    const r = await readInput(f);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.sheets[0].rows[1].cells).toEqual([1, '张三', '370102195003121153']);
  });

  it('still refused: .xlsb and a damaged .et name the real format and what to do', async () => {
    const d = tmpDir();
    const et = path.join(d, '村.et');
    fs.writeFileSync(et, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)]));
    const r = await readInput(et);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/WPS 表格文件（\.et）.*另存为/);
  });
});

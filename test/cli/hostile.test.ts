/**
 * Hostile and broken inputs (test/cli/hostile.ts generates them in a temp folder): each is refused
 * with one clerk sentence naming the file, or repaired with a warning; none stops the others; no
 * message speaks JavaScript; a lying zip stops at its budget.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderMessage } from '../../src/core';
import { readInput, readXlsx } from '../../src/cli/read';
import { repairProblem } from '../../src/cli/session';
import { openZip } from '../../src/cli/xlsx/zip';
import { READ_LIMITS, readXlsxStream } from '../../src/cli/xlsx/reader';
import { buildXlsx, deflateBomb, is, ledgerRows, writeHostileCorpus, zipWithDeflatedSheet, type HostileCase } from './hostile';
import { cli, hashTree, tmpDir } from './helpers';

jest.setTimeout(180000);

/** Words of a JavaScript error that a clerk must never see. */
const JS_WORDS = /Cannot read|Cannot set|undefined|TypeError|RangeError|Error:|reading '|is not a function|\bnull\b|Bug :|stack|at Object\./;

let dir: string;
let corpus: HostileCase[];
beforeAll(async () => {
  dir = tmpDir('ledger-hostile-');
  corpus = await writeHostileCorpus(path.join(dir, 'corpus'));
});

describe('each hostile file alone', () => {
  it('is refused with its code, repaired with a warning, or read — never a JavaScript message', async () => {
    const before = hashTree(path.join(dir, 'corpus'));
    for (const c of corpus) {
      const r = await readInput(c.file);
      const seen = r.ok ? `read:${(r.warnings ?? []).map((w) => w.zh).join('|')}` : `refused:${r.code}:${r.message}`;
      if (c.expect === 'refused') {
        expect([c.name, r.ok ? 'read' : r.code]).toEqual([c.name, c.code]);
        if (!r.ok) {
          expect(r.message).not.toMatch(JS_WORDS);
          expect(r.message.split('\n')).toHaveLength(1);
          expect(r.message).toMatch(/[\u4e00-\u9fff]/);
          expect(r.file).toBe(c.name);
        }
      } else if (c.expect === 'repaired') {
        expect([c.name, r.ok && (r.warnings ?? []).length > 0]).toEqual([c.name, true]);
        expect([c.name, seen]).toEqual([c.name, expect.stringContaining(c.code ?? '')]);
        if (r.ok)
          for (const w of r.warnings ?? []) {
            expect(w.zh).not.toMatch(JS_WORDS);
            // The reader gives the bare detail; the file.repaired message frames it, once, per locale.
            expect(w.zh).not.toContain('文件有损坏');
            expect(w.en).not.toMatch(/damaged/i);
            const p = repairProblem(r.data.file, w);
            expect(renderMessage(p, 'zh-CN')).toBe(`文件有损坏，已尽量读取：${w.zh}`);
            expect(renderMessage(p, 'en-US')).toBe(`The file is damaged and was read as far as possible: ${w.en}`);
          }
      } else {
        expect([c.name, seen]).toEqual([c.name, 'read:']);
      }
    }
    expect(hashTree(path.join(dir, 'corpus'))).toEqual(before);
  });

  it('a bad cell reference costs that cell only', async () => {
    const r = await readInput(corpus.find((c) => c.name === 'bad-ref.xlsx')!.file);
    if (!r.ok) throw new Error(r.message);
    const row18 = r.data.sheets[0].rows.find((x) => x.r === 18);
    expect(row18?.cells[1]).toBe('李四');
    expect(r.data.sheets[0].rows.filter((x) => x.r <= 4)).toHaveLength(4);
  });

  it('missing shared strings is never read silently as empty', async () => {
    const r = await readInput(corpus.find((c) => c.name === 'no-shared-strings.xlsx')!.file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('sharedStrings');
  });

  it('rich text, phonetic runs, OOXML escapes, prefixed elements, 1904 dates and formats', async () => {
    const rich = await readInput(corpus.find((c) => c.name === 'rich-phonetic.xlsx')!.file);
    if (!rich.ok) throw new Error(rich.message);
    expect(rich.data.sheets[0].rows[0].cells).toEqual(['张建国', '红旗村', 'A\rB']);
    const pre = await readInput(corpus.find((c) => c.name === 'prefixed.xlsx')!.file);
    if (!pre.ok) throw new Error(pre.message);
    expect(pre.data.sheets[0].rows[0].cells).toEqual(['前缀', 3]);
    const f = await readInput(corpus.find((c) => c.name === 'formats-1904.xlsx')!.file);
    if (!f.ok) throw new Error(f.message);
    const cells = f.data.sheets[0].rows[0].cells;
    expect((cells[0] as Date).toISOString()).toBe('2023-05-01T00:00:00.000Z');
    expect((cells[1] as Date).toISOString()).toBe('2023-05-01T00:00:00.000Z');
    expect(cells.slice(2)).toEqual([0.0125, 0.5, '370102195003121153', 0.25, true, { error: '#N/A' }, '公式']);
    const m = await readInput(corpus.find((c) => c.name === 'merged-hidden.xlsx')!.file);
    if (!m.ok) throw new Error(m.message);
    expect(m.data.sheets[0].rows.map((r) => r.cells[4])).toEqual(['所在村', '红旗村', '红旗村', '红旗村', '红旗村']);
    expect(m.data.sheets[1]).toMatchObject({ name: '隐藏', hidden: true });
  });
});

describe('a lying zip', () => {
  it('stops at the size it declares: 1 GiB of rows declared as 64 KB is refused fast', async () => {
    const bomb = deflateBomb(1024);
    const file = path.join(dir, 'lying-1g.xlsx');
    fs.writeFileSync(file, zipWithDeflatedSheet(bomb.data, 64 * 1024));
    const t0 = Date.now();
    const r = await readInput(file);
    expect(r.ok ? 'read' : r.code).toBe('file.zip-bomb');
    expect(Date.now() - t0).toBeLessThan(20000);
    if (!r.ok) expect(r.message).toContain('声明');
  });

  it('the inflation budget holds whatever the headers say (counted as it inflates)', async () => {
    const file = path.join(dir, 'honest.xlsx');
    fs.writeFileSync(file, buildXlsx({ sheets: [{ name: '优抚对象', data: ledgerRows(2000) }] }));
    const zip = await openZip(file, 100 * 1024);
    await expect(zip.read('xl/worksheets/sheet1.xml', () => undefined)).rejects.toMatchObject({ kind: 'bomb' });
    zip.close();
  });
});

describe('Chinese across chunk boundaries', () => {
  it('gives the same cells with chunks of 1 to 7 bytes as with whole chunks', async () => {
    const words = ['红旗村优抚对象花名册', '买买提·吐尔逊', '𠀀𪚥龘靐齉', '（一）“引号”——破折号…', '　全角空格'];
    const data = words.map((w, i) => `<row r="${i + 1}">${is(`A${i + 1}`, w)}<c r="B${i + 1}" t="s"><v>${i}</v></c></row>`).join('');
    const file = path.join(dir, 'chunks.xlsx');
    fs.writeFileSync(file, buildXlsx({ sst: words, sheets: [{ name: '花名册', data }] }));
    const whole = await readXlsxStream(file);
    expect(whole.sheets[0].rows.map((r) => r.cells)).toEqual(words.map((w) => [w, w]));
    for (const n of [1, 2, 3, 5, 7]) {
      const small = await readXlsx(file, { chunkSize: n });
      expect(small.data.sheets).toEqual(whole.sheets);
    }
  });
});

describe('OOXML escapes (_xHHHH_) in every kind of text cell', () => {
  it('are decoded in inline, formula-string and shared texts, short or long, cut or whole; a plain "_" stays', async () => {
    const long = '备注' + '很长的文字'.repeat(10) + '_x000D_' + '结尾';
    const data =
      `<row r="1">${is('A1', 'A_x000D_B')}<c r="B1" t="str"><f>1</f><v>C_x0009_D</v></c><c r="C1" t="s"><v>0</v></c>${is('D1', long)}` +
      `<c r="E1" t="inlineStr"><is><r><t>前_x00</t></r><r><t>41_后</t></r></is></c>${is('F1', 'a_b _x z_x12_')}<c r="G1" t="str"><v>_x005F_x0041_</v></c></row>`;
    const file = path.join(dir, 'escapes.xlsx');
    fs.writeFileSync(file, buildXlsx({ sst: ['E_x000A_F'], sheets: [{ name: '表', data }] }));
    const want = ['A\rB', 'C\tD', 'E\nF', long.replace('_x000D_', '\r'), '前A后', 'a_b _x z_x12_', '_x0041_'];
    for (const n of [0, 3]) {
      const book = await readXlsxStream(file, { chunkSize: n });
      expect(book.sheets[0].rows[0].cells).toEqual(want);
    }
  });
});

describe('whole runs', () => {
  it('one bad file never stops the others: table, JSON and outputs for the good ones; exit 2', async () => {
    const out = tmpDir('ledger-hostile-out-');
    const json = path.join(out, 'r.json');
    const r = await cli('check', path.join(dir, 'corpus'), '--json', json, '--marked', path.join(out, 'marked'), '--year', '2026');
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/Cannot read|Cannot set|TypeError|reading '|Bug :/);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const files = report.files.map((f: { file: string }) => f.file);
    expect(files).toEqual(expect.arrayContaining(['good.xlsx', 'lying-zip.xlsx', 'no-shared-strings.xlsx']));
    const good = report.files.find((f: { file: string }) => f.file === 'good.xlsx');
    expect(good.error).toBeUndefined();
    expect(report.files.find((f: { file: string }) => f.file === 'lying-zip.xlsx').error.code).toBe('file.zip-bomb');
    expect(r.out).toContain('good.xlsx');
    for (const c of corpus.filter((x) => x.expect === 'refused')) expect(r.err).toContain(`错误  ${c.name}：`);
    expect(r.err).toContain('警告  bad-ref.xlsx：文件有损坏，已尽量读取');
    // Every file that was read has its marked copy, the repaired ones rebuilt from the cells read.
    const marked = fs.readdirSync(path.join(out, 'marked'));
    for (const c of corpus.filter((x) => x.expect !== 'refused')) expect(marked).toContain(c.name);
    expect(r.err).toContain('提示  bad-ref.xlsx：文件有损坏，标注副本按读出的内容重建');
  });

  it('technical detail only with --verbose', async () => {
    const one = corpus.find((c) => c.name === 'lying-zip.xlsx')!.file;
    const plain = await cli('check', one);
    expect(plain.err).not.toContain('too many bytes');
    const verbose = await cli('check', one, '--verbose');
    expect(verbose.err).toContain('too many bytes');
  });

  it('an empty folder, or one of skipped files only, exits 2 with a line saying nothing was read', async () => {
    const empty = tmpDir('ledger-empty-');
    const r = await cli('check', empty);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有读到任何工作簿');
    expect(r.out).not.toMatch(/共 0 个错误/);
    const skipped = tmpDir('ledger-skipped-');
    fs.writeFileSync(path.join(skipped, '说明.docx'), 'x');
    fs.writeFileSync(path.join(skipped, '照片.jpg'), 'x');
    const s = await cli('check', skipped);
    expect(s.code).toBe(2);
    expect(s.err).toContain('没有读到任何工作簿（2 个已跳过）');
    const bad = tmpDir('ledger-bad-');
    fs.copyFileSync(corpus.find((c) => c.name === 'pdf.xlsx')!.file, path.join(bad, '村.xlsx'));
    const b = await cli('merge', bad, '--out', path.join(tmpDir(), 'm.xlsx'));
    expect(b.code).toBe(2);
    expect(b.err).toContain('PDF');
  });

  it('a header row out to column XFD loses none of the sheet’s problems', async () => {
    const narrow = path.join(dir, 'narrow');
    const wide = path.join(dir, 'wide');
    fs.mkdirSync(narrow);
    fs.mkdirSync(wide);
    const bad = `<row r="5">${is('A5', '4')}${is('B5', '王五')}${is('C5', '110105194912310023')}${is('D5', '不存在的类别')}${is('E5', '红旗村')}</row>`;
    fs.writeFileSync(path.join(narrow, '红旗村.xlsx'), buildXlsx({ sheets: [{ name: '优抚对象', data: ledgerRows(3) + bad }] }));
    fs.writeFileSync(path.join(wide, '红旗村.xlsx'), buildXlsx({ sheets: [{ name: '优抚对象', data: ledgerRows(3, 16384 - 5) + bad }] }));
    const out = tmpDir();
    await cli('check', narrow, '--json', path.join(out, 'n.json'), '--year', '2026');
    await cli('check', wide, '--json', path.join(out, 'w.json'), '--year', '2026');
    type Issue = { cell?: string; code: string; row?: number };
    const data = (f: string): string[] =>
      (JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).issues as Issue[]).filter((i) => (i.row ?? 0) > 1).map((i) => `${i.cell}:${i.code}`);
    const n = data('n.json');
    expect(n.length).toBeGreaterThan(0);
    expect(data('w.json')).toEqual(expect.arrayContaining(n));
  });
});

describe('repairs in the JSON report', () => {
  it('each repair is a file.repaired warning naming file and sheet, counted in the table', async () => {
    const out = tmpDir('ledger-repaired-');
    const badRef = corpus.find((c) => c.name === 'bad-ref.xlsx')!.file;
    const good = corpus.find((c) => c.name === 'good.xlsx')!.file;
    const r = await cli('check', badRef, good, '--json', path.join(out, 'r.json'), '--year', '2026');
    type Issue = { file?: string; sheet?: string; row?: number; code: string; severity: string; message: string };
    const issues = JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8')).issues as Issue[];
    const repaired = issues.filter((i) => i.code === 'file.repaired');
    expect(repaired).toEqual([{ file: 'bad-ref.xlsx', sheet: '优抚对象', code: 'file.repaired', severity: 'warning', message: expect.stringMatching(/^文件有损坏，已尽量读取：工作表“优抚对象”有 1 个单元格的位置无效（如 ZZZZ18）/) }]);
    expect(repaired[0].message).not.toMatch(JS_WORDS);
    // The file's warnings in the table count it: the same number as its warning issues.
    const warningsOf = issues.filter((i) => i.file === 'bad-ref.xlsx' && i.severity === 'warning').length;
    const line = r.out.split('\n').find((l) => l.startsWith('bad-ref.xlsx'))!;
    expect(line.trim().split(/\s+/).slice(-2)[0]).toBe(String(warningsOf));
    const en = await cli('check', badRef, '--json', path.join(out, 'en.json'), '--year', '2026', '--locale', 'en-US');
    expect(en.code).toBeLessThan(2);
    const enIssue = (JSON.parse(fs.readFileSync(path.join(out, 'en.json'), 'utf8')).issues as Issue[]).find((i) => i.code === 'file.repaired')!;
    expect(enIssue.message).toMatch(/^The file is damaged and was read as far as possible: sheet "优抚对象" has 1 cells with an invalid reference/);
  });

  it('a repair that concerns no one sheet is a file-level issue', async () => {
    const out = tmpDir('ledger-repaired-');
    const f = path.join(out, 'styles.xlsx');
    // A styles part that is not XML at all: dates may show as numbers, said once for the file.
    const zip = buildXlsx({ sheets: [{ name: '优抚对象', data: ledgerRows(2) }], drop: ['xl/styles.xml'], extra: [{ name: 'xl/styles.xml', data: Buffer.from('<styleSheet><cellXfs><xf numFmtId="14"></cellXfs>') }] });
    fs.writeFileSync(f, zip);
    await cli('check', f, '--json', path.join(out, 'r.json'), '--year', '2026');
    type Issue = { file?: string; sheet?: string; code: string };
    const repaired = (JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8')).issues as Issue[]).filter((i) => i.code === 'file.repaired');
    expect(repaired).toEqual([expect.objectContaining({ file: 'styles.xlsx', code: 'file.repaired' })]);
    expect(repaired[0].sheet).toBeUndefined();
  });
});

describe('a budget of cells', () => {
  const saved = { ...READ_LIMITS };
  afterEach(() => Object.assign(READ_LIMITS, saved));

  /** Rows of tiny number cells: <c><v>1</v></c>, no references. */
  const tiny = (rows: number, cols: number): string => Array.from({ length: rows }, () => `<row>${'<c><v>1</v></c>'.repeat(cols)}</row>`).join('');

  it('the default is 20 million cells and 2 million rows per workbook', () => {
    expect(saved).toEqual({ cells: 20_000_000, rows: 2_000_000 });
  });

  it('a workbook of tiny cells beyond the budget is refused with a line naming file and sheet; the others go on', async () => {
    READ_LIMITS.cells = 5000;
    const d = tmpDir('ledger-tiny-');
    const f = path.join(d, '小格子.xlsx');
    fs.writeFileSync(f, buildXlsx({ sheets: [{ name: '优抚对象', data: ledgerRows(3) }, { name: '小格子', data: tiny(100, 60) }] }));
    const r = await readInput(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('file.too-large');
    expect(r.message).toMatch(/^工作表“小格子”的内容超过本工具一次能读取的规模（每个工作簿最多 5000 个有内容的单元格/);
    expect(r.message).not.toMatch(JS_WORDS);
    const good = corpus.find((c) => c.name === 'good.xlsx')!.file;
    const run = await cli('check', f, good, '--year', '2026');
    expect(run.code).toBe(2);
    expect(run.err).toContain('错误  小格子.xlsx：工作表“小格子”的内容超过');
    expect(run.out).toContain('good.xlsx');
    // Within the budget the same workbook is read.
    READ_LIMITS.cells = 7000;
    const ok = await readInput(f);
    expect(ok.ok).toBe(true);
  });

  it('rows count too: one-cell rows beyond the row budget are refused', async () => {
    READ_LIMITS.rows = 1000;
    const d = tmpDir('ledger-tiny-');
    const f = path.join(d, '长表.xlsx');
    fs.writeFileSync(f, buildXlsx({ sheets: [{ name: '长表', data: tiny(1500, 1) }] }));
    const r = await readInput(f);
    expect(r.ok ? 'read' : r.code).toBe('file.too-large');
    if (!r.ok) expect(r.message).toContain('工作表“长表”');
  });
});

/**
 * `ledger merge` streams (src/cli/merge.ts): the zip stream takes the merged rows while they are
 * produced — not all at the end, the whole sheet's XML waiting in memory — and the cells it writes
 * are those of the core's layout: an empty cell of a good row is not written, every cell of a row
 * with an error carries the error fill. An output that cannot be written is named in one sentence.
 */
import * as fs from 'fs';
import nodeFs from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import ExcelJS from 'exceljs';
import { streamMergedSheet, zipBacklog } from '../../src/cli/merge';
import { writeErrorText, writeWholeSync } from '../../src/cli/write-errors';
import { cli, tmpDir } from './helpers';
import { writeValidWorkbook, YEAR } from './fixtures';
import type { MergedRow, MergedSheet } from '../../src/core/layout/merged';

jest.setTimeout(120000);

const ERROR_FILL = 'FFC7CE';

function sheetOf(rows: number, atEnd: () => void): MergedSheet {
  return {
    ledger: '优抚对象',
    columns: [
      { header: '姓名', width: 8, numFmt: '@', type: 'text' },
      { header: '出生日期', width: 12, numFmt: 'yyyy-mm-dd', type: 'date' },
      { header: '本年发放金额(元)', width: 18, numFmt: '#,##0.00', type: 'amount' },
      { header: '校验', width: 50, numFmt: '@', type: 'source' },
    ],
    headerStyle: { bold: true, numFmt: '@' },
    errorFill: ERROR_FILL,
    freezeRows: 1,
    rowCount: rows,
    files: 1,
    errorRows: rows / 10,
    *rows(): Generator<MergedRow> {
      for (let i = 0; i < rows; i++) {
        const bad = i % 10 === 9;
        yield { values: [`姓名${i}`, new Date(Date.UTC(1970, 0, 1 + i)), i % 3 === 0 ? null : 100 + i, bad ? '有错误：见校验报告' : null], error: bad };
      }
      atEnd();
    },
  };
}

/** A WorkbookWriter into memory, counting the bytes the zip stream has handed on. */
function memoryWriter() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  return { wb, bytes: () => chunks.reduce((a, c) => a + c.length, 0), buffer: () => Buffer.concat(chunks) };
}

test('the zip stream takes the rows while they are produced (it used to wait for the whole sheet)', async () => {
  const { wb, bytes } = memoryWriter();
  let whenLastRowMade = -1;
  await streamMergedSheet(wb, sheetOf(20_000, () => (whenLastRowMade = bytes())));
  await wb.commit();
  expect(whenLastRowMade).toBeGreaterThan(0);
  expect(bytes()).toBeGreaterThan(whenLastRowMade);
});

test('a slow disk: the rows wait for the zip stream instead of piling up in memory', async () => {
  // A sink taking 16 KB per 5 ms and rows of texts that hardly compress: the zip stream falls
  // behind the rows (before, the whole sheet's XML waited in memory).
  const chunks: number[] = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.length);
      setTimeout(done, 5);
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  let seed = 7;
  const noise = () => {
    let t = '';
    for (let i = 0; i < 12; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      t += seed.toString(36);
    }
    return t;
  };
  let worst = 0;
  let backlog: (() => number) | undefined;
  const sheet = sheetOf(0, () => undefined);
  sheet.rows = function* () {
    for (let i = 0; i < 40_000; i++) {
      backlog ??= zipBacklog((wb as unknown as { _worksheets: unknown[] })._worksheets.at(-1));
      worst = Math.max(worst, backlog());
      yield { values: [noise(), null, i, noise()], error: false };
    }
  };
  await streamMergedSheet(wb, sheet);
  await wb.commit();
  const total = chunks.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(4 * 1024 * 1024); // the sink was the slow part
  expect(worst).toBeGreaterThan(0); // the backlog is seen
  expect(worst).toBeLessThan(3 * 1024 * 1024);
});

test('cells as the layout says: empty cells of good rows left out, every cell of an error row filled', async () => {
  const { wb, buffer } = memoryWriter();
  await streamMergedSheet(wb, sheetOf(30, () => undefined));
  await wb.commit();
  const back = new ExcelJS.Workbook();
  const buf = buffer();
  await back.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer);
  const ws = back.getWorksheet('优抚对象')!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getColumn(3).width).toBe(18);
  expect(ws.getRow(1).getCell(3).value).toBe('本年发放金额(元)');
  expect(ws.getRow(1).getCell(3).font?.bold).toBe(true);
  const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
  // row 2 is layout row 0: a good row, its amount empty (0 % 3), its 校验 empty
  const good = ws.getRow(2);
  expect(good.getCell(1).value).toBe('姓名0');
  expect(good.getCell(1).numFmt).toBe('@');
  expect(good.getCell(2).numFmt).toBe('yyyy-mm-dd');
  expect(good.getCell(2).value).toEqual(new Date(Date.UTC(1970, 0, 1)));
  expect(good.cellCount).toBe(2);
  expect(fillOf(good.getCell(1))).toBeUndefined();
  // row 11 is layout row 9: an error row with an empty amount (9 % 3), written all the same,
  // filled; row 21, layout row 19: an error row with its amount
  for (const r of [11, 21]) {
    const bad = ws.getRow(r);
    for (let c = 1; c <= 4; c++) expect(fillOf(bad.getCell(c))).toBe(`FF${ERROR_FILL}`);
    expect(bad.getCell(4).value).toBe('有错误：见校验报告');
  }
  expect(ws.getRow(21).getCell(3).value).toBe(119);
  expect(ws.getRow(21).getCell(3).numFmt).toBe('#,##0.00');
  expect(ws.getRow(11).getCell(3).value).toBeNull();
  expect(ws.getRow(11).cellCount).toBe(4);
  expect(ws.rowCount).toBe(31);
});

describe('an output that cannot be written', () => {
  const dir = tmpDir();
  let input: string;

  beforeAll(async () => {
    input = path.join(dir, '红旗村.xlsx');
    await writeValidWorkbook(input);
  });

  it('names the file in a clerk sentence, not node’s words (it said "EISDIR: illegal operation on a directory")', async () => {
    const folder = path.join(dir, '合并.xlsx');
    fs.mkdirSync(folder);
    const merged = await cli('merge', input, '--year', String(YEAR), '--out', folder);
    expect(merged.code).toBe(2);
    expect(merged.err).toContain(`无法写出 ${folder}：这是一个文件夹`);
    expect(merged.err).not.toMatch(/EISDIR|illegal operation/);
    const json = await cli('check', input, '--year', String(YEAR), '--json', folder);
    expect(json.code).toBe(2);
    expect(json.err).toContain(`无法写出 ${folder}：这是一个文件夹`);
  });

  it('a full disk, found while the rows are written: named, the rows stop (it said "ENOSPC: no space left on device, write")', async () => {
    // Linux's /dev/full opens and refuses every write with ENOSPC.
    const full = '/dev/full';
    expect(fs.existsSync(full)).toBe(process.platform === 'linux');
    if (process.platform !== 'linux') return;
    const merged = await cli('merge', input, '--year', String(YEAR), '--out', full);
    expect(merged.code).toBe(2);
    expect(merged.err).toContain('无法写出 /dev/full：磁盘空间不足');
    expect(merged.err).not.toMatch(/ENOSPC/);
  });

  /** Runs `body` with every file stream failing as a full disk once `room` bytes are written. */
  async function withDiskFullAfter<T>(room: number, body: () => Promise<T>): Promise<T> {
    const real = fs.createWriteStream;
    // (the module itself: the namespace import's bindings cannot be redefined)
    const spy = jest.spyOn(nodeFs, 'createWriteStream').mockImplementation(((p: fs.PathLike, o?: unknown) => {
      const s = real(p, o as Parameters<typeof real>[1]);
      let written = 0;
      const write = s._write.bind(s);
      s._write = (chunk: Buffer, enc: BufferEncoding, done: (e?: Error | null) => void) => {
        if (written + chunk.length > room) {
          done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }));
          return;
        }
        written += chunk.length;
        write(chunk, enc, done);
      };
      return s;
    }) as typeof fs.createWriteStream);
    try {
      const r = await body();
      expect(spy).toHaveBeenCalled();
      return r;
    } finally {
      spy.mockRestore();
    }
  }

  it('a disk that fills up half-way: no half-written workbook is left behind (it was, and would not open)', async () => {
    // The first 4 KB reach the disk, then every write fails as on a full disk.
    const out = path.join(dir, '合并-半途.xlsx');
    const merged = await withDiskFullAfter(4096, () => cli('merge', input, '--year', String(YEAR), '--out', out));
    expect(merged.code).toBe(2);
    expect(merged.err).toContain(`无法写出 ${out}：磁盘空间不足`);
    expect(fs.existsSync(out)).toBe(false);
    // the same merge with room on the disk writes the workbook
    const again = await cli('merge', input, '--year', String(YEAR), '--out', out);
    expect(again.code).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(4096);
  });

  it('the other outputs too (forms, marked copies, feedback, JSON, templates): named in a clerk sentence, not "ENOSPC: …, write", and not left half-written', async () => {
    if (process.platform !== 'linux') return;
    // Before, only the merged workbook's error named the file: node's write errors carry no path.
    const forms = await cli('summarize', input, '--year', String(YEAR), '--out', '/dev/full', '--quiet');
    expect(forms.code).toBe(2);
    expect(forms.err).toContain('无法写出 /dev/full：磁盘空间不足');
    expect(forms.err).not.toMatch(/ENOSPC/);
    const json = await cli('check', input, '--year', String(YEAR), '--json', '/dev/full', '--quiet');
    expect(json.code).toBe(2);
    expect(json.err).toContain('无法写出 /dev/full：磁盘空间不足');
    expect(fs.existsSync('/dev/full')).toBe(true); // a device is never removed
    // diff's JSON is named as well (it was "无法写出输出文件" before diff wrote through writeWhole)
    const d = await cli('diff', '--last', input, '--this', input, '--year', String(YEAR), '--json', '/dev/full', '--quiet');
    expect(d.code).toBe(2);
    expect(d.err).toContain('无法写出 /dev/full：磁盘空间不足');
    expect(d.err).not.toMatch(/ENOSPC/);
    // diff's 年度比对 workbook cut short is removed too (it was left).
    const dOut = path.join(dir, '年度比对-半途.xlsx');
    const dHalf = await withDiskFullAfter(4096, () => cli('diff', '--last', input, '--this', input, '--year', String(YEAR), '--out', dOut, '--quiet'));
    expect(dHalf.code).toBe(2);
    expect(fs.existsSync(dOut)).toBe(false);
    // Half-way: the forms' workbook and a template, cut short, are removed.
    const out = path.join(dir, '汇总-半途.xlsx');
    const half = await withDiskFullAfter(4096, () => cli('summarize', input, '--year', String(YEAR), '--out', out, '--quiet'));
    expect(half.code).toBe(2);
    expect(half.err).toContain(`无法写出 ${out}：磁盘空间不足`);
    expect(fs.existsSync(out)).toBe(false);
    const tpl = path.join(dir, '空白台账-半途.xlsx');
    const t = await withDiskFullAfter(4096, () => cli('template', '--out', tpl, '--quiet'));
    expect(t.code).toBe(2);
    expect(fs.existsSync(tpl)).toBe(false);
    // A marked copy and the feedback workbooks (the sample has errors: both are written).
    for (const flag of ['--marked', '--feedback']) {
      const into = path.join(dir, `半途${flag}`);
      const r = await withDiskFullAfter(4096, () => cli('check', input, '--year', String(YEAR), flag, into, '--quiet'));
      expect([flag, r.code]).toEqual([flag, 2]);
      expect(r.err).toMatch(/无法写出 .*：磁盘空间不足/);
      expect(r.err).not.toMatch(/ENOSPC/);
      expect(fs.existsSync(into) ? fs.readdirSync(into) : []).toEqual([]);
    }
    // A file that could not be opened is left as it was (a locked workbook is the clerk's own); one
    // cut short while written is removed.
    const kept = path.join(dir, '已有.json');
    fs.writeFileSync(kept, 'mine');
    const failing = (syscall: string) =>
      jest.spyOn(nodeFs, 'writeFileSync').mockImplementationOnce(() => {
        throw Object.assign(new Error(`EBUSY: resource busy or locked, ${syscall}`), { code: syscall === 'open' ? 'EBUSY' : 'ENOSPC', syscall, ...(syscall === 'open' ? { path: kept } : {}) });
      });
    const locked = failing('open');
    expect(() => writeWholeSync(kept, 'new')).toThrow(/EBUSY/);
    locked.mockRestore();
    expect(fs.readFileSync(kept, 'utf8')).toBe('mine');
    const cut = failing('write');
    let named: unknown;
    try {
      writeWholeSync(kept, 'new');
    } catch (e) {
      named = e;
    }
    cut.mockRestore();
    expect(writeErrorText(named)).toBe(`无法写出 ${kept}：磁盘空间不足。请清理磁盘或换一个磁盘再试。`);
    expect(fs.existsSync(kept)).toBe(false);
  });

  it('a workbook open in Excel (locked): says so', () => {
    const locked = Object.assign(new Error("EBUSY: resource busy or locked, open 'C:\\台账\\合并.xlsx'"), { code: 'EBUSY', syscall: 'open', path: 'C:\\台账\\合并.xlsx' });
    expect(writeErrorText(locked)).toBe('无法写出 C:\\台账\\合并.xlsx：文件正被其他程序占用（是否在 Excel 中打开？）。请关闭后再试。');
    expect(writeErrorText(new Error('something else'))).toBeUndefined();
    // a write on an open file names no path (diff's and reconcile's outputs): said all the same
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    expect(writeErrorText(full)).toBe('无法写出输出文件：磁盘空间不足。请清理磁盘或换一个磁盘再试。');
    // a read (an input the reader could not open) is not a write
    expect(writeErrorText(Object.assign(new Error('x'), { code: 'EACCES', syscall: 'scandir', path: '/x' }))).toBeUndefined();
  });
});

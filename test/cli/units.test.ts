import * as fs from 'fs';
import * as path from 'path';
import { displayWidth, renderTable } from '../../src/cli/table';
import { maskIdsInText } from '../../src/cli/mask';
import { markedName } from '../../src/cli/marked';
import { makeProgress } from '../../src/cli/progress';
import { readVillageList, parseYear } from '../../src/cli/session';
import { UsageError } from '../../src/cli/inputs';
import { decodeCsv } from '../../src/cli/read';
import * as iconv from 'iconv-lite';
import { tmpDir } from './helpers';

jest.setTimeout(60000);

describe('terminal table', () => {
  it('counts CJK characters as two columns and lines columns up', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('红旗村')).toBe(6);
    expect(displayWidth('（全角）')).toBe(8);
    const t = renderTable(['文件', '错误'], [['红旗村.xlsx', '3'], ['a.xlsx', '12']], [1]);
    const lines = t.split('\n');
    const ends = lines.map((l) => displayWidth(l));
    expect(new Set(ends).size).toBe(1);
    expect(lines[2].endsWith(' 3')).toBe(true);
  });
});

describe('small helpers', () => {
  it('masks ID numbers in text except the one at fault', () => {
    const a = '370102197001010011';
    const b = '37010219700202002X';
    const t = maskIdsInText(`与 ${a} 重复；本行 ${b}`, b);
    expect(t).not.toContain(a);
    expect(t).toContain(b);
    expect(t).toContain('370102');
    expect(maskIdsInText('电话 13853112345', undefined)).toContain('13853112345');
  });

  it('names outputs without writing next to inputs', () => {
    expect(markedName('二组/红旗村.xlsx')).toBe('二组_红旗村.xlsx');
    expect(markedName('光明村.csv')).toBe('光明村.xlsx');
  });

  it('progress is silent when disabled', () => {
    const write = jest.spyOn(process.stderr, 'write');
    const p = makeProgress(false);
    p.start(10, 'x');
    p.update(5, 'y');
    p.stop();
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  it('parses --year and village lists', async () => {
    expect(parseYear('2026')).toBe(2026);
    expect(() => parseYear('26')).toThrow(UsageError);
    const dir = tmpDir();
    const f = path.join(dir, 'v.txt');
    fs.writeFileSync(f, iconv.encode('村名\r\n红旗村\r\n\r\n光明村\r\n红旗村\r\n', 'gbk'));
    expect(await readVillageList(f)).toEqual(['红旗村', '光明村']);
    fs.writeFileSync(f, '\n');
    await expect(readVillageList(f)).rejects.toThrow(UsageError);
  });

  it('detects UTF-16 CSV exports too', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t村\n张三\t红旗村\n', 'utf16le')]);
    const d = decodeCsv(buf);
    expect(d.encoding).toBe('UTF-16');
    expect(d.text.startsWith('姓名')).toBe(true);
  });
});

import * as path from 'path';
import { breakChecksum, idCheckChar, makeId } from '../../src/samples/ids';
import { deliberateErrors, generateSamples, largeLedgerRows, LARGE_HEADER } from '../../src/samples/generate';
import { writeSamples } from '../../src/samples/write';
import { readInput } from '../../src/cli/read';
import { tmpDir } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(60000);

describe('sample IDs', () => {
  it('computes the GB 11643 check character (known IDs)', () => {
    // Examples whose check characters are published with the standard.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('makes valid IDs with the sex in the 17th digit', () => {
    for (let s = 0; s < 200; s++) {
      const m = makeId('370102', 1990, 1 + (s % 12), 1 + (s % 28), s, '男');
      const f = makeId('370102', 1990, 1 + (s % 12), 1 + (s % 28), s, '女');
      expect(m).toMatch(/^\d{17}[\dX]$/);
      expect(Number(m[16]) % 2).toBe(1);
      expect(Number(f[16]) % 2).toBe(0);
      expect(m[17]).toBe(idCheckChar(m.slice(0, 17)));
      expect(breakChecksum(m)[17]).not.toBe(m[17]);
    }
  });
});

describe('sample workbooks', () => {
  it('committed samples/ are what the generator writes (regenerate with `npx tsx src/samples/write.ts`)', async () => {
    const dir = tmpDir();
    const files = await writeSamples(dir);
    expect(files.map((f) => path.basename(f))).toEqual(generateSamples().map((b) => b.file));
    for (const f of files) {
      const fresh = await readInput(f);
      const committed = await readInput(path.join(ROOT, 'samples', path.basename(f)));
      if (!fresh.ok || !committed.ok) throw new Error('unreadable sample');
      expect(JSON.stringify(committed.data.sheets)).toBe(JSON.stringify(fresh.data.sheets));
    }
  });

  it('carry the mess the spec describes', async () => {
    const books = generateSamples();
    const all = JSON.stringify(books);
    for (const s of ['姓 名', '身份证号码', '本年发放金额（元）', '所在村(社区)', 'Sheet1', '合计', '制表人', '填表说明', '设置', '买买提·吐尔逊', '•', '年', '/', '.']) {
      expect(all).toContain(s);
    }
    // An ID stored as a number.
    const hq = books.find((b) => b.file === '红旗村.xlsx')!;
    const ids = hq.sheets[0].rows.map((r) => r[5]);
    expect(ids.some((v) => typeof v === 'number')).toBe(true);
    // The same person in two villages.
    const idsOf = (file: string): unknown[] => books.find((b) => b.file === file)!.sheets[0].rows.map((r) => r.find((c) => typeof c === 'string' && /^\d{17}[\dX]$/.test(c)));
    const common = idsOf('红旗村.xlsx').filter((v) => v && idsOf('新民社区.xlsx').includes(v));
    expect(common.length).toBeGreaterThanOrEqual(1);
    expect(deliberateErrors().length).toBeGreaterThanOrEqual(8);
  });
});

describe('large ledgers for benchmarks', () => {
  it('are deterministic, the standard width, ~1% broken', () => {
    const a = [...largeLedgerRows(1000, 7)];
    const b = [...largeLedgerRows(1000, 7)];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.every((r) => r.length === LARGE_HEADER.length)).toBe(true);
    const bad = a.filter((r) => {
      const id = r[5] as string;
      return idCheckChar(id.slice(0, 17)) !== id[17];
    });
    expect(bad.length).toBe(10);
  });
});

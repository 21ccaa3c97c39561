/**
 * Texts over Excel's 32,767 characters are cut (with the original length said) in every workbook
 * the CLI writes and in the JSON; texts starting with = + - @ stay text in every output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { clampText, MAX_CELL_TEXT } from '../../src/core/cells/clamp';
import { readXlsxStream } from '../../src/cli/xlsx/reader';
import { buildXlsx, is, ledgerRows } from './hostile';
import { cli, tmpDir } from './helpers';

jest.setTimeout(180000);

test('clampText: kept up to the limit, cut beyond it with the length said, surrogates whole', () => {
  const at = 'a'.repeat(MAX_CELL_TEXT);
  expect(clampText(at)).toBe(at);
  const over = clampText('b'.repeat(5242880));
  expect(over.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
  expect(over).toContain('原文共 5242880 字');
  const pairs = clampText('𠀀'.repeat(40000));
  expect(pairs.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
  expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(pairs)).toBe(false);
});

const FORMULA_LIKE = ['=1+1', '+86 138', '-5', '@SUM(A1)'];

describe('every output of check and merge', () => {
  let out: string;
  let json: { issues: Array<{ value?: string; message: string }> };
  beforeAll(async () => {
    const dir = tmpDir('ledger-clamp-');
    const long = '长'.repeat(5242880);
    const odd = FORMULA_LIKE.map((t, i) => `<row r="${6 + i}">${is(`A${6 + i}`, String(5 + i))}${is(`B${6 + i}`, t)}${is(`C${6 + i}`, t)}${is(`D${6 + i}`, t)}${is(`E${6 + i}`, '红旗村')}</row>`).join('');
    const data = ledgerRows(3) + `<row r="5">${is('A5', '4')}${is('B5', long)}${is('C5', long)}${is('D5', '伤残军人')}${is('E5', '红旗村')}</row>` + odd;
    fs.writeFileSync(path.join(dir, '红旗村.xlsx'), buildXlsx({ sheets: [{ name: '优抚对象', data }] }));
    out = tmpDir('ledger-clamp-out-');
    const r = await cli('check', dir, '--json', path.join(out, 'r.json'), '--marked', path.join(out, 'marked'), '--feedback', path.join(out, 'feedback'), '--year', '2026');
    expect(r.code).toBe(1);
    const m = await cli('merge', dir, '--out', path.join(out, 'merged.xlsx'), '--year', '2026');
    expect(m.code).toBe(1);
    json = JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8'));
  });

  it('the JSON: no value or message over 32,767 characters; the cut says the original length', () => {
    expect(fs.statSync(path.join(out, 'r.json')).size).toBeLessThan(2_000_000);
    for (const i of json.issues) {
      expect((i.value ?? '').length).toBeLessThanOrEqual(MAX_CELL_TEXT);
      expect(i.message.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    }
    expect(json.issues.some((i) => (i.value ?? '').includes('原文共 5242880 字'))).toBe(true);
  });

  it('every written workbook: texts within the limit, and no formula anywhere', async () => {
    const books = [path.join(out, 'merged.xlsx'), ...fs.readdirSync(path.join(out, 'marked')).map((f) => path.join(out, 'marked', f)), ...fs.readdirSync(path.join(out, 'feedback')).map((f) => path.join(out, 'feedback', f))];
    expect(books.length).toBeGreaterThanOrEqual(3);
    let cut = 0;
    for (const b of books) {
      const parts = unzipSync(fs.readFileSync(b));
      for (const [name, bytes] of Object.entries(parts)) if (/^xl\/worksheets\/.*\.xml$/.test(name)) expect([b, name, /<f[ >]/.test(strFromU8(bytes))]).toEqual([b, name, false]);
      const book = await readXlsxStream(b);
      for (const s of book.sheets)
        for (const r of s.rows)
          for (const c of r.cells)
            if (typeof c === 'string') {
              expect(c.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
              if (c.includes('原文共 5242880 字')) cut++;
            }
    }
    expect(cut).toBeGreaterThanOrEqual(2);
  });

  it('texts starting with = + - @ are text cells in the marked copy and the merged ledger', async () => {
    for (const b of [path.join(out, 'merged.xlsx'), ...fs.readdirSync(path.join(out, 'marked')).map((f) => path.join(out, 'marked', f))]) {
      const book = await readXlsxStream(b);
      const texts = new Set(book.sheets.flatMap((s) => s.rows.flatMap((r) => r.cells.filter((c): c is string => typeof c === 'string'))));
      for (const t of FORMULA_LIKE) expect([path.basename(b), t, texts.has(t)]).toEqual([path.basename(b), t, true]);
    }
  });
});

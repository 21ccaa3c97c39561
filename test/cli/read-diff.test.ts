/**
 * Differential test: the streaming .xlsx reader (src/cli/xlsx) against exceljs readFile, cell for
 * cell, over every .xlsx the tests and samples hold, the hostile corpus's readable workbooks, and
 * workbooks written by LibreOffice. Deliberate differences are listed in docs/cli.md ("Reading
 * .xlsx") and normalised here by `comparable`, nowhere else.
 */
import * as path from 'path';
import type { CellValue, SheetData } from '../../src/core/model';
import { readXlsx, readXlsxExceljs } from '../../src/cli/read';
import { writeHostileCorpus } from './hostile';
import { sofficeBinary, sofficeConvert } from '../helpers/soffice';
import { tmpDir, xlsxUnder } from './helpers';

jest.setTimeout(240000);

const ROOT = path.join(__dirname, '..', '..');

function show(v: CellValue | undefined): unknown {
  if (v instanceof Date) return `date:${v.toISOString().slice(0, 10)}`;
  return v ?? null;
}

function comparable(sheets: readonly SheetData[]): unknown[] {
  return sheets.map((s) => ({
    name: s.name,
    hidden: Boolean(s.hidden),
    rows: s.rows.map((r) => [r.r, ...r.cells.map(show)]),
  }));
}

async function same(file: string): Promise<void> {
  const a = await readXlsx(file);
  const b = await readXlsxExceljs(file);
  expect({ file: path.basename(file), sheets: comparable(a.data.sheets) }).toEqual({ file: path.basename(file), sheets: comparable(b.data.sheets) });
}

describe('streaming reader = exceljs, cell for cell', () => {
  const files = [...xlsxUnder(path.join(ROOT, 'samples')), ...xlsxUnder(path.join(ROOT, 'test'))];
  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s', async (_rel, file) => {
    await same(file);
  });

  it('the readable workbooks of the hostile corpus', async () => {
    const dir = tmpDir('ledger-diff-');
    const corpus = await writeHostileCorpus(dir);
    let n = 0;
    for (const c of corpus.filter((x) => x.exceljsReadable)) {
      await same(c.file);
      n++;
    }
    expect(n).toBeGreaterThan(3);
  });

  const soffice = sofficeBinary() !== null;
  it('workbooks written by LibreOffice (soffice is installed: ' + String(soffice) + ')', async () => {
    const dir = tmpDir('ledger-lo-');
    const src = path.join(ROOT, 'samples', '红旗村.xlsx');
    // Round trip through LibreOffice's own .ods so that the .xlsx it writes is its own.
    const ods = sofficeConvert(src, 'ods', dir);
    const out = path.join(dir, 'lo');
    sofficeConvert(ods, 'xlsx', out);
    const written = xlsxUnder(out);
    expect(written.length).toBe(1);
    for (const f of written) await same(f);
  });
});

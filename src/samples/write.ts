/**
 * Writes the sample workbooks (src/samples/generate.ts) and large benchmark ledgers with exceljs.
 * Run: `npx tsx src/samples/write.ts [outDir]` (default `samples/`).
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { generateSamples, isFormula, LARGE_HEADER, largeLedgerRows, SAMPLE_YEAR, type SampleSheet, type SampleWorkbook } from './generate';
import { lastYearSamples, listSamples } from './compare';

function fillSheet(ws: ExcelJS.Worksheet, s: SampleSheet): void {
  s.rows.forEach((cells, i) => {
    const row = ws.getRow(i + 1);
    cells.forEach((c, j) => {
      if (c === null || c === undefined) return;
      const cell = row.getCell(j + 1);
      if (isFormula(c)) {
        cell.value = { formula: c.formula, result: c.result as ExcelJS.CellValue } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = c as ExcelJS.CellValue;
      }
    });
  });
  for (const col of s.textCols ?? []) ws.getColumn(col).numFmt = '@';
  for (const col of s.dateCols ?? []) ws.getColumn(col).numFmt = 'yyyy-mm-dd';
  // Re-apply: a cell's own style wins over its column's.
  for (const col of s.dateCols ?? []) ws.getColumn(col).eachCell((cell) => { if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd'; });
  for (const m of s.merges ?? []) ws.mergeCells(m);
  if (s.headerRow) {
    const r = ws.getRow(s.headerRow);
    r.font = { bold: true };
    r.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
    if (s.rows[0]?.length === 1 && s.headerRow > 1) {
      ws.getRow(1).font = { bold: true, size: 14 };
      ws.getRow(1).alignment = { horizontal: 'center' };
    }
    const n = s.rows[s.headerRow - 1]?.length ?? 0;
    for (let c = 1; c <= n; c++) ws.getColumn(c).width = 14;
  }
  if (s.hidden) ws.state = 'hidden';
}

export async function writeSampleWorkbook(book: SampleWorkbook, outDir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双拥台账助手 samples';
  wb.created = new Date(Date.UTC(2026, 10, 20));
  wb.modified = wb.created;
  for (const s of book.sheets) fillSheet(wb.addWorksheet(s.name), s);
  const out = path.join(outDir, book.file);
  await wb.xlsx.writeFile(out);
  return out;
}

export async function writeSamples(outDir: string, year?: number): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const out: string[] = [];
  for (const b of generateSamples(year)) out.push(await writeSampleWorkbook(b, outDir));
  return out;
}

/** Last year's samples and the two reference lists, beside this year's: `<root>/samples-<year−1>/`
 *  and `<root>/samples-lists/` (src/samples/compare.ts). */
export async function writeCompareSamples(root: string, year = SAMPLE_YEAR): Promise<string[]> {
  const lastDir = path.join(root, `samples-${year - 1}`);
  const listDir = path.join(root, 'samples-lists');
  fs.mkdirSync(lastDir, { recursive: true });
  fs.mkdirSync(listDir, { recursive: true });
  const out: string[] = [];
  for (const b of lastYearSamples(year)) out.push(await writeSampleWorkbook(b, lastDir));
  const { police, deaths } = listSamples(year);
  out.push(await writeSampleWorkbook(police, listDir));
  out.push(await writeSampleWorkbook(deaths, listDir));
  return out;
}

/**
 * A large 优抚对象 ledger written with exceljs's streaming WorkbookWriter (title row, header row,
 * then `rows` data rows).
 */
export async function writeLargeLedger(file: string, rows: number, seed = 1, village = '红旗村'): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('优抚对象');
  ws.addRow([`${village}优抚对象花名册`]).commit();
  ws.addRow(LARGE_HEADER).commit();
  for (const r of largeLedgerRows(rows, seed, village)) {
    const row = ws.addRow(r as ExcelJS.CellValue[]);
    row.getCell(7).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, '..', '..', 'samples');
  writeSamples(dir)
    .then(async (files) => [...files, ...(await writeCompareSamples(path.dirname(path.resolve(dir))))])
    .then(
    (files) => {
      for (const f of files) process.stdout.write(`wrote ${f}\n`);
    },
    (e) => {
      process.stderr.write(String(e) + '\n');
      process.exit(1);
    },
  );
}

/** Workbooks written by the tests themselves. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { exampleValues } from '../../src/core/blank';
import { LEDGER_SCHEMAS } from '../../src/core/schema';
import { makeId } from '../../src/samples/ids';
import { writeSamples } from '../../src/samples/write';

export const YEAR = 2026;

/** The sample workbooks, written into `dir` (fresh copies the tests may hash and compare). */
export async function sampleCopy(dir: string): Promise<string> {
  const d = path.join(dir, 'samples');
  await writeSamples(d);
  return d;
}

/** A valid ID for a ledger's example row. */
export function exampleId(ledger: string, n = 1): string {
  if (ledger === '兵役登记') return makeId('370102', YEAR - 18, 3, 1 + n, 10 + n * 2, '男');
  return makeId('370102', 1970, 5, 1 + n, 20 + n * 2, '男');
}

/** A workbook holding one correct row per ledger (standard headers, row 1 header). */
/** `idOffset` keeps IDs distinct between villages (the same person in two villages is an error). */
export async function writeValidWorkbook(file: string, village = '红旗村', rows = 1, idOffset = 0): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of LEDGER_SCHEMAS) {
    const ws = wb.addWorksheet(s.id);
    ws.addRow(s.columns.map((c) => c.field));
    for (let i = 1; i <= rows; i++) {
      const v = exampleValues(s.id, YEAR, village, exampleId(s.id, i + idOffset));
      if (s.id === '共建对子') v['对子编号'] = `DZ-${village}-${i}`;
      if (s.id === '双拥活动') v['活动名称'] = `${v['活动名称']}${i}`;
      if ('序号' in v) v['序号'] = i;
      ws.addRow(s.columns.map((c) => (v[c.field] === undefined ? null : v[c.field])));
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

/** A workbook from raw rows per sheet. */
export async function writeRows(file: string, sheets: Record<string, unknown[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, j) => {
        if (v !== null && v !== undefined) row.getCell(j + 1).value = v as ExcelJS.CellValue;
      });
    });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

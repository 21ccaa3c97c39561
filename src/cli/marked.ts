/**
 * `ledger check --marked DIR`: a copy of each input with its problem cells filled (errors red,
 * warnings yellow) and annotated with a note, plus a 校验结果 sheet whose rows link to the cells.
 * The original file is read again (to keep its formatting) and never written.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { dateToSerial } from '../core/cells/read-cell';
import type { CheckResult } from '../core/check-api';
import { FILL } from '../core/layout/palette';
import { REPORT_SHEET } from '../core/layout/report';
import { markAndReport } from '../core/ops/check';
import type { CellValue, WorkbookData } from '../core/model';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import { assertNotInput } from './inputs';
import { workbookPort } from './port';
import { clampWorkbookTexts } from './clamp';
import { compactDataValidations } from './xlsx-fix';
import type { InputFile } from './inputs';
import { writeWhole } from './write-errors';

export { REPORT_SHEET };
/** The fills of marked cells (src/core/layout/palette.ts), as exceljs ARGB. */
export const ERROR_ARGB = `FF${FILL.error}`;

/** The output name of a marked copy: the input's display name, folders flattened, always .xlsx. */
export function markedName(display: string): string {
  return display.replace(/[\\/]/g, '_').replace(/\.(csv|xlsm|txt)$/i, '.xlsx');
}

function workbookFromData(data: WorkbookData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of data.sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31) || 'Sheet1');
    for (const r of s.rows) {
      const row = ws.getRow(r.r);
      r.cells.forEach((c: CellValue, i) => {
        if (c === null) return;
        const cell = row.getCell(i + 1);
        if (c instanceof Date) {
          // The core's serial (exceljs writes days before 1900-03-01 one day late).
          cell.value = dateToSerial(c);
          cell.numFmt = 'yyyy-mm-dd';
        } else if (typeof c === 'object') cell.value = { error: c.error } as ExcelJS.CellErrorValue;
        else cell.value = c;
        if (typeof c === 'string') cell.numFmt = '@';
      });
    }
  }
  return wb;
}

/**
 * Writes one marked copy. An .xlsx is copied through exceljs (every style, merge, validation and
 * note kept); one exceljs cannot open — damage the CLI's reader repaired (a bad cell reference, a
 * sheet cut short…) — is rebuilt from the cells read, without the original's formatting: returns
 * 'rebuilt' then.
 */
export async function writeMarkedCopy(input: InputFile, data: WorkbookData, problems: Problem[], settings: Settings, outPath: string, omitted = 0): Promise<'copied' | 'rebuilt'> {
  let wb: ExcelJS.Workbook;
  let how: 'copied' | 'rebuilt' = 'copied';
  if (/\.(xlsx|xlsm)$/i.test(input.path)) {
    try {
      wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(input.path);
    } catch {
      wb = workbookFromData(data);
      how = 'rebuilt';
    }
  } else {
    wb = workbookFromData(data);
  }
  const old = wb.getWorksheet(REPORT_SHEET);
  if (old) wb.removeWorksheet(old.id);
  // The add-in's 校验 pipeline (src/core/ops/check.ts) over the copy: marks, then the report.
  await markAndReport(workbookPort(wb, { file: input.display, keepRecord: false, activate: false }), { settings, sheets: [], problems, tables: [] }, settings, {
    title: `校验结果：${input.display}`,
    omitted,
    linkable: (sheet) => Boolean(wb.getWorksheet(sheet)),
  });
  for (const ws of wb.worksheets) compactDataValidations(ws);
  clampWorkbookTexts(wb);
  await writeWhole(outPath, () => wb.xlsx.writeFile(outPath));
  return how;
}

export async function writeMarkedCopies(
  books: Array<{ input: InputFile; data: WorkbookData }>,
  result: CheckResult,
  settings: Settings,
  dir: string,
  inputs: string[],
  /** A line for each copy rebuilt from the cells read (the original could not be copied). */
  onNote?: (line: string) => void,
): Promise<string[]> {
  for (const b of books) assertNotInput(path.join(dir, markedName(b.input.display)), inputs);
  const written: string[] = [];
  for (const b of books) {
    const out = path.join(dir, markedName(b.input.display));
    const probs = result.problems.filter((p) => p.file === b.data.file);
    const omitted = result.sheets.filter((s) => s.file === b.data.file).reduce((a, s) => a + s.omitted, 0);
    const how = await writeMarkedCopy(b.input, b.data, probs, settings, out, omitted);
    if (how === 'rebuilt') onNote?.(`提示  ${b.input.display}：文件有损坏，标注副本按读出的内容重建，原文件的格式未保留。`);
    written.push(out);
  }
  return written;
}

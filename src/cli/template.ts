/** `ledger template`: writes the blank standard workbook (src/core/blank) with exceljs. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { blankWorkbook, type BlankSheet, type BlankValidation } from '../core/blank';
import { writeWhole } from './write-errors';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function excelValidation(v: BlankValidation, hint: string, title: string): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: '输入有误',
    error: v.error,
    showInputMessage: true,
    promptTitle: title.slice(0, 32),
    prompt: hint.slice(0, 255),
  };
  switch (v.type) {
    case 'list':
      return { ...common, type: 'list', formulae: [`"${v.values.join(',')}"`] };
    case 'decimal':
      return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [v.min] };
    case 'whole':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [v.min] };
    case 'date': {
      const [fy, fm, fd] = v.from.split('-').map(Number);
      const [ty, tm, td] = v.to.split('-').map(Number);
      return { ...common, type: 'date', operator: 'between', formulae: [new Date(Date.UTC(fy, fm - 1, fd)), new Date(Date.UTC(ty, tm - 1, td))] };
    }
  }
}

export function addBlankSheet(wb: ExcelJS.Workbook, s: BlankSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: s.headerRow }] });
  const n = s.columns.length;
  const last = ws.getColumn(n).letter;
  ws.getCell('A1').value = s.title;
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.getCell('A2').value = s.unitLine;
  ws.mergeCells(`A2:${last}2`);
  const header = ws.getRow(s.headerRow);
  header.height = 32;
  s.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = c.required ? REQUIRED_FILL : HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.note = { texts: [{ text: c.hint }] } as ExcelJS.Comment;
    const lastRow = s.firstInputRow + s.inputRows - 1;
    if (c.numFmt) for (let r = s.firstInputRow; r <= lastRow; r++) ws.getCell(r, i + 1).numFmt = c.numFmt;
    // One validation per column range: exceljs's per-cell optimiser sorts addresses as text
    // (B10 < B4) and writes overlapping ranges, which Excel reports as damaged.
    if (c.validation) {
      const L = col.letter;
      (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${L}${s.firstInputRow}:${L}${lastRow}`,
        excelValidation(c.validation, c.hint, c.header),
      );
    }
  });
  return ws;
}

export async function writeTemplate(out: string, o: { village?: string; year: number; township?: string }): Promise<string> {
  const blank = blankWorkbook({ year: o.year, village: o.village, township: o.township });
  const wb = new ExcelJS.Workbook();
  wb.creator = '双拥台账助手';
  for (const s of blank.sheets) addBlankSheet(wb, s);
  const ins = wb.addWorksheet(blank.instructions.name);
  ins.getColumn(1).width = 110;
  blank.instructions.lines.forEach((l, i) => {
    const c = ins.getCell(i + 1, 1);
    c.value = l || null;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 14 };
    else if (/^[一二三四五]、/.test(l)) c.font = { bold: true };
  });
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await writeWhole(abs, () => wb.xlsx.writeFile(abs));
  return abs;
}

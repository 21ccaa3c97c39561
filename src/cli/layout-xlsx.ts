/**
 * The exceljs writer of a layout (src/core/layout): replays a SheetLayout into a worksheet (marks
 * are the files port's, src/cli/port.ts). It decides nothing about content or looks.
 */
import ExcelJS from 'exceljs';
import { dateToSerial } from '../core/cells/read-cell';
import type { CellStyle, SheetLayout } from '../core/layout/types';

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;

export function solidFill(rgb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(rgb) } };
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A fresh style object for one cell (never one exceljs shares with other cells). */
function styleOf(s: CellStyle | undefined, font: string | undefined): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  const f: Partial<ExcelJS.Font> = {};
  if (font) f.name = font;
  if (s?.bold) f.bold = true;
  if (s?.size) f.size = s.size;
  else if (font) f.size = 11;
  if (s?.color) f.color = { argb: argb(s.color) };
  if (s?.underline) f.underline = true;
  if (Object.keys(f).length) out.font = f;
  if (!s) return out;
  if (s.numFmt) out.numFmt = s.numFmt;
  if (s.fill) out.fill = solidFill(s.fill);
  if (s.h || s.v || s.wrap) {
    const a: Partial<ExcelJS.Alignment> = {};
    if (s.h) a.horizontal = s.h;
    if (s.v) a.vertical = s.v;
    if (s.wrap) a.wrapText = true;
    out.alignment = a;
  }
  if (s.border) out.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  return out;
}

function esc(s: string): string {
  return s.replace(/&(?![PN])/g, '&&');
}

/** Add `layout` as a new sheet of `wb` (named `name` when given). */
export function addLayoutSheet(wb: ExcelJS.Workbook, layout: SheetLayout, name = layout.name): ExcelJS.Worksheet {
  const p = layout.print;
  const ws = wb.addWorksheet(name, {
    views: [
      {
        state: layout.freeze ? 'frozen' : 'normal',
        ySplit: layout.freeze?.rows ?? 0,
        xSplit: layout.freeze?.cols ?? 0,
        showGridLines: layout.gridlines ?? true,
      },
    ],
    pageSetup: p
      ? {
          paperSize: 9,
          orientation: p.orientation,
          fitToPage: true,
          fitToWidth: p.fitWidth,
          fitToHeight: p.fitHeight,
          horizontalCentered: p.horizontalCentered ?? false,
          margins: p.margins,
          printTitlesRow: p.titleRows ? `${p.titleRows[0]}:${p.titleRows[1]}` : undefined,
          printArea: p.area,
        }
      : undefined,
    headerFooter: p?.footer
      ? {
          oddFooter: `${p.footer.left ? `&L${esc(p.footer.left)}` : ''}${p.footer.center ? `&C${esc(p.footer.center)}` : ''}${p.footer.right ? `&R${esc(p.footer.right)}` : ''}`,
        }
      : undefined,
  });
  layout.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [r, h] of Object.entries(layout.heights)) ws.getRow(Number(r)).height = h;
  for (const [r1, c1, r2, c2] of layout.merges) ws.mergeCells(r1, c1, r2, c2);
  for (const c of layout.cells) {
    const cell = ws.getCell(c.r, c.c);
    cell.style = styleOf(c.style, layout.font);
    if (c.link && c.value !== null)
      cell.value = { text: String(c.value), hyperlink: `#${quoteSheet(c.link.sheet)}!${c.link.cell}` };
    // A date as the core's serial (exceljs writes days before 1900-03-01 one day late).
    else cell.value = c.value instanceof Date ? dateToSerial(c.value) : c.value;
  }
  if (layout.table) ws.autoFilter = layout.table.range;
  return ws;
}

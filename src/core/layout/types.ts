/**
 * Layouts as data (issue #12 item 2): what a sheet the product writes looks like — cells, merges,
 * number formats, widths, heights, borders, fills, print setup — decided once here, in the core.
 * The CLI's writer (src/cli/layout-xlsx.ts) and the add-in's writer (src/excel/forms.ts
 * `replayLayout`) replay a SheetLayout cell by cell; neither decides content.
 *
 * Rows and columns are 1-based, as Excel numbers them.
 */

import type { Rgb } from './palette';

export type { Rgb };

export interface CellStyle {
  bold?: boolean;
  /** Points. */
  size?: number;
  /** Font colour. */
  color?: Rgb;
  underline?: boolean;
  fill?: Rgb;
  /** An Excel number format ('@' text, '0', '#,##0.00', '0.0%' …). */
  numFmt?: string;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Thin black border on all four sides. */
  border?: boolean;
}

export type LayoutValue = string | number | Date | null;

export interface LayoutCell {
  r: number;
  c: number;
  value: LayoutValue;
  style?: CellStyle;
  /** An internal link: the cell shows `value` and goes to `sheet!cell` when clicked. */
  link?: { sheet: string; cell: string };
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** A4 always (paper size 9). Fit to this many pages wide / tall; 0 = as many as needed. */
  fitWidth: number;
  fitHeight: number;
  /** Inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  horizontalCentered?: boolean;
  /** Rows repeated at the top of every printed page, e.g. [3, 3]; none when the sheet fits one page. */
  titleRows?: [number, number];
  /** A1 range printed, e.g. 'A1:K20'. */
  area?: string;
  /** Page footer, three parts; `&P` page, `&N` pages (Excel header/footer codes). */
  footer?: { left?: string; center?: string; right?: string };
}

/** A native chart a host may draw (the add-in's writer draws them; the CLI's file writer cannot). */
export interface LayoutChart {
  title: string;
  type: 'column' | 'bar' | 'pie';
  /** Ranges on this sheet, e.g. 'A4:A9' and 'E4:E9'. */
  labels: string;
  values: string;
  /** Where it goes: top-left and bottom-right cells. */
  from: string;
  to: string;
}

export interface SheetLayout {
  name: string;
  cells: LayoutCell[];
  /** [r1, c1, r2, c2], inclusive. */
  merges: Array<[number, number, number, number]>;
  /** Column widths in characters (Excel's unit), index 0 = column A. */
  widths: number[];
  /** Row heights in points, by row number. */
  heights: Record<number, number>;
  /** Frozen rows / columns at the top-left. */
  freeze?: { rows: number; cols: number };
  gridlines?: boolean;
  /** Font of every cell written (the host default when absent). */
  font?: string;
  print?: PrintSetup;
  /** Data a chart reads that is not on the form itself (written far right, outside the print area). */
  charts?: LayoutChart[];
  /** An Excel table over a range with a header row (filters), e.g. 校验结果. */
  table?: { name: string; range: string };
}

/** The number formats the product writes, one name each. */
export const NUMBER_FORMAT = {
  int: '0',
  money: '#,##0.00',
  percent: '0.0%',
  text: '@',
  general: 'General',
} as const;

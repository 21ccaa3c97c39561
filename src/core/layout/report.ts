/**
 * The 校验结果 sheet as data, the same in the CLI's marked copies and in the add-in (issue #12:
 * it had 9 columns in one and 7 in the other). Rows 1–3 a summary, row 4 the headers (a table
 * with filters), then one row per problem — errors, warnings and 提示 (info: sheets not read as
 * ledgers, columns the standard does not know) — each 问题 linking to its cell.
 */
import { renderHint, renderMessage } from '../messages/render';
import { columnLetter, type CellValue } from '../model';
import type { Problem } from '../problem';
import { problemCol } from './marks';
import { CJK_FONT, FILL, LINK_COLOR, wrappedLines } from './palette';
import type { LayoutCell, SheetLayout } from './types';

export const REPORT_SHEET = '校验结果';
export const REPORT_HEADERS = [
  '文件/村',
  '表',
  '行',
  '列',
  '问题',
  '当前值',
  '建议值',
  '级别',
  '怎么改',
  '代码',
] as const;
/** Row (1-based) of the headers; rows above hold the summary. */
export const REPORT_HEADER_ROW = 4;
export const REPORT_TABLE_NAME = 'LedgerCheckResults';
export const REPORT_WIDTHS = [16, 12, 6, 16, 50, 22, 18, 6, 44, 22];

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;
const SEVERITY_EN = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** A suggested value as text (a date as yyyy-mm-dd). */
export function formatFix(v: CellValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** The 列 cell: the column's name and letter, e.g. "身份证号 (F)". */
export function columnLabel(p: Problem): string {
  const c = problemCol(p);
  const letter = c ? columnLetter(c) : '';
  if (p.column && letter) return `${p.column} (${letter})`;
  return p.column ?? letter;
}

export interface ReportLayoutOptions {
  locale?: 'zh-CN' | 'en-US';
  /** Title line, e.g. "校验时间 2026-11-29 10:00". */
  title?: string;
  /** Lines shown above the table (e.g. sheets that could not be marked). */
  notes?: string[];
  /** Problems counted but not listed (the per-sheet cap). */
  omitted?: number;
  /** The 问题 text (default: the catalogue message in `locale`). */
  render?: (p: Problem) => string;
  /** Whether a problem's sheet exists in the workbook written (no link otherwise). */
  linkable?: (sheet: string) => boolean;
}

export function reportRowValues(
  p: Problem,
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
  render?: (p: Problem) => string,
): Array<string | number> {
  const sev = (locale === 'en-US' ? SEVERITY_EN : SEVERITY_ZH)[p.severity];
  return [
    p.file ?? '',
    p.sheet ?? '',
    p.row ?? '',
    columnLabel(p),
    render ? render(p) : renderMessage(p, locale),
    p.value ?? '',
    formatFix(p.fix),
    sev,
    renderHint(p, locale),
    p.code,
  ];
}

export function reportLayout(problems: Problem[], opts: ReportLayoutOptions = {}): SheetLayout {
  const locale = opts.locale ?? 'zh-CN';
  const en = locale === 'en-US';
  const listed = problems.filter((p) => p.severity === 'error' || p.severity === 'warning' || p.severity === 'info');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const omitted = opts.omitted ?? 0;
  const cells: LayoutCell[] = [];
  const text = { numFmt: '@' };
  cells.push({ r: 1, c: 1, value: opts.title ?? REPORT_SHEET, style: { ...text, bold: true, size: 14 } });
  cells.push({
    r: 2,
    c: 1,
    value: en
      ? `${errors} errors, ${warnings} warnings${omitted ? `, ${omitted} more not listed` : ''}`
      : `错误 ${errors} 处，警告 ${warnings} 处${omitted ? `，另有 ${omitted} 处未列出` : ''}（${errors} errors, ${warnings} warnings）`,
    style: { ...text, bold: true },
  });
  cells.push({ r: 3, c: 1, value: (opts.notes ?? []).join('；'), style: text });
  REPORT_HEADERS.forEach((h, i) =>
    cells.push({
      r: REPORT_HEADER_ROW,
      c: i + 1,
      value: h,
      style: { bold: true, fill: FILL.header, border: true, h: 'center' },
    }),
  );
  const n = REPORT_HEADERS.length;
  const rows = listed.length ? listed : [null];
  const heights: Record<number, number> = {};
  rows.forEach((p, i) => {
    const r = REPORT_HEADER_ROW + 1 + i;
    const values: Array<string | number> = p
      ? reportRowValues(p, locale, opts.render)
      : ['', '', '', '', en ? 'No problems found' : '没有发现问题（No problems found）', '', '', '', '', ''];
    values.forEach((v, j) => {
      const cell: LayoutCell = {
        r,
        c: j + 1,
        value: v === '' ? null : v,
        style: { numFmt: j === 2 ? 'General' : '@', v: 'top', wrap: j === 4 || j === 8, border: true },
      };
      if (p && j === 7 && p.severity !== 'info') cell.style = { ...cell.style, fill: FILL[p.severity], h: 'center' };
      if (p && j === 4 && p.sheet && p.cell && (opts.linkable?.(p.sheet) ?? true)) {
        cell.link = { sheet: p.sheet, cell: p.cell.replace(/\$/g, '') };
        cell.style = { ...cell.style, color: LINK_COLOR, underline: true };
      }
      cells.push(cell);
    });
    // Wrapped 问题 and 怎么改: a row tall enough to read them (no host grows rows on its own).
    const lines = Math.max(
      wrappedLines(String(values[4]), REPORT_WIDTHS[4]),
      wrappedLines(String(values[8]), REPORT_WIDTHS[8]),
    );
    if (lines > 1) heights[r] = lines * 14 + 3;
  });
  const last = REPORT_HEADER_ROW + rows.length;
  return {
    name: REPORT_SHEET,
    cells,
    merges: [],
    widths: REPORT_WIDTHS.slice(0, n),
    heights,
    font: CJK_FONT,
    freeze: { rows: REPORT_HEADER_ROW, cols: 0 },
    table: { name: REPORT_TABLE_NAME, range: `A${REPORT_HEADER_ROW}:${columnLetter(n)}${last}` },
    print: {
      orientation: 'landscape',
      fitWidth: 1,
      fitHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      titleRows: [REPORT_HEADER_ROW, REPORT_HEADER_ROW],
      footer: { center: '第 &P 页，共 &N 页' },
    },
  };
}

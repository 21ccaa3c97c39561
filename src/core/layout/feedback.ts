/**
 * The feedback workbook a village secretary gets back (issue #15 item 6), as data: usable alone —
 * the ledger and the sheet tab, the column by name and letter, wrapped 怎么改 with row heights,
 * borders, a CJK font, a cause repeated down a column said once ("F5–F14 共8处"), who to call and
 * the date to send the corrected ledger back by.
 */
import { columnLetter } from '../model';
import { CJK_FONT, FILL, wrappedLines } from './palette';
import type { CellStyle, LayoutCell, SheetLayout } from './types';

export const FEEDBACK_SHEET = '问题清单';
export const FEEDBACK_HEADERS = ['序号', '台账', '位置', '列', '姓名', '身份证号', '问题', '怎么改'] as const;
export const FEEDBACK_WIDTHS = [6, 10, 18, 14, 10, 21, 40, 40];
/** A cause repeated down a column this many times or more is listed once. */
export const FOLD_AT = 3;

export interface FeedbackItem {
  /** The ledger (优抚对象 …) of the sheet, '' when none was recognised. */
  ledger: string;
  sheet: string;
  row: number | null;
  /** 1-based column, 0 when none. */
  col: number;
  column: string;
  name: string;
  id: string;
  /** 【错误】/【提醒】 and the message. */
  problem: string;
  fix: string;
  severity: 'error' | 'warning';
  code: string;
}

export interface FeedbackHeader {
  village: string;
  /** 检查日期, e.g. 2026年12月5日. */
  date: string;
  /** 请于 … 前 (a date in the same form). */
  resubmitBy: string;
  contact: string;
  phone: string;
  township: string;
}

/** One row of a village's sheet: the item's texts and its place as one cell text (“优抚对象 D3”). */
type Line = Pick<FeedbackItem, 'ledger' | 'column' | 'name' | 'id' | 'problem' | 'fix' | 'severity'> & { where: string };

function columnName(i: FeedbackItem): string {
  const letter = i.col ? columnLetter(i.col) : '';
  return i.column && letter ? `${i.column} (${letter})` : i.column || letter;
}

/** Items in order, a cause repeated on FOLD_AT or more rows of one column folded into one line. */
export function foldItems(items: FeedbackItem[]): Line[] {
  const groups = new Map<string, FeedbackItem[]>();
  for (const i of items) {
    const k = [i.sheet, i.col, i.code, i.fix, i.problem.replace(/[0-9X]{15,18}/g, '#')].join('\u0000');
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const out: Line[] = [];
  const done = new Set<string>();
  for (const i of items) {
    const k = [i.sheet, i.col, i.code, i.fix, i.problem.replace(/[0-9X]{15,18}/g, '#')].join('\u0000');
    const g = groups.get(k)!;
    if (g.length >= FOLD_AT && i.col && i.row) {
      if (done.has(k)) continue;
      done.add(k);
      const rows = g.map((x) => x.row ?? 0).sort((a, b) => a - b);
      const L = columnLetter(i.col);
      const names = [...new Set(g.map((x) => x.name).filter(Boolean))];
      out.push({
        ledger: i.ledger,
        where: `${i.sheet} ${L}${rows[0]}–${L}${rows[rows.length - 1]} 共${g.length}处`,
        column: columnName(i),
        name: names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}人` : names.join('、'),
        id: '',
        problem: g.every((x) => x.problem === i.problem) ? i.problem : i.problem.replace(/[0-9X]{15,18}/g, '…'),
        fix: i.fix,
        severity: i.severity,
      });
      continue;
    }
    out.push({
      ledger: i.ledger,
      where: i.row && i.col ? `${i.sheet} ${columnLetter(i.col)}${i.row}` : i.row ? `${i.sheet} 第${i.row}行` : i.sheet,
      column: columnName(i),
      name: i.name,
      id: i.id,
      problem: i.problem,
      fix: i.fix,
      severity: i.severity,
    });
  }
  return out;
}

export function feedbackLayout(items: FeedbackItem[], h: FeedbackHeader): SheetLayout {
  const n = FEEDBACK_HEADERS.length;
  const cells: LayoutCell[] = [];
  const merges: SheetLayout['merges'] = [];
  const heights: Record<number, number> = {};
  const text: CellStyle = { numFmt: '@', v: 'middle' };
  const errors = items.filter((i) => i.severity === 'error').length;
  const warnings = items.length - errors;
  const label = (r: number, c: number, v: string) => cells.push({ r, c, value: v, style: { ...text, bold: true } });
  const value = (r: number, c1: number, c2: number, v: string, style: CellStyle = {}) => {
    if (c2 > c1) merges.push([r, c1, r, c2]);
    cells.push({ r, c: c1, value: v, style: { ...text, ...style } });
  };
  value(1, 1, n, `${h.village}双拥台账检查反馈`, { bold: true, size: 16, h: 'center' });
  heights[1] = 30;
  label(2, 1, '村名');
  value(2, 2, 3, h.village);
  label(2, 4, '检查日期');
  value(2, 5, 6, h.date);
  label(2, 7, '检查单位');
  value(2, 8, 8, h.township);
  label(3, 1, '结果');
  const result =
    items.length === 0
      ? '未发现问题，谢谢！'
      : `发现 ${errors} 处错误（必须改正）、${warnings} 处提醒（请核实）。请按“怎么改”一栏在原台账中修改，于 ${h.resubmitBy} 前重新报送。`;
  value(3, 2, n, result, { wrap: true, bold: items.length > 0 });
  heights[3] = 36;
  label(4, 1, '联系人');
  value(4, 2, 3, h.contact);
  label(4, 4, '联系电话');
  value(4, 5, 6, h.phone || '＿＿＿＿＿＿');
  label(4, 7, '报送期限');
  value(4, 8, 8, items.length ? `${h.resubmitBy}前` : '—');
  const HEAD = 6;
  FEEDBACK_HEADERS.forEach((t, i) =>
    cells.push({
      r: HEAD,
      c: i + 1,
      value: t,
      style: { bold: true, fill: FILL.header, border: true, h: 'center', v: 'middle', numFmt: '@' },
    }),
  );
  heights[HEAD] = 22;
  const lines = foldItems(items);
  lines.forEach((l, k) => {
    const r = HEAD + 1 + k;
    const vals = [
      k + 1,
      l.ledger,
      l.where,
      l.column,
      l.name,
      l.id,
      `${l.severity === 'error' ? '【错误】' : '【提醒】'}${l.problem}`,
      l.fix,
    ];
    vals.forEach((v, j) =>
      cells.push({
        r,
        c: j + 1,
        value: v === '' ? null : v,
        style: {
          border: true,
          v: 'top',
          wrap: j >= 2,
          numFmt: j === 0 ? 'General' : '@',
          ...(j === 6 ? { fill: l.severity === 'error' ? FILL.error : FILL.warning } : {}),
        },
      }),
    );
    const h2 = Math.max(
      wrappedLines(String(vals[6]), FEEDBACK_WIDTHS[6]),
      wrappedLines(l.fix, FEEDBACK_WIDTHS[7]),
      wrappedLines(l.where, FEEDBACK_WIDTHS[2]),
      wrappedLines(l.name, FEEDBACK_WIDTHS[4]),
    );
    heights[r] = Math.max(18, h2 * 15 + 4);
  });
  const last = HEAD + Math.max(1, lines.length);
  if (lines.length === 0) value(HEAD + 1, 1, n, '没有需要修改的地方。', { border: true, h: 'center' });
  return {
    name: FEEDBACK_SHEET,
    cells,
    merges,
    widths: FEEDBACK_WIDTHS,
    heights,
    freeze: { rows: HEAD, cols: 0 },
    font: CJK_FONT,
    print: {
      orientation: 'landscape',
      fitWidth: 1,
      fitHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      titleRows: [HEAD, HEAD],
      area: `A1:${columnLetter(n)}${last}`,
      footer: { center: '第 &P 页，共 &N 页' },
    },
  };
}

/**
 * A standard form (FormSheet, src/core/forms) laid out as a sheet, once for both writers (issue #12:
 * it was laid out twice, src/cli/forms-xlsx.ts and src/excel/forms.ts, and had drifted):
 *
 *   row 1   title, merged across, 16 pt bold
 *   row 2   subtitle (填报单位 · 年度), merged
 *   row 3   headers (HEADER_ROW): bold, shaded, bordered, wrapped; repeated on every printed page
 *   rows    data (bordered; 小计 and 合计 bold and shaded), number formats by column
 *   then    notes, 年度汇总's paragraph (heading + text), each merged across and tall enough
 *   then    制表单位（盖章） · 制表日期, a row tall enough for the seal
 *   then    负责人 · 审核人 · 填表人 · 联系电话 (names from 设置, else a blank to sign)
 *   A4, fit to one page wide; 年度汇总 fits one page and repeats no header (issue #15 item 8).
 *   Chart data a host needs beside the form (series over non-adjacent rows) goes below the print
 *   area under 图表数据, never in the columns next to the form.
 */
import { HEADER_ROW, type ColumnFormat, type FormCell, type FormSheet } from '../forms/types';
import { columnLetter } from '../model';
import { CJK_FONT, FILL, textWidth, wrappedLines } from './palette';
import { NUMBER_FORMAT, type CellStyle, type LayoutCell, type LayoutChart, type SheetLayout } from './types';

export const FORM_NUMBER_FORMAT: Record<ColumnFormat, string> = {
  int: NUMBER_FORMAT.int,
  money: NUMBER_FORMAT.money,
  percent: NUMBER_FORMAT.percent,
  text: NUMBER_FORMAT.text,
};

/** Points per line of 10–11 pt text. */
const LINE = 15;

function widths(form: FormSheet): number[] {
  return form.columns.map((c, i) => {
    let w = Math.max(c.width, textWidth(c.header) / (c.header.length > 6 ? 2 : 1) + 2);
    for (const r of form.rows) {
      const v = r.cells[i];
      if (typeof v === 'string') w = Math.max(w, textWidth(v) + 2);
      else if (typeof v === 'number') w = Math.max(w, String(Math.round(v)).length + 5);
    }
    return Math.min(Math.ceil(w), 40);
  });
}

function dataStyle(v: FormCell, format: ColumnFormat, kind: 'data' | 'subtotal' | 'total', first: boolean): CellStyle {
  const s: CellStyle = { border: true, v: 'middle', numFmt: FORM_NUMBER_FORMAT[format] };
  if (typeof v === 'number') s.h = 'right';
  else if (format !== 'text') s.h = 'center';
  else s.h = 'left';
  if (v === null || typeof v === 'string') s.numFmt = NUMBER_FORMAT.text;
  if (format === 'text' && typeof v === 'string') s.wrap = true;
  if (kind !== 'data') {
    s.bold = true;
    s.fill = kind === 'total' ? FILL.total : FILL.subtotal;
    if (first) s.h = 'center';
  }
  return s;
}

/** The sheet of one form. */
export function formLayout(form: FormSheet): SheetLayout {
  const n = Math.max(1, form.columns.length);
  const w = widths(form);
  const total = w.reduce((a, b) => a + b, 0);
  const cells: LayoutCell[] = [];
  const merges: SheetLayout['merges'] = [];
  const heights: Record<number, number> = {};
  const across = (r: number, value: string, style: CellStyle, height?: number) => {
    if (n > 1) merges.push([r, 1, r, n]);
    cells.push({ r, c: 1, value, style: { numFmt: NUMBER_FORMAT.text, ...style } });
    heights[r] = height ?? Math.max(18, wrappedLines(value, total * 0.95) * LINE + 4);
  };
  const summary = form.name === '双拥工作年度汇总';

  across(1, form.title, { bold: true, size: 16, h: 'center', v: 'middle' }, 30);
  across(2, form.subtitle, { size: 10, h: 'left', v: 'middle' }, 18);
  form.columns.forEach((c, i) =>
    cells.push({
      r: HEADER_ROW,
      c: i + 1,
      value: c.header,
      style: {
        bold: true,
        fill: FILL.header,
        border: true,
        h: 'center',
        v: 'middle',
        wrap: true,
        numFmt: NUMBER_FORMAT.text,
      },
    }),
  );
  heights[HEADER_ROW] = 32;

  let r = HEADER_ROW + 1;
  for (const row of form.rows) {
    form.columns.forEach((c, i) => {
      const v = row.cells[i] ?? null;
      cells.push({ r, c: i + 1, value: v, style: dataStyle(v, row.formats?.[i] ?? c.format, row.kind, i === 0) });
    });
    heights[r] = 20;
    r++;
  }

  if (form.notes.length || form.paragraph) r++;
  for (const note of form.notes) across(r++, note, { size: 10, h: 'left', v: 'top', wrap: true });
  if (form.paragraph) {
    across(r++, '年度工作总结（可直接粘贴）：', { bold: true, size: 11, h: 'left', v: 'top' });
    across(r++, form.paragraph, { size: 11, h: 'left', v: 'top', wrap: true });
  }
  r++;

  // 制表单位（盖章） · 制表日期: side by side when both fit, else one row each. The row is tall
  // enough to take the unit's seal (a 4 cm round seal is stamped over the unit's name and date).
  const half = Math.max(1, Math.floor(n / 2));
  const right = Math.min(n, half + 1);
  const span = (a: number, b: number) => w.slice(a - 1, b).reduce((x, y) => x + y, 0);
  const unit = form.footer.unit.replace(/[:：]/, `${form.footer.seal}：`);
  const sideBySide = n > 1 && textWidth(unit) <= span(1, half) && textWidth(form.footer.date) <= span(right, n);
  const foot: CellStyle = { size: 11, v: 'top', numFmt: NUMBER_FORMAT.text };
  if (sideBySide) {
    if (half > 1) merges.push([r, 1, r, half]);
    if (right < n) merges.push([r, right, r, n]);
    cells.push({ r, c: 1, value: unit, style: { ...foot, h: 'left' } });
    cells.push({ r, c: right, value: form.footer.date, style: { ...foot, h: 'right' } });
    heights[r] = 48;
    r++;
  } else {
    if (n > 1) merges.push([r, 1, r, n]);
    cells.push({ r, c: 1, value: unit, style: { ...foot, h: 'left' } });
    heights[r] = 24;
    r++;
    if (n > 1) merges.push([r, 1, r, n]);
    cells.push({ r, c: 1, value: form.footer.date, style: { ...foot, h: 'right' } });
    heights[r] = 36;
    r++;
  }

  // 负责人 · 审核人 · 填表人 · 联系电话: across the columns, two per row when the form is narrow.
  const sig = form.footer.signatures.map((s) => `${s.label}：${s.name || '＿＿＿＿＿＿'}`);
  const perRow = n >= 4 && total >= 72 ? sig.length : 2;
  for (let i = 0; i < sig.length; i += perRow) {
    const part = sig.slice(i, i + perRow);
    const k = part.length;
    part.forEach((text, j) => {
      const c1 = Math.floor((j * n) / k) + 1;
      const c2 = Math.floor(((j + 1) * n) / k);
      if (c2 > c1) merges.push([r, c1, r, c2]);
      cells.push({ r, c: c1, value: text, style: { ...foot, h: 'left', v: 'middle' } });
    });
    heights[r] = 24;
    r++;
  }
  const lastPrinted = r - 1;

  // Charts: a series over adjacent rows reads the form itself; one over rows with 小计 between
  // them reads a copy of its labels and values written below the print area.
  const charts: LayoutChart[] = [];
  let below = lastPrinted + 3;
  const helpers: Array<{ at: number; s: FormSheet['charts'][number] }> = [];
  for (const s of form.charts) {
    if (!s.rowIndexes.length) continue;
    const rows = s.rowIndexes.map((i) => HEADER_ROW + 1 + i);
    const contiguous = rows.every((x, k) => k === 0 || x === rows[k - 1] + 1);
    if (contiguous) {
      const L = columnLetter(s.labelColumn + 1);
      const V = columnLetter(s.valueColumn + 1);
      charts.push({
        title: s.title,
        type: s.type,
        labels: `${L}${rows[0]}:${L}${rows[rows.length - 1]}`,
        values: `${V}${rows[0]}:${V}${rows[rows.length - 1]}`,
        from: '',
        to: '',
      });
    } else {
      helpers.push({ at: below, s });
      charts.push({
        title: s.title,
        type: s.type,
        labels: `A${below + 1}:A${below + s.categories.length}`,
        values: `B${below + 1}:B${below + s.categories.length}`,
        from: '',
        to: '',
      });
      below += s.categories.length + 2;
    }
  }
  for (const { at, s } of helpers) {
    cells.push({
      r: at,
      c: 1,
      value: '图表数据（不打印）',
      style: { bold: true, color: '808080', numFmt: NUMBER_FORMAT.text },
    });
    cells.push({ r: at, c: 2, value: s.title, style: { bold: true, color: '808080', numFmt: NUMBER_FORMAT.text } });
    s.categories.forEach((cat, k) => {
      cells.push({ r: at + 1 + k, c: 1, value: cat, style: { color: '808080', numFmt: NUMBER_FORMAT.text } });
      cells.push({
        r: at + 1 + k,
        c: 2,
        value: s.values[k] ?? null,
        style: { color: '808080', numFmt: FORM_NUMBER_FORMAT[s.format] },
      });
    });
  }
  let top = below;
  for (const c of charts) {
    c.from = `A${top}`;
    c.to = `${columnLetter(Math.max(6, n))}${top + 15}`;
    top += 17;
  }

  return {
    name: form.name,
    cells,
    merges,
    widths: w,
    heights,
    freeze: summary ? undefined : { rows: HEADER_ROW, cols: 1 },
    gridlines: false,
    font: CJK_FONT,
    print: {
      orientation: form.orientation,
      fitWidth: 1,
      fitHeight: summary ? 1 : 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      titleRows: summary ? undefined : [HEADER_ROW, HEADER_ROW],
      area: `A1:${columnLetter(n)}${lastPrinted}`,
      footer: summary ? undefined : { center: '第 &P 页，共 &N 页' },
    },
    charts,
  };
}

/**
 * 统计汇总: write the standard forms (FormSheet[] from the core) as sheets with their formatting and
 * native charts, and fill a user template sheet in place.
 *
 * Layout (src/core/forms/types.ts): row 1 title, row 2 subtitle (merged), row 3 headers, data rows,
 * then notes, the paragraph (年度汇总), the footer; charts below.
 * Syncs: 1 (existing sheets and their protection) + 1 per form + 0 (all in one when small).
 */
import type { ColumnFormat, FormSheet } from '../core/forms/types';
import type { Statistics } from '../core/stats/types';
import { type TemplateContext, describeUnknown, hasPlaceholder, resolveCellText } from '../core/template';
import { HostError, colLetters, protectedError, throwIfAborted } from './common';
import { excelInput } from './fix';
import type { TemplateFillReport } from './host';

export const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  int: '0',
  money: '#,##0.00',
  percent: '0.0%',
  text: '@',
};

const CHART_TYPES = { column: 'ColumnClustered', bar: 'BarClustered', pie: 'Pie' } as const;

/** Write (create or replace) the form sheets; returns their names. The first form is activated. */
export async function writeForms(
  context: Excel.RequestContext,
  forms: FormSheet[],
  opts: { signal?: AbortSignal; onProgress?: (p: { label: string; done: number; total: number }) => void } = {},
): Promise<{ sheets: string[]; syncs: number }> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  const existing = forms.map((f) => {
    const ws = sheets.getItemOrNullObject(f.name);
    ws.load('name,protection/protected');
    return ws;
  });
  syncs += 1;
  await context.sync();
  const locked = forms.filter((_, i) => !existing[i].isNullObject && existing[i].protection.protected).map((f) => f.name);
  if (locked.length) throw protectedError(locked);

  const written: string[] = [];
  for (let i = 0; i < forms.length; i++) {
    throwIfAborted(opts.signal);
    const f = forms[i];
    let ws: Excel.Worksheet;
    if (existing[i].isNullObject) ws = sheets.add(f.name);
    else {
      ws = sheets.add(`${f.name.slice(0, 29)}~`);
      existing[i].delete();
      ws.name = f.name;
    }
    layoutForm(ws, f);
    syncs += 1;
    await context.sync();
    written.push(f.name);
    opts.onProgress?.({ label: f.name, done: i + 1, total: forms.length });
  }
  if (written.length) {
    sheets.getItem(written[0]).activate();
    syncs += 1;
    await context.sync();
  }
  return { sheets: written, syncs };
}

/** Queue the whole layout of one form on an empty sheet. */
export function layoutForm(ws: Excel.Worksheet, f: FormSheet): void {
  const n = Math.max(1, f.columns.length);
  const lastCol = colLetters(n - 1);
  const line = (row: number, text: string, opts: { bold?: boolean; wrap?: boolean; size?: number } = {}) => {
    const r = ws.getRange(`A${row}:${lastCol}${row}`);
    if (n > 1) r.merge(false);
    const a = ws.getRange(`A${row}`);
    a.numberFormat = [['@']];
    a.values = [[text]];
    if (opts.bold) a.format.font.bold = true;
    if (opts.size) a.format.font.size = opts.size;
    if (opts.wrap) {
      r.format.wrapText = true;
      r.format.rowHeight = Math.min(400, 18 * Math.ceil(text.length / Math.max(20, n * 8)));
    }
    return r;
  };
  line(1, f.title, { bold: true, size: 14 }).format.horizontalAlignment = 'Center';
  line(2, f.subtitle);

  const header = ws.getRange(`A3:${lastCol}3`);
  header.values = [f.columns.map((c) => c.header)];
  header.format.font.bold = true;
  header.format.fill.color = '#D9E1F2';
  header.format.wrapText = true;

  if (f.rows.length) {
    const first = 4;
    const last = first + f.rows.length - 1;
    const body = ws.getRange(`A${first}:${lastCol}${last}`);
    const formats = f.rows.map((row) => f.columns.map((c, j) => NUMBER_FORMATS[row.formats?.[j] ?? (j === 0 ? 'text' : c.format)]));
    body.numberFormat = formats;
    body.values = f.rows.map((row, i) =>
      f.columns.map((_, j) => {
        const v = row.cells[j];
        if (v === null || v === undefined) return '';
        return typeof v === 'string' ? excelInput(v, formats[i][j]) : v;
      }),
    );
    f.rows.forEach((row, i) => {
      if (row.kind !== 'data') {
        const r = ws.getRange(`A${first + i}:${lastCol}${first + i}`);
        r.format.font.bold = true;
        if (row.kind === 'total') r.format.fill.color = '#F2F2F2';
      }
    });
  }
  let row = 4 + f.rows.length;
  for (const note of f.notes) line(row++, note, { wrap: true });
  if (f.paragraph) {
    row += 1;
    line(row++, f.paragraph, { wrap: true });
  }
  row += 1;
  const foot = ws.getRange(`A${row}`);
  foot.numberFormat = [['@']];
  foot.values = [[f.footer.unit]];
  const dateCell = ws.getRange(`${lastCol}${row}`);
  if (n > 1) {
    dateCell.numberFormat = [['@']];
    dateCell.values = [[f.footer.date]];
    dateCell.format.horizontalAlignment = 'Right';
  } else foot.values = [[`${f.footer.unit}    ${f.footer.date}`]];
  f.columns.forEach((c, j) => {
    ws.getRange(`${colLetters(j)}:${colLetters(j)}`).format.columnWidth = Math.max(6, c.width) * 7;
  });
  ws.pageLayout.orientation = f.orientation === 'landscape' ? 'Landscape' : 'Portrait';

  // Native charts over the series' cells, stacked below the footer.
  let top = row + 2;
  let helperCol = n + 1; // chart data of non-contiguous series goes to the right of the form
  for (const s of f.charts) {
    const rows = s.rowIndexes.map((i) => 4 + i);
    if (!rows.length) continue;
    const contiguous = rows.every((r, k) => k === 0 || r === rows[k - 1] + 1);
    let values: Excel.Range;
    let labels: Excel.Range;
    if (contiguous) {
      const from = rows[0];
      const to = rows[rows.length - 1];
      values = ws.getRange(`${colLetters(s.valueColumn)}${from}:${colLetters(s.valueColumn)}${to}`);
      labels = ws.getRange(`${colLetters(s.labelColumn)}${from}:${colLetters(s.labelColumn)}${to}`);
    } else {
      const lc = colLetters(helperCol);
      const vc = colLetters(helperCol + 1);
      const head = ws.getRange(`${lc}3:${vc}3`);
      head.values = [['图表数据', s.title]];
      head.format.font.bold = true;
      const last = 3 + s.categories.length;
      const block = ws.getRange(`${lc}4:${vc}${last}`);
      block.numberFormat = s.categories.map(() => ['@', NUMBER_FORMATS[s.format]]);
      block.values = s.categories.map((c, k) => [excelInput(c, '@'), s.values[k] ?? '']);
      labels = ws.getRange(`${lc}4:${lc}${last}`);
      values = ws.getRange(`${vc}4:${vc}${last}`);
      helperCol += 3;
    }
    const chart = ws.charts.add(CHART_TYPES[s.type], values, 'Columns');
    chart.title.text = s.title;
    const series = chart.series.getItemAt(0);
    series.name = s.title;
    series.setXAxisValues(labels);
    chart.setPosition(`A${top}`, `${colLetters(Math.max(5, n - 1))}${top + 15}`);
    top += 17;
  }
}

export type { TemplateFillReport };

const MAX_TEMPLATE_CELLS = 200_000;

/**
 * Fill a user template sheet in place: every cell whose text holds known placeholders gets the
 * values; every other cell, format and formula is kept. Syncs: 2 (read, write).
 */
/** Response budget of one template read (Excel on the web refuses 5 MB). */
const TEMPLATE_READ_BYTES = 3.5 * 1024 * 1024;

export async function fillTemplateSheet(
  context: Excel.RequestContext,
  sheetName: string,
  stats: Statistics,
  ctx: TemplateContext & { locale?: 'zh-CN' | 'en-US' } = {},
): Promise<TemplateFillReport> {
  const probe = context.workbook.worksheets.getItemOrNullObject(sheetName);
  probe.load('name,protection/protected');
  await context.sync();
  if (probe.isNullObject) throw new HostError('notFound', `找不到工作表“${sheetName}”。(No sheet ${sheetName}.)`);
  if (probe.protection.protected) throw protectedError([sheetName]);
  const ws = context.workbook.worksheets.getItem(sheetName);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  const report: TemplateFillReport = { filled: 0, unknown: [] };
  if (used.isNullObject) return report;
  if (used.rowCount * used.columnCount > MAX_TEMPLATE_CELLS)
    throw new HostError(
      'invalid',
      `模板“${sheetName}”过大（超过 ${MAX_TEMPLATE_CELLS} 个单元格）。(Template too large.)`,
    );
  // Read in row chunks sized for the 5 MB cap (values, formulas and formats: ~3 × 30 bytes a cell).
  const rowsPerChunk = Math.max(1, Math.floor(TEMPLATE_READ_BYTES / (used.columnCount * 90)));
  for (let start = 0; start < used.rowCount; start += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, used.rowCount - start);
    const range = ws.getRangeByIndexes(used.rowIndex + start, used.columnIndex, count, used.columnCount);
    range.load('values,formulas,numberFormat');
    await context.sync();
    for (let i0 = 0; i0 < count; i0++) {
      const i = start + i0;
      for (let j = 0; j < used.columnCount; j++) {
        const v = range.values[i0][j];
        const formula = range.formulas[i0][j];
        if (typeof v !== 'string' || !hasPlaceholder(v) || (typeof formula === 'string' && formula.startsWith('=')))
          continue;
        const addr = `${colLetters(used.columnIndex + j)}${used.rowIndex + i + 1}`;
        const r = resolveCellText(v, stats, ctx);
        for (const u of r.unknown)
          report.unknown.push({
            cell: addr,
            placeholder: u.placeholder,
            message: describeUnknown(u, stats, ctx.locale),
          });
        if (r.replaced === 0) continue;
        report.filled += r.replaced;
        const cell = ws.getRange(addr);
        const fmt = String(range.numberFormat[i0][j]);
        if (typeof r.value === 'number' && fmt === 'General') {
          if (r.format === 'percent') cell.numberFormat = [['0.0%']];
          else if (r.format === 'money') cell.numberFormat = [['0.00']];
        }
        cell.values = [[typeof r.value === 'string' ? excelInput(r.value, fmt) : r.value]];
      }
    }
  }
  // The writes of the last chunk (earlier chunks' writes went with the next chunk's read).
  await context.sync();
  return report;
}

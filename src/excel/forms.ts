/**
 * 统计汇总: write the standard forms (FormSheet[] from the core) as sheets with their formatting and
 * native charts, and fill a user template sheet in place.
 *
 * Layout (src/core/forms/types.ts): row 1 title, row 2 subtitle (merged), row 3 headers, data rows,
 * then notes, the paragraph (年度汇总), the footer; charts below.
 * Syncs: 1 (existing sheets and their protection) + 1 per form + 0 (all in one when small).
 */
import { dateToSerial } from '../core/cells/read-cell';
import type { TemplateCell, TemplateWrite, WriteSheetsOptions } from '../core/ops/port';
import type { CellStyle, LayoutCell, LayoutValue, SheetLayout } from '../core/layout/types';
import { CHUNK_BYTES, HostError, colLetters, jsonBytes, protectedError, quoteSheetName, throwIfAborted } from './common';
import { excelInput } from './fix';

/**
 * The sheets about to be written, looked up by name with their protection in one sync (with
 * whatever the caller queued before); the protected ones refused when `refuse`.
 */
export async function sheetsToReplace(context: Excel.RequestContext, names: string[], refuse: boolean, sync: () => Promise<void>): Promise<Excel.Worksheet[]> {
  const existing = names.map((n) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(n);
    ws.load('name,protection/protected');
    return ws;
  });
  await sync();
  const locked = names.filter((_, i) => !existing[i].isNullObject && existing[i].protection.protected);
  if (refuse && locked.length) throw protectedError(locked);
  return existing;
}

/** A new sheet `name` in place of `old` (deleted; a temporary name while both exist, so that its
 *  place in the tab bar is never empty), or a fresh one when there was none. */
export function replaceSheet(context: Excel.RequestContext, old: Excel.Worksheet, name: string): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  if (old.isNullObject) return sheets.add(name);
  const ws = sheets.add(`${name.slice(0, 29)}~`);
  old.delete();
  ws.name = name;
  return ws;
}

/**
 * Create or replace one sheet per layout (the core's: forms, 年度汇总, 校验结果): an existing sheet
 * is replaced through a temporary name (`replaceSheet`). Syncs: 1 (existing sheets and their
 * protection) + per sheet 1 (+ 1 per block of a large layout, + 1 for the extras); the activation
 * goes with the last sheet's.
 */
export async function writeLayouts(
  context: Excel.RequestContext,
  layouts: SheetLayout[],
  opts: WriteSheetsOptions & { chunkBytes?: number } = {},
): Promise<{ sheets: string[]; syncs: number }> {
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await context.sync();
  };
  const sheets = context.workbook.worksheets;
  const existing = await sheetsToReplace(
    context,
    layouts.map((l) => l.name),
    Boolean(opts.refuseProtected),
    sync,
  );

  const written: string[] = [];
  for (let i = 0; i < layouts.length; i++) {
    throwIfAborted(opts.signal);
    const layout = layouts[i];
    const ws = replaceSheet(context, existing[i], layout.name);
    syncs += await replayLayout(ws, layout, { chunkBytes: opts.chunkBytes, sync: () => context.sync() });
    // The activation rides with the last sheet's sync.
    if (opts.activate && i === layouts.length - 1) sheets.getItem(opts.activate).activate();
    await sync();
    // Borders, the CJK font and the print setup in a batch of their own: an Excel without them
    // keeps the sheet it already has.
    if (queueLayoutExtras(ws, layout)) {
      try {
        await sync();
      } catch {
        /* the sheet is complete without them */
      }
    }
    written.push(layout.name);
    opts.onProgress?.({ label: layout.name, done: i + 1, total: layouts.length });
  }
  if (opts.activate && !layouts.length) {
    sheets.getItem(opts.activate).activate();
    await sync();
  }
  return { sheets: written, syncs };
}

// ───────────────────────── the Office.js writer of a layout ─────────────────────────

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;
const CHART_OF = { column: 'ColumnClustered', bar: 'BarClustered', pie: 'Pie' } as const;
/** Points per character of column width (Excel's unit is the width of a digit, ~7 px = 5.25 pt;
 *  a little more so that CJK text is not cut). */
export const PT_PER_CHAR = 6;
function inputOf(v: LayoutValue, fmt: string): string | number | boolean {
  if (v === null) return '';
  // The core's serial (the phantom 1900-02-29 counted); the forms and reports hold no dates today,
  // so the 1900 system is assumed (the merged sheets ask the workbook's, see import.ts).
  if (v instanceof Date) return dateToSerial(v);
  return typeof v === 'string' ? excelInput(v, fmt) : v;
}

function styleKey(s: CellStyle | undefined): string {
  if (!s) return '';
  const { bold, size, color, fill, h, v, wrap } = s;
  return JSON.stringify([bold, size, color, fill, h, v, wrap]);
}

/** Rectangles (A1) covering `cells` with a vertical run per column of equal keys. */
function runs<T extends { r: number; c: number }>(cells: T[], keyOf: (c: T) => string): Array<{ key: string; addr: string; first: T }> {
  const sorted = [...cells].sort((x, y) => x.c - y.c || x.r - y.r);
  const out: Array<{ key: string; addr: string; first: T }> = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i];
    const k = keyOf(first);
    let j = i + 1;
    while (j < sorted.length && sorted[j].c === first.c && sorted[j].r === sorted[j - 1].r + 1 && keyOf(sorted[j]) === k) j++;
    const last = sorted[j - 1];
    const col = colLetters(first.c - 1);
    out.push({ key: k, addr: first.r === last.r ? `${col}${first.r}` : `${col}${first.r}:${col}${last.r}`, first });
    i = j;
  }
  return out;
}

/** Request bytes of one row segment: its values and formats, with the overhead of a row. */
function segBytes(s: { cells: LayoutCell[] }): number {
  return jsonBytes(s.cells.map((c) => c.value)) * 3 + 200;
}

export interface ReplayOptions {
  /** Called between blocks of values when the layout is larger than `chunkBytes` (a request over
   *  5 MB fails on the web). */
  sync?: () => Promise<void>;
  chunkBytes?: number;
}

/**
 * Write a SheetLayout (src/core/layout) onto an empty sheet: values and number formats in blocks,
 * merges, fonts, fills, alignment, widths, heights, links, a table, frozen rows, orientation and
 * charts. Returns the syncs it made (only with `opts.sync`, between blocks). Borders, the font
 * name and the print setup are queued by `queueLayoutExtras`, in a batch of their own.
 */
export async function replayLayout(ws: Excel.Worksheet, layout: SheetLayout, opts: ReplayOptions = {}): Promise<number> {
  let syncs = 0;
  const budget = opts.chunkBytes ?? CHUNK_BYTES;
  let bytes = 0;
  for (const b of layoutSteps(ws, layout, budget)) {
    bytes += b;
    if (opts.sync && bytes > budget) {
      syncs += 1;
      await opts.sync();
      bytes = 0;
    }
  }
  return syncs;
}

/** Queue the layout; yields the estimated request bytes after each block of values. */
function* layoutSteps(ws: Excel.Worksheet, layout: SheetLayout, budget: number): Generator<number> {
  layout.widths.forEach((w, i) => {
    const L = colLetters(i);
    ws.getRange(`${L}:${L}`).format.columnWidth = Math.round(w * PT_PER_CHAR);
  });
  for (const [r1, c1, r2, c2] of layout.merges) ws.getRange(`${colLetters(c1 - 1)}${r1}:${colLetters(c2 - 1)}${r2}`).merge(false);

  // Values and number formats: a row's cells form one segment (merged areas hold only their
  // top-left cell); rows with the same segment are written as one block.
  const byRow = new Map<number, LayoutCell[]>();
  for (const c of layout.cells) {
    const a = byRow.get(c.r);
    if (a) a.push(c);
    else byRow.set(c.r, [c]);
  }
  type Seg = { r: number; c1: number; cells: LayoutCell[] };
  const segs: Seg[] = [];
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const row = byRow.get(r)!.sort((a, b) => a.c - b.c);
    let cur: Seg | null = null;
    for (const c of row) {
      if (cur && c.c === cur.c1 + cur.cells.length) cur.cells.push(c);
      else segs.push((cur = { r, c1: c.c, cells: [c] }));
    }
  }
  let i = 0;
  while (i < segs.length) {
    const first = segs[i];
    let j = i + 1;
    let size = segBytes(first);
    while (j < segs.length && segs[j].c1 === first.c1 && segs[j].cells.length === first.cells.length && segs[j].r === segs[j - 1].r + 1) {
      const b = segBytes(segs[j]);
      if (size + b > budget) break;
      size += b;
      j++;
    }
    const block = segs.slice(i, j);
    const fmts = block.map((s) => s.cells.map((c) => c.style?.numFmt ?? 'General'));
    const values = block.map((s, k) => s.cells.map((c, m) => inputOf(c.value, fmts[k][m])));
    const addr = `${colLetters(first.c1 - 1)}${first.r}:${colLetters(first.c1 + first.cells.length - 2)}${block[block.length - 1].r}`;
    const range = ws.getRange(addr);
    range.numberFormat = fmts;
    range.values = values;
    i = j;
    if (i < segs.length) yield size;
  }

  // Fonts, fills, alignment: one range per vertical run of equal style.
  for (const run of runs(
    layout.cells.filter((c) => styleKey(c.style) !== ''),
    (c) => styleKey(c.style),
  )) {
    const s = run.first.style!;
    const f = ws.getRange(run.addr).format;
    if (s.bold) f.font.bold = true;
    if (s.size) f.font.size = s.size;
    if (s.color) f.font.color = `#${s.color}`;
    if (s.fill) f.fill.color = `#${s.fill}`;
    if (s.h) f.horizontalAlignment = H_ALIGN[s.h];
    if (s.v) f.verticalAlignment = V_ALIGN[s.v];
    if (s.wrap) f.wrapText = true;
  }
  for (const [r, h] of Object.entries(layout.heights)) ws.getRange(`A${r}`).format.rowHeight = h;
  for (const c of layout.cells) {
    if (!c.link || c.value === null) continue;
    ws.getRange(`${colLetters(c.c - 1)}${c.r}`).hyperlink = {
      documentReference: `${quoteSheetName(c.link.sheet)}!${c.link.cell}`,
      textToDisplay: String(c.value),
      screenTip: `转到 ${c.link.sheet}!${c.link.cell}`,
    };
  }
  if (layout.table) {
    const t = ws.tables.add(layout.table.range, true);
    t.name = layout.table.name;
    t.showFilterButton = true;
  }
  if (layout.freeze?.rows) ws.freezePanes.freezeRows(layout.freeze.rows);
  if (layout.print) ws.pageLayout.orientation = layout.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  for (const c of layout.charts ?? []) {
    const chart = ws.charts.add(CHART_OF[c.type], ws.getRange(c.values), 'Columns');
    chart.title.text = c.title;
    const series = chart.series.getItemAt(0);
    series.name = c.title;
    series.setXAxisValues(ws.getRange(c.labels));
    chart.setPosition(c.from, c.to);
  }
}

/**
 * Queue what a printed form needs beyond the cells — thin borders, the CJK font, gridlines off,
 * print area, rows repeated on each page, fit to page, margins, centring, footer — for a batch of
 * its own: an Excel without these APIs (ExcelApi 1.9) still gets the form, only plainer.
 * Returns false when the API is missing here (nothing queued).
 */
export function queueLayoutExtras(ws: Excel.Worksheet, layout: SheetLayout): boolean {
  try {
    const lastCol = colLetters(Math.max(1, layout.widths.length) - 1);
    const lastRow = layout.cells.reduce((m, c) => Math.max(m, c.r), 1);
    if (layout.font) ws.getRange(`A1:${lastCol}${lastRow}`).format.font.name = layout.font;
    for (const run of runs(layout.cells.filter((c) => c.style?.border || c.style?.underline), (c) => `${c.style?.border}|${c.style?.underline}`)) {
      const s = run.first.style!;
      const range = ws.getRange(run.addr);
      if (s.underline) range.format.font.underline = 'Single';
      if (s.border)
        for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal'] as const) {
          const b = range.format.borders.getItem(edge);
          b.style = 'Continuous';
          b.weight = 'Thin';
          b.color = '#000000';
        }
    }
    if (layout.gridlines === false) ws.showGridlines = false;
    const p = layout.print;
    if (p) {
      const pl = ws.pageLayout;
      pl.paperSize = 'A4' as Excel.PaperType;
      pl.zoom = { horizontalFitToPages: p.fitWidth, verticalFitToPages: p.fitHeight };
      pl.centerHorizontally = p.horizontalCentered ?? false;
      pl.leftMargin = p.margins.left * 72;
      pl.rightMargin = p.margins.right * 72;
      pl.topMargin = p.margins.top * 72;
      pl.bottomMargin = p.margins.bottom * 72;
      pl.headerMargin = p.margins.header * 72;
      pl.footerMargin = p.margins.footer * 72;
      if (p.area) pl.setPrintArea(p.area);
      if (p.titleRows) pl.setPrintTitleRows(`$${p.titleRows[0]}:$${p.titleRows[1]}`);
      if (p.footer) {
        const hf = pl.headersFooters.defaultForAllPages;
        if (p.footer.left) hf.leftFooter = p.footer.left;
        if (p.footer.center) hf.centerFooter = p.footer.center;
        if (p.footer.right) hf.rightFooter = p.footer.right;
      }
    }
    return true;
  } catch {
    // A host (or test double) without these APIs: the form is still complete.
    return false;
  }
}

const MAX_TEMPLATE_CELLS = 200_000;
/** Response budget of one template read (Excel on the web refuses 5 MB). */
const TEMPLATE_READ_BYTES = 3.5 * 1024 * 1024;

/**
 * Offer every text cell of a sheet (not formulas) to `edit` and write what it returns; every
 * other cell, format and formula is kept. Reads in row chunks sized for the 5 MB cap; the writes
 * of a chunk go with the next chunk's read.
 */
export async function editTexts(context: Excel.RequestContext, sheetName: string, edit: (c: TemplateCell) => TemplateWrite | null): Promise<void> {
  const probe = context.workbook.worksheets.getItemOrNullObject(sheetName);
  probe.load('name,protection/protected');
  await context.sync();
  if (probe.isNullObject) throw new HostError('notFound', `找不到工作表“${sheetName}”。(No sheet ${sheetName}.)`);
  if (probe.protection.protected) throw protectedError([sheetName]);
  const ws = context.workbook.worksheets.getItem(sheetName);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  if (used.isNullObject) return;
  if (used.rowCount * used.columnCount > MAX_TEMPLATE_CELLS)
    throw new HostError(
      'invalid',
      `模板“${sheetName}”过大（超过 ${MAX_TEMPLATE_CELLS} 个单元格）。(Template too large.)`,
    );
  // Values, formulas and formats: ~3 × 30 bytes a cell.
  const rowsPerChunk = Math.max(1, Math.floor(TEMPLATE_READ_BYTES / (used.columnCount * 90)));
  for (let start = 0; start < used.rowCount; start += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, used.rowCount - start);
    const range = ws.getRangeByIndexes(used.rowIndex + start, used.columnIndex, count, used.columnCount);
    range.load('values,formulas,numberFormat');
    await context.sync();
    for (let i0 = 0; i0 < count; i0++) {
      for (let j = 0; j < used.columnCount; j++) {
        const v = range.values[i0][j];
        const formula = range.formulas[i0][j];
        if (typeof v !== 'string' || (typeof formula === 'string' && formula.startsWith('='))) continue;
        const addr = `${colLetters(used.columnIndex + j)}${used.rowIndex + start + i0 + 1}`;
        const fmt = String(range.numberFormat[i0][j]);
        const w = edit({ cell: addr, text: v, numberFormat: fmt });
        if (!w) continue;
        const cell = ws.getRange(addr);
        const f = w.numberFormat ?? fmt;
        if (w.numberFormat !== undefined && w.numberFormat !== fmt) cell.numberFormat = [[w.numberFormat]];
        cell.values = [[typeof w.value === 'string' ? excelInput(w.value, f) : w.value]];
      }
    }
  }
  // The writes of the last chunk (earlier chunks' writes went with the next chunk's read).
  await context.sync();
}

/**
 * 填充模板: a user's template sheet filled in place with the workbook's statistics. Every cell whose
 * text holds known placeholders gets the values; every other cell, format and formula is kept.
 * `fillTemplateCell` decides one cell for every host (the CLI fills template files with it).
 */
import type { WorkbookData } from '../model';
import type { Settings } from '../settings';
import { computeStatistics } from '../stats/compute';
import type { Statistics } from '../stats/types';
import { describeUnknown, hasPlaceholder, resolveCellText, type CellResolution, type TemplateContext } from '../template';
import { checkConfigured } from './check';
import type { RunOptions, SheetPort, TemplateWrite } from './port';
import { withSavedComparisons } from './summarize';

/** What filling a user template sheet did. */
export interface TemplateFillReport {
  /** Placeholders replaced. */
  filled: number;
  /** Unknown placeholders, each with a message naming the ones that exist. */
  unknown: Array<{ cell: string; placeholder: string; message: string }>;
}

function isGeneral(fmt: string | undefined): boolean {
  return !fmt || fmt === 'General' || fmt === '@';
}

/**
 * One template cell: its text resolved, and what to write (null: nothing replaced). A cell that
 * held one placeholder alone gets the number; with no number format of its own, a percentage
 * gets `0.0%` and money `0.00` (text format `@` counts as none, or the number would show as text).
 */
export function fillTemplateCell(
  text: string,
  numberFormat: string | undefined,
  stats: Statistics,
  ctx: TemplateContext = {},
): { write: TemplateWrite | null; resolution: CellResolution } {
  const r = resolveCellText(text, stats, ctx);
  if (r.replaced === 0) return { write: null, resolution: r };
  if (typeof r.value !== 'number' || !isGeneral(numberFormat)) return { write: { value: r.value }, resolution: r };
  const fmt = r.format === 'percent' ? '0.0%' : r.format === 'money' ? '0.00' : 'General';
  return { write: { value: r.value, numberFormat: fmt }, resolution: r };
}

/** 填充模板 on a workbook: the statistics of every other sheet fill `sheet`'s placeholders. */
export async function runFillTemplate(
  port: SheetPort,
  sheet: string,
  settings: Settings,
  opts: RunOptions = {},
): Promise<TemplateFillReport> {
  const read = await port.readSheets({ signal: opts.signal });
  const data: WorkbookData = { ...read.data, sheets: read.data.sheets.filter((s) => s.name !== sheet) };
  const result = checkConfigured([data], read.data, settings);
  // With the figures of a 年度比对/名单比对 run earlier that still apply.
  const stats = await withSavedComparisons(port, computeStatistics(result.tables, result.settings), result.tables);
  const ctx: TemplateContext = {};
  const report: TemplateFillReport = { filled: 0, unknown: [] };
  await port.editTexts(sheet, (c) => {
    if (!hasPlaceholder(c.text)) return null;
    const { write, resolution } = fillTemplateCell(c.text, c.numberFormat, stats, ctx);
    for (const u of resolution.unknown)
      report.unknown.push({ cell: c.cell, placeholder: u.placeholder, message: describeUnknown(u, stats, settings.locale) });
    report.filled += resolution.replaced;
    return write;
  });
  return report;
}

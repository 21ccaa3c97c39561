/**
 * The 校验结果 sheet: one row per problem (文件/村, 表, 行, 列, 问题, 当前值, 建议值, 级别, 怎么改, 代码)
 * in an Excel table with filters, each row's 问题 hyperlinked to its cell. Replaced, not
 * duplicated, on each run. The layout is the core's (src/core/layout/report.ts).
 */
import type { CheckResult } from '../core/check-api';
import { REPORT_HEADERS, REPORT_HEADER_ROW, REPORT_TABLE_NAME, formatFix, reportLayout } from '../core/layout/report';
import type { Problem } from '../core/problem';
import { REPORT_SHEET } from './common';
import { queueLayoutExtras, replayLayout } from './forms';

export { REPORT_HEADERS, REPORT_HEADER_ROW, REPORT_TABLE_NAME, formatFix };

export interface ReportOptions {
  render: (p: Problem) => string;
  /** Lines shown above the table (e.g. sheets that could not be marked). */
  notes?: string[];
  chunkBytes?: number;
  /** Title line, e.g. "校验时间 2026-11-29 10:00". */
  title?: string;
  locale?: 'zh-CN' | 'en-US';
}

/** Write the report sheet — the core's 校验结果 layout, the same as the CLI's marked copies —
 *  and return the syncs it took. The sheet is left active. */
export async function writeReport(context: Excel.RequestContext, result: CheckResult, opts: ReportOptions): Promise<number> {
  let syncs = 0;
  const sheets = context.workbook.worksheets;
  const old = sheets.getItemOrNullObject(REPORT_SHEET);
  old.load('name');
  syncs += 1;
  await context.sync();

  // Replace: add under a temporary name, delete the old sheet, then take its name.
  const temp = `${REPORT_SHEET}~`;
  const ws = sheets.add(old.isNullObject ? REPORT_SHEET : temp);
  if (!old.isNullObject) {
    old.delete();
    ws.name = REPORT_SHEET;
  }
  const layout = reportLayout(result.problems, {
    locale: opts.locale,
    render: opts.render,
    title: opts.title,
    notes: opts.notes,
    omitted: result.sheets.reduce((a, s) => a + s.omitted, 0),
  });
  syncs += await replayLayout(ws, layout, {
    chunkBytes: opts.chunkBytes,
    sync: async () => {
      await context.sync();
    },
  });
  ws.activate();
  syncs += 1;
  await context.sync();
  if (queueLayoutExtras(ws, layout)) {
    syncs += 1;
    try {
      await context.sync();
    } catch {
      /* borders and print setup are extras */
    }
  }
  return syncs;
}

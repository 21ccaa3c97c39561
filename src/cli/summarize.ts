/** `ledger summarize`: statistics and the standard forms (core) written with the forms writer. */
import * as fs from 'fs';
import * as path from 'path';
import type { CheckResult } from '../core/check-api';
import type { Settings } from '../core/settings';
import type { RosterResult, YoyResult } from '../core/compare';
import { summaryForms } from '../core/ops/summarize';
import { writeFormsWorkbook, fillTemplateWorkbook } from './forms-xlsx';
import { assertNotInput } from './inputs';
import type { Io } from './session';

export interface SummaryOptions {
  template?: string;
  io: Io;
  quiet: boolean;
  /** Paths that must not be overwritten (the inputs). */
  inputs?: string[];
  /** `--roster`: the police list reconciled with the roster (the 兵役登记 denominators). */
  roster?: RosterResult;
  /** `--last`: last year's ledgers diffed with these (the year-over-year figures). */
  yoy?: YoyResult;
}

export async function writeSummary(result: CheckResult, settings: Settings, out: string, o: SummaryOptions): Promise<string[]> {
  const inputs = [...(o.inputs ?? [])];
  if (o.template) inputs.push(o.template);
  assertNotInput(out, inputs);
  // The add-in's 统计汇总 computes them the same way (src/core/ops/summarize.ts).
  const { stats, forms } = summaryForms(result, settings, { roster: o.roster, yoy: o.yoy });
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  if (!o.template) {
    await writeFormsWorkbook(forms, abs, {});
    return [abs];
  }
  // With a user template, --out holds the filled template's sheets followed by the five forms.
  const r = await fillTemplateWorkbook(path.resolve(o.template), stats, abs, { forms });
  if (!o.quiet) o.io.out(`模板：替换了 ${r.filled} 个占位符（${r.cells} 个单元格），并附上 ${r.formSheets.length} 张标准表。`);
  for (const u of r.unknown) o.io.err(`提示  模板 ${path.basename(o.template)} ${u.sheet}!${u.cell}：${u.message}`);
  return [abs];
}

/** The JSON report of cli.md and the per-file table printed on the terminal. */
import { renderMessage } from '../core';
import type { CheckResult } from '../core/check-api';
import type { Problem } from '../core/problem';
import type { Locale } from '../core/settings';
import type { FileFailure } from './session';
import { clampText } from '../core/cells/clamp';
import { maskIdsInText } from './mask';
import { renderTable } from './table';

export interface JsonSheet {
  sheet: string;
  ledger: string | null;
  headerRow?: number;
  dataRows: number;
}

export interface JsonFile {
  file: string;
  sheets: JsonSheet[];
  /** Present when the file could not be read (additive to cli.md). */
  error?: { code: string; message: string };
}

export interface JsonIssue {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  cell?: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  value?: string;
}

export interface JsonReport {
  year: number;
  files: JsonFile[];
  issues: JsonIssue[];
}

/**
 * With `maskIds`, every ID number in the issue is masked, the one at fault too: the report is for
 * passing around, and its `cell` still locates the problem (the feedback workbooks, which a village
 * needs to correct, keep the one at fault).
 */
export function issueOf(p: Problem, locale: Locale, maskIds = false): JsonIssue {
  const i: JsonIssue = { code: p.code, severity: p.severity as 'error' | 'warning', message: clampText(renderMessage(p, locale)) };
  if (maskIds) i.message = maskIdsInText(i.message, undefined);
  if (p.file !== undefined) i.file = p.file;
  if (p.sheet !== undefined) i.sheet = p.sheet;
  if (p.row !== undefined) i.row = p.row;
  if (p.column !== undefined) i.column = p.column;
  if (p.cell !== undefined) i.cell = p.cell;
  if (p.value !== undefined) i.value = clampText(maskIds ? maskIdsInText(p.value, undefined) : p.value);
  // Fixed key order as in cli.md.
  const ordered: JsonIssue = {} as JsonIssue;
  for (const k of ['file', 'sheet', 'row', 'column', 'cell', 'code', 'severity', 'message', 'value'] as const) {
    if (i[k] !== undefined) (ordered as unknown as Record<string, unknown>)[k] = i[k];
  }
  return ordered;
}

/** Files in input order; unreadable files listed with an error and a file-level issue. */
export function buildJsonReport(fileOrder: string[], result: CheckResult, failures: FileFailure[], locale: Locale, maskIds = false): JsonReport {
  const byFile = new Map<string, JsonFile>();
  for (const f of fileOrder) byFile.set(f, { file: f, sheets: [] });
  for (const s of result.sheets) {
    let jf = byFile.get(s.file);
    if (!jf) {
      jf = { file: s.file, sheets: [] };
      byFile.set(s.file, jf);
    }
    const js: JsonSheet =
      s.headerRow !== undefined
        ? { sheet: s.sheet, ledger: s.ledger, headerRow: s.headerRow, dataRows: s.dataRows }
        : { sheet: s.sheet, ledger: s.ledger, dataRows: s.dataRows };
    jf.sheets.push(js);
  }
  const issues: JsonIssue[] = [];
  for (const f of failures) {
    const jf = byFile.get(f.file) ?? { file: f.file, sheets: [] };
    const message = locale === 'en-US' ? f.messageEn : f.message;
    jf.error = { code: f.code, message };
    byFile.set(f.file, jf);
    issues.push({ file: f.file, code: f.code, severity: 'error', message });
  }
  for (const p of result.problems) if (p.severity === 'error' || p.severity === 'warning') issues.push(issueOf(p, locale, maskIds));
  return { year: result.settings.year, files: [...byFile.values()], issues };
}

export interface FileCounts {
  file: string;
  ledgers: string[];
  dataRows: number;
  errors: number;
  warnings: number;
  omitted: number;
  failed?: string;
}

export function countsPerFile(fileOrder: string[], result: CheckResult, failures: FileFailure[]): FileCounts[] {
  const m = new Map<string, FileCounts>();
  for (const f of fileOrder) m.set(f, { file: f, ledgers: [], dataRows: 0, errors: 0, warnings: 0, omitted: 0 });
  for (const s of result.sheets) {
    const c = m.get(s.file) ?? { file: s.file, ledgers: [], dataRows: 0, errors: 0, warnings: 0, omitted: 0 };
    m.set(s.file, c);
    if (s.ledger) {
      c.ledgers.push(s.ledger);
      c.dataRows += s.dataRows;
    }
    c.errors += s.errors;
    c.warnings += s.warnings;
    c.omitted += s.omitted;
  }
  // File-level problems (no sheet) are not in any SheetReport.
  for (const p of result.problems) {
    if (p.sheet !== undefined || !p.file) continue;
    const c = m.get(p.file);
    if (!c) continue;
    if (p.severity === 'error') c.errors++;
    else if (p.severity === 'warning') c.warnings++;
  }
  for (const f of failures) {
    const c = m.get(f.file) ?? { file: f.file, ledgers: [], dataRows: 0, errors: 0, warnings: 0, omitted: 0 };
    c.failed = f.message;
    m.set(f.file, c);
  }
  return [...m.values()];
}

export function renderCountsTable(rows: FileCounts[]): string {
  const body = rows.map((r) => [
    r.file,
    r.failed ? '—' : r.ledgers.length ? [...new Set(r.ledgers)].join('、') : '（无台账）',
    r.failed ? '—' : String(r.dataRows),
    r.failed ? '—' : String(r.errors),
    r.failed ? '—' : String(r.warnings),
    r.failed ? '无法读取' : r.errors > 0 ? '有错误' : r.warnings > 0 ? '有警告' : r.ledgers.length ? '通过' : '无台账',
  ]);
  const ok = rows.filter((r) => !r.failed);
  body.push([
    `合计（${rows.length} 个文件）`,
    '',
    String(ok.reduce((a, r) => a + r.dataRows, 0)),
    String(ok.reduce((a, r) => a + r.errors, 0)),
    String(ok.reduce((a, r) => a + r.warnings, 0)),
    rows.some((r) => r.failed) ? `${rows.filter((r) => r.failed).length} 个无法读取` : '',
  ]);
  return renderTable(['文件', '台账', '数据行', '错误', '警告', '结果'], body, [2, 3, 4]);
}

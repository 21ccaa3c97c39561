/** The JSON report of cli.md and the per-file table printed on the terminal. */
import { renderMessage } from '../core';
import type { CheckResult } from '../core/check-api';
import type { Problem } from '../core/problem';
import type { Locale } from '../core/settings';
import type { FileFailure } from './session';
import { clampText } from '../core/cells/clamp';
import { maskIdsInText } from './mask';
import { displayWidth, renderTable } from './table';

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

/** The ledgers' short names, so that the table fits 80 columns. */
const SHORT_LEDGER: Record<string, string> = { 优抚对象: '优抚', 兵役登记: '兵役', 双拥活动: '活动', 共建对子: '对子', 安置: '安置' };
const FILE_WIDTH = 20;

/** Cut a text to `w` display columns, ending with "…". */
export function fit(s: string, w: number): string {
  if (displayWidth(s) <= w) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > w - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function renderCountsTable(rows: FileCounts[]): string {
  const body = rows.map((r) => [
    fit(r.file, FILE_WIDTH),
    r.failed ? '—' : r.ledgers.length ? [...new Set(r.ledgers)].map((l) => SHORT_LEDGER[l] ?? l).join('、') : '（无台账）',
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

/** Parameters that name places, never people: safe in a terminal (which ends up in logs). */
const SAFE_PARAMS = new Set(['sheet', 'column', 'header', 'field', 'ledger', 'min', 'max', 'year', 'count', 'expected', 'month', 'day', 'file']);

/** A problem's message with every value that could identify a person left out (IDs, names,
 *  amounts, cell values): the terminal shows where and what, the files show the values. */
export function plainMessage(p: Problem, locale: Locale = 'zh-CN'): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params)) params[k] = SAFE_PARAMS.has(k) && k !== 'expected' ? v : '…';
  const t = renderMessage({ ...p, params, value: '…', fix: undefined }, locale)
    .replace(/“…”|「…」|"…"/g, '')
    .replace(/[，,]?是否为？$/, '');
  if (!t.includes('…')) return /^[\p{Script=Han}]/u.test(t) && p.column && !t.includes(p.column) && t.length < 10 ? `${p.column}${t}` : t;
  // Up to the first value left out, at a clause boundary; else its column and code.
  const head = t.split('…')[0];
  const at = Math.max(head.lastIndexOf('：'), head.lastIndexOf('，'), head.lastIndexOf(':'), head.lastIndexOf(','));
  const clause = at > 0 ? head.slice(0, at) : '';
  return displayWidth(clause) >= 8 ? clause : `${p.column ? `${p.column}：` : ''}${p.code}`;
}

function cellList(ps: Problem[]): string {
  const cells = ps.map((p) => p.cell ?? (p.row ? `第${p.row}行` : '')).filter(Boolean);
  if (cells.length === 0) return '';
  return cells.length <= 3 ? cells.join('、') : `${cells.slice(0, 3).join('、')} 等 ${cells.length} 处`;
}

/**
 * What `ledger check` prints below the table (issue #15 item 10): the main problems — file, sheet,
 * cells and what is wrong in plain words, errors first, the most frequent first — and the columns
 * the standard does not know (not checked). Never a value, name or ID number. Lines fit 80 columns.
 */
export function renderTopProblems(result: CheckResult, locale: Locale = 'zh-CN', top = 10): string[] {
  const en = locale === 'en-US';
  const groups = new Map<string, Problem[]>();
  for (const p of result.problems) {
    if (p.severity !== 'error' && p.severity !== 'warning') continue;
    const k = [p.file ?? '', p.sheet ?? '', p.code, p.column ?? ''].join('\u0000');
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => (a[0].severity === b[0].severity ? 0 : a[0].severity === 'error' ? -1 : 1) || b.length - a.length,
  );
  const out: string[] = [];
  if (sorted.length) {
    out.push(en ? `Main problems (${Math.min(top, sorted.length)} of ${sorted.length} kinds):` : `主要问题（共 ${sorted.length} 类，列出前 ${Math.min(top, sorted.length)} 类）：`);
    for (const g of sorted.slice(0, top)) {
      const p = g[0];
      const where = [fit(p.file ?? '', FILE_WIDTH), p.sheet, cellList(g)].filter(Boolean).join(' › ');
      const tag = p.severity === 'error' ? (en ? 'E' : '错') : en ? 'W' : '警';
      out.push(fit(`  [${tag}] ${where}：${plainMessage(p, locale)}`, 80));
    }
  }
  const unknown = result.problems.filter((p) => p.code === 'header.unknown-column');
  if (unknown.length) {
    out.push(en ? 'Columns the standard does not know (not checked):' : '未识别的列（不参与校验）：');
    for (const p of unknown.slice(0, top)) {
      const name = String(p.params.header ?? p.params.column ?? p.value ?? '');
      out.push(fit(`  ${[fit(p.file ?? '', FILE_WIDTH), p.sheet, p.cell?.replace(/\d+$/, '') ?? ''].filter(Boolean).join(' › ')} 列“${name}”`, 80));
    }
    if (unknown.length > top) out.push(en ? `  … ${unknown.length - top} more` : `  …另有 ${unknown.length - top} 列`);
  }
  return out;
}

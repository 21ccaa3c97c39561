/**
 * 导入村台账: picked village workbooks inserted into the open one, read and checked together (the
 * cross-village rules included), marked, reported, and merged per ledger into 合并_<台账> sheets —
 * or, for a preview, checked and taken out again so that the workbook is left as it was.
 */
import type { CheckResult } from '../check-api';
import { mergedLayouts } from '../layout/merged';
import { REPORT_SHEET } from '../layout/report';
import type { SheetData, WorkbookData } from '../model';
import type { Problem } from '../problem';
import type { Settings } from '../settings';
import { checkConfigured, localeDate, markAndReport, progressOf } from './check';
import { throwIfAborted } from './errors';
import type { ImportFile, InsertedFile, MarkOutcome, RunOptions, SheetPort } from './port';

export interface ImportFileStatus {
  name: string;
  ok: boolean;
  /** Ledgers recognised in it. */
  ledgers: string[];
  errors: number;
  warnings: number;
  /** Why the file could not be read, when !ok. */
  message?: string;
}

/** Prefix of the merged ledgers written by import (合并_优抚对象 …). */
export const MERGED_PREFIX = '合并_';

/** The extension of a picked file's name (the pane converts .xls/.ods/CSV/HTML to .xlsx and keeps the name). */
export const PICKED_EXTENSION = /\.(xlsx|xlsm|xls|et|ods|csv|txt|html?|xml)$/i;

/**
 * The name an imported sheet gets: its file's name (the village) before the sheet's own, so that
 * “光明村·优抚对象” says where it came from instead of “优抚对象 (2)” or “Sheet1 (3)”. At most 31
 * characters, none of Excel's forbidden ones, and unique (case-insensitive) among `taken`.
 */
export function importedSheetName(file: string, sheet: string, taken: ReadonlySet<string>): string {
  const clean = (x: string) => x.replace(/[[\]:*?/\\]/g, '').replace(/^'+|'+$/g, '').trim();
  const base = clean(file.replace(/^.*[\\/]/, '').replace(PICKED_EXTENSION, '')).slice(0, 14);
  // Excel's own clash suffix (“优抚对象 (2)”) goes: the village prefix tells the sheets apart.
  const own = clean(sheet).replace(/ \(\d+\)$/, '');
  const full = !base || own.startsWith(base) ? own || base : `${base}·${own}`;
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let k = 1; k < 1000; k++) {
    const suffix = k === 1 ? '' : ` (${k})`;
    const name = full.slice(0, 31 - suffix.length) + suffix;
    if (name && !lower.has(name.toLowerCase())) return name;
  }
  return own;
}

/** One status per file: why it could not be inserted, or its ledgers and problem counts. */
export function statusesOf(inserted: InsertedFile[], result: CheckResult | null): ImportFileStatus[] {
  return inserted.map((f): ImportFileStatus => {
    if (f.error || !result) return { name: f.name, ok: false, ledgers: [], errors: 0, warnings: 0, message: f.error ?? '工作簿中没有工作表' };
    const sheets = result.sheets.filter((s) => s.file === f.name);
    const problems = result.problems.filter((p) => p.file === f.name);
    return {
      name: f.name,
      ok: true,
      ledgers: [...new Set(sheets.map((s) => s.ledger).filter((l): l is NonNullable<typeof l> => !!l))],
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    };
  });
}

/**
 * The inserted files as they are on disk: each file's sheets under the names they have in the file
 * (“优抚对象”, not “红旗村·优抚对象”), so that the check, its messages and the merged ledger are the
 * CLI's for the same files (issue #12).
 */
export function booksAsInFiles(inserted: readonly InsertedFile[], sheets: readonly SheetData[]): WorkbookData[] {
  return inserted
    .filter((f) => f.sheets.length)
    .map((f) => ({
      file: f.name,
      sheets: sheets.filter((s) => f.sheets.includes(s.name)).map((s) => ({ ...s, name: f.originals?.[f.sheets.indexOf(s.name)] ?? s.name })),
    }));
}

/** A result over `booksAsInFiles` with each sheet named as in this workbook (to mark and link). */
export function inWorkbook(result: CheckResult, inserted: readonly InsertedFile[]): CheckResult {
  const names = new Map<string, string>();
  for (const f of inserted) f.sheets.forEach((n, i) => names.set(`${f.name}\u0000${f.originals?.[i] ?? n}`, n));
  const here = (file: string | undefined, sheet: string | undefined) => (sheet === undefined ? sheet : (names.get(`${file ?? ''}\u0000${sheet}`) ?? sheet));
  return {
    ...result,
    problems: result.problems.map((p) => (p.sheet === undefined ? p : { ...p, sheet: here(p.file, p.sheet) })),
    sheets: result.sheets.map((s) => ({ ...s, sheet: here(s.file, s.sheet) ?? s.sheet })),
    // `records` stays a getter (built only when read).
    tables: result.tables.map((t) => ({
      file: t.file,
      sheet: here(t.file, t.sheet) ?? t.sheet,
      ledger: t.ledger,
      headerRow: t.headerRow,
      columns: t.columns,
      get records() {
        return t.records;
      },
    })),
  };
}


/**
 * Insert the files' sheets (their names pushed onto `added` as they come), read them and check
 * them together with the workbook's configuration. `result` is null when no file could be inserted.
 */
async function insertAndCheck(port: SheetPort, files: ImportFile[], settings: Settings, opts: RunOptions, added: string[]) {
  if (!port.insertFiles) throw new Error('This host cannot insert workbooks.');
  const progress = progressOf(opts, settings.locale);
  let i = 0;
  const inserted = await port.insertFiles(files, {
    signal: opts.signal,
    locale: settings.locale,
    onInserted: (n) => added.push(...n),
    onFile: (f) => progress('insert', { file: f }, i++, files.length),
  });
  const names = inserted.flatMap((f) => f.sheets);
  if (!names.length) return { inserted, result: null };
  // The inserted sheets and the workbook's §8 sheets in one read.
  const read = await port.readSheets({
    sheets: names,
    withConfig: true,
    signal: opts.signal,
    onProgress: (p) => progress('read', { sheet: p.label }, p.done, p.total),
  });
  // Checked as the files are (their own sheet names), as the CLI checks them.
  const books: WorkbookData[] = booksAsInFiles(inserted, read.data.sheets);
  const config: WorkbookData = { file: read.data.file, sheets: read.data.sheets.filter((s) => !names.includes(s.name)) };
  const result = checkConfigured(books, config, settings, {
    onProgress: (p) => progress('checkFile', { file: p.file, sheet: p.sheet }, p.done, p.total),
  });
  throwIfAborted(opts.signal);
  return { inserted, result };
}

/** Insert, read and check together, then take every inserted sheet out again — whatever happens
 *  (cancel, failure): the workbook is left as it was. */
export async function runPreviewImport(port: SheetPort, files: ImportFile[], settings: Settings, opts: RunOptions = {}): Promise<ImportFileStatus[]> {
  const added: string[] = [];
  try {
    const { inserted, result } = await insertAndCheck(port, files, settings, opts, added);
    return statusesOf(inserted, result);
  } finally {
    if (added.length) await port.removeSheets?.(added);
  }
}

/**
 * Import: until the check is done, cancelling takes the inserted sheets out again; after it, the
 * marks, the report and the merged sheets are written together (cancel is not honoured).
 */
export async function runImport(
  port: SheetPort,
  files: ImportFile[],
  settings: Settings,
  opts: RunOptions & { render?: (p: Problem) => string; now?: Date } = {},
): Promise<{ statuses: ImportFileStatus[]; marks: MarkOutcome | null }> {
  const added: string[] = [];
  let inserted: InsertedFile[];
  let result: CheckResult | null;
  try {
    ({ inserted, result } = await insertAndCheck(port, files, settings, opts, added));
    throwIfAborted(opts.signal);
  } catch (e) {
    if ((e as Error).name === 'AbortError' && added.length) await port.removeSheets?.(added);
    throw e;
  }
  if (!result) return { statuses: statusesOf(inserted, null), marks: null };
  const progress = progressOf(opts, settings.locale);
  const marks = await markAndReport(port, inWorkbook(result, inserted), settings, {
    onProgress: opts.onProgress,
    locale: opts.locale,
    render: opts.render,
    title: `导入校验结果（${files.length} 个文件，${localeDate(opts.now ?? new Date())}）`,
  });
  progress('merge', {}, 0, 1);
  // The core's merged ledger (src/core/layout/merged.ts), the one `ledger merge` writes; the report
  // is the sheet the user should see first.
  await port.writeTables(mergedLayouts(result), { refuseProtected: true, activate: REPORT_SHEET });
  return { statuses: statusesOf(inserted, result), marks };
}

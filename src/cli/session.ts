/**
 * What `check`, `summarize` and `merge` share: expand the arguments, read every file (bad files
 * get one line and the run goes on), resolve the settings, run the core's checks.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbooks, renderMessage } from '../core';
import type { CheckOptions, CheckResult } from '../core/check-api';
import type { WorkbookData } from '../core/model';
import type { Problem } from '../core/problem';
import { resolveSettings, type Locale, type Settings } from '../core/settings';
import { decodeCsv, readInput, type ReadFailure } from './read';
import type { ReadWarning } from './xlsx/reader';
import { expandInputs, UsageError, type InputFile, type SkippedFile } from './inputs';
import type { ProgressSink } from './progress';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CommonOptions {
  year?: string;
  villages?: string;
  quiet?: boolean;
  locale?: string;
  maskIds?: boolean;
  /** Show the technical detail of files that could not be read. */
  verbose?: boolean;
  /** --config FILE: a configuration workbook or JSON (ledgers.md §8). */
  config?: string;
}

export interface FileFailure extends ReadFailure {
  explicit: boolean;
  path: string;
}

export interface Loaded {
  inputs: InputFile[];
  /** Inputs read successfully, in input order, with their path (and the damage their reading repaired). */
  books: Array<{ input: InputFile; data: WorkbookData; warnings?: ReadWarning[] }>;
  failures: FileFailure[];
  skipped: SkippedFile[];
  missing: string[];
}

/** `leaveOut`: files that are not inputs although an argument names them (reconcile's lists inside
 *  an input folder): never read here. */
export async function loadInputs(args: string[], io: Io, progress: ProgressSink, quiet: boolean, leaveOut?: (file: string) => boolean): Promise<Loaded> {
  const expanded = expandInputs(args);
  const { skipped, missing } = expanded;
  // A file the predicate cannot look at (a dangling link: its real path throws) is no list: it stays
  // an input, and the reading names it as unreadable while the others go on.
  const kept = (file: string): boolean => {
    try {
      return !leaveOut!(file);
    } catch {
      return true;
    }
  };
  const files = leaveOut ? expanded.files.filter((f) => kept(f.path)) : expanded.files;
  const books: Loaded['books'] = [];
  const failures: FileFailure[] = [];
  progress.start(files.length, '读取');
  let i = 0;
  let rows = 0;
  for (const input of files) {
    progress.update(i, `读取 ${input.display}（已读 ${rows} 行）`);
    const r = await readInput(input.path, {
      displayName: input.display,
      onSheet: (_sheet, n) => {
        rows += n;
        progress.update(i, `读取 ${input.display}（已读 ${rows} 行）`);
      },
    });
    i++;
    if (r.ok) {
      books.push({ input, data: r.data, ...(r.warnings?.length ? { warnings: r.warnings } : {}) });
      for (const w of r.warnings ?? []) io.err(`警告  ${input.display}：${renderMessage(repairProblem(r.data.file, w))}`);
      if (!quiet) for (const n of r.notes) io.err(`提示  ${input.display}：${n}`);
    } else {
      failures.push({ ...r, explicit: input.explicit, path: input.path });
    }
    progress.update(i);
  }
  progress.stop();
  return { inputs: files, books, failures, skipped, missing };
}

/**
 * Adds problems found outside the core's checks (reading repairs, the death list) to a check
 * result: counted in their sheet's report when they name one, and sorted into the list by file,
 * sheet, row and column.
 */
export function addProblems(result: CheckResult, problems: readonly Problem[]): void {
  for (const p of problems) {
    const s = result.sheets.find((x) => x.file === p.file && x.sheet === p.sheet);
    if (s) {
      if (p.severity === 'error') s.errors++;
      else if (p.severity === 'warning') s.warnings++;
    }
  }
  const all = [...result.problems, ...problems];
  const fileOrder = new Map<string, number>();
  for (const s of result.sheets) if (!fileOrder.has(s.file)) fileOrder.set(s.file, fileOrder.size);
  const sheetOrder = new Map(result.sheets.map((s, i) => [`${s.file}\u0001${s.sheet}`, i]));
  const idx = new Map(all.map((p, i) => [p, i]));
  all.sort(
    (a, b) =>
      (fileOrder.get(a.file ?? '') ?? 0) - (fileOrder.get(b.file ?? '') ?? 0) ||
      (sheetOrder.get(`${a.file}\u0001${a.sheet}`) ?? -1) - (sheetOrder.get(`${b.file}\u0001${b.sheet}`) ?? -1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      idx.get(a)! - idx.get(b)!,
  );
  result.problems.length = 0;
  result.problems.push(...all);
}

/** One repair of a file's reading as a `file.repaired` warning: the reader's bare detail, framed by the message. */
export function repairProblem(file: string, w: ReadWarning): Problem {
  return {
    code: 'file.repaired',
    severity: 'warning',
    file,
    ...(w.sheet !== undefined ? { sheet: w.sheet } : {}),
    params: { detail: w.zh, detailEn: w.en },
  };
}

/** The damage each input's reading repaired, as `file.repaired` warnings (the JSON report's issues). */
export function repairProblems(books: Loaded['books']): Problem[] {
  return books.flatMap((b) => (b.warnings ?? []).map((w) => repairProblem(b.data.file, w)));
}

export function parseYear(y: string | undefined): number | undefined {
  if (y === undefined) return undefined;
  if (!/^\d{4}$/.test(y.trim())) throw new UsageError(`--year 应为四位年份，例如 --year 2026（收到：${y}）`);
  return Number(y.trim());
}

export function parseLocale(l: string | undefined): Locale | undefined {
  if (l === undefined) return undefined;
  if (l === 'zh-CN' || l === 'en-US') return l;
  throw new UsageError(`--locale 只能是 zh-CN 或 en-US（收到：${l}）`);
}

const HEADER_WORDS = new Set(['村名', '村名单', '村', '名称', '村(社区)', '村（社区）', '所在村', '村庄', '行政村', '序号']);

/** The village list: a text file (one per line, UTF-8 or GBK) or an .xlsx whose first column lists them. */
export async function readVillageList(file: string): Promise<string[]> {
  let values: string[];
  if (!fs.existsSync(file)) throw new UsageError(`--villages 文件不存在：${file}`);
  if (/\.xlsx$/i.test(file)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.readFile(file);
    } catch {
      throw new UsageError(`--villages 文件无法读取为 .xlsx：${file}`);
    }
    const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? wb.worksheets[0];
    values = [];
    ws?.getColumn(1).eachCell((c) => {
      const t = c.text;
      if (t) values.push(t);
    });
  } else {
    values = decodeCsv(fs.readFileSync(file)).text.split(/\r?\n/).map((l) => l.split(/[,\t]/)[0]);
  }
  const out: string[] = [];
  for (const v of values) {
    const s = v.replace(/[\u200b\ufeff]/g, '').trim();
    if (!s || HEADER_WORDS.has(s)) continue;
    if (!out.includes(s)) out.push(s);
  }
  if (out.length === 0) throw new UsageError(`--villages 文件里没有村名：${file}`);
  return out;
}

/** Settings: defaults, then what the workbooks carry (a 设置 sheet), then the --config file, then
 *  the command line. */
export async function resolveCliSettings(books: WorkbookData[], opts: CommonOptions, fromConfig?: Partial<Settings>): Promise<Settings> {
  const fromBooks: Partial<Settings> = {};
  for (const b of books) {
    const s = b.settings;
    if (!s) continue;
    for (const [k, v] of Object.entries(s)) {
      if (v === undefined) continue;
      const cur = (fromBooks as Record<string, unknown>)[k];
      if (k === 'villages' && Array.isArray(cur) && Array.isArray(v)) {
        (fromBooks as Record<string, unknown>)[k] = [...new Set([...(cur as string[]), ...(v as string[])])];
      } else if (cur === undefined) {
        (fromBooks as Record<string, unknown>)[k] = v;
      }
    }
  }
  const cli: Partial<Settings> = {};
  const year = parseYear(opts.year);
  if (year !== undefined) cli.year = year;
  if (opts.villages) cli.villages = await readVillageList(opts.villages);
  const locale = parseLocale(opts.locale);
  if (locale) cli.locale = locale;
  if (opts.maskIds) cli.maskIds = true;
  return resolveSettings(fromBooks, fromConfig, cli);
}

export function runChecks(books: WorkbookData[], settings: Settings, progress: ProgressSink, extra: Partial<CheckOptions> = {}): CheckResult {
  let started = false;
  const result = checkWorkbooks(books, settings, {
    ...extra,
    onProgress: (p) => {
      if (!started) {
        progress.start(p.total, '校验');
        started = true;
      }
      progress.update(p.done, `校验 ${p.file} ${p.sheet}`);
    },
  });
  progress.stop();
  return result;
}

/** One line per file that could not be read, per skipped file and per missing argument. */
export function reportInputProblems(l: Loaded, io: Io, quiet: boolean, verbose = false): void {
  for (const m of l.missing) io.err(`错误  ${m}：找不到该文件或文件夹。`);
  for (const f of l.failures) {
    io.err(`错误  ${f.file}：${f.message}`);
    if (verbose && f.detail) io.err(`      （技术细节 / detail：${f.detail.split('\n').slice(0, 6).join(' | ')}）`);
  }
  if (!quiet) for (const s of l.skipped) io.err(`跳过  ${s.display}：${s.reason}`);
  if (l.books.length === 0) io.err(noWorkbookLine(l));
}

/** The line of a run in which no workbook at all could be read. */
export function noWorkbookLine(l: Loaded): string {
  const parts: string[] = [];
  if (l.failures.length + l.missing.length > 0) parts.push(`${l.failures.length + l.missing.length} 个无法读取`);
  if (l.skipped.length > 0) parts.push(`${l.skipped.length} 个已跳过`);
  return `错误  没有读到任何工作簿（${parts.length ? parts.join('，') : '输入中没有 .xlsx、.xls、.ods 或 .csv 文件'}），无法校验。请检查输入的文件或文件夹。`;
}

/** True when something the user asked for could not be read, or nothing at all was: exit code 2. */
export function inputsFailed(l: Loaded): boolean {
  return l.missing.length > 0 || l.failures.length > 0 || l.books.length === 0;
}

export function ensureDir(dir: string): string {
  const abs = path.resolve(dir);
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) throw new UsageError(`${dir} 已存在且不是文件夹。`);
  fs.mkdirSync(abs, { recursive: true });
  return abs;
}

/**
 * `--config FILE` (a configuration workbook .xlsx or JSON, ledgers.md §8) and `ledger config
 * --out FILE` (the built-in defaults as an editable starting point). A configuration with a
 * mistake stops the command (exit 2) with one line per mistake.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  configCheckOptions,
  configIssueLine,
  configSettings,
  defaultConfig,
  defaultConfigSheets,
  readConfigJson,
  readConfigWorkbook,
  type ConfigRead,
  withDefaults,
  mergeConfigs,
  tablesSignature,
  type ConfigDisagreement,
  type LedgerConfig,
} from '../core/config';
import type { CheckOptions } from '../core/check-api';
import type { WorkbookData } from '../core/model';
import type { Problem } from '../core/problem';
import type { Locale, Settings } from '../core/settings';
import { readInput } from './read';
import { UsageError } from './inputs';
import { writeWhole, writeWholeSync } from './write-errors';

/** A configuration file that cannot be used: every mistake, one line each. */
export class ConfigFileError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigFileError';
  }
}

export interface CliConfig {
  file: string;
  config: LedgerConfig;
  settings: Partial<Settings>;
  checkOptions: Pick<CheckOptions, 'schemaOverride' | 'ruleLevels'>;
}

/** Read and validate `--config FILE`; throws ConfigFileError naming each mistake. */
export async function loadCliConfig(file: string | undefined, locale: Locale = 'zh-CN'): Promise<CliConfig | undefined> {
  if (file === undefined) return undefined;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`--config 文件不存在：${file}`);
  const name = path.basename(file);
  let read: ConfigRead;
  if (/\.json$/i.test(file)) {
    read = readConfigJson(name, fs.readFileSync(file, 'utf8'));
  } else if (/\.xlsx$/i.test(file)) {
    const r = await readInput(file, { displayName: name });
    if (!r.ok) throw new ConfigFileError([`${name}：${locale === 'zh-CN' ? r.message : r.messageEn}`]);
    read = readConfigWorkbook(name, r.data.sheets, { standalone: true });
  } else {
    throw new UsageError(`--config 应为配置工作簿 .xlsx 或 .json（收到：${file}）`);
  }
  if (read.issues.length > 0) {
    const head = locale === 'zh-CN' ? `配置文件 ${name} 有 ${read.issues.length} 处错误，未执行：` : `The configuration ${name} has ${read.issues.length} mistake(s); nothing was done:`;
    throw new ConfigFileError([head, ...read.issues.map((p) => configIssueLine(p, locale))]);
  }
  return { file: name, config: read.config, settings: configSettings(read.config), checkOptions: configCheckOptions(read.config) };
}

/** `ledger config --out FILE`: the built-in defaults as a configuration workbook (or JSON). */
export async function writeDefaultConfig(out: string, over?: LedgerConfig): Promise<string> {
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  if (/\.json$/i.test(out)) {
    writeWholeSync(abs, JSON.stringify(configJson(over ? withDefaults(over) : defaultConfig()), null, 2) + '\n');
    return abs;
  }
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 应为 .xlsx（配置工作簿）或 .json（收到：${out}）`);
  const wb = new ExcelJS.Workbook();
  wb.creator = '双拥台账助手';
  for (const s of defaultConfigSheets(over)) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, j) => {
        const c = row.getCell(j + 1);
        c.value = v as ExcelJS.CellValue;
        c.font = { name: '宋体', size: 11, bold: i === 0 };
        c.alignment = { vertical: 'top', wrapText: i > 0 && j >= 1 };
        // Text cells: a village or code typed later is never turned into a number or a date.
        if (i > 0) c.numFmt = '@';
      });
    });
    s.widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
    if (s.name === '规则') {
      for (let r = 2; r <= s.rows.length; r++) {
        ws.getCell(r, 2).dataValidation = { type: 'list', allowBlank: false, formulae: ['"错误,警告,提示,关闭"'], showErrorMessage: true, error: '级别只能是：错误、警告、提示、关闭' };
      }
    }
  }
  await writeWhole(abs, () => wb.xlsx.writeFile(abs));
  return abs;
}

/** The configuration as JSON (keys as the sheet and column names). */
export function configJson(c: LedgerConfig): Record<string, unknown> {
  const s = c.settings;
  const settings: Record<string, unknown> = {};
  if (s.year !== undefined) settings.年度 = s.year;
  if (s.township) settings.乡镇 = s.township;
  if (s.deadline) settings.登记截止日期 = `${s.deadline.month}月${s.deadline.day}日`;
  if (s.maskIds !== undefined) settings.身份证脱敏 = s.maskIds ? '是' : '否';
  const LEVEL = { error: '错误', warning: '警告', info: '提示', off: '关闭' } as const;
  return {
    设置: settings,
    村名单: c.villages,
    词表: c.vocab.map((v) => ({ 列: v.column, 标准写法: v.term, 同义词: v.synonyms, ...(v.groups.length > 0 ? { 所属: v.groups } : {}) })),
    列名: c.aliases.map((a) => ({ 台账: a.ledger, 标准列名: a.field, 别名: a.aliases })),
    规则: c.rules.map((r) => ({ 代码: r.code, 级别: LEVEL[r.level] })),
  };
}

/** What the configuration sheets inside the input workbooks, laid under `--config`, change. */
export interface InputsConfig {
  checkOptions: Pick<CheckOptions, 'schemaOverride' | 'ruleLevels'>;
  /** Mistakes in the workbooks' §8 sheets: problems of those workbooks, as in the add-in. */
  issues: Problem[];
  /** Lines for stderr: the workbooks carry different configurations, and each disagreement. */
  lines: string[];
  /** The workbooks, each with its 设置 and 村名单 sheets in its settings. */
  books: WorkbookData[];
}

function tablesSummary(c: LedgerConfig, locale: Locale): string {
  const parts = (
    [
      ['词表', 'vocabulary', c.vocab.length],
      ['列名', 'column names', c.aliases.length],
      ['规则', 'rules', c.rules.length],
    ] as const
  )
    .filter(([, , n]) => n > 0)
    .map(([zh, en, n]) => (locale === 'zh-CN' ? `${zh} ${n} 项` : `${en} ${n}`));
  if (parts.length === 0) return locale === 'zh-CN' ? '无' : 'none';
  return parts.join(locale === 'zh-CN' ? '、' : ', ');
}

function disagreementLine(d: ConfigDisagreement, locale: Locale): string {
  return locale === 'zh-CN'
    ? `提示  配置不一致：「${d.sheet}」${d.key} 在 ${d.kept.from} 为“${d.kept.value}”，在 ${d.dropped.from} 为“${d.dropped.value}”，采用 ${d.kept.from} 的“${d.kept.value}”。`
    : `Note  The configurations disagree: [${d.sheet}] ${d.key} is “${d.kept.value}” in ${d.kept.from} and “${d.dropped.value}” in ${d.dropped.from}; ${d.kept.from}’s “${d.kept.value}” is used.`;
}

/**
 * The configuration sheets (设置, 村名单, 词表, 列名, 规则) inside the input workbooks, read as the
 * add-in reads them, so that a township workbook kept with the add-in gives the same report here.
 * Each workbook's 设置 and 村名单 go into its own settings (the first workbook that sets one wins,
 * villages are united: src/cli/session.ts). 词表, 列名 and 规则 apply to the whole run (the checks
 * compare across files): `--config` first, then the workbooks in input order; where they disagree
 * the earlier one wins and a line says so. A mistake in a workbook's sheet is a problem of that
 * workbook (listed, counted, marked) and the entry is left out, as in the add-in.
 */
export function inputsConfig(books: WorkbookData[], cfg: CliConfig | undefined, locale: Locale = 'zh-CN'): InputsConfig {
  const issues: Problem[] = [];
  const parts: Array<{ from: string; config: LedgerConfig; present: boolean }> = [];
  const out: WorkbookData[] = [];
  for (const b of books) {
    const r = readConfigWorkbook(b.file, b.sheets, { standalone: false });
    if (!r.present) {
      out.push(b);
      continue;
    }
    issues.push(...r.issues);
    // The one reading of its 设置: the settings it gives this workbook.
    const own = configSettings(r.config);
    out.push(Object.keys(own).length > 0 ? { ...b, settings: { ...b.settings, ...own } } : b);
    parts.push({ from: b.file, config: r.config, present: r.config.vocab.length + r.config.aliases.length + r.config.rules.length > 0 });
  }
  const lines: string[] = [];
  const carrying = parts.filter((p) => p.present);
  const signatures = new Set(parts.map((p) => tablesSignature(p.config)));
  if (carrying.length > 0 && (signatures.size > 1 || parts.length < books.length)) {
    const list = books.map((b) => {
      const p = parts.find((x) => x.from === b.file);
      return `${b.file}（${p ? tablesSummary(p.config, locale) : locale === 'zh-CN' ? '无' : 'none'}）`;
    });
    lines.push(
      locale === 'zh-CN'
        ? `提示  输入的工作簿带有不同的配置（词表、列名、规则）：${list.join('、')}。已合起来用于全部输入${cfg ? `，--config ${cfg.file} 优先` : ''}，不一致处以先列出的为准。要统一配置，请用 --config。`
        : `Note  The input workbooks carry different configurations (词表, 列名, 规则): ${list.join(', ')}. They are used together for all inputs${cfg ? `, --config ${cfg.file} first` : ''}; where they disagree the one listed first wins. To use one configuration, give --config.`,
    );
  }
  const merged = mergeConfigs([...(cfg ? [{ from: `--config ${cfg.file}`, config: cfg.config }] : []), ...parts]);
  lines.push(...merged.disagreements.map((d) => disagreementLine(d, locale)));
  return { checkOptions: configCheckOptions(merged.config), issues, lines, books: out };
}

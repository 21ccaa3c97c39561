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
  type LedgerConfig,
} from '../core/config';
import type { CheckOptions } from '../core/check-api';
import type { Locale, Settings } from '../core/settings';
import { readInput } from './read';
import { UsageError } from './inputs';

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
    fs.writeFileSync(abs, JSON.stringify(configJson(over ? withDefaults(over) : defaultConfig()), null, 2) + '\n');
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
  await wb.xlsx.writeFile(abs);
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

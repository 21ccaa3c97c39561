/**
 * The configuration of ledgers.md §8 (设置, 村名单, 词表, 列名, 规则): read, validated, applied.
 * See docs/config.md.
 */
import type { SheetData } from '../model';
import type { Problem } from '../problem';
import { renderMessage } from '../messages/render';
import type { Locale } from '../settings';
import { parseConfigJson } from './json';
import { readConfigSheets } from './raw';
import type { ConfigRead } from './types';
import { validateConfig } from './validate';

export * from './types';
export { CONFIG_CODES, type ConfigCode } from './codes';
export { CONFIG_SHEETS, TABLE_COLUMNS, LEVELS, LEVEL_NAMES, splitList, nearest } from './names';
export { readConfigSheets, configSheetName, type RawConfig } from './raw';
export { parseConfigJson } from './json';
export { validateConfig } from './validate';
export { configSettings, configOverride, configRuleLevels, configCheckOptions, withConfigIssues } from './apply';
export { mergeConfigs, tablesSignature, type ConfigDisagreement, type ConfigPart } from './merge';
export { configToSheets, defaultConfig, defaultConfigSheets, withDefaults, type ConfigSheetRows } from './sheets';

/** A configuration workbook's (or the township workbook's) §8 sheets, validated. */
export function readConfigWorkbook(file: string, sheets: readonly SheetData[], opts: { standalone: boolean }): ConfigRead & { present: boolean } {
  const raw = readConfigSheets(file, sheets, opts);
  return { ...validateConfig(raw), present: raw.present.length > 0 };
}

/** Configuration JSON, validated. */
export function readConfigJson(file: string, text: string): ConfigRead {
  return validateConfig(parseConfigJson(file, text));
}

/** One line per mistake: `配置.xlsx「规则」第3行：没有问题代码“phone.invaild”，是否为“phone.invalid”？` */
export function configIssueLine(p: Problem, locale: Locale = 'zh-CN'): string {
  const json = /\.json$/i.test(p.file ?? '');
  const where =
    locale === 'zh-CN'
      ? `${p.file ?? ''}${p.sheet ? `「${p.sheet}」` : ''}${p.row !== undefined ? `第${p.row}${json ? '项' : '行'}` : ''}`
      : `${p.file ?? ''}${p.sheet ? ` [${p.sheet}]` : ''}${p.row !== undefined ? ` ${json ? 'item' : 'row'} ${p.row}` : ''}`;
  return `${where}${locale === 'zh-CN' ? '：' : ': '}${renderMessage(p, locale)}`;
}
export { configToTexts, textsToSheets, readConfigTexts, type ConfigTexts } from './text';

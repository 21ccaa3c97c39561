/**
 * The configuration of ledgers.md §8 as one typed model: what a township changes without code.
 * Read from a configuration workbook's sheets (`readConfigSheets`) or from JSON (`parseConfigJson`);
 * both go through the same validation (`validateConfig`), so the same content gives the same
 * configuration and the same mistakes.
 */
import type { LedgerId } from '../ledger';
import type { Problem } from '../problem';
import type { People } from '../settings';

/** A rule level as a township sets it: 错误 / 警告 / 关闭 (and 提示, the level of the built-in
 *  informational codes). */
export type RuleLevel = 'error' | 'warning' | 'info' | 'off';

/** Where an entry came from: the sheet (or JSON key) and the row (JSON: the item number, 1-based). */
export interface ConfigLoc {
  sheet: string;
  row?: number;
  /** 1-based column of the cell the entry is about (workbook only). */
  col?: number;
}

export interface VocabEntry {
  /** The vocabulary column, e.g. 优抚类别. */
  column: string;
  term: string;
  synonyms: string[];
  /** The 方向 / 安置类型 values the term belongs to (grouped vocabularies only). */
  groups: string[];
  loc: ConfigLoc;
}

export interface AliasEntry {
  ledger: LedgerId;
  field: string;
  aliases: string[];
  /** True when `field` is not one of the ledger's columns: an optional text column is added. */
  added: boolean;
  loc: ConfigLoc;
}

export interface RuleEntry {
  code: string;
  level: RuleLevel;
  loc: ConfigLoc;
}

export interface LedgerConfig {
  /** 设置: 年度, 乡镇, 登记截止日期 (and the optional 身份证脱敏, 语言; in a township's own workbook
   *  also the forms' 负责人 … and the feedback's 重新报送期限). */
  settings: {
    year?: number;
    township?: string;
    deadline?: { month: number; day: number };
    maskIds?: boolean;
    locale?: 'zh-CN' | 'en-US';
    people?: People;
    resubmitDays?: number;
  };
  /** 村名单 (and a 村名单 row of 设置). */
  villages: string[];
  vocab: VocabEntry[];
  aliases: AliasEntry[];
  rules: RuleEntry[];
}

/** A configuration mistake: a problem with a `config.*` code, located by file, sheet, row, cell. */
export type ConfigIssue = Problem;

export interface ConfigRead {
  config: LedgerConfig;
  /** Every mistake; entries with a mistake are left out of `config`, the rest applies. */
  issues: ConfigIssue[];
}

export function emptyConfig(): LedgerConfig {
  return { settings: {}, villages: [], vocab: [], aliases: [], rules: [] };
}

/** The names a configuration may use (sheets, columns, levels) and the nearest-name suggestion. */
import { editDistance, normCompact } from '../text/normalize';
import type { People } from '../settings';
import type { RuleLevel } from './types';

export const CONFIG_SHEETS = ['设置', '村名单', '词表', '列名', '规则'] as const;
export type ConfigSheet = (typeof CONFIG_SHEETS)[number];

/** Columns of the table sheets; 说明 is accepted everywhere and ignored (the defaults fill it). */
export const TABLE_COLUMNS = {
  词表: ['列', '标准写法', '同义词', '所属', '说明'],
  列名: ['台账', '标准列名', '别名', '说明'],
  规则: ['代码', '级别', '说明'],
} as const;
export type TableSheet = keyof typeof TABLE_COLUMNS;
export const TABLE_SHEETS = Object.keys(TABLE_COLUMNS) as TableSheet[];

/** Required columns of each table sheet. */
export const REQUIRED_COLUMNS: Record<TableSheet, readonly string[]> = {
  词表: ['列', '标准写法'],
  列名: ['台账', '标准列名'],
  规则: ['代码', '级别'],
};

/** The labels of 设置 (the first one of each is what `config --out` writes). */
export const SETTING_LABELS: Record<string, 'year' | 'township' | 'deadline' | 'villages' | 'maskIds' | 'locale' | 'header' | WorkbookSetting> = {
  年度: 'year', 年份: 'year', 报表年度: 'year', 统计年度: 'year', 填报年度: 'year',
  乡镇: 'township', 镇: 'township', 乡: 'township', 街道: 'township', 乡镇名称: 'township', '乡镇(街道)': 'township', 乡镇街道: 'township',
  登记截止日期: 'deadline', 截止日期: 'deadline', 兵役登记截止日期: 'deadline',
  村名单: 'villages', '村(社区)名单': 'villages', 村社区名单: 'villages',
  身份证脱敏: 'maskIds', 隐藏身份证号: 'maskIds',
  语言: 'locale',
  // A header row "项目 | 值" is no setting.
  项目: 'header', 设置项: 'header',
  // Settings of the forms and the feedback workbooks (签字人, 联系人, 重新报送期限: docs/cli.md):
  // read from a township's own workbook only, not from a configuration file.
  负责人: 'people.head', 审核人: 'people.reviewer', 填表人: 'people.preparer', 制表人: 'people.preparer',
  联系人: 'people.contact', 联系电话: 'people.phone', 电话: 'people.phone',
  重新报送期限: 'resubmitDays', '重新报送期限(天)': 'resubmitDays', 反馈期限: 'resubmitDays',
};

/** The 设置 entries a workbook may hold but a configuration file may not (the forms' and feedback's). */
export type WorkbookSetting = `people.${keyof People}` | 'resubmitDays';
export const isWorkbookSetting = (k: string): k is WorkbookSetting => k === 'resubmitDays' || k.startsWith('people.');
/** The labels shown as "what exists" in messages. */
export const MAIN_SETTING_LABELS = ['年度', '乡镇', '登记截止日期', '村名单', '身份证脱敏', '语言'];

export const LEVELS: Record<string, RuleLevel> = {
  错误: 'error', 警告: 'warning', 提示: 'info', 关闭: 'off',
  error: 'error', warning: 'warning', info: 'info', off: 'off',
};
export const LEVEL_NAMES: Record<RuleLevel, string> = { error: '错误', warning: '警告', info: '提示', off: '关闭' };

/** Values separated by 、 or , (full or half width), ; or new lines. */
export function splitList(s: string): string[] {
  const out: string[] = [];
  for (const p of s.split(/[、,，;；\r\n]+/)) {
    const v = normCompact(p);
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** The existing name nearest to `name` (edit distance within a third of its length), else null. */
export function nearest(name: string, names: readonly string[]): string | null {
  const key = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(key, n.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  if (best === null) return null;
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return bestD <= limit ? best : null;
}

/** The list of names for a message: at most 15, then "…". */
export function knownList(names: readonly string[]): string {
  return names.slice(0, 15).join('、') + (names.length > 15 ? `…（共${names.length}个）` : '');
}

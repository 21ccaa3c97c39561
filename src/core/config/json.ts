/**
 * The configuration as JSON (keys as the sheet and column names of ledgers.md §8), parsed with zod:
 *   { "设置": { "年度": 2026, "乡镇": "青山镇", "登记截止日期": "10月31日" },
 *     "村名单": ["红旗村", "光明村"],
 *     "词表": [{ "列": "优抚类别", "标准写法": "残疾军人", "同义词": "伤残退役军人、伤残老兵" }],
 *     "列名": [{ "台账": "优抚对象", "标准列名": "身份证号", "别名": ["证件号"] }],
 *     "规则": [{ "代码": "phone.invalid", "级别": "关闭" }] }
 * Each sheet and each item is parsed on its own, so that every mistake is named (not only the
 * first) and the valid items still apply. A JSON item's "row" is its number in the list (第N项).
 */
import { z } from 'zod';
import type { CellValue } from '../model';
import { cellText, normCompact } from '../text/normalize';
import { CONFIG_SHEETS, MAIN_SETTING_LABELS, TABLE_COLUMNS, TABLE_SHEETS, type TableSheet } from './names';
import { configIssue, emptyRaw, unknownParams, type RawConfig, type RawRow } from './raw';
import type { ConfigLoc } from './types';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const list = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);

const SETTINGS = z.strictObject({
  年度: z.union([z.number(), z.string()]).optional(),
  乡镇: z.string().optional(),
  登记截止日期: z.string().optional(),
  村名单: list.optional(),
  身份证脱敏: z.union([z.boolean(), z.string()]).optional(),
  语言: z.string().optional(),
});

const ITEM: Record<TableSheet, z.ZodType> = {
  词表: z.strictObject({ 列: z.string(), 标准写法: scalar, 同义词: list.optional(), 所属: list.optional(), 说明: z.string().optional() }),
  列名: z.strictObject({ 台账: z.string(), 标准列名: z.string(), 别名: list.optional(), 说明: z.string().optional() }),
  规则: z.strictObject({ 代码: z.string(), 级别: z.string(), 说明: z.string().optional() }),
};

function text(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => cellText(x)).join('、');
  return cellText(v);
}

/** Turn zod's issues for one part into configuration mistakes. */
function zodIssues(raw: RawConfig, sheet: string, row: number | undefined, known: readonly string[], issues: readonly z.core.$ZodIssue[], input: unknown): void {
  const loc: ConfigLoc = { sheet, row };
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) raw.issues.push(configIssue(raw.file, sheet === '设置' && row === undefined ? 'config.unknown-setting' : 'config.unknown-column', loc, unknownParams(k, known)));
      continue;
    }
    const key = i.path.length > 0 ? String(i.path[0]) : sheet;
    const value = input !== null && typeof input === 'object' && i.path.length > 0 ? (input as Record<string, unknown>)[key] : input;
    if (value === undefined) raw.issues.push(configIssue(raw.file, 'config.missing-column', loc, { name: key, known: known.join('、') }));
    else raw.issues.push(configIssue(raw.file, 'config.bad-value', loc, { name: key, example: exampleOf(key) }, typeof value === 'object' ? JSON.stringify(value) : String(value)));
  }
}

function exampleOf(key: string): string {
  switch (key) {
    case '年度':
      return '2026';
    case '登记截止日期':
      return '10月31日';
    case '身份证脱敏':
      return '是 / 否';
    case '语言':
      return 'zh-CN / en-US';
    case '村名单':
    case '词表':
    case '列名':
    case '规则':
      return '[ … ]（列表）';
    default:
      return '“…”（文字）';
  }
}

/** Parse configuration JSON (text) into the raw configuration; syntax errors are one mistake. */
export function parseConfigJson(file: string, textIn: string): RawConfig {
  const raw = emptyRaw(file, true);
  let data: unknown;
  try {
    data = JSON.parse(textIn.replace(/^\uFEFF/, ''));
  } catch (e) {
    raw.issues.push(configIssue(file, 'config.unreadable', { sheet: '' }, { detail: e instanceof Error ? e.message : String(e) }));
    return raw;
  }
  const top = z.record(z.string(), z.unknown()).safeParse(data);
  if (!top.success) {
    raw.issues.push(configIssue(file, 'config.unreadable', { sheet: '' }, { detail: 'JSON 顶层应为对象 { "设置": …, "规则": … }' }));
    return raw;
  }
  for (const [key, value] of Object.entries(top.data)) {
    const sheet = normCompact(key);
    if (!(CONFIG_SHEETS as readonly string[]).includes(sheet)) {
      raw.issues.push(configIssue(file, 'config.unknown-sheet', { sheet: key }, unknownParams(key, CONFIG_SHEETS)));
      continue;
    }
    if (sheet === '设置') {
      raw.present.push('设置');
      let r = SETTINGS.safeParse(value, { reportInput: true });
      if (!r.success) {
        zodIssues(raw, '设置', undefined, MAIN_SETTING_LABELS, r.error.issues, value);
        if (!r.error.issues.every((x) => x.code === 'unrecognized_keys') || value === null || typeof value !== 'object') continue;
        const unknown = new Set(r.error.issues.flatMap((x) => (x.code === 'unrecognized_keys' ? x.keys : [])));
        r = SETTINGS.safeParse(Object.fromEntries(Object.entries(value).filter(([k]) => !unknown.has(k))));
        if (!r.success) continue;
      }
      for (const [label, v] of Object.entries(r.data)) {
        if (v === undefined) continue;
        const values: CellValue[] = Array.isArray(v) ? v.map((x) => String(x)) : [v as CellValue];
        raw.settings.push({ label, values, loc: { sheet: '设置' } });
      }
      continue;
    }
    const arr = z.array(z.unknown()).safeParse(value);
    if (!arr.success) {
      raw.issues.push(configIssue(file, 'config.bad-value', { sheet }, { name: sheet, example: exampleOf(sheet) }, JSON.stringify(value)));
      continue;
    }
    if (sheet === '村名单') {
      raw.present.push('村名单');
      arr.data.forEach((v, i) => {
        const r = z.union([z.string(), z.number()]).safeParse(v);
        if (!r.success) raw.issues.push(configIssue(file, 'config.bad-value', { sheet, row: i + 1 }, { name: '村名单', example: '“红旗村”' }, JSON.stringify(v)));
        else if (normCompact(String(r.data))) raw.villages.push({ name: normCompact(String(r.data)), loc: { sheet, row: i + 1 } });
      });
      continue;
    }
    const kind = sheet as TableSheet;
    if (!TABLE_SHEETS.includes(kind)) continue;
    raw.present.push(kind);
    arr.data.forEach((item, i) => {
      let r = ITEM[kind].safeParse(item, { reportInput: true });
      if (!r.success) {
        zodIssues(raw, sheet, i + 1, TABLE_COLUMNS[kind], r.error.issues, item);
        // Unknown keys only: the known ones are still read (and checked), as a sheet's extra
        // column does not hide the row's other mistakes.
        if (!r.error.issues.every((x) => x.code === 'unrecognized_keys') || item === null || typeof item !== 'object') return;
        const unknown = new Set(r.error.issues.flatMap((x) => (x.code === 'unrecognized_keys' ? x.keys : [])));
        r = ITEM[kind].safeParse(Object.fromEntries(Object.entries(item).filter(([k]) => !unknown.has(k))));
        if (!r.success) return;
      }
      const cells: RawRow['cells'] = {};
      for (const [k, v] of Object.entries(r.data as Record<string, unknown>)) {
        const t = normCompact(text(v));
        if (t) cells[k] = { text: t, value: t };
      }
      raw.tables[kind].push({ loc: { sheet, row: i + 1 }, cells });
    });
  }
  return raw;
}

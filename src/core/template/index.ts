/**
 * User templates: cells holding placeholders such as `{{兵役登记率}}` or `{{已登记人数|红旗村}}`.
 *
 * - `{{名称}}` is the figure's total (合计); `{{名称|限定}}` and `{{名称|限定|限定}}` qualify it by
 *   members of its dimensions (a village, a 优抚类别, a 活动类别, a 方向, …), in any order;
 *   `{{名称|合计}}` is the same as `{{名称}}`.
 * - Full-width brackets and ｜ are accepted, and spaces inside the braces are ignored.
 * - Context names: `{{年度}}` (a number), `{{乡镇}}`, `{{制表日期}}` (text).
 * - A cell whose whole text is one placeholder becomes the value (a number; a percentage is a
 *   fraction meant for a `0.0%` format; a rate with no denominator is the text "—").
 *   Inside other text, a placeholder is replaced by the value as shown (98.5%, 1234.50).
 * - An unknown placeholder is left as it is and reported, with the names that exist.
 */
import { findDefinition, statValue, type StatAt } from '../stats/compute';
import type { DimId, StatDefinition, StatFormat, Statistics } from '../stats/types';

export interface TemplateContext {
  /** 制表日期 (default: today). */
  date?: Date;
}

export interface PlaceholderRef {
  /** The placeholder as written, braces included. */
  raw: string;
  name: string;
  qualifiers: string[];
}

export type PlaceholderProblem = 'unknown-name' | 'unknown-qualifier' | 'too-many-qualifiers';

export type Resolution =
  | { ok: true; value: number | string; text: string; format: StatFormat | 'text' }
  | { ok: false; problem: PlaceholderProblem; detail?: string };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const TOTAL_WORDS = new Set(['合计', '总计', '全部', '全镇']);
const CONTEXT_NAMES = ['年度', '乡镇', '制表日期'] as const;

const DIM_LABEL: Record<DimId, string> = {
  village: '村',
  category: '优抚类别',
  activity: '活动类别',
  direction: '方向',
  unit: '所在村/单位',
  pairType: '对子类型',
  placementType: '安置类型',
  ledger: '台账',
};

function normName(s: string): string {
  return s
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\s\u00a0\u200b\u3000]+/g, '');
}

/** The placeholders in a text, in order. */
export function parsePlaceholders(text: string): PlaceholderRef[] {
  const out: PlaceholderRef[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const parts = m[1].split(/[|｜]/).map(normName);
    out.push({ raw: m[0], name: parts[0], qualifiers: parts.slice(1).filter((q) => q !== '') });
  }
  return out;
}

export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return /\{\{[^{}]*\}\}/.test(text);
}

function formatDateZh(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** Map qualifiers to dimensions of the definition. */
function qualify(stats: Statistics, def: StatDefinition, qualifiers: string[]): StatAt | { problem: PlaceholderProblem; detail: string } {
  const at: StatAt = {};
  const qs = qualifiers.filter((q) => !TOTAL_WORDS.has(q));
  if (qs.length > def.dims.length) return { problem: 'too-many-qualifiers', detail: qs.join('|') };
  for (const q of qs) {
    const dim = def.dims.find((d) => at[d] === undefined && stats.members[d].includes(q));
    if (!dim) return { problem: 'unknown-qualifier', detail: q };
    at[dim] = q;
  }
  return at;
}

export function resolvePlaceholder(stats: Statistics, ref: PlaceholderRef, ctx: TemplateContext = {}): Resolution {
  if (ref.qualifiers.length === 0) {
    if (ref.name === '年度') return { ok: true, value: stats.year, text: String(stats.year), format: 'int' };
    if (ref.name === '乡镇') return { ok: true, value: stats.township, text: stats.township, format: 'text' };
    if (ref.name === '制表日期') {
      const t = formatDateZh(ctx.date ?? new Date());
      return { ok: true, value: t, text: t, format: 'text' };
    }
  }
  const def = findDefinition(stats, ref.name);
  if (!def) return { ok: false, problem: 'unknown-name', detail: ref.name };
  const at = qualify(stats, def, ref.qualifiers);
  if ('problem' in at) return { ok: false, problem: at.problem, detail: at.detail };
  const v = statValue(stats, def.name, at);
  return { ok: true, value: v.value === null ? v.text : v.value, text: v.text, format: v.format };
}

export interface CellResolution {
  /** The new cell value: a number when the cell held exactly one known placeholder, else text. */
  value: number | string;
  /** The cell's text with every known placeholder replaced by its shown value. */
  text: string;
  /** The format of the value when the cell held exactly one placeholder (so a writer can give a
   *  percentage a `0.0%` format). */
  format?: StatFormat | 'text';
  /** Placeholders replaced. */
  replaced: number;
  /** Placeholders left as they were, because unknown. */
  unknown: Array<{ placeholder: string; problem: PlaceholderProblem; detail?: string }>;
}

/** Resolve a cell's text. A text without placeholders comes back unchanged with replaced = 0. */
export function resolveCellText(text: string, stats: Statistics, ctx: TemplateContext = {}): CellResolution {
  const refs = parsePlaceholders(text);
  if (refs.length === 0) return { value: text, text, replaced: 0, unknown: [] };
  const unknown: CellResolution['unknown'] = [];
  if (refs.length === 1 && text.trim() === refs[0].raw) {
    const r = resolvePlaceholder(stats, refs[0], ctx);
    if (r.ok) return { value: r.value, text: text.replace(refs[0].raw, r.text), format: r.format, replaced: 1, unknown };
    return { value: text, text, replaced: 0, unknown: [{ placeholder: refs[0].raw, problem: r.problem, detail: r.detail }] };
  }
  let replaced = 0;
  const value = text.replace(PLACEHOLDER, (raw) => {
    const ref = parsePlaceholders(raw)[0];
    const r = resolvePlaceholder(stats, ref, ctx);
    if (r.ok) {
      replaced++;
      return r.text;
    }
    unknown.push({ placeholder: raw, problem: r.problem, detail: r.detail });
    return raw;
  });
  return { value, text: value, replaced, unknown };
}

/**
 * Every placeholder that resolves, without braces: `名称`, `名称|限定`, `名称|限定|限定`
 * (qualifier pairs in the figure's dimension order; 活动类别×方向 is left out, the 活动类别
 * already fixes the 方向).
 */
export function listPlaceholders(stats: Statistics): string[] {
  const out: string[] = [...CONTEXT_NAMES];
  for (const def of stats.definitions) {
    out.push(def.name);
    for (const d of def.dims) for (const m of stats.members[d]) out.push(`${def.name}|${m}`);
    for (let i = 0; i < def.dims.length; i++) {
      for (let j = i + 1; j < def.dims.length; j++) {
        const [a, b] = [def.dims[i], def.dims[j]];
        if ((a === 'activity' && b === 'direction') || (a === 'direction' && b === 'activity')) continue;
        for (const ma of stats.members[a]) for (const mb of stats.members[b]) out.push(`${def.name}|${ma}|${mb}`);
      }
    }
  }
  return out;
}

/** A compact list of the names, one per figure with the qualifiers it takes, e.g.
 *  `已登记人数[|村]`, `优抚对象人数[|村][|优抚类别]` — for messages about unknown placeholders. */
export function placeholderNames(stats: Statistics): string[] {
  return [
    ...CONTEXT_NAMES,
    ...stats.definitions.map((d) => d.name + d.dims.map((x) => `[|${DIM_LABEL[x]}]`).join('')),
  ];
}

/** Up to `max` existing figure names closest to an unknown one (edit distance). */
export function suggestNames(stats: Statistics, name: string, max = 3): string[] {
  const scored = [...CONTEXT_NAMES, ...stats.definitions.map((d) => d.name)].map((n) => ({ n, d: distance(n, name) }));
  scored.sort((a, b) => a.d - b.d);
  const limit = Math.max(2, Math.ceil([...name].length / 2));
  return scored.filter((s) => s.d <= limit).slice(0, max).map((s) => s.n);
}

function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** One line explaining an unknown placeholder, with the names that exist. */
export function describeUnknown(
  u: { placeholder: string; problem: PlaceholderProblem; detail?: string },
  stats: Statistics,
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
): string {
  const zh = locale !== 'en-US';
  const ref = parsePlaceholders(u.placeholder)[0];
  if (u.problem === 'unknown-name') {
    const sug = ref ? suggestNames(stats, ref.name) : [];
    const names = placeholderNames(stats).join('、');
    return zh
      ? `未知的占位符 ${u.placeholder}${sug.length ? `（是否要用：${sug.join('、')}？）` : ''}。可用的名称：${names}`
      : `Unknown placeholder ${u.placeholder}${sug.length ? ` (did you mean ${sug.join(', ')}?)` : ''}. Names: ${names}`;
  }
  const def = ref ? findDefinition(stats, ref.name) : undefined;
  const dims = def ? def.dims.map((d) => `${DIM_LABEL[d]}：${stats.members[d].join('、')}`).join('；') : '';
  if (u.problem === 'too-many-qualifiers') {
    return zh
      ? `占位符 ${u.placeholder} 的限定过多；${ref?.name} 可按${def?.dims.map((d) => DIM_LABEL[d]).join('、') || '（不可限定）'}限定。`
      : `Placeholder ${u.placeholder} has too many qualifiers.`;
  }
  return zh
    ? `占位符 ${u.placeholder} 中的“${u.detail}”不是 ${ref?.name} 可用的限定。可用的限定——${dims || '无'}`
    : `In ${u.placeholder}, "${u.detail}" is not a qualifier of ${ref?.name}. Qualifiers — ${dims || 'none'}`;
}

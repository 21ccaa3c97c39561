/**
 * Rendering problems as text, lazily (never in the checking hot path), from the ICU catalogues.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Problem } from '../problem';
import type { Locale } from '../settings';
import { cellText } from '../text/normalize';
import { enUS } from './en-US';
import type { Catalogue } from './types';
import { zhCN } from './zh-CN';

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { 'zh-CN': zhCN, 'en-US': enUS };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

const cache = new Map<string, IntlMessageFormat | null>();

function compiled(locale: Locale, code: string, kind: 'message' | 'hint'): IntlMessageFormat | null {
  const key = `${locale}\u0000${kind}\u0000${code}`;
  let f = cache.get(key);
  if (f !== undefined) return f;
  const entry = (CATALOGUES[locale] ?? zhCN)[code];
  f = entry ? new IntlMessageFormat(entry[kind], locale) : null;
  cache.set(key, f);
  return f;
}

/** The values a message may use: the problem's params (as text) plus its location and value. */
export function messageValues(p: Problem): Record<string, string> {
  const out: Record<string, string> = {
    column: p.column ?? '',
    value: p.value ?? '',
    cell: p.cell ?? '',
    row: p.row !== undefined ? String(p.row) : '',
    sheet: p.sheet ?? '',
    file: p.file ?? '',
    fix: p.fix !== undefined ? cellText(p.fix) : '',
  };
  for (const [k, v] of Object.entries(p.params ?? {})) out[k] = typeof v === 'number' ? String(v) : v;
  return out;
}

function render(p: Problem, locale: Locale, kind: 'message' | 'hint'): string {
  const f = compiled(locale, p.code, kind) ?? (locale !== 'zh-CN' ? compiled('zh-CN', p.code, kind) : null);
  if (f === null) return kind === 'message' ? p.code : '';
  const vals = messageValues(p);
  try {
    return String(f.format(vals));
  } catch {
    // A value the message names is missing: fill it with nothing rather than fail a report.
    const pattern = (CATALOGUES[locale] ?? zhCN)[p.code]?.[kind] ?? p.code;
    return pattern.replace(/\{(\w+)\}/g, (_m, k: string) => vals[k] ?? '');
  }
}

/** The problem (问题) in the user's language. */
export function renderMessage(p: Problem, locale: Locale = 'zh-CN'): string {
  return render(p, locale, 'message');
}

/** How to fix it (怎么改), in the user's language. */
export function renderHint(p: Problem, locale: Locale = 'zh-CN'): string {
  return render(p, locale, 'hint');
}

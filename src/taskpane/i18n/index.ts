import { IntlMessageFormat } from 'intl-messageformat';
import { zhCN, type MessageKey } from './zh-CN';
import { enUS } from './en-US';
import type { Locale } from '../../core/settings';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** zh-CN unless the language is English (Office's display language, or the browser's outside Office). */
export function pickLocale(language: string | null | undefined): Locale {
  return language && /^en\b/i.test(language.trim()) ? 'en-US' : 'zh-CN';
}

/** A translator over one catalogue; formatters are compiled once per key. */
export function createTranslator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  const cache = new Map<MessageKey, IntlMessageFormat>();
  return (key, params) => {
    let f = cache.get(key);
    if (!f) {
      f = new IntlMessageFormat(catalogue[key], locale, undefined, { ignoreTag: true });
      cache.set(key, f);
    }
    return String(f.format(params));
  };
}

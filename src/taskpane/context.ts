import { createContext, useContext } from 'react';
import { createTranslator, type Translate } from './i18n';
import type { Locale } from '../core/settings';

export interface PaneI18n {
  locale: Locale;
  t: Translate;
}

export const I18nContext = createContext<PaneI18n>({ locale: 'zh-CN', t: createTranslator('zh-CN') });

export function useI18n(): PaneI18n {
  return useContext(I18nContext);
}

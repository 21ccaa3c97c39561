import type { HTMLAttributes } from 'react';
import { useI18n } from '../context';

const HAN = /[\u3400-\u9fff]/;

/** The language of a piece of text shown in the pane, when it is not the pane's own: Chinese
 *  sheet names, values and rule texts in the English pane (so that a screen reader switches voice). */
export function textLang(text: string, locale: string): string | undefined {
  if (locale === 'zh-CN') return undefined;
  return HAN.test(text) ? 'zh-CN' : undefined;
}

/** A span carrying `lang` when its text is in the other language. */
export function OtherLang({ text, ...rest }: { text: string } & HTMLAttributes<HTMLSpanElement>) {
  const { locale } = useI18n();
  return (
    <span lang={textLang(text, locale)} {...rest}>
      {text}
    </span>
  );
}

/** Problem texts for the pane, from the core's message catalogues. */
import { CATALOGUES, renderHint, renderMessage } from '../core/messages/render';
import { cellText } from '../core/text/normalize';
import type { Problem } from '../core/problem';
import type { Locale } from '../core/settings';

export { renderHint, renderMessage };

/** The fix value as the user will see it in the cell. */
export function fixText(p: Problem): string | null {
  if (p.fix === undefined) return null;
  return cellText(p.fix);
}

/**
 * A title for a group of problems of one rule: their common message when they all read the same,
 * else the rule's message up to its first colon with the varying parts left out.
 */
export function groupTitle(code: string, sample: readonly Problem[], locale: Locale): string {
  const texts = new Set(sample.slice(0, 50).map((p) => renderMessage(p, locale)));
  if (texts.size === 1) return [...texts][0];
  const pattern = CATALOGUES[locale]?.[code]?.message ?? CATALOGUES['zh-CN'][code]?.message;
  if (!pattern) return code;
  let head = pattern.split(/[：:]/)[0].trim();
  const first = sample[0];
  const same = (k: keyof Problem) => sample.every((p) => p[k] === first?.[k]);
  head = head.replace(/\{(\w+)\}/g, (_m, k: string) => {
    if ((k === 'column' || k === 'sheet' || k === 'file') && first && same(k as keyof Problem)) return String(first[k as keyof Problem] ?? '');
    return '…';
  });
  return head || code;
}

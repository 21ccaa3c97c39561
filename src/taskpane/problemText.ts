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

/** Group titles for rules whose message is all about the varying part. */
const TITLES: Partial<Record<Locale, Record<string, string>>> = {
  'zh-CN': { 'person.cross-village': '同一人在多个村登记', 'conscript.cross-village': '同一人在多个村兵役登记' },
  'en-US': { 'person.cross-village': 'The same person is registered in several villages', 'conscript.cross-village': 'The same person is registered for military service in several villages' },
};

/**
 * A title for a group of problems of one rule: their common message when they all read the same,
 * else the rule's message up to its first colon, with the parts that vary between the problems
 * left out (a quoted value becomes the shared column's name, a parenthesis naming other rows goes)
 * — never an ellipsis where a value was.
 */
export function groupTitle(code: string, sample: readonly Problem[], locale: Locale): string {
  const texts = new Set(sample.slice(0, 50).map((p) => renderMessage(p, locale)));
  if (texts.size === 1) return [...texts][0];
  const pattern = CATALOGUES[locale]?.[code]?.message ?? CATALOGUES['zh-CN'][code]?.message;
  if (!pattern) return code;
  const first = sample[0];
  const sameField = (k: 'column' | 'sheet' | 'file') => (first && sample.every((p) => p[k] === first[k]) ? String(first[k] ?? '') : '');
  const sameParam = (k: string) => (first && sample.every((p) => p.params?.[k] === first.params?.[k]) ? String(first.params?.[k] ?? '') : '');
  const fill = (k: string): string => {
    if (k === 'column' || k === 'sheet' || k === 'file') return sameField(k);
    if (k === 'value') return '';
    return sameParam(k);
  };
  let head = pattern.split(/[：:;；]/)[0];
  // Clauses after the first one whose values vary are left out (…重复登记，与“{otherSheet}”第{otherRow}行重复).
  const clauses = head.split(/(?<=[，,])/);
  const varies = (c: string) => [...c.matchAll(/\{(\w+)\}/g)].some((m) => !fill(m[1]));
  const cut = clauses.findIndex(varies);
  if (cut > 0) head = clauses.slice(0, cut).join('');
  const override = TITLES[locale]?.[code];
  if (override && cut >= 0) return override;
  // A parenthesis that names other rows or files (（{otherFile}「…」第{otherRow}行）) goes when it varies.
  head = head.replace(/（[^）]*\{[^）]*）|\([^)]*\{[^)]*\)/g, (m) => (/\{(\w+)\}/g.test(m) && [...m.matchAll(/\{(\w+)\}/g)].every((x) => fill(x[1])) ? m : ''));
  // A quoted value: the shared column's name, unquoted ("联系电话格式不正确"), else nothing.
  head = head.replace(/[“"]\{value\}[”"]/g, () => (head.includes(sameField('column')) ? '' : sameField('column')));
  head = head.replace(/([“"「])\{(\w+)\}([”"」])/g, (_m, a: string, k: string, b: string) => {
    const v = fill(k);
    return v ? `${a}${v}${b}` : '';
  });
  head = head.replace(/\s*\{(\w+)\}\s*/g, (m, k: string) => {
    const v = fill(k);
    return v ? m.replace(`{${k}}`, v) : locale === 'zh-CN' ? '' : ' ';
  });
  head = head
    .replace(/\{(\w+)\}/g, (_m, k: string) => fill(k))
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s，,、。.]+|[\s，,、。.]+$/g, '')
    .trim();
  return head || code;
}

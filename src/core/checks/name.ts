/** Person names: trimmed; `·`/`•`/`．`/`.` inside a minority name become the standard middle dot
 *  (fixable warning); inner spaces and invisible characters are a fixable warning. */
import { cellText, hasSuspiciousChars, normNameDots, normText } from '../text/normalize';
import type { Check } from './types';

const DOTS = /[•．.・‧∙⋅･]/;
const INNER_SPACE = /\s/;

/** Fast path: only CJK ideographs and the standard middle dot. */
function isPlainName(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || c === 0xb7)) return false;
  }
  return t.length > 0;
}

export const nameCheck: Check = {
  id: 'name',
  generic: true,
  type: 'name',
  codes: [
    { code: 'name.middle-dot', severity: 'warning' },
    { code: 'name.spaces', severity: 'warning' },
    { code: 'name.invalid', severity: 'warning' },
  ],
  parser: () => (raw, c) => {
    if (typeof raw !== 'string') {
      c.report('name.invalid', {});
      return cellText(raw);
    }
    let t = normText(raw);
    if (t !== raw && hasSuspiciousChars(raw)) c.report('text.normalized', {}, t);
    if (isPlainName(t)) return t;
    if (DOTS.test(t)) {
      t = normNameDots(t);
      c.report('name.middle-dot', {}, t);
    }
    if (INNER_SPACE.test(t)) {
      t = t.replace(/\s+/g, '');
      c.report('name.spaces', {}, t);
    }
    if (/\d/.test(t)) c.report('name.invalid', {});
    return t;
  },
};

/** Person names: trimmed; `·`/`•`/`．`/`.` inside a minority name become the standard middle dot
 *  (fixable warning); inner spaces and invisible characters are a fixable warning. */
import { cellText, hasSuspiciousChars, normNameDots, normText } from '../text/normalize';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const normText_ = normText;

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
    const t0 = normText_(raw);
    if (t0 === raw && isPlainName(t0)) return t0;
    // One problem and one corrected value per cell, whatever the changes.
    let t = t0;
    const dots = DOTS.test(t);
    if (dots) t = normNameDots(t);
    const spaces = INNER_SPACE.test(t);
    if (spaces) t = t.replace(/\s+/g, '');
    if (dots) c.report('name.middle-dot', {}, t);
    else if (spaces) c.report('name.spaces', {}, t);
    else if (t !== raw && hasSuspiciousChars(raw)) c.report('text.normalized', {}, t);
    if (/\d/.test(t)) c.report('name.invalid', {});
    return t;
  },
};

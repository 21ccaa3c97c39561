/** Person names: trimmed; `·`/`•`/`．`/`.` inside a minority name become the standard middle dot
 *  (fixable warning); inner spaces and invisible characters are a fixable warning. */
import { cellText, hasSuspiciousChars, NAME_DOT_VARIANTS, normNameDots, normText } from '../text/normalize';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const normText_ = normText;

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator; test/core/name-scan.test.ts
 *  compares it with the expression for every code unit). */
export const WHITE_SPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
// The characters the name rule looks for, by char code: a dot variant (`normNameDots`), white
// space (as `\s` matches it), an ASCII digit (as `\d` does).
const DOT = 1;
const SPACE = 2;
const DIGIT = 4;
const KIND = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of NAME_DOT_VARIANTS) t[c.charCodeAt(0)] = DOT;
  for (const c of WHITE_SPACE) t[c] |= SPACE;
  for (let c = 48; c <= 57; c++) t[c] |= DIGIT;
  return t;
})();

function scan(t: string): number {
  let k = 0;
  for (let i = 0; i < t.length; i++) k |= KIND[t.charCodeAt(i)];
  return k;
}

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
    // One problem and one corrected value per cell, whatever the changes. What the text holds, in
    // one pass (replacing the dots removes no space and no digit, removing spaces no digit).
    const kinds = scan(t0);
    let t = t0;
    const dots = (kinds & DOT) !== 0;
    if (dots) t = normNameDots(t);
    const spaces = (kinds & SPACE) !== 0;
    if (spaces) t = t.replace(/\s+/g, '');
    if (dots) c.report('name.middle-dot', {}, t);
    else if (spaces) c.report('name.spaces', {}, t);
    else if (t !== raw && hasSuspiciousChars(raw)) c.report('text.normalized', {}, t);
    if ((kinds & DIGIT) !== 0) c.report('name.invalid', {});
    return t;
  },
};

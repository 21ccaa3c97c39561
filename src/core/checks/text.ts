/** Free text, identifiers (对子编号) and 序号: normalised; invisible or full-width characters are a
 *  fixable warning. */
import { cellText, hasSuspiciousChars, normText, numberText } from '../text/normalize';
import type { Check, Parser } from './types';

export const textParser: Parser = (raw, c) => {
  if (typeof raw === 'string') {
    const t = normText(raw);
    if (t !== raw && hasSuspiciousChars(raw)) c.report('text.normalized', {}, t);
    return t;
  }
  if (typeof raw === 'number') return numberText(raw);
  return cellText(raw);
};

export const textCheck: Check = {
  id: 'text',
  generic: true,
  type: 'text',
  codes: [{ code: 'text.normalized', severity: 'warning' }],
  parser: () => textParser,
};

export const codeCheck: Check = {
  id: 'code',
  generic: true,
  type: 'code',
  codes: [],
  parser: () => (raw, c) => {
    if (typeof raw === 'string') {
      const t = normText(raw);
      if (t !== raw && hasSuspiciousChars(raw)) c.report('text.normalized', {}, t);
      return t.replace(/\s+/g, '');
    }
    if (typeof raw === 'number') return numberText(raw);
    return cellText(raw);
  },
};

export const seqCheck: Check = {
  id: 'seq',
  generic: true,
  type: 'seq',
  codes: [],
  parser: () => (raw) => (typeof raw === 'number' ? raw : typeof raw === 'string' ? normText(raw) : cellText(raw)),
};

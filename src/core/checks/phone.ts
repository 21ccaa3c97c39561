/** 联系电话: after removing spaces, hyphens and +86, a mobile `1[3-9]` + 9 digits or a landline
 *  `0` + 2–3 digit area code + 7–8 digits; anything else is a warning. */
import { cellText, normText, numberText } from '../text/normalize';
import { cleanPhone, isValidPhone } from '../values/simple';
import type { Check } from './types';

export const phoneCheck: Check = {
  id: 'phone',
  generic: true,
  type: 'phone',
  codes: [{ code: 'phone.invalid', severity: 'warning' }],
  parser: () => (raw, c) => {
    let s: string;
    if (typeof raw === 'number') s = numberText(raw);
    else if (typeof raw === 'string') s = normText(raw);
    else {
      c.report('phone.invalid', {});
      return cellText(raw);
    }
    const p = cleanPhone(s);
    if (isValidPhone(p)) return p;
    // Several numbers in one cell: accept when each is valid.
    const parts = s.split(/[,，;；、/]+/);
    if (parts.length > 1 && parts.every((x) => isValidPhone(cleanPhone(x)))) return parts.map((x) => cleanPhone(x)).join(',');
    c.report('phone.invalid', {});
    return s;
  },
};

/** 联系电话: after removing spaces, hyphens and +86, a mobile `1[3-9]` + 9 digits or a landline
 *  `0` + 2–3 digit area code + 7–8 digits; anything else is a warning. */
import { cellText, normText, numberText } from '../text/normalize';
import { cleanPhone, isPlainMobile, isValidPhone } from '../values/simple';
import type { Check } from './types';

// Local bindings of imported functions used per cell: no getter call per use under module
// loaders that expose imports through getters (tsx, some bundlers).
const normText_ = normText;
const cleanPhone_ = cleanPhone;
const isValidPhone_ = isValidPhone;
const isPlainMobile_ = isPlainMobile;

export const phoneCheck: Check = {
  id: 'phone',
  generic: true,
  type: 'phone',
  codes: [{ code: 'phone.invalid', severity: 'warning' }],
  parser: () => (raw, c) => {
    let s: string;
    // The common case, a plain mobile number, needs no normalisation or cleaning.
    if (typeof raw === 'string' && isPlainMobile_(raw)) return raw;
    if (typeof raw === 'number') s = numberText(raw);
    else if (typeof raw === 'string') s = normText_(raw);
    else {
      c.report('phone.invalid', {});
      return cellText(raw);
    }
    const p = cleanPhone_(s);
    if (isValidPhone_(p)) return p;
    // Several numbers in one cell: accept when each is valid.
    const parts = s.split(/[,，;；、/]+/);
    if (parts.length > 1 && parts.every((x) => isValidPhone_(cleanPhone_(x)))) return parts.map((x) => cleanPhone_(x)).join(',');
    c.report('phone.invalid', {});
    return s;
  },
};

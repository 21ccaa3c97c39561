/** Amounts (元): numbers ≥ 0 with at most 2 decimals. Text such as 五百 is an error; a number
 *  written as text (`1,200`, `500元`) is a fixable warning (Excel cannot sum text). */
import { cellText, normCompact } from '../text/normalize';
import { hasMoreThan2Decimals, parseAmountText } from '../values/simple';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const normCompact_ = normCompact;
const hasMoreThan2Decimals_ = hasMoreThan2Decimals;

export const amountCheck: Check = {
  id: 'amount',
  generic: true,
  type: 'amount',
  codes: [
    { code: 'amount.invalid', severity: 'error' },
    { code: 'amount.negative', severity: 'error' },
    { code: 'amount.decimals', severity: 'error' },
    { code: 'amount.text', severity: 'warning' },
  ],
  parser: () => (raw, c) => {
    let n: number;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string') {
      const t = normCompact_(raw);
      n = parseAmountText(t).n;
      if (isNaN(n)) {
        c.report('amount.invalid', {});
        return t;
      }
      if (n >= 0 && !hasMoreThan2Decimals_(n)) c.report('amount.text', {}, n);
    } else {
      c.report('amount.invalid', {});
      return cellText(raw);
    }
    if (!isFinite(n)) {
      c.report('amount.invalid', {});
      return cellText(raw);
    }
    if (n < 0) c.report('amount.negative', {});
    else if (hasMoreThan2Decimals_(n)) c.report('amount.decimals', {});
    return n;
  },
};

/** Counts (人数, 册, 次): whole numbers ≥ 0. A number written as text (`25人`) is a fixable warning. */
import { cellText, normCompact } from '../text/normalize';
import { parseCountText } from '../values/simple';
import type { Check } from './types';

export const countCheck: Check = {
  id: 'count',
  generic: true,
  type: 'count',
  codes: [
    { code: 'count.invalid', severity: 'error' },
    { code: 'count.negative', severity: 'error' },
    { code: 'count.not-integer', severity: 'error' },
    { code: 'count.text', severity: 'warning' },
  ],
  parser: () => (raw, c) => {
    let n: number;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string') {
      const t = normCompact(raw);
      n = parseCountText(t).n;
      if (isNaN(n)) {
        c.report('count.invalid', {});
        return t;
      }
      if (n >= 0 && Number.isInteger(n)) c.report('count.text', {}, n);
    } else {
      c.report('count.invalid', {});
      return cellText(raw);
    }
    if (!isFinite(n)) {
      c.report('count.invalid', {});
      return cellText(raw);
    }
    if (n < 0) c.report('count.negative', {});
    else if (!Number.isInteger(n)) c.report('count.not-integer', {});
    return n;
  },
};

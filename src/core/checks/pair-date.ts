/** 共建对子: 结对日期 not in the future (after the reporting year's end, or today if earlier). */
import { isAfter } from './util';
import type { Check } from './types';

export const pairDateCheck: Check = {
  id: 'pair-date',
  codes: [{ code: 'pair.date-future', severity: 'error' }],
  needs: ['结对日期'],
  row(r) {
    if (!r.ok('结对日期')) return;
    const d = r.get('结对日期') as string;
    if (isAfter(d, r.env.latestBirth)) r.report('pair.date-future', '结对日期', { date: d });
  },
};

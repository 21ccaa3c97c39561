/** 双拥活动: 日期 inside the reporting year (error otherwise); a date after today is a warning. */
import { dateKey } from './util';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const dateKey_ = dateKey;

export const activityDateCheck: Check = {
  id: 'activity-date',
  codes: [
    { code: 'activity.date-year', severity: 'error' },
    { code: 'activity.date-future', severity: 'warning' },
  ],
  needs: ['日期'],
  row(r) {
    if (!r.ok('日期')) return;
    const d = r.get('日期') as string;
    const k = dateKey_(d);
    if (k < r.env.yearStart || k > r.env.yearEnd) r.report('activity.date-year', '日期', { date: d, year: r.env.year });
    else if (k > r.env.today) r.report('activity.date-future', '日期', { date: d });
  },
};

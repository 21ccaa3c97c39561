/** 兵役登记: 是否已登记=是 ⇒ 登记日期 required and inside the reporting year; after the deadline
 *  (default 10月31日) is a warning. */
import { dateKey } from './util';
import type { Check } from './types';

export const conscriptRegDateCheck: Check = {
  id: 'conscript-reg-date',
  codes: [
    { code: 'conscript.reg-date-required', severity: 'error' },
    { code: 'conscript.reg-date-year', severity: 'error' },
    { code: 'conscript.reg-date-late', severity: 'warning' },
  ],
  needs: ['是否已登记'],
  row(r) {
    if (r.get('是否已登记') !== true) return;
    if (!r.has('登记日期') || r.get('登记日期') === null) {
      r.report('conscript.reg-date-required', r.has('登记日期') ? '登记日期' : '是否已登记', {});
      return;
    }
    if (!r.ok('登记日期')) return;
    const d = r.get('登记日期') as string;
    const k = dateKey(d);
    if (k < r.env.yearStart || k > r.env.yearEnd) r.report('conscript.reg-date-year', '登记日期', { date: d, year: r.env.year });
    else if (k > r.env.deadline) {
      const s = r.env.settings.deadline;
      r.report('conscript.reg-date-late', '登记日期', { date: d, deadline: `${s.month}月${s.day}日` });
    }
  },
};

/** 双拥活动: 对子编号, when given, must exist in a 共建对子 ledger of any workbook checked together.
 *  When no 共建对子 ledger was given at all, one info per sheet says the references were not checked. */
import type { Check } from './types';

export const activityPairRefCheck: Check = {
  id: 'activity-pair-ref',
  codes: [
    { code: 'activity.pair-unknown', severity: 'error' },
    { code: 'activity.pair-unverified', severity: 'info' },
  ],
  needs: ['对子编号'],
  cross(x) {
    const pairs = new Set<string>();
    let pairSheets = 0;
    for (const s of x.allSheets) {
      if (s.ledger !== '共建对子') continue;
      pairSheets++;
      for (let i = 0; i < s.size; i++) {
        const v = s.value(i, '对子编号');
        if (typeof v === 'string' && v !== '') pairs.add(v);
      }
    }
    for (const s of x.sheets) {
      for (let i = 0; i < s.size; i++) {
        const v = s.value(i, '对子编号');
        if (typeof v !== 'string' || v === '' || s.bad(i, '对子编号')) continue;
        if (pairSheets === 0) {
          s.report(i, 'activity.pair-unverified', '对子编号', {});
          break;
        }
        if (!pairs.has(v)) s.report(i, 'activity.pair-unknown', '对子编号', { pair: v });
      }
    }
  },
};

/** 双拥活动: the same 日期 + 所在村/单位 + 活动名称 twice is a warning on the later row. */
import { sheetDuplicates } from './dup-util';
import type { Check } from './types';

export const activityDuplicateCheck: Check = {
  id: 'activity-duplicate',
  codes: [{ code: 'activity.duplicate', severity: 'warning' }],
  needs: ['日期', '所在村/单位', '活动名称'],
  sheet(s) {
    sheetDuplicates(
      s,
      (i) => {
        const d = s.value(i, '日期');
        const u = s.value(i, '所在村/单位');
        const n = s.value(i, '活动名称');
        if (d === null || u === null || n === null) return null;
        return `${d}|${u}|${n}`;
      },
      'activity.duplicate',
      '活动名称',
    );
  },
};

/** 安置: a duplicate 身份证号 is an error (later row; across workbooks, the later workbook). */
import { groupByIdAcross, idKey, sheetDuplicates } from './dup-util';
import type { Check } from './types';

export const placementDuplicateCheck: Check = {
  id: 'placement-duplicate',
  codes: [{ code: 'placement.duplicate', severity: 'error' }],
  needs: ['身份证号'],
  sheet(s) {
    sheetDuplicates(s, (i) => idKey(s, i), 'placement.duplicate', '身份证号');
  },
  cross(x) {
    for (const g of groupByIdAcross(x.sheets).values()) {
      for (let a = 1; a < g.length; a++) {
        const o = g[a];
        const before = g.slice(0, a);
        if (before.some((e) => e.s === o.s)) continue;
        const e = before[0];
        o.s.report(o.i, 'placement.duplicate', '身份证号', {
          otherFile: e.s.file,
          otherSheet: e.s.sheet,
          otherRow: e.s.rowOf(e.i),
        });
      }
    }
  },
};

/** 优抚对象: the same 身份证号 twice with the same 优抚类别 is a duplicate (error on the later row);
 *  one person in two categories is allowed. Across workbooks of the same village, the later one. */
import { groupAcross, idKey, sheetDuplicates } from './dup-util';
import type { Check } from './types';

export const beneficiaryDuplicateCheck: Check = {
  id: 'beneficiary-duplicate',
  codes: [{ code: 'person.duplicate', severity: 'error' }],
  needs: ['身份证号'],
  sheet(s) {
    sheetDuplicates(s, (i) => {
      const id = idKey(s, i);
      return id === null ? null : id + '|' + String(s.records[i].v['优抚类别'] ?? '');
    }, 'person.duplicate', '身份证号');
  },
  cross(x) {
    const groups = groupAcross(x.sheets, (s, i) => {
      const id = idKey(s, i);
      return id === null ? null : id + '|' + String(s.records[i].v['优抚类别'] ?? '');
    });
    // Only same-village duplicates across sheets here; different villages are person-cross-village.
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      for (let a = 1; a < g.length; a++) {
        const o = g[a];
        if (g.slice(0, a).some((e) => e.s === o.s)) continue;
        const earlier = g.slice(0, a).find((e) => e.village === o.village);
        if (earlier) {
          o.s.report(o.i, 'person.duplicate', '身份证号', {
            otherFile: earlier.s.file,
            otherSheet: earlier.s.sheet,
            otherRow: earlier.s.records[earlier.i].row,
          });
        }
      }
    }
  },
};

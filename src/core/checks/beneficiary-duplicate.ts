/** 优抚对象: the same 身份证号 twice with the same 优抚类别 is a duplicate (error on the later row);
 *  one person in two categories is allowed. Across workbooks of the same village, the later one. */
import { groupByIdAcross } from './dup-util';
import type { Check, SheetRecords } from './types';

function category(s: SheetRecords, i: number): string {
  return String(s.value(i, '优抚类别') ?? '');
}

export const beneficiaryDuplicateCheck: Check = {
  id: 'beneficiary-duplicate',
  codes: [{ code: 'person.duplicate', severity: 'error' }],
  needs: ['身份证号'],
  sheet(s) {
    // Group by ID (cheap), compare categories only within repeated IDs.
    const groups = groupByIdAcross([s]);
    for (const g of groups.values()) {
      for (let a = 1; a < g.length; a++) {
        const cat = category(s, g[a].i);
        const earlier = g.slice(0, a).find((e) => category(s, e.i) === cat);
        if (earlier)
          s.report(g[a].i, 'person.duplicate', '身份证号', {
            otherFile: s.file,
            otherSheet: s.sheet,
            otherRow: s.rowOf(earlier.i),
          });
      }
    }
  },
  cross(x) {
    if (x.sheets.length < 2) return;
    const groups = groupByIdAcross(x.sheets);
    // Same-village duplicates across sheets here; different villages are person-cross-village.
    for (const g of groups.values()) {
      for (let a = 1; a < g.length; a++) {
        const o = g[a];
        const before = g.slice(0, a);
        if (before.some((e) => e.s === o.s)) continue;
        const cat = category(o.s, o.i);
        const earlier = before.find((e) => e.village === o.village && category(e.s, e.i) === cat);
        if (earlier) {
          o.s.report(o.i, 'person.duplicate', '身份证号', {
            otherFile: earlier.s.file,
            otherSheet: earlier.s.sheet,
            otherRow: earlier.s.rowOf(earlier.i),
          });
        }
      }
    }
  },
};

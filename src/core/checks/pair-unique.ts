/** 共建对子: 对子编号 unique, within a sheet and across the workbooks checked together (error on
 *  the later row). */
import { sheetDuplicates } from './dup-util';
import type { Check } from './types';

export const pairUniqueCheck: Check = {
  id: 'pair-unique',
  codes: [{ code: 'pair.duplicate', severity: 'error' }],
  needs: ['对子编号'],
  sheet(s) {
    sheetDuplicates(
      s,
      (i) => {
        const v = s.value(i, '对子编号');
        return typeof v === 'string' && v !== '' ? v : null;
      },
      'pair.duplicate',
      '对子编号',
    );
  },
  cross(x) {
    const first = new Map<string, { file: string; sheet: string; row: number; s: unknown }>();
    for (const s of x.sheets) {
      const local = new Set<string>();
      for (let i = 0; i < s.size; i++) {
        const v = s.value(i, '对子编号');
        if (typeof v !== 'string' || v === '') continue;
        const f = first.get(v);
        if (f && f.s !== s && !local.has(v)) {
          s.report(i, 'pair.duplicate', '对子编号', { otherFile: f.file, otherSheet: f.sheet, otherRow: f.row });
        }
        local.add(v);
        if (!f) first.set(v, { file: s.file, sheet: s.sheet, row: s.rowOf(i), s });
      }
    }
  },
};

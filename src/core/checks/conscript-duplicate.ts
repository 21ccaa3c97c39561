/** 兵役登记: a duplicate 身份证号 within the roster (error on the later row), across workbooks of
 *  the same village (the later one) or across villages (error on both rows, naming the other). */
import { groupByIdAcross, idKey, reportCross, sheetDuplicates } from './dup-util';
import type { Check } from './types';

export const conscriptDuplicateCheck: Check = {
  id: 'conscript-duplicate',
  codes: [
    { code: 'conscript.duplicate', severity: 'error' },
    { code: 'conscript.cross-village', severity: 'error' },
  ],
  needs: ['身份证号'],
  sheet(s) {
    // Same village within the sheet: later row. Different villages within a sheet: the cross rule.
    const seen = new Map<string, number>();
    for (let i = 0; i < s.size; i++) {
      const k = idKey(s, i);
      if (k === null) continue;
      const f = seen.get(k);
      if (f === undefined) seen.set(k, i);
    }
    sheetDuplicates(
      s,
      (i) => {
        const k = idKey(s, i);
        if (k === null) return null;
        const f = seen.get(k)!;
        return s.value(f, '所在村') === s.value(i, '所在村') ? k : null;
      },
      'conscript.duplicate',
      '身份证号',
    );
  },
  cross(x) {
    reportCross(groupByIdAcross(x.sheets), 'conscript.cross-village', 'conscript.duplicate', '身份证号');
  },
};

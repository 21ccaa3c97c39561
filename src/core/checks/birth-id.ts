/** 出生日期 must agree with the 身份证号 (at the precision given: a month-precision 出生年月 only
 *  compares year and month). */
import { idBirth } from '../values/id';
import type { Check } from './types';

export const birthIdCheck: Check = {
  id: 'birth-id',
  codes: [{ code: 'birth.mismatch-id', severity: 'error' }],
  needs: ['出生日期', '身份证号'],
  compileRow(_schema, _has, index) {
    const kBirth = index('出生日期');
    const kId = index('身份证号');
    return (r) => {
      if (!r.okAt(kBirth) || !r.okAt(kId)) return;
      const id = r.valAt(kId) as string;
      const d = r.valAt(kBirth) as string;
      if (id.length === 18) {
        // Compare without building strings: id[6..14) is yyyymmdd; d is yyyy-mm or yyyy-mm-dd.
        let same = true;
        for (let k = 0; k < 4 && same; k++) same = id.charCodeAt(6 + k) === d.charCodeAt(k);
        same = same && id.charCodeAt(10) === d.charCodeAt(5) && id.charCodeAt(11) === d.charCodeAt(6);
        if (same && d.length === 10) same = id.charCodeAt(12) === d.charCodeAt(8) && id.charCodeAt(13) === d.charCodeAt(9);
        if (same) return;
      }
      const b = idBirth(id);
      if (b !== null && b.slice(0, d.length) !== d) r.report('birth.mismatch-id', '出生日期', { birth: b });
    };
  },
};

/** 出生日期 must agree with the 身份证号 (at the precision given: a month-precision 出生年月 only
 *  compares year and month). */
import { idBirth } from '../values/id';
import type { Check } from './types';

export const birthIdCheck: Check = {
  id: 'birth-id',
  codes: [{ code: 'birth.mismatch-id', severity: 'error' }],
  needs: ['出生日期', '身份证号'],
  row(r) {
    if (!r.ok('出生日期') || !r.ok('身份证号')) return;
    const b = idBirth(r.v['身份证号'] as string);
    const d = r.v['出生日期'] as string;
    if (b !== null && b.slice(0, d.length) !== d) r.report('birth.mismatch-id', '出生日期', { birth: b });
  },
};

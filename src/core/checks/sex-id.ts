/** 性别 must agree with the 身份证号 (17th digit odd = 男). */
import { idSex } from '../values/id';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const idSex_ = idSex;

export const sexIdCheck: Check = {
  id: 'sex-id',
  codes: [{ code: 'sex.mismatch-id', severity: 'error' }],
  needs: ['性别', '身份证号'],
  row(r) {
    if (!r.ok('性别') || !r.ok('身份证号')) return;
    const s = idSex_(r.v['身份证号'] as string);
    if (s !== null && r.v['性别'] !== s) r.report('sex.mismatch-id', '性别', { sex: s }, s);
  },
};

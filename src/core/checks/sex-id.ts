/** 性别 must agree with the 身份证号 (17th digit odd = 男). */
import { idSex } from '../values/id';
import type { Check } from './types';

const idSex_ = idSex;

export const sexIdCheck: Check = {
  id: 'sex-id',
  codes: [{ code: 'sex.mismatch-id', severity: 'error', fixNeedsChoice: true }],
  needs: ['性别', '身份证号'],
  compileRow(_schema, _has, index) {
    const kSex = index('性别');
    const kId = index('身份证号');
    return (r) => {
      if (!r.okAt(kSex) || !r.okAt(kId)) return;
      const s = idSex_(r.valAt(kId) as string);
      if (s !== null && r.valAt(kSex) !== s) r.report('sex.mismatch-id', '性别', { sex: s }, s);
    };
  },
};

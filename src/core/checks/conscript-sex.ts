/** 兵役登记: 初次/补登/核验 registrants are men (sex from the ID). Women may register 自愿. */
import { personSex } from './util';
import type { Check } from './types';

export const conscriptSexCheck: Check = {
  id: 'conscript-sex',
  codes: [{ code: 'conscript.sex', severity: 'error' }],
  needs: ['登记类型'],
  row(r) {
    const t = r.get('登记类型');
    if (t !== '初次' && t !== '补登' && t !== '核验') return;
    if (personSex(r) === '女') r.report('conscript.sex', r.ok('身份证号') ? '身份证号' : '性别', { type: t });
  },
};

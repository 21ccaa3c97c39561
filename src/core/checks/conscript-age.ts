/** 兵役登记, with Y the reporting year: 初次 ⇒ born in Y−18; 自愿 ⇒ born in Y−17; 补登/核验 ⇒ aged
 *  19–24 on 31 December of Y (born Y−24 … Y−19). */
import { birthYear } from './util';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const birthYear_ = birthYear;

export const conscriptAgeCheck: Check = {
  id: 'conscript-age',
  codes: [{ code: 'conscript.age', severity: 'error' }],
  needs: ['登记类型'],
  row(r) {
    if (!r.ok('登记类型')) return;
    const by = birthYear_(r);
    if (isNaN(by)) return;
    const Y = r.env.year;
    const t = r.get('登记类型');
    let lo: number;
    let hi: number;
    if (t === '初次') lo = hi = Y - 18;
    else if (t === '自愿') lo = hi = Y - 17;
    else if (t === '补登' || t === '核验') {
      lo = Y - 24;
      hi = Y - 19;
    } else return;
    if (by < lo || by > hi) {
      r.report('conscript.age', r.ok('身份证号') ? '身份证号' : '登记类型', {
        type: String(t),
        birthYear: String(by),
        expected: lo === hi ? String(lo) : `${lo}–${hi}`,
      });
    }
  },
};

/** 优抚对象: 年满60周岁农村籍退役士兵 is at least 60 on 31 December of the reporting year. */
import { idBirthYear } from '../values/id';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const idBirthYear_ = idBirthYear;

const CATEGORY = '年满60周岁农村籍退役士兵';

export const categoryAge60Check: Check = {
  id: 'category-age60',
  codes: [{ code: 'category.age60', severity: 'error' }],
  needs: ['优抚类别'],
  compileRow(_schema, _has, index) {
    const kCat = index('优抚类别');
    const kId = index('身份证号');
    const kBirth = index('出生日期');
    return (r) => {
      if (r.valAt(kCat) !== CATEGORY) return;
      // Birth year from a valid 身份证号, else from 出生日期 (as `birthYear` in util.ts).
      const idOk = r.okAt(kId);
      let by = idOk ? idBirthYear_(r.valAt(kId) as string) : NaN;
      if (isNaN(by) && r.okAt(kBirth)) {
        const d = r.valAt(kBirth);
        if (typeof d === 'string' && d.length >= 7) by = +d.slice(0, 4);
      }
      if (isNaN(by)) return;
      const age = r.env.year - by;
      if (age < 60) r.report('category.age60', idOk ? '身份证号' : '优抚类别', { age, year: r.env.year });
    };
  },
};

/** 优抚对象: 年满60周岁农村籍退役士兵 is at least 60 on 31 December of the reporting year. */
import { birthYear } from './util';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const birthYear_ = birthYear;

export const categoryAge60Check: Check = {
  id: 'category-age60',
  codes: [{ code: 'category.age60', severity: 'error' }],
  needs: ['优抚类别'],
  row(r) {
    if (r.get('优抚类别') !== '年满60周岁农村籍退役士兵') return;
    const by = birthYear_(r);
    if (isNaN(by)) return;
    const age = r.env.year - by;
    if (age < 60) r.report('category.age60', r.ok('身份证号') ? '身份证号' : '优抚类别', { age, year: r.env.year });
  },
};

/** 优抚对象: 残疾等级 and 残疾性质 are required for 残疾军人; 残疾等级 should be empty otherwise
 *  (warning); 因病 allows only 一级–六级 (军人抚恤优待条例 2024, §26–27). */
import type { Check } from './types';

const GRADE_INDEX: Record<string, number> = {
  一级: 1, 二级: 2, 三级: 3, 四级: 4, 五级: 5, 六级: 6, 七级: 7, 八级: 8, 九级: 9, 十级: 10,
};

export const disabilityCheck: Check = {
  id: 'disability',
  codes: [
    { code: 'disability.grade-required', severity: 'error' },
    { code: 'disability.nature-required', severity: 'error' },
    { code: 'disability.grade-unexpected', severity: 'warning' },
    { code: 'disability.illness-grade', severity: 'error' },
  ],
  needs: ['优抚类别'],
  compileRow(_schema, _has, index) {
    const kCat = index('优抚类别');
    const kGrade = index('残疾等级');
    const kNature = index('残疾性质');
    return (r) => {
      if (!r.okAt(kCat)) return;
      const cat = r.valAt(kCat);
      const grade = r.valAt(kGrade);
      const nature = r.valAt(kNature);
      if (cat === '残疾军人') {
        if (grade === null) r.report('disability.grade-required', kGrade >= 0 ? '残疾等级' : '优抚类别', {});
        if (nature === null) r.report('disability.nature-required', kNature >= 0 ? '残疾性质' : '优抚类别', {});
      } else if (grade !== null) {
        r.report('disability.grade-unexpected', '残疾等级', { category: String(cat) });
      }
      if (nature === '因病' && grade !== null && r.okAt(kGrade) && r.okAt(kNature)) {
        const g = GRADE_INDEX[grade as string];
        if (g !== undefined && g > 6) r.report('disability.illness-grade', '残疾等级', { grade: String(grade) });
      }
    };
  },
};

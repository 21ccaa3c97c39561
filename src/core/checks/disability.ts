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
  row(r) {
    if (!r.ok('优抚类别')) return;
    const cat = r.v['优抚类别'];
    const hasGrade = r.has('残疾等级') && r.v['残疾等级'] !== null;
    const hasNature = r.has('残疾性质') && r.v['残疾性质'] !== null;
    if (cat === '残疾军人') {
      if (!hasGrade) r.report('disability.grade-required', r.has('残疾等级') ? '残疾等级' : '优抚类别', {});
      if (!hasNature) r.report('disability.nature-required', r.has('残疾性质') ? '残疾性质' : '优抚类别', {});
    } else if (hasGrade) {
      r.report('disability.grade-unexpected', '残疾等级', { category: String(cat) });
    }
    if (hasNature && hasGrade && r.ok('残疾性质') && r.ok('残疾等级') && r.v['残疾性质'] === '因病') {
      const g = GRADE_INDEX[r.v['残疾等级'] as string];
      if (g !== undefined && g > 6) r.report('disability.illness-grade', '残疾等级', { grade: String(r.v['残疾等级']) });
    }
  },
};

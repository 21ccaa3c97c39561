/** 优抚对象: 在乡复员军人 enlisted on or before 1954-10-31. */
import { dateKey } from './util';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const dateKey_ = dateKey;

export const DEMOBILIZED_LATEST_ENLIST = '1954-10-31';

export const categoryDemobilizedCheck: Check = {
  id: 'category-demobilized',
  codes: [{ code: 'category.demobilized-enlist', severity: 'error' }],
  needs: ['优抚类别', '入伍时间'],
  compileRow(_schema, _has, index) {
    const kCat = index('优抚类别');
    const kEnlist = index('入伍时间');
    return (r) => {
      if (r.valAt(kCat) !== '在乡复员军人' || !r.okAt(kEnlist)) return;
      const d = r.valAt(kEnlist) as string;
      const k = dateKey_(d);
      const late = d.length === 7 ? k > 19541000 : k > 19541031;
      if (late) r.report('category.demobilized-enlist', '入伍时间', { date: d, latest: DEMOBILIZED_LATEST_ENLIST });
    };
  },
};

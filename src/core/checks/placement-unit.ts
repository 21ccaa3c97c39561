/** 安置: 安置状态=已安置 ⇒ 安置单位 required. (安置方式 must suit 安置类型: the data-driven
 *  vocab-group check, from the vocabulary's groups.) */
import type { Check } from './types';

export const placementUnitCheck: Check = {
  id: 'placement-unit',
  codes: [{ code: 'placement.unit-required', severity: 'error' }],
  needs: ['安置状态'],
  row(r) {
    if (r.get('安置状态') !== '已安置') return;
    if (!r.has('安置单位') || r.get('安置单位') === null)
      r.report('placement.unit-required', r.has('安置单位') ? '安置单位' : '安置状态', {});
  },
};

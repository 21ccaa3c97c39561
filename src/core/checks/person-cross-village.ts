/** 优抚对象: the same person (身份证号) in two villages — within one sheet or across workbooks — is
 *  an error on both rows, naming the other village, file, sheet and row. */
import { groupByIdAcross, reportCross } from './dup-util';
import type { Check } from './types';

export const personCrossVillageCheck: Check = {
  id: 'person-cross-village',
  codes: [{ code: 'person.cross-village', severity: 'error' }],
  needs: ['身份证号'],
  cross(x) {
    reportCross(groupByIdAcross(x.sheets), 'person.cross-village', null, '身份证号');
  },
};

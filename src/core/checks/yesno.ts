/** 是/否 columns accept 是/否, Y/N, yes/no, √/×, 1/0, TRUE/FALSE (text or boolean cells). */
import { cellText, normCompact } from '../text/normalize';
import { parseYesNo } from '../values/simple';
import type { Check } from './types';

export const yesNoCheck: Check = {
  id: 'yesno',
  generic: true,
  type: 'yesno',
  codes: [{ code: 'yesno.invalid', severity: 'error' }],
  parser: () => (raw, c) => {
    if (typeof raw === 'boolean') return raw;
    if (typeof raw === 'number') {
      if (raw === 1) return true;
      if (raw === 0) return false;
      c.report('yesno.invalid', {});
      return cellText(raw);
    }
    if (typeof raw === 'string') {
      const t = normCompact(raw);
      const b = parseYesNo(t);
      if (b === null) {
        c.report('yesno.invalid', {});
        return t;
      }
      return b;
    }
    c.report('yesno.invalid', {});
    return cellText(raw);
  },
};

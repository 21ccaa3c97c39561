/** 民族: one of the 56 groups, with or without the trailing 族 (stored with 族); otherwise a warning. */
import { cellText, normCompact } from '../text/normalize';
import { canonicalEthnic } from '../values/simple';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const normCompact_ = normCompact;
const canonicalEthnic_ = canonicalEthnic;

export const ethnicCheck: Check = {
  id: 'ethnic',
  generic: true,
  type: 'ethnic',
  codes: [{ code: 'ethnic.invalid', severity: 'warning' }],
  parser: () => (raw, c) => {
    const t = typeof raw === 'string' ? normCompact_(raw) : cellText(raw);
    const g = canonicalEthnic_(t);
    if (g === null) {
      c.report('ethnic.invalid', {});
      return t;
    }
    return g;
  },
};

/** 所在村: must be in the village list when one is set (error). A near miss (红期村 for 红旗村, 红旗
 *  for 红旗村, 红旗村委会) names the likely village. */
import { cellText, editDistance, normCompact } from '../text/normalize';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const normCompact_ = normCompact;

export function nearestVillage(v: string, villages: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const x of villages) {
    const d = editDistance(v, x);
    if (d < bestD) {
      bestD = d;
      best = x;
    }
  }
  if (best === null) return null;
  const limit = Math.max(1, Math.floor(Math.max(v.length, best.length) / 3));
  return bestD <= limit ? best : null;
}

const VARIANT = /(村民委员会|村委会|居民委员会|居委会)$/;

/** The listed village a non-listed value most likely means: a 村委会/村民委员会 form, the name
 *  without 村, or the nearest by edit distance. */
export function suggestVillage(t: string, villageSet: ReadonlySet<string>, villages: readonly string[]): string | null {
  const base = t.replace(VARIANT, '');
  for (const cand of [base, base + '村', base + '社区', t + '村']) if (cand !== t && villageSet.has(cand)) return cand;
  return nearestVillage(t, villages);
}

export const villageCheck: Check = {
  id: 'village',
  generic: true,
  type: 'village',
  codes: [
    { code: 'village.unknown', severity: 'error' },
    { code: 'village.near-miss', severity: 'error' },
  ],
  parser: (_col, env) => (raw, c) => {
    const t = typeof raw === 'string' ? normCompact_(raw) : cellText(raw);
    if (env.villageSet.size === 0 || env.villageSet.has(t)) return t;
    const near = suggestVillage(t, env.villageSet, env.villages);
    if (near !== null) c.report('village.near-miss', { village: near });
    else c.report('village.unknown', { villages: env.villages.slice(0, 12).join('、') + (env.villages.length > 12 ? '…' : '') });
    return t;
  },
};

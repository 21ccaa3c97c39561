/** 优抚对象: 退伍时间 after 入伍时间; neither later than the reporting year's end (or today, if
 *  earlier). Month precision compares months. */
import { compareKeys, dateKey, isAfterKey } from './util';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const dateKey_ = dateKey;
const isAfterKey_ = isAfterKey;
const compareKeys_ = compareKeys;

export const servicePeriodCheck: Check = {
  id: 'service-period',
  codes: [
    { code: 'service.order', severity: 'error' },
    { code: 'service.future', severity: 'error' },
  ],
  compileRow(_schema, _has, index) {
    const kA = index('入伍时间');
    const kB = index('退伍时间');
    if (kA < 0 && kB < 0) return null;
    return (r) => {
      const a = r.okAt(kA) ? (r.valAt(kA) as string) : null;
      const b = r.okAt(kB) ? (r.valAt(kB) as string) : null;
      const limit = r.env.latestBirth;
      // Each date's yyyymmdd key is computed once.
      const ka = a !== null ? dateKey_(a) : 0;
      const kb = b !== null ? dateKey_(b) : 0;
      if (a !== null && isAfterKey_(ka, a.length === 7, limit)) r.report('service.future', '入伍时间', { date: a });
      if (b !== null && isAfterKey_(kb, b.length === 7, limit)) r.report('service.future', '退伍时间', { date: b });
      if (a !== null && b !== null && compareKeys_(kb, b.length === 10, ka, a.length === 10) <= 0) {
        r.report('service.order', '退伍时间', { enlist: a, discharge: b });
      }
    };
  },
};

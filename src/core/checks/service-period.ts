/** 优抚对象: 退伍时间 after 入伍时间; neither later than the reporting year's end (or today, if
 *  earlier). Month precision compares months. */
import { compareIso, isAfter } from './util';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const isAfter_ = isAfter;
const compareIso_ = compareIso;

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
      if (a !== null && isAfter_(a, limit)) r.report('service.future', '入伍时间', { date: a });
      if (b !== null && isAfter_(b, limit)) r.report('service.future', '退伍时间', { date: b });
      if (a !== null && b !== null && compareIso_(b, a) <= 0) r.report('service.order', '退伍时间', { enlist: a, discharge: b });
    };
  },
};

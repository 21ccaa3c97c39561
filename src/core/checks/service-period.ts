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
  row(r) {
    const a = r.has('入伍时间') && r.ok('入伍时间') ? (r.v['入伍时间'] as string) : null;
    const b = r.has('退伍时间') && r.ok('退伍时间') ? (r.v['退伍时间'] as string) : null;
    const limit = r.env.latestBirth;
    if (a !== null && isAfter_(a, limit)) r.report('service.future', '入伍时间', { date: a });
    if (b !== null && isAfter_(b, limit)) r.report('service.future', '退伍时间', { date: b });
    if (a !== null && b !== null && compareIso_(b, a) <= 0) r.report('service.order', '退伍时间', { enlist: a, discharge: b });
  },
};

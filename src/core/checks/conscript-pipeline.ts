/** 兵役登记: the enlistment pipeline is monotonic: 批准入伍 ⇒ 政考合格 ⇒ 体检合格 ⇒ 应征报名 ⇒ 已登记.
 *  A later stage without the earlier one is an error (reported once, at the first broken link). A
 *  体检/政考 result of 不合格 also means the earlier stage took place. */
import type { Check, RowCtx } from './types';

function stage(r: RowCtx): { reached: number; field: string } {
  // Highest stage the row claims, 1..5.
  if (r.get('是否批准入伍') === true) return { reached: 5, field: '是否批准入伍' };
  const pol = r.get('政考结果');
  if (pol === '合格' || pol === '不合格') return { reached: 4, field: '政考结果' };
  const med = r.get('体检结果');
  if (med === '合格' || med === '不合格') return { reached: 3, field: '体检结果' };
  if (r.get('是否应征报名') === true) return { reached: 2, field: '是否应征报名' };
  return { reached: 0, field: '' };
}

const PREREQ: Array<{ field: string; ok: (v: unknown) => boolean }> = [
  { field: '是否已登记', ok: (v) => v === true }, // needed by stage 2
  { field: '是否应征报名', ok: (v) => v === true }, // by stage 3
  { field: '体检结果', ok: (v) => v === '合格' }, // by stage 4
  { field: '政考结果', ok: (v) => v === '合格' }, // by stage 5
];

export const conscriptPipelineCheck: Check = {
  id: 'conscript-pipeline',
  codes: [{ code: 'conscript.pipeline', severity: 'error' }],
  row(r) {
    const s = stage(r);
    if (s.reached < 2) return;
    for (let k = s.reached - 2; k >= 0; k--) {
      const p = PREREQ[k];
      if (!r.has(p.field)) continue; // column not kept by this village: nothing to compare
      if (r.bad(p.field)) return; // its own error already
      if (!p.ok(r.get(p.field))) {
        r.report('conscript.pipeline', s.field, { stage: s.field, missing: p.field });
        return;
      }
    }
  },
};

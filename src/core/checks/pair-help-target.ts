/** 共建对子: 类型=帮扶 ⇒ 帮扶对象姓名 and 帮扶对象身份证号 required. */
import type { Check } from './types';

const FIELDS = ['帮扶对象姓名', '帮扶对象身份证号'];

export const pairHelpTargetCheck: Check = {
  id: 'pair-help-target',
  codes: [{ code: 'pair.help-target-required', severity: 'error' }],
  needs: ['类型'],
  row(r) {
    if (r.get('类型') !== '帮扶') return;
    for (const f of FIELDS) {
      if (!r.has(f) || r.get(f) === null) r.report('pair.help-target-required', r.has(f) ? f : '类型', { field: f });
    }
  },
};

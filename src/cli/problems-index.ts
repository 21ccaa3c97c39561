/** Lookups over a CheckResult shared by merge, marked copies and feedback. */
import type { CheckResult } from '../core/check-api';
import type { LedgerRecord, LedgerTable } from '../core/ledger';
import type { Problem } from '../core/problem';

export function rowKey(file: string | undefined, sheet: string | undefined, row: number | undefined): string {
  return `${file ?? ''}\u0000${sheet ?? ''}\u0000${row ?? ''}`;
}

/** Problems grouped by file, sheet and row. */
export function problemsByRow(result: CheckResult): Map<string, Problem[]> {
  const m = new Map<string, Problem[]>();
  for (const p of result.problems) {
    if (p.severity === 'info') continue;
    const k = rowKey(p.file, p.sheet, p.row);
    const a = m.get(k);
    if (a) a.push(p);
    else m.set(k, [p]);
  }
  return m;
}

/** Records by file, sheet and row. */
export function recordsByRow(tables: readonly LedgerTable[]): Map<string, { table: LedgerTable; record: LedgerRecord }> {
  const m = new Map<string, { table: LedgerTable; record: LedgerRecord }>();
  for (const t of tables) for (const r of t.records) m.set(rowKey(t.file, t.sheet, r.row), { table: t, record: r });
  return m;
}

/** The field holding a record's village, per ledger. */
export const VILLAGE_FIELD: Record<string, string> = {
  优抚对象: '所在村',
  兵役登记: '所在村',
  双拥活动: '所在村/单位',
  共建对子: '地方单位',
  安置: '所在村',
};

/** The field naming a row for a person reading the feedback. */
export const NAME_FIELD: Record<string, string> = {
  优抚对象: '姓名',
  兵役登记: '姓名',
  双拥活动: '活动名称',
  共建对子: '对子编号',
  安置: '姓名',
};

export function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

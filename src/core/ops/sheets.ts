/**
 * The sheets the product writes into a workbook: never read back as ledgers, on any host.
 */
import { REPORT_SHEET } from '../layout/report';
import { MERGED_PREFIX } from './import';

export { REPORT_SHEET, MERGED_PREFIX };
/** The sheet a host keeps its record of marks and fixes in (very hidden in Excel). */
export const STATE_SHEET = '_双拥助手记录';
/** Prefix of the 年度比对 / 名单比对 result sheets. */
export const COMPARE_PREFIX = '比对_';
/** Names of the standard form sheets (written by 统计汇总). */
export const FORM_SHEETS = ['兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表', '双拥工作年度汇总', '年度汇总'];

/** Whether a sheet is one the product wrote (or one of `extra`). */
export function isOwnSheet(name: string, extra: readonly string[] = []): boolean {
  return (
    name === REPORT_SHEET ||
    name === STATE_SHEET ||
    name.startsWith(MERGED_PREFIX) ||
    name.startsWith(COMPARE_PREFIX) ||
    FORM_SHEETS.includes(name) ||
    extra.includes(name)
  );
}

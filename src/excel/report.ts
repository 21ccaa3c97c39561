/**
 * The 校验结果 sheet: one row per problem (文件/村, 表, 行, 列, 问题, 当前值, 建议值, 级别, 怎么改, 代码)
 * in an Excel table with filters, each row's 问题 hyperlinked to its cell. Replaced, not
 * duplicated, on each run. The layout is the core's (src/core/layout/report.ts), written by the
 * check pipeline (src/core/ops/check.ts) through the port's writeSheets.
 */
export { REPORT_HEADERS, REPORT_HEADER_ROW, REPORT_TABLE_NAME, formatFix } from '../core/layout/report';

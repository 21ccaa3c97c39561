/**
 * `ledger merge`: one consolidated workbook, streamed with exceljs's WorkbookWriter.
 *
 * - first sheet 合并说明: what came from where (file, sheet, ledger, data rows, rows with errors);
 * - one sheet per ledger, columns in the standard order of the schema whatever order or aliases
 *   the villages used, values normalised by the core (canonical terms, dates as dates);
 * - 序号 renumbered 1…n; three source columns 来源 (file), 来源工作表, 来源行 (original Excel row);
 * - rows with an error kept, filled red, with the errors in a 校验 column.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { clampCell, clampText } from '../core/cells/clamp';
import { maskId, renderMessage } from '../core';
import type { CheckResult } from '../core/check-api';
import { LEDGER_IDS, type FieldValue, type LedgerId, type LedgerTable } from '../core/ledger';
import { LEDGER_SCHEMAS } from '../core/schema';
import type { Settings } from '../core/settings';
import { FILL } from '../core/layout/palette';
import { solidFill } from './layout-xlsx';
import { problemsByRow, rowKey } from './problems-index';
import { maskIdsInText } from './mask';
import type { Loaded } from './session';

export const MERGE_SUMMARY_SHEET = '合并说明';
export const SOURCE_COLUMNS = ['来源', '来源工作表', '来源行', '校验'] as const;

const ERROR_FILL: ExcelJS.Fill = solidFill(FILL.error);
const HEADER_FILL: ExcelJS.Fill = solidFill(FILL.header);
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface MergeStats {
  sheets: Array<{ ledger: LedgerId; rows: number; files: number; errorRows: number }>;
}

function cellValue(v: FieldValue | undefined, type: string): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' && (type === 'date' || type === 'month-date')) {
    const m = ISO_DAY.exec(v);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  return v;
}

export async function writeMerged(result: CheckResult, settings: Settings, out: string, loaded: Pick<Loaded, 'failures' | 'skipped'>): Promise<MergeStats> {
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const byRow = problemsByRow(result);
  const byLedger = new Map<LedgerId, LedgerTable[]>();
  for (const t of result.tables) {
    const a = byLedger.get(t.ledger);
    if (a) a.push(t);
    else byLedger.set(t.ledger, [t]);
  }
  const errorsOf = (t: LedgerTable, row: number): string[] =>
    (byRow.get(rowKey(t.file, t.sheet, row)) ?? []).filter((p) => p.severity === 'error').map((p) => renderMessage(p, settings.locale));

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: abs, useStyles: true, useSharedStrings: false });
  wb.creator = '双拥台账助手';
  const stats: MergeStats = { sheets: [] };

  // 合并说明 first.
  const sum = wb.addWorksheet(MERGE_SUMMARY_SHEET);
  sum.columns = [
    { header: '文件', width: 28 },
    { header: '工作表', width: 16 },
    { header: '台账', width: 12 },
    { header: '数据行', width: 10 },
    { header: '有错误的行', width: 12 },
    { header: '并入工作表', width: 12 },
  ];
  sum.getRow(1).font = { bold: true };
  for (const t of result.tables) {
    const errRows = t.records.filter((r) => r.hasError || errorsOf(t, r.row).length > 0).length;
    sum.addRow([t.file, t.sheet, t.ledger, t.records.length, errRows, t.ledger]).commit();
  }
  for (const f of loaded.failures) sum.addRow([f.file, '—', '—', 0, 0, `未并入：${f.message}`]).commit();
  for (const s of loaded.skipped) sum.addRow([s.display, '—', '—', 0, 0, `未并入：${s.reason}`]).commit();
  sum.addRow([]).commit();
  sum.addRow([`合并时间：${new Date().toISOString().slice(0, 10)}；有错误的行已保留并标红，错误内容见各表“校验”列。`]).commit();
  sum.commit();

  for (const ledger of LEDGER_IDS) {
    const tables = byLedger.get(ledger);
    if (!tables || tables.length === 0) continue;
    const schema = LEDGER_SCHEMAS.find((s) => s.id === ledger);
    if (!schema) continue;
    // The standard columns, then the columns a configuration added (列名, ledgers.md §8: carried
    // through merge), in the order the files first have them.
    const added = [...new Set(tables.flatMap((t) => t.columns.map((c) => c.field)))].filter((f) => !schema.columns.some((c) => c.field === f));
    const columns: Array<{ field: string; type: string }> = [...schema.columns, ...added.map((field) => ({ field, type: 'text' }))];
    const fields = columns.map((c) => c.field);
    const types = columns.map((c) => c.type);
    const ws = wb.addWorksheet(ledger, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      ...columns.map((c) => ({
        header: c.field,
        width: c.type === 'id' ? 22 : c.type === 'date' || c.type === 'month-date' ? 12 : Math.max(8, c.field.length * 2 + 2),
      })),
      { header: '来源', width: 24 },
      { header: '来源工作表', width: 14 },
      { header: '来源行', width: 8 },
      { header: '校验', width: 50 },
    ];
    // One shared style object per column (and per column for error rows): exceljs caches a style
    // by object identity, while per-cell copies cost a full style lookup each.
    const fmtOf = (t: string | undefined): string | undefined =>
      t === 'date' || t === 'month-date' ? 'yyyy-mm-dd' : t === 'id' ? '@' : undefined;
    const width = fields.length + SOURCE_COLUMNS.length;
    const plain: Array<Partial<ExcelJS.Style>> = [];
    const flagged: Array<Partial<ExcelJS.Style>> = [];
    for (let c = 0; c < width; c++) {
      const numFmt = fmtOf(types[c]);
      plain.push(numFmt ? { numFmt } : {});
      flagged.push(numFmt ? { numFmt, fill: ERROR_FILL } : { fill: ERROR_FILL });
    }
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.eachCell((c) => (c.fill = HEADER_FILL));
    head.commit();
    let n = 0;
    let errorRows = 0;
    for (const t of tables) {
      for (const rec of t.records) {
        n++;
        const values: ExcelJS.CellValue[] = fields.map((f, i) => {
          if (f === '序号') return n;
          const v = cellValue(rec.v[f], types[i]);
          return settings.maskIds && types[i] === 'id' && typeof v === 'string' && v !== '' ? maskId(v) : v;
        });
        let errs = errorsOf(t, rec.row);
        if (settings.maskIds) errs = errs.map((e) => maskIdsInText(e, undefined));
        const bad = rec.hasError || errs.length > 0;
        values.push(t.file, t.sheet, rec.row, clampText(bad ? `有错误：${errs.join('；') || '见校验报告'}` : ''));
        for (let c = 0; c < values.length; c++) values[c] = clampCell(values[c]);
        const row = ws.addRow(values);
        if (bad) errorRows++;
        const styles = bad ? flagged : plain;
        for (let c = 0; c < values.length; c++) {
          if (bad || values[c] !== null) row.getCell(c + 1).style = styles[c];
        }
        row.commit();
      }
    }
    ws.commit();
    stats.sheets.push({ ledger, rows: n, files: new Set(tables.map((t) => t.file)).size, errorRows });
  }
  await wb.commit();
  return stats;
}

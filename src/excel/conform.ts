/**
 * 规范本表: bring the prevention of the blank template to the ledgers villages already keep.
 * On every recognised ledger sheet, from the row below the header to the last used row + 500:
 * - a dropdown (Data Validation list) on every vocabulary column (configured terms included, from
 *   the schemas passed in), on 是/否 columns and, when the settings hold a village list, on 所在村;
 * - an input message on every column, from the rule (身份证号: 18位身份证号，按文本录入…);
 * - text format `@` on ID and phone columns: values already typed are not touched (a lossy
 *   number stays a number and keeps its problem), what is typed from now on stays text;
 * - the date format `yyyy-mm-dd` on date columns, on cells whose format is General (a village's
 *   own date format is kept).
 * A column whose cells already carry a validation or an input message of their own keeps it (and
 * gets no dropdown); a column already done by an earlier 规范本表 is left alone.
 *
 * Reversible like marks: every column changed is recorded in the record sheet (`conform`: the range,
 * whether we added its validation, its previous number formats run-length encoded), and
 * 清除标记 (`clearConform`) clears our validation and writes the previous formats back exactly.
 * Protected sheets are skipped and listed. Syncs: the read (see read.ts) + 1 (the record) +
 * 1 (the columns' validation and formats) + 1 (writes and the record).
 */
import { blankWorkbook, type BlankColumn } from '../core/blank';
import type { LedgerId } from '../core/ledger';
import { compileHeaderIndex, recognizeSheet } from '../core/recognize/header';
import { LEDGER_SCHEMAS } from '../core/schema/override';
import type { ColumnSchema, LedgerSchema } from '../core/schema/types';
import type { Settings } from '../core/settings';
import { colLetters, protectedError } from './common';
import { readWorkbook } from './read';
import { loadState, queueStateWrite, type ConformColumn } from './state';

/** Rows below the last used row that get the dropdowns and formats too (room for new entries). */
export const CONFORM_EXTRA_ROWS = 500;
const DATE_FORMAT = 'yyyy-mm-dd';

export interface ConformOptions {
  /** Ledger schemas with the configured terms (default: the built-in ones). */
  schemas?: readonly LedgerSchema[];
  /** Only these sheets (default: every recognised ledger sheet). */
  sheets?: string[];
}

export interface ConformReport {
  /** Ledger sheets changed. */
  sheets: string[];
  /** Columns changed in all. */
  columns: number;
  /** Columns left as they were, with the reason (their own validation; done before). */
  skipped: Array<{ sheet: string; field: string; reason: 'own-validation' | 'done' }>;
  /** Protected ledger sheets, not changed. */
  protectedSheets: string[];
  syncs: number;
}

interface Plan {
  sheet: string;
  field: string;
  range: string;
  rows: number;
  list?: string[];
  prompt: string;
  format?: '@' | 'date';
}

/** What 规范本表 does to one column of a ledger (pure: used by the tests and the docs). */
export function columnPlan(c: ColumnSchema, blank: BlankColumn | undefined, villages: readonly string[]): Pick<Plan, 'list' | 'prompt' | 'format'> {
  const out: Pick<Plan, 'list' | 'prompt' | 'format'> = { prompt: (blank?.hint ?? c.field).slice(0, 255) };
  if (c.type === 'vocab' && c.vocab) out.list = c.vocab.terms.map((t) => t.term);
  else if (c.type === 'yesno') out.list = ['是', '否'];
  else if (c.type === 'village' && villages.length) out.list = [...villages];
  if (out.list && out.list.join(',').length > 255) delete out.list; // Excel's limit for an inline list
  if (c.type === 'id' || c.type === 'phone') out.format = '@';
  else if (c.type === 'date') out.format = 'date';
  return out;
}

function rle(formats: unknown[][]): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const row of formats) {
    const f = String(row[0] ?? 'General');
    const last = out[out.length - 1];
    if (last && last[0] === f) last[1]++;
    else out.push([f, 1]);
  }
  return out;
}

function unrle(runs: Array<[string, number]>): string[][] {
  const out: string[][] = [];
  for (const [f, n] of runs) for (let i = 0; i < n; i++) out.push([f]);
  return out;
}

/** 规范本表 on the open workbook's ledger sheets. */
export async function conformSheets(ctx: Excel.RequestContext, settings: Settings, opts: ConformOptions = {}): Promise<ConformReport> {
  const schemas = opts.schemas ?? LEDGER_SCHEMAS;
  const read = await readWorkbook(ctx, { scope: 'workbook', sheets: opts.sheets });
  let syncs = read.syncs;
  const index = compileHeaderIndex(schemas);
  const blank = blankWorkbook({ year: settings.year, schemas });
  const blankCols = new Map<LedgerId, Map<string, BlankColumn>>(blank.sheets.map((s) => [s.ledger, new Map(s.columns.map((c) => [c.field, c]))]));

  const plans: Plan[] = [];
  for (const sheet of read.data.sheets) {
    if (sheet.hidden) continue;
    const rec = recognizeSheet(sheet, index);
    if (!rec) continue;
    const first = sheet.rows[rec.rowIndex].r + 1;
    const used = read.used[sheet.name];
    const lastUsed = used ? used.rowIndex + used.rowCount : first - 1;
    const last = Math.max(lastUsed, first - 1) + CONFORM_EXTRA_ROWS;
    for (const h of rec.columns) {
      const c = rec.schema.columns.find((x) => x.field === h.field);
      if (!c) continue;
      const p = columnPlan(c, blankCols.get(rec.schema.id)?.get(h.field), settings.villages);
      const col = colLetters(h.col - 1);
      plans.push({ sheet: sheet.name, field: h.field, range: `${col}${first}:${col}${last}`, rows: last - first + 1, ...p });
    }
  }
  const report: ConformReport = { sheets: [], columns: 0, skipped: [], protectedSheets: [], syncs };
  if (!plans.length) return report;

  // The record (what an earlier 规范本表 did) and each sheet's protection and id.
  const sheetNames = [...new Set(plans.map((p) => p.sheet))];
  const wss = new Map<string, Excel.Worksheet>();
  const loaded = await loadState(ctx, () => {
    for (const n of sheetNames) {
      const ws = ctx.workbook.worksheets.getItem(n);
      ws.load('name,id,protection/protected');
      wss.set(n, ws);
    }
  });
  syncs += loaded.syncs;
  const state = loaded.state;
  const done = new Set((state.conform ?? []).map((c) => `${c.sheetId ?? c.sheet}\u0000${c.field}`));
  report.protectedSheets = sheetNames.filter((n) => wss.get(n)!.protection.protected);
  const todo = plans.filter((p) => {
    if (report.protectedSheets.includes(p.sheet)) return false;
    if (done.has(`${wss.get(p.sheet)!.id}\u0000${p.field}`) || done.has(`${p.sheet}\u0000${p.field}`)) {
      report.skipped.push({ sheet: p.sheet, field: p.field, reason: 'done' });
      return false;
    }
    return true;
  });
  if (!todo.length) return { ...report, syncs };

  // Sync: the columns' current validation, input message and number formats.
  const looks = todo.map((p) => {
    const range = ctx.workbook.worksheets.getItem(p.sheet).getRange(p.range);
    const dv = range.dataValidation;
    dv.load('type,rule,prompt');
    if (p.format) range.load('numberFormat');
    return { p, range, dv };
  });
  await ctx.sync();
  syncs++;

  // Sync: the changes and the record, together.
  const added: ConformColumn[] = [];
  for (const { p, range, dv } of looks) {
    // `type` is None, or Inconsistent / MixedCriteria over cells that differ (DataValidationType).
    const typed = typeof dv.type === 'string' ? dv.type !== 'None' : !!dv.rule && Object.keys(dv.rule).length > 0;
    const own = typed || !!(dv.prompt && (dv.prompt.showPrompt || dv.prompt.message || dv.prompt.title));
    const entry: ConformColumn = { sheet: p.sheet, sheetId: wss.get(p.sheet)!.id, field: p.field, range: p.range, validation: false };
    if (own) report.skipped.push({ sheet: p.sheet, field: p.field, reason: 'own-validation' });
    else {
      if (p.list) {
        range.dataValidation.rule = { list: { inCellDropDown: true, source: p.list.join(',') } };
        range.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: p.field.slice(0, 32), message: `请从下拉列表中选择：${p.list.join('、')}`.slice(0, 225) };
      }
      range.dataValidation.prompt = { showPrompt: true, title: p.field.slice(0, 32), message: p.prompt };
      entry.validation = true;
    }
    if (p.format) {
      const prev = range.numberFormat as unknown[][];
      const next = prev.map((row) => {
        const f = String(row[0] ?? 'General');
        if (p.format === '@') return ['@'];
        return [f === 'General' ? DATE_FORMAT : f];
      });
      if (next.some((row, i) => row[0] !== String(prev[i][0] ?? 'General'))) {
        entry.formats = rle(prev);
        range.numberFormat = next;
      }
    }
    if (entry.validation || entry.formats) added.push(entry);
  }
  if (added.length) {
    state.conform = [...(state.conform ?? []), ...added];
    queueStateWrite(ctx, state, loaded.existed);
    await ctx.sync();
    syncs++;
  }
  report.sheets = [...new Set(added.map((a) => a.sheet))];
  report.columns = added.length;
  report.syncs = syncs;
  return report;
}

/**
 * Undo every 规范本表 (part of 清除标记): our validation cleared, previous number formats written back.
 * Sheets are found by id first (renamed since). A protected sheet: a clear message, nothing
 * written. Returns the number of columns restored.
 */
export async function clearConform(ctx: Excel.RequestContext): Promise<{ restored: number; syncs: number }> {
  const loaded = await loadState(ctx);
  let syncs = loaded.syncs;
  const cols = loaded.state.conform ?? [];
  if (!cols.length) return { restored: 0, syncs };
  const keys = [...new Set(cols.map((c) => c.sheetId ?? c.sheet))];
  const wss = new Map<string, Excel.Worksheet>();
  for (const k of keys) {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(k);
    ws.load('name,protection/protected');
    wss.set(k, ws);
  }
  await ctx.sync();
  syncs++;
  const locked = keys.filter((k) => !wss.get(k)!.isNullObject && wss.get(k)!.protection.protected).map((k) => wss.get(k)!.name);
  if (locked.length) throw protectedError(locked);
  let restored = 0;
  // Newest first, so that a column done twice (it cannot be: "done" is skipped) would still unwind.
  for (const c of [...cols].reverse()) {
    const ws = wss.get(c.sheetId ?? c.sheet)!;
    if (ws.isNullObject) continue; // the sheet was deleted: nothing to restore
    const range = ctx.workbook.worksheets.getItem(ws.name).getRange(c.range);
    if (c.validation) range.dataValidation.clear();
    if (c.formats) range.numberFormat = unrle(c.formats);
    restored++;
  }
  const next = { ...loaded.state };
  delete next.conform;
  queueStateWrite(ctx, next, loaded.existed);
  await ctx.sync();
  syncs++;
  return { restored, syncs };
}

/**
 * 年度比对 and 名单比对 in Excel: the in-workbook twins of `ledger diff` and `ledger reconcile`
 * (docs/compare.md). The picked files (last year's workbooks, the police list, the death list) are
 * inserted, read and taken out again — the workbook is left as it was — and this year's ledgers
 * are the open workbook's. The result sheets (prefix 比对_) list the same rows as the CLI's
 * workbooks; every row that is in this workbook links to its ledger row.
 */
import type { CheckOptions } from '../core/check-api';
import { checkWorkbooks } from '../core/check/check-workbooks';
import {
  diffYears, ledgerFingerprint, readReferenceList, reconcileDeceased, reconcileRoster, rosterTotal, ROSTER_LEDGERS, YOY_LEDGERS, yoyTally,
  type DeceasedResult, type RosterFigures, type RosterResult, type SavedComparison, type SourceRef, type YoyResult,
} from '../core/compare';
import type { LedgerTable } from '../core/ledger';
import type { WorkbookData } from '../core/model';
import { readAndCheck } from '../core/ops/check';
import { HostError } from '../core/ops/errors';
import type { Settings } from '../core/settings';
import { COMPARE_PREFIX, quoteSheetName, throwIfAborted } from './common';
import type { ImportFile, RunOptions } from './host';
import { booksAsInFiles, insertFiles } from './import';
import { officePort } from './port';
import { readWorkbook } from './read';

/** Workbook settings holding the police list's figures compared last (for 统计汇总's 兵役登记统计表
 *  and the list figures of templates, a `SavedComparison<RosterFigures>`) and the last 年度比对's
 *  counts (新增人数 …, a `SavedComparison<YoyTally>`): read by src/core/ops/summarize.ts. */
export { ROSTER_KEY, YOY_KEY } from '../core/ops/summarize';
import { ROSTER_KEY, YOY_KEY } from '../core/ops/summarize';

/** A cell of a result sheet: a value, or a link to a cell of this workbook. */
export type OutCell = string | number | null | { link: SourceRef; text: string };

export interface OutSheet {
  name: string;
  title: string;
  header: string[];
  rows: OutCell[][];
  /** 0-based columns holding ID numbers (written as text). */
  textCols?: number[];
}

const where = (r: SourceRef | undefined): string => (r ? `${r.file}「${r.sheet}」第${r.row}行` : '');

/** A link to a row of this workbook; `here` false (a picked file's row, e.g. last year's, which may
 *  bear the same file name): the place as text. */
function place(r: SourceRef | undefined, here: boolean): OutCell {
  if (!r) return '';
  return here ? { link: r, text: `${r.sheet} 第${r.row}行` } : where(r);
}

/** The 年度比对 sheets (same content as `ledger diff --out`). */
export function yoySheets(r: YoyResult): OutSheet[] {
  const by = (k: string) => r.changes.filter((c) => c.kind === k);
  const cat = (key?: string): string => (key && key.includes('|') ? key.slice(key.lastIndexOf('|') + 1) : '');
  const counts = new Map(r.counts.map((c) => [`${c.ledger}|${c.village}`, c]));
  const summary: OutCell[][] = r.extra.map((e) => {
    const c = counts.get(`${e.ledger}|${e.village}`);
    return [e.ledger, e.village, c?.added ?? 0, c?.removed ?? 0, e.unexplained, c?.changed ?? 0, e.notVerified];
  });
  const person = ['序号', '台账', '村', '姓名/对子', '身份证号/编号', '类别'];
  return [
    { name: `${COMPARE_PREFIX}变更汇总`, title: `年度比对变更汇总（${r.year - 1}年 → ${r.year}年）`, header: ['台账', '村', '新增', '减少', '其中未说明减少', '变更', '未核验'], rows: summary },
    {
      name: `${COMPARE_PREFIX}新增`, title: '新增（今年有、去年没有）', header: [...person, '今年位置'], textCols: [4],
      rows: by('added').map((c, i) => [i + 1, c.ledger, c.village, c.name, c.id, cat(c.key), place(c.this, true)]),
    },
    {
      name: `${COMPARE_PREFIX}减少`, title: '减少（去年有、今年没有）', header: [...person, '未说明减少', '去年位置'], textCols: [4],
      rows: by('removed').map((c, i) => [i + 1, c.ledger, c.village, c.name, c.id, cat(c.key), c.unexplained ? '是' : '否', place(c.last, false)]),
    },
    {
      name: `${COMPARE_PREFIX}变更`, title: '变更（去年 → 今年）', header: [...person, '变更内容', '去年位置', '今年位置'], textCols: [4],
      rows: by('changed').map((c, i) => [i + 1, c.ledger, c.village, c.name, c.id, cat(c.key), (c.fields ?? []).map((f) => `${f.column}：${f.before || '（空）'} → ${f.after || '（空）'}`).join('；'), place(c.last, false), place(c.this, true)]),
    },
    {
      name: `${COMPARE_PREFIX}未核验`, title: `兵役登记未核验人员（${r.year}年）`, header: ['序号', '村（去年）', '姓名', '身份证号', '去年位置'], textCols: [3],
      rows: by('not-verified').map((c, i) => [i + 1, c.village, c.name, c.id, place(c.last, false)]),
    },
  ];
}

/** The 名单比对 sheets (same content as `ledger reconcile --out`). */
export function listSheets(year: number, roster: RosterResult | null, deceased: DeceasedResult | null): OutSheet[] {
  const out: OutSheet[] = [];
  if (roster) {
    const t = rosterTotal(roster);
    const line = (v: typeof t): OutCell[] => [v.village, v.listed, v.registered, v.unregistered, v.outsideList, v.villageMismatch, v.rate === null ? '—' : v.rate];
    out.push({ name: `${COMPARE_PREFIX}名单汇总`, title: `名单比对汇总（${year}年，${roster.file}）`, header: ['村', '名单人数', '已登记', '未登记', '名单外', '村不一致', '登记率'], rows: [...roster.villages.map(line), line(t)] });
    const villages = [...new Set(roster.people.filter((p) => p.kind === 'unregistered').map((p) => p.village))];
    for (const v of villages)
      out.push({
        name: `${COMPARE_PREFIX}未登记_${v}`.slice(0, 31), title: `${v}适龄男青年未登记名单（${year}年）`, header: ['序号', '姓名', '身份证号', '名单位置', '联系情况（村里填写）'], textCols: [2],
        rows: roster.people.filter((p) => p.kind === 'unregistered' && p.village === v).map((p, i) => [i + 1, p.name, p.id, where(p.list), '']),
      });
    out.push({
      name: `${COMPARE_PREFIX}名单外与村不一致`, title: '名单外、村不一致', header: ['序号', '问题', '姓名', '身份证号', '名单上的村', '名册中的村', '台账位置'], textCols: [3],
      rows: roster.people.filter((p) => p.kind !== 'unregistered').map((p, i) => [i + 1, p.kind === 'outside-list' ? '名单外' : '村不一致', p.name, p.id, p.kind === 'outside-list' ? '' : p.village, p.ledgerVillage ?? p.village, place(p.ledger, true)]),
    });
  }
  if (deceased) {
    const zh = { 'deceased-active': '死亡后仍在册', 'paid-after-death': '已注销但死亡后仍发放', 'name-mismatch': '姓名不一致' } as const;
    out.push({
      name: `${COMPARE_PREFIX}死亡人员`, title: `死亡人员名单比对（${year}年，${deceased.file}）`, header: ['序号', '问题', '村', '姓名', '身份证号', '死亡日期', '死亡后仍发放', '台账位置'], textCols: [4, 5],
      rows: deceased.people.map((p, i) => [i + 1, p.kind === 'name-mismatch' ? `${zh[p.kind]}（名单：${p.listName}）` : zh[p.kind], p.village, p.name, p.id, p.deathDate ?? '不详', p.paidAfterDeath ? '是' : '否', place(p.ledger, true)]),
    });
  }
  return out;
}

/** Writes the sheets (replacing earlier ones of the same name): title, header, rows; links to the ledger rows. */
export async function writeOutSheets(ctx: Excel.RequestContext, sheets: OutSheet[]): Promise<string[]> {
  const ws = ctx.workbook.worksheets;
  const old = sheets.map((s) => ws.getItemOrNullObject(s.name));
  await ctx.sync();
  old.forEach((o) => {
    if (!o.isNullObject) o.delete();
  });
  for (const s of sheets) {
    const sh = ws.add(s.name);
    const n = s.header.length;
    const body: Array<Array<string | number>> = [[s.title, ...new Array(n - 1).fill('')], s.header, ...s.rows.map((r) => r.map((c) => cellFormula(c)))];
    for (const c of s.textCols ?? []) sh.getRangeByIndexes(2, c, Math.max(1, s.rows.length), 1).numberFormat = [['@']];
    sh.getRangeByIndexes(0, 0, body.length, n).values = body;
    // Links to the ledger row (Range.hyperlink, ExcelApi 1.7): one call per linked cell.
    s.rows.forEach((r, i) =>
      r.forEach((c, j) => {
        if (c !== null && typeof c === 'object')
          sh.getRangeByIndexes(i + 2, j, 1, 1).hyperlink = { documentReference: `${quoteSheetName(c.link.sheet)}!A${c.link.row}`, textToDisplay: c.text, screenTip: `转到 ${c.link.sheet} 第${c.link.row}行` };
      }),
    );
    sh.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
    sh.getRangeByIndexes(1, 0, 1, n).format.font.bold = true;
    sh.freezePanes.freezeRows(2);
  }
  await ctx.sync();
  return sheets.map((s) => s.name);
}

function cellFormula(c: OutCell): string | number {
  if (c === null) return '';
  if (typeof c === 'object') return c.text;
  // A text that Excel would take for a formula or number stays text (IDs are formatted '@').
  return typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c;
}

/** Inserts picked files, reads them and takes them out again; the workbook is left as it was. */
async function readPicked(ctx: Excel.RequestContext, files: ImportFile[], opts: RunOptions, locale: Settings['locale']): Promise<WorkbookData[]> {
  const added: string[] = [];
  try {
    // The file that could not be inserted is named in the pane's language (as import names it).
    const inserted = await insertFiles(ctx, files, opts.signal, (n) => added.push(...n), undefined, locale);
    const bad = inserted.find((f) => f.error);
    if (bad) throw new HostError('invalid', `${bad.name}${locale === 'en-US' ? ': ' : '：'}${bad.error}`);
    const names = inserted.flatMap((f) => f.sheets);
    if (!names.length) return [];
    const read = await readWorkbook(ctx, { scope: 'workbook', sheets: names, signal: opts.signal, includeOwn: true });
    // An inserted sheet is renamed (“红旗村·优抚对象”, or Excel's “优抚对象 (2)”): report the file's own name.
    return booksAsInFiles(inserted, read.data.sheets);
  } finally {
    for (const n of added) {
      const w = ctx.workbook.worksheets.getItem(n);
      w.visibility = 'Visible';
      w.delete();
    }
    if (added.length) await ctx.sync();
  }
}

/** This year's ledgers, read and checked as 检查 and 统计汇总 read them (the workbook's 设置 and
 *  configuration sheets laid over the pane's settings), so that the fingerprint saved with the
 *  figures matches the one 统计汇总 computes while nothing changed. */
async function thisYear(ctx: Excel.RequestContext, settings: Settings, opts: RunOptions): Promise<{ tables: LedgerTable[]; settings: Settings; checkOptions: CheckOptions }> {
  const { result, checkOptions } = await readAndCheck(officePort(ctx), settings, opts);
  // The workbook's 词表/列名/规则, for last year's ledgers too (the CLI's diff reads both years so).
  return { tables: result.tables, settings: result.settings, checkOptions };
}

function save<T>(ctx: Excel.RequestContext, key: string, year: number, tables: LedgerTable[], ledgers: readonly LedgerTable['ledger'][], figures: T): void {
  const record: SavedComparison<T> = { year, fingerprint: ledgerFingerprint(tables, ledgers), at: new Date().toISOString(), figures };
  ctx.workbook.settings.add(key, JSON.parse(JSON.stringify(record)));
}

export interface CompareSummary {
  sheets: string[];
  /** Counts shown in the pane. */
  figures: Record<string, number>;
}

/** 年度比对: last year's picked workbooks against the open workbook. */
export async function compareYears(ctx: Excel.RequestContext, last: ImportFile[], settings: Settings, opts: RunOptions = {}): Promise<CompareSummary> {
  const { tables, settings: used, checkOptions } = await thisYear(ctx, settings, opts);
  const books = await readPicked(ctx, last, opts, settings.locale);
  throwIfAborted(opts.signal);
  // Read with the workbook's 列名 and 词表 as this year's are: the same headers mean the same columns.
  const lastTables = checkWorkbooks(books, { ...used, year: used.year - 1 }, checkOptions).tables;
  const r = diffYears(lastTables, tables, { year: used.year, villages: used.villages });
  const sheets = await writeOutSheets(ctx, yoySheets(r));
  // Kept for 统计汇总 and templates (新增人数 …) while the year and this year's ledgers stay the same.
  save(ctx, YOY_KEY, used.year, tables, YOY_LEDGERS, yoyTally(r));
  await ctx.sync();
  const n = (k: string) => r.changes.filter((c) => c.kind === k).length;
  return { sheets, figures: { added: n('added'), removed: n('removed'), unexplained: r.changes.filter((c) => c.unexplained).length, changed: n('changed'), notVerified: n('not-verified') } };
}

/** 名单比对: the picked police list and/or death list against the open workbook. */
export async function compareLists(ctx: Excel.RequestContext, lists: { roster?: ImportFile; deceased?: ImportFile }, settings: Settings, opts: RunOptions = {}): Promise<CompareSummary & { roster: RosterResult | null }> {
  const { tables, settings: used } = await thisYear(ctx, settings, opts);
  const villages = used.villages.length ? used.villages : [...new Set(tables.flatMap((t) => t.records.map((r) => r.v['所在村']).filter((v): v is string => typeof v === 'string' && v !== '')))];
  let roster: RosterResult | null = null;
  let deceased: DeceasedResult | null = null;
  // A picked list with no sheet read (none inserted) has no such sheet either.
  const readList = async (f: ImportFile, deaths: boolean) => {
    const [b = { file: f.name, sheets: [] }] = await readPicked(ctx, [f], opts, settings.locale);
    const list = readReferenceList(b, { villages, deaths });
    if (list.sheets.length === 0)
      throw new HostError('invalid', settings.locale === 'en-US' ? `${b.file}: no sheet of the list has both a 姓名 and a 身份证号 column` : `${b.file}：名单中没有找到含“姓名”和“身份证号”列的工作表`);
    return list;
  };
  if (lists.roster) roster = reconcileRoster(await readList(lists.roster, false), tables, villages);
  if (lists.deceased) deceased = reconcileDeceased(await readList(lists.deceased, true), tables, used.year);
  const sheets = await writeOutSheets(ctx, listSheets(used.year, roster, deceased));
  // The 兵役登记统计表 of 统计汇总 counts against the police list compared last, while the year and
  // the 兵役登记 roster stay the same; a later police list replaces it.
  if (roster) {
    save<RosterFigures>(ctx, ROSTER_KEY, used.year, tables, ROSTER_LEDGERS, { file: roster.file, listed: roster.listed, villages: roster.villages });
    await ctx.sync();
  }
  const t = roster ? rosterTotal(roster) : null;
  return {
    sheets,
    roster,
    figures: {
      listed: t?.listed ?? 0,
      unregistered: t?.unregistered ?? 0,
      outsideList: t?.outsideList ?? 0,
      villageMismatch: t?.villageMismatch ?? 0,
      deceasedActive: deceased?.people.filter((p) => p.kind === 'deceased-active').length ?? 0,
      paidAfterDeath: deceased?.people.filter((p) => p.paidAfterDeath).length ?? 0,
    },
  };
}

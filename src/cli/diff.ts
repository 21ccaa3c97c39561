/**
 * `ledger diff --last … --this …` (cli.md "Year over year"): reads and checks both years' ledgers
 * (the checks normalise the values), diffs them (src/core/compare) and writes the JSON and the
 * 年度比对 workbook. Exit 0 when it ran (changes are not errors), 2 when it could not.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { maskId, renderMessage } from '../core';
import { diffYears, type YoyChange, type YoyResult } from '../core/compare';
import type { CheckResult } from '../core/check-api';
import type { LedgerTable } from '../core/ledger';
import type { WorkbookData } from '../core/model';
import type { Settings } from '../core/settings';
import { addListSheet, todayText, type Cell } from './compare-xlsx';
import { inputsConfig, loadCliConfig, type CliConfig, type InputsConfig } from './config';
import { writeWhole, writeWholeSync } from './write-errors';
import { assertNotInput, UsageError } from './inputs';
import { makeProgress, type ProgressSink } from './progress';
import { inputsFailed, loadInputs, reportInputProblems, resolveCliSettings, runChecks, type CommonOptions, type Io, type Loaded } from './session';
import * as fs from 'fs';

export interface DiffOptions extends CommonOptions {
  last?: string[];
  this?: string[];
  json?: string;
  out?: string;
}

export function showProgress(quiet: boolean | undefined): boolean {
  return !quiet && Boolean(process.stderr.isTTY) && !process.env.CI;
}

/** Names in reports: the path from the working folder (`2025/红旗村.xlsx`), so that the two years'
 *  files of the same name stay apart. */
export function displayFromCwd(l: Loaded): WorkbookData[] {
  return l.books.map((b) => {
    const rel = path.relative(process.cwd(), b.input.path).split(path.sep).join('/');
    const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : b.data.file;
    return file === b.data.file ? b.data : { ...b.data, file };
  });
}

export function writeJson(out: string, data: unknown, inputs: string[]): string {
  assertNotInput(out, inputs);
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  writeWholeSync(abs, JSON.stringify(data, null, 2) + '\n');
  return abs;
}

/** The JSON of cli.md: year, changes, counts (IDs masked on request). */
export function diffJson(r: YoyResult, mask: boolean): { year: number; changes: YoyChange[]; counts: YoyResult['counts'] } {
  const changes = mask
    ? r.changes.map((c) => {
        const m = maskId(c.id);
        const out: YoyChange = { ...c, id: c.ledger === '共建对子' ? c.id : m };
        if (c.key !== undefined && c.ledger !== '共建对子') out.key = c.key.replace(c.id, m);
        if (c.fields) out.fields = c.fields.map((f) => (f.column.endsWith('身份证号') ? { ...f, before: maskId(f.before), after: maskId(f.after) } : f));
        return out;
      })
    : r.changes;
  return { year: r.year, changes, counts: r.counts };
}


function category(c: YoyChange): string {
  const k = c.key ?? '';
  const i = k.lastIndexOf('|');
  return i >= 0 ? k.slice(i + 1) : '';
}

/** The 年度比对 workbook: 变更汇总, then 新增, 减少, 变更, 未核验. */
export async function writeDiffWorkbook(r: YoyResult, out: string, o: { mask: boolean; lastYear: number; date?: Date }): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双拥台账助手';
  const taken = new Set<string>();
  const id = (c: YoyChange): string => (o.mask && c.ledger !== '共建对子' ? maskId(c.id) : c.id);
  const span = `${o.lastYear}年 → ${r.year}年`;
  const made = `制表日期：${todayText(o.date)}`;

  // 变更汇总
  const sumRows: Cell[][] = [];
  const tot = [0, 0, 0, 0, 0];
  for (const e of r.extra.length ? mergeCounts(r) : []) {
    sumRows.push([e.ledger, e.village, e.added, e.removed, e.unexplained, e.changed, e.notVerified]);
    tot[0] += e.added;
    tot[1] += e.removed;
    tot[2] += e.unexplained;
    tot[3] += e.changed;
    tot[4] += e.notVerified;
  }
  addListSheet(wb, {
    name: '变更汇总',
    title: `年度比对变更汇总（${span}）`,
    subtitle: `按台账和村统计：新增、减少、变更按今年的村计（减少按去年的村）。${made}`,
    columns: [
      { header: '台账', width: 12 }, { header: '村', width: 14 }, { header: '新增', width: 9, format: 'int' }, { header: '减少', width: 9, format: 'int' },
      { header: '其中未说明减少', width: 14, format: 'int' }, { header: '变更', width: 9, format: 'int' }, { header: '未核验', width: 9, format: 'int' },
    ],
    rows: sumRows,
    total: ['合计', '', ...tot.slice(0, 2), tot[2], tot[3], tot[4]],
    notes: [
      '说明：两年的行按关键字配对——优抚对象按“身份证号+优抚类别”，安置按“身份证号+安置类型”，共建对子按“对子编号”；身份证号去掉空格、小写x改大写、15位升为18位后比较。',
      '逐列比较两年都有的列（序号、备注除外），比较前先规范化（同义词换成标准写法、日期按日期、金额按数字）；只调换列序或行序不算变更。',
      '新增的需有审批材料；减少的需有死亡、迁出等依据：去年在册、今年既没有该行也没有此人注销记录的，列为“未说明减少”。',
      '未核验：去年已进行兵役登记、今年年底未满25周岁，但今年兵役登记名册中没有核验或补登记录的人员。',
      ...r.notes,
    ],
  }, taken);

  const byKind = (k: YoyChange['kind']): YoyChange[] => r.changes.filter((c) => c.kind === k);
  const lastCols = [{ header: '去年文件', width: 20 }, { header: '去年工作表', width: 12 }, { header: '去年行号', width: 8, format: 'int' as const }];
  const thisCols = [{ header: '今年文件', width: 20 }, { header: '今年工作表', width: 12 }, { header: '今年行号', width: 8, format: 'int' as const }];
  const refCells = (x: YoyChange['last']): Cell[] => (x ? [x.file, x.sheet, x.row] : ['', '', null]);
  const person = [
    { header: '序号', width: 6, format: 'int' as const }, { header: '台账', width: 10 }, { header: '村', width: 12 },
    { header: '姓名/对子', width: 12 }, { header: '身份证号/编号', width: 21, format: 'text' as const }, { header: '类别', width: 16 },
  ];
  const personCells = (c: YoyChange, i: number): Cell[] => [i + 1, c.ledger, c.village, c.name, id(c), category(c)];

  const added = byKind('added');
  addListSheet(wb, {
    name: '新增', title: `新增（${span}）`, subtitle: `今年台账中有、去年没有的 ${added.length} 行：请核对审批材料。${made}`,
    columns: [...person, ...thisCols], rows: added.map((c, i) => [...personCells(c, i), ...refCells(c.this)]), empty: '无',
  }, taken);

  const removed = byKind('removed');
  const unexplainedMsg = renderMessage({ code: 'yoy.unexplained-removal', severity: 'warning', params: {} });
  addListSheet(wb, {
    name: '减少', title: `减少（${span}）`,
    subtitle: `去年台账中有、今年没有的 ${removed.length} 行，其中未说明减少 ${removed.filter((c) => c.unexplained).length} 行。${made}`,
    columns: [...person, { header: '未说明减少', width: 10 }, ...lastCols, { header: '说明', width: 36 }],
    rows: removed.map((c, i) => [...personCells(c, i), c.unexplained ? '是' : '否', ...refCells(c.last), c.unexplained ? unexplainedMsg : '去年已非在册，或今年有此人的注销/终止记录']),
    empty: '无',
  }, taken);

  const changed = byKind('changed');
  addListSheet(wb, {
    name: '变更', title: `变更（${span}）`, subtitle: `两年都有、内容不同的 ${changed.length} 行（“去年 → 今年”）。${made}`,
    columns: [...person, { header: '变更的列', width: 16 }, { header: '变更内容（去年 → 今年）', width: 40 }, ...lastCols, ...thisCols],
    rows: changed.map((c, i) => [
      ...personCells(c, i),
      (c.fields ?? []).map((f) => f.column).join('、'),
      (c.fields ?? []).map((f) => `${f.column}：${shown(f.before, f.column, o.mask)} → ${shown(f.after, f.column, o.mask)}`).join('\n'),
      ...refCells(c.last),
      ...refCells(c.this),
    ]),
    empty: '无',
  }, taken);

  const nv = byKind('not-verified');
  addListSheet(wb, {
    name: '未核验', title: `兵役登记未核验人员（${r.year}年）`,
    subtitle: `去年已登记、${r.year}年底未满25周岁、今年名册中没有核验或补登记录的 ${nv.length} 人。${made}`,
    columns: [
      { header: '序号', width: 6, format: 'int' }, { header: '村（去年）', width: 14 }, { header: '姓名', width: 12 }, { header: '身份证号', width: 21, format: 'text' },
      ...lastCols, { header: '核验情况（村里填写）', width: 28 },
    ],
    rows: nv.map((c, i) => [i + 1, c.village, c.name, id(c), ...refCells(c.last), '']),
    empty: r.notes.length > 0 ? r.notes.join(' ') : '无',
  }, taken);

  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await writeWhole(abs, () => wb.xlsx.writeFile(abs));
  return abs;
}

function shown(v: string, column: string, mask: boolean): string {
  if (v === '') return '（空）';
  return mask && column.endsWith('身份证号') ? maskId(v) : v;
}

/** counts and extra joined per ledger and village (兵役登记 rows carry only 未核验). */
function mergeCounts(r: YoyResult): Array<{ ledger: string; village: string; added: number; removed: number; changed: number; unexplained: number; notVerified: number }> {
  const c = new Map(r.counts.map((x) => [`${x.ledger}\u0001${x.village}`, x]));
  return r.extra.map((e) => {
    const k = c.get(`${e.ledger}\u0001${e.village}`);
    return { ledger: e.ledger, village: e.village, added: k?.added ?? 0, removed: k?.removed ?? 0, changed: k?.changed ?? 0, unexplained: e.unexplained, notVerified: e.notVerified };
  });
}

/** One side's workbooks, with the configuration their §8 sheets and `--config` give (as `check`
 *  reads them: the 设置 year and villages in each workbook's settings, 词表/列名/规则 for the run). */
async function loadSide(args: string[], io: Io, progress: ProgressSink, quiet: boolean, label: string, cfg?: CliConfig): Promise<{ loaded: Loaded; books: WorkbookData[]; own: InputsConfig }> {
  const loaded = await loadInputs(args, io, progress, quiet);
  reportInputProblems(loaded, io, quiet);
  if (loaded.books.length === 0) throw new UsageError(`${label}没有读到任何工作簿：${args.join(' ')}`);
  const own = inputsConfig(displayFromCwd(loaded), cfg);
  if (!quiet) for (const line of own.lines) io.err(line);
  return { loaded, books: own.books, own };
}

function tablesOf(r: CheckResult): LedgerTable[] {
  return r.tables;
}

export async function cmdDiff(o: DiffOptions, io: Io): Promise<number> {
  if (!o.last || o.last.length === 0 || !o.this || o.this.length === 0) throw new UsageError('diff 需要 --last（去年的台账）和 --this（今年的台账）。');
  const quiet = Boolean(o.quiet);
  const progress = makeProgress(showProgress(quiet));
  // A configuration with a mistake stops the command before any input is read.
  const cfg = await loadCliConfig(o.config, o.locale === 'en-US' ? 'en-US' : 'zh-CN');
  const last = await loadSide(o.last, io, progress, quiet, '--last ', cfg);
  const cur = await loadSide(o.this, io, progress, quiet, '--this ', cfg);
  const inputs = [...last.loaded.inputs, ...cur.loaded.inputs].map((i) => i.path);
  for (const out of [o.json, o.out]) if (out) assertNotInput(out, inputs);
  const settings: Settings = await resolveCliSettings(cur.books, o, cfg?.settings);
  const lastSettings: Settings = { ...settings, year: settings.year - 1 };
  // Normalised (the check's parsers), not checked: diff prints no problems (`check` does).
  const lastResult = runChecks(last.books, lastSettings, progress, { ...last.own.checkOptions, normaliseOnly: true });
  const thisResult = runChecks(cur.books, settings, progress, { ...cur.own.checkOptions, normaliseOnly: true });
  const r = diffYears(tablesOf(lastResult), tablesOf(thisResult), { year: settings.year, villages: settings.villages });
  const n = (k: YoyChange['kind']): number => r.changes.filter((c) => c.kind === k).length;
  const unexplained = r.changes.filter((c) => c.unexplained).length;
  if (!quiet) {
    // Counts only on the terminal (no personal data in what may end up in a log).
    for (const e of mergeCounts(r))
      if (e.ledger === '兵役登记') io.out(`${e.ledger}  ${e.village}：未核验 ${e.notVerified}`);
      else io.out(`${e.ledger}  ${e.village}：新增 ${e.added}，减少 ${e.removed}${e.unexplained ? `（未说明 ${e.unexplained}）` : ''}，变更 ${e.changed}${e.notVerified ? `，未核验 ${e.notVerified}` : ''}`);
    for (const note of r.notes) io.err(`提示  ${note}`);
  }
  io.out(`年度比对（${settings.year - 1} → ${settings.year}）：新增 ${n('added')}，减少 ${n('removed')}（其中未说明减少 ${unexplained}），变更 ${n('changed')}，未核验 ${n('not-verified')}。`);
  if (o.json) {
    const abs = writeJson(o.json, diffJson(r, Boolean(o.maskIds)), inputs);
    if (!quiet) io.out(`已写出 JSON：${abs}`);
  }
  if (o.out) {
    const abs = await writeDiffWorkbook(r, o.out, { mask: Boolean(o.maskIds), lastYear: settings.year - 1 });
    if (!quiet) io.out(`已写出年度比对工作簿：${abs}`);
  }
  if (!quiet && !o.json && !o.out && r.changes.length > 0) io.out('逐条名单：加 --out FILE.xlsx（年度比对工作簿）或 --json FILE。');
  return inputsFailed(last.loaded) || inputsFailed(cur.loaded) ? 2 : 0;
}

/** `summarize --last`: last year's ledgers read, checked and diffed with this year's check result. */
export async function yoyFor(last: string[], thisResult: CheckResult, settings: Settings, io: Io, quiet: boolean, cfg?: CliConfig): Promise<YoyResult> {
  // Last year's workbooks read with --config too, as `diff` reads them.
  const side = await loadSide(last, io, makeProgress(showProgress(quiet)), quiet, '--last ', cfg);
  const lastResult = runChecks(side.books, { ...settings, year: settings.year - 1 }, makeProgress(false), { ...side.own.checkOptions, normaliseOnly: true });
  return diffYears(lastResult.tables, thisResult.tables, { year: settings.year, villages: settings.villages });
}

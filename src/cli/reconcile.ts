/**
 * `ledger reconcile <inputs…> --roster FILE --deceased FILE` (cli.md "Reference lists"): this year's
 * ledgers against the police's 适龄男青年名单 and/or a 死亡人员名单. Also the pieces that
 * `check --deceased` and `summarize --roster` use. Exit 1 when a deceased person is still 在册 or a
 * listed man is unregistered, 0 otherwise, 2 when it could not run.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { maskId, renderMessage } from '../core';
import {
  readReferenceList,
  reconcileDeceased,
  reconcileRoster,
  rosterTotal,
  type DeceasedResult,
  type ReferenceList,
  type RosterResult,
} from '../core/compare';
import type { CheckResult } from '../core/check-api';
import { tableRows, type LedgerTable } from '../core/ledger';
import type { Problem } from '../core/problem';
import type { Settings } from '../core/settings';
import { addListSheet, todayText, type Cell } from './compare-xlsx';
import { displayFromCwd, showProgress, writeJson } from './diff';
import { inputsConfig, loadCliConfig } from './config';
import { writeWhole } from './write-errors';
import { assertNotInput, UsageError } from './inputs';
import { makeProgress } from './progress';
import { readInput } from './read';
import { addProblems, inputsFailed, loadInputs, reportInputProblems, resolveCliSettings, runChecks, type CommonOptions, type Io } from './session';

export interface ReconcileOptions extends CommonOptions {
  roster?: string;
  deceased?: string;
  json?: string;
  out?: string;
}

/** Where list problems are shown on the terminal: the place only (names and IDs stay off logs). */
const LIST_PROBLEM_ZH: Record<string, string> = {
  'list.no-header': '没有找到含“姓名”和“身份证号”列的工作表，无法比对',
  'list.id-missing': '没有身份证号，无法比对',
  'list.id-invalid': '身份证号不是有效的18位号码',
  'list.duplicate': '身份证号重复，只计一次',
  'list.death-date-invalid': '死亡日期无法识别',
};

/** Villages for reading addresses: the village list, else the villages the ledgers name. */
export function villagesFor(settings: Settings, tables: readonly LedgerTable[]): string[] {
  if (settings.villages.length > 0) return settings.villages;
  const out = new Set<string>();
  for (const t of tables)
    if (t.ledger === '兵役登记' || t.ledger === '优抚对象' || t.ledger === '安置') {
      const rows = tableRows(t);
      const k = rows.fieldAt('所在村');
      if (k < 0) continue;
      for (let i = 0; i < rows.size; i++) {
        const v = rows.valueAt(i, k);
        if (typeof v === 'string' && v.trim()) out.add(v.trim());
      }
    }
  return [...out];
}

/** Reads a reference list file; throws a UsageError (exit 2) when it cannot be read or has no list. */
export async function loadList(file: string, option: string, villages: readonly string[], deaths: boolean, io: Io, quiet: boolean): Promise<ReferenceList> {
  if (!fs.existsSync(file)) throw new UsageError(`${option} 文件不存在：${file}`);
  const r = await readInput(path.resolve(file), { displayName: path.basename(file) });
  if (!r.ok) throw new UsageError(`${option} ${r.file}：${r.message}`);
  const list = readReferenceList(r.data, { villages, deaths });
  const fatal = list.problems.find((p) => p.code === 'list.no-header');
  if (fatal) throw new UsageError(`${option} ${list.file}：${LIST_PROBLEM_ZH['list.no-header']}。`);
  if (!quiet) {
    const by = new Map<string, Problem[]>();
    for (const p of list.problems) by.set(p.code, [...(by.get(p.code) ?? []), p]);
    for (const [code, ps] of by) {
      const places = ps.slice(0, 8).map((p) => `「${p.sheet}」${p.cell}`).join('、') + (ps.length > 8 ? ` 等 ${ps.length} 处` : '');
      io.err(`提示  ${list.file}：${ps.length} 行${LIST_PROBLEM_ZH[code] ?? code}（${places}）`);
    }
  }
  return list;
}

/** `check --deceased`: adds the death-list problems to a check result (and to its per-sheet counts). */
export function addDeceasedProblems(result: CheckResult, d: DeceasedResult): void {
  addProblems(result, d.problems);
}

type Masker = (id: string) => string;

export function rosterJson(r: RosterResult, m: Masker): RosterResult {
  return { ...r, people: r.people.map((p) => ({ ...p, id: m(p.id) })) };
}

/**
 * The death list's JSON (cli.md): `deceased-active` and `name-mismatch` exactly as cli.md writes
 * them, and a third kind, `paid-after-death`: a row already 注销 (or 暂停) that was still paid this
 * year although the person died before 1 January — what audits of 优抚 funds look for, so it is
 * never left out. Every entry paid after death has `paidAfterDeath: true`, whatever its kind; the
 * `paid-after-death` entries add the row's `status` and `amount` (docs/compare.md).
 */
export function deceasedJson(d: DeceasedResult, m: Masker): { file: string; listed: number; people: unknown[] } {
  const people = d.people.map((p) => {
    const who = { kind: p.kind, id: m(p.id), name: p.name, village: p.village, deathDate: p.deathDate };
    if (p.kind === 'deceased-active') return { ...who, paidAfterDeath: Boolean(p.paidAfterDeath), ledger: p.ledger };
    if (p.kind === 'paid-after-death') return { ...who, paidAfterDeath: true, status: p.status, amount: p.amount, ledger: p.ledger };
    return { ...who, listName: p.listName, ledger: p.ledger, list: p.list };
  });
  return { file: d.file, listed: d.listed, people };
}

/** What the terminal and the workbook say of the death list (one sentence, counts only). */
export function deceasedLine(d: DeceasedResult, year: number): string {
  const active = d.people.filter((p) => p.kind === 'deceased-active').length;
  const paid = d.people.filter((p) => p.paidAfterDeath).length;
  const closedPaid = d.people.filter((p) => p.kind === 'paid-after-death').length;
  const names = d.people.filter((p) => p.kind === 'name-mismatch').length;
  return `死亡人员名单 ${d.file}：名单 ${d.listed} 人；台账中死亡后仍在册 ${active} 行，${year}年1月1日前死亡而本年仍发放 ${paid} 行${closedPaid ? `（其中已注销 ${closedPaid} 行）` : ''}，姓名不一致 ${names} 行。`;
}

/** reconcile's exit 1: a deceased person still 在册, a payment after death (also on a row already
 *  注销: an error, ledgers.md §7), or a listed man not registered. */
export function reconcileFound(roster: RosterResult | null, deceased: DeceasedResult | null): boolean {
  return (deceased?.people.some((p) => p.kind === 'deceased-active' || p.paidAfterDeath) ?? false) || (roster?.people.some((p) => p.kind === 'unregistered') ?? false);
}

const pct = (x: number | null): Cell => (x === null ? '—' : x);

/** The 名单比对 workbook: the figures per village, then one sheet per village with its 未登记 men,
 *  then 名单外, 村不一致 and the death-list findings. */
export async function writeReconcileWorkbook(
  year: number,
  roster: RosterResult | null,
  deceased: DeceasedResult | null,
  out: string,
  o: { mask: boolean; date?: Date },
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双拥台账助手';
  const taken = new Set<string>();
  const m: Masker = o.mask ? maskId : (x) => x;
  const made = `制表日期：${todayText(o.date)}`;
  const lines: Cell[][] = [];
  const notes: string[] = [];
  let total: Cell[] | undefined;
  if (roster) {
    for (const v of roster.villages) lines.push([v.village, v.listed, v.registered, v.unregistered, v.outsideList, v.villageMismatch, pct(v.rate)]);
    const t = rosterTotal(roster);
    total = ['合计', t.listed, t.registered, t.unregistered, t.outsideList, t.villageMismatch, pct(t.rate)];
    notes.push(
      `适龄男青年名单：${roster.file}，共 ${roster.listed} 人。登记率 = 已登记 ÷ 名单人数（名单上的人在兵役登记名册中“是否已登记”为“是”，任何登记类型）。`,
      '未登记：名单上有、尚未登记的人（各村名单见以村命名的工作表）；名单外：已初次登记但不在名单上（迁入或号码有误）；村不一致：名单与名册所填的村不同（按名单的村计）。',
    );
  }
  if (deceased) notes.push(`${deceasedLine(deceased, year)}（见“死亡人员”工作表）`);
  addListSheet(wb, {
    name: '名单比对汇总',
    title: `名单比对汇总（${year}年）`,
    subtitle: made,
    columns: [
      { header: '村', width: 14 }, { header: '名单人数', width: 10, format: 'int' }, { header: '已登记', width: 10, format: 'int' },
      { header: '未登记', width: 10, format: 'int' }, { header: '名单外', width: 10, format: 'int' }, { header: '村不一致', width: 10, format: 'int' },
      { header: '登记率', width: 10, format: 'percent' },
    ],
    rows: lines,
    total,
    empty: roster ? '名单为空' : '未提供适龄男青年名单',
    notes,
  }, taken);

  if (roster) {
    const byVillage = new Map<string, typeof roster.people>();
    for (const p of roster.people) if (p.kind === 'unregistered') byVillage.set(p.village, [...(byVillage.get(p.village) ?? []), p]);
    for (const [village, ps] of byVillage) {
      addListSheet(wb, {
        name: village,
        title: `${village}适龄男青年未登记名单（${year}年）`,
        subtitle: `以下 ${ps.length} 人在公安户籍适龄男青年名单上，尚未进行兵役登记，请通知本人在截止日期前完成登记。${made}`,
        columns: [
          { header: '序号', width: 6, format: 'int' }, { header: '姓名', width: 12 }, { header: '身份证号', width: 22, format: 'text' },
          { header: '名单位置', width: 30 }, { header: '联系情况（村里填写）', width: 30 }, { header: '备注', width: 18 },
        ],
        rows: ps.map((p, i) => [i + 1, p.name, m(p.id), p.list ? `${p.list.sheet} 第${p.list.row}行` : '', '', '']),
        rowHeight: 26,
        notes: ['', `村（社区）负责人签字：______________　　　　日期：______年____月____日`],
      }, taken);
    }
    const outside = roster.people.filter((p) => p.kind === 'outside-list');
    addListSheet(wb, {
      name: '名单外', title: `已初次登记但不在适龄男青年名单上的人员（${year}年）`, subtitle: `共 ${outside.length} 人：请核实是否迁入或身份证号有误。${made}`,
      columns: [
        { header: '序号', width: 6, format: 'int' }, { header: '村', width: 12 }, { header: '姓名', width: 12 }, { header: '身份证号', width: 22, format: 'text' },
        { header: '台账文件', width: 22 }, { header: '工作表', width: 12 }, { header: '行号', width: 8, format: 'int' },
      ],
      rows: outside.map((p, i) => [i + 1, p.village, p.name, m(p.id), p.ledger?.file ?? '', p.ledger?.sheet ?? '', p.ledger?.row ?? null]),
      empty: '无',
    }, taken);
    const mismatch = roster.people.filter((p) => p.kind === 'village-mismatch');
    addListSheet(wb, {
      name: '村不一致', title: `名单与名册所填村不一致的人员（${year}年）`, subtitle: `共 ${mismatch.length} 人：请核实户籍所在村。${made}`,
      columns: [
        { header: '序号', width: 6, format: 'int' }, { header: '姓名', width: 12 }, { header: '身份证号', width: 22, format: 'text' },
        { header: '名单上的村', width: 12 }, { header: '名册中的村', width: 12 }, { header: '名单位置', width: 18 },
        { header: '台账文件', width: 22 }, { header: '工作表', width: 12 }, { header: '行号', width: 8, format: 'int' },
      ],
      rows: mismatch.map((p, i) => [i + 1, p.name, m(p.id), p.village, p.ledgerVillage ?? '', p.list ? `${p.list.sheet} 第${p.list.row}行` : '', p.ledger?.file ?? '', p.ledger?.sheet ?? '', p.ledger?.row ?? null]),
      empty: '无',
    }, taken);
  }
  if (deceased) {
    const kindZh = { 'deceased-active': '死亡后仍在册', 'paid-after-death': '已注销但死亡后仍发放', 'name-mismatch': '姓名不一致' } as const;
    addListSheet(wb, {
      name: '死亡人员', title: `死亡人员名单比对（${year}年）`,
      subtitle: `死亡人员名单上、台账中仍有记录的人员：仍在册的应注销并停发；${year}年1月1日前死亡而本年仍发放的，应停发并追回。${made}`,
      columns: [
        { header: '序号', width: 6, format: 'int' }, { header: '问题', width: 18 }, { header: '村', width: 12 }, { header: '姓名', width: 10 },
        { header: '身份证号', width: 22, format: 'text' }, { header: '死亡日期', width: 12 }, { header: '台账', width: 10 }, { header: '类别', width: 16 },
        { header: '状态', width: 8 }, { header: '本年发放金额(元)', width: 12 }, { header: '死亡后仍发放', width: 10 }, { header: '说明', width: 30 },
        { header: '台账文件', width: 20 }, { header: '工作表', width: 10 }, { header: '行号', width: 7, format: 'int' },
      ],
      rows: deceased.people.map((p, i) => [
        i + 1, kindZh[p.kind], p.village, p.name, m(p.id), p.deathDate ?? '不详', p.ledgerName, p.category, p.status || '（空）在册',
        p.amount, p.paidAfterDeath ? '是' : '否',
        p.kind === 'name-mismatch' ? `名单上的姓名为“${p.listName}”` : renderMessage({ code: p.paidAfterDeath ? 'person.paid-after-death' : 'person.deceased', severity: 'error', params: { date: p.deathDate ?? '（日期不详）', year, amount: p.amount ?? 0, list: deceased.file } }),
        p.ledger.file, p.ledger.sheet, p.ledger.row,
      ]),
      empty: '未发现问题',
    }, taken);
  }
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await writeWhole(abs, () => wb.xlsx.writeFile(abs));
  return abs;
}

export async function cmdReconcile(args: string[], o: ReconcileOptions, io: Io): Promise<number> {
  if (!o.roster && !o.deceased) throw new UsageError('reconcile 需要 --roster（适龄男青年名单）或 --deceased（死亡人员名单），至少一个。');
  for (const [opt, f] of [['--roster', o.roster], ['--deceased', o.deceased]] as const) if (f && !fs.existsSync(f)) throw new UsageError(`${opt} 文件不存在：${f}`);
  const quiet = Boolean(o.quiet);
  // A configuration with a mistake stops the command before any input is read.
  const cfg = await loadCliConfig(o.config, o.locale === 'en-US' ? 'en-US' : 'zh-CN');
  const progress = makeProgress(showProgress(quiet));
  // The list files are lists, never ledgers, even inside an input folder: not read as inputs.
  const lists = new Set([o.roster, o.deceased].filter((x): x is string => Boolean(x)).map((f) => fs.realpathSync(f)));
  const loaded = await loadInputs(args, io, progress, quiet, (file) => lists.has(fs.realpathSync(file)));
  reportInputProblems(loaded, io, quiet);
  if (loaded.books.length === 0) throw new UsageError(`没有读到任何台账工作簿：${args.join(' ')}`);
  const inputs = [...loaded.inputs.map((i) => i.path), ...lists];
  for (const out of [o.json, o.out]) if (out) assertNotInput(out, inputs);
  // The workbooks' §8 sheets and --config, as `check` reads them.
  const own = inputsConfig(displayFromCwd(loaded), cfg);
  if (!quiet) for (const line of own.lines) io.err(line);
  const books = own.books;
  const settings = await resolveCliSettings(books, o, cfg?.settings);
  // Normalised (the check's parsers), not checked: reconcile prints no ledger problems (`check` does).
  // The roster's 姓名 is read for a few people only (list entries without a name, men outside the
  // list): parsed when read.
  const result = runChecks(books, settings, progress, { ...own.checkOptions, normaliseOnly: true, lazyFields: o.deceased ? undefined : ['姓名'] });
  const villages = villagesFor(settings, result.tables);
  const mask: Masker = o.maskIds ? maskId : (x) => x;
  let roster: RosterResult | null = null;
  let deceased: DeceasedResult | null = null;
  if (o.roster) {
    const list = await loadList(o.roster, '--roster', villages, false, io, quiet);
    if (!result.tables.some((t) => t.ledger === '兵役登记')) io.err('提示  输入中没有兵役登记名册：名单上的人全部计为未登记。');
    roster = reconcileRoster(list, result.tables, villages);
    const t = rosterTotal(roster);
    io.out(`适龄男青年名单 ${roster.file}：名单 ${t.listed} 人，已登记 ${t.registered}，未登记 ${t.unregistered}，名单外 ${t.outsideList}，村不一致 ${t.villageMismatch}，登记率 ${t.rate === null ? '—' : (t.rate * 100).toFixed(1) + '%'}。`);
    if (!quiet) for (const v of roster.villages) io.out(`  ${v.village}：名单 ${v.listed}，已登记 ${v.registered}，未登记 ${v.unregistered}，名单外 ${v.outsideList}，村不一致 ${v.villageMismatch}，登记率 ${v.rate === null ? '—' : (v.rate * 100).toFixed(1) + '%'}`);
  }
  if (o.deceased) {
    const list = await loadList(o.deceased, '--deceased', villages, true, io, quiet);
    deceased = reconcileDeceased(list, result.tables, settings.year);
    io.out(deceasedLine(deceased, settings.year));
  }
  if (o.json) {
    const json: Record<string, unknown> = { year: settings.year };
    if (roster) json.roster = rosterJson(roster, mask);
    if (deceased) json.deceased = deceasedJson(deceased, mask);
    const abs = writeJson(o.json, json, inputs);
    if (!quiet) io.out(`已写出 JSON：${abs}`);
  }
  if (o.out) {
    const abs = await writeReconcileWorkbook(settings.year, roster, deceased, o.out, { mask: Boolean(o.maskIds) });
    if (!quiet) io.out(`已写出名单比对工作簿：${abs}`);
  }
  if (inputsFailed(loaded)) return 2;
  return reconcileFound(roster, deceased) ? 1 : 0;
}

/** For `check --deceased` / `summarize --roster`: read the list against a check result. */
export async function deceasedFor(file: string, result: CheckResult, settings: Settings, io: Io, quiet: boolean): Promise<DeceasedResult> {
  const list = await loadList(file, '--deceased', villagesFor(settings, result.tables), true, io, quiet);
  return reconcileDeceased(list, result.tables, settings.year);
}

export async function rosterFor(file: string, result: CheckResult, settings: Settings, io: Io, quiet: boolean): Promise<RosterResult> {
  const villages = villagesFor(settings, result.tables);
  const list = await loadList(file, '--roster', villages, false, io, quiet);
  return reconcileRoster(list, result.tables, villages);
}


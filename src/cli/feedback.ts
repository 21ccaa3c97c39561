/**
 * `ledger check --feedback DIR`: per village, a small workbook in plain Chinese listing that
 * village's problems (表, 行, 姓名, 问题, 怎么改), ready to send back. It carries no other village's
 * rows. With --mask-ids every ID number is masked except the one at fault.
 *
 * A problem belongs to the village of its row (所在村, or 所在村/单位 / 地方单位) when that value is a
 * known village (the village list, or the main village of some file); otherwise — a misspelt
 * village, a header or file problem — to the main village of its file.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import { clampWorkbookTexts } from './clamp';
import { maskId, renderHint, renderMessage } from '../core';
import type { CheckResult } from '../core/check-api';
import type { Problem } from '../core/problem';
import { FEEDBACK_SHEET, feedbackLayout } from '../core/layout/feedback';
import { problemCol } from '../core/layout/marks';
import { DEFAULT_RESUBMIT_DAYS, type Settings } from '../core/settings';
import { addLayoutSheet } from './layout-xlsx';
import { assertNotInput } from './inputs';
import { maskIdsInText } from './mask';
import { NAME_FIELD, recordsByRow, rowKey, textOf, VILLAGE_FIELD } from './problems-index';
import { writeWhole } from './write-errors';

export { FEEDBACK_SHEET };

export interface FeedbackEntry {
  village: string;
  sheet: string;
  row: number | null;
  name: string;
  id: string;
  problem: string;
  fix: string;
  severity: 'error' | 'warning';
  file: string;
  /** The ledger of the sheet (优抚对象 …), '' when the sheet is not a recognised ledger. */
  ledger: string;
  /** 1-based column (0 = none), the column's name and the problem's code. */
  col: number;
  column: string;
  code: string;
}


function fileBaseVillage(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

/** The main village of each file: its most frequent village value, else the file's base name. */
export function mainVillages(result: CheckResult): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of result.tables) {
    const f = VILLAGE_FIELD[t.ledger];
    if (f !== '所在村') continue;
    let c = counts.get(t.file);
    if (!c) counts.set(t.file, (c = new Map()));
    for (const r of t.records) {
      const v = textOf(r.v[f]).trim();
      if (v) c.set(v, (c.get(v) ?? 0) + 1);
    }
  }
  const files = new Set<string>([...result.sheets.map((s) => s.file), ...result.problems.map((p) => p.file ?? '').filter(Boolean)]);
  const out = new Map<string, string>();
  for (const f of files) {
    const c = counts.get(f);
    let best = '';
    let bestN = 0;
    for (const [v, n] of c ?? []) if (n > bestN) [best, bestN] = [v, n];
    out.set(f, best || fileBaseVillage(f));
  }
  return out;
}

export function feedbackEntries(result: CheckResult, settings: Settings, maskIds: boolean): FeedbackEntry[] {
  const recs = recordsByRow(result.tables);
  const ledgerOf = new Map(result.tables.map((t) => [`${t.file}\u0000${t.sheet}`, t.ledger as string]));
  const main = mainVillages(result);
  const known = new Set<string>([...settings.villages, ...main.values()]);
  const out: FeedbackEntry[] = [];
  for (const p of result.problems) {
    if (p.severity !== 'error' && p.severity !== 'warning') continue;
    const file = p.file ?? '';
    const hit = recs.get(rowKey(p.file, p.sheet, p.row));
    let village = main.get(file) ?? fileBaseVillage(file);
    let name = '';
    let id = '';
    if (hit) {
      const vf = VILLAGE_FIELD[hit.table.ledger];
      const v = textOf(hit.record.v[vf]).trim();
      if (v && known.has(v)) village = v;
      name = textOf(hit.record.v[NAME_FIELD[hit.table.ledger]]);
      id = textOf(hit.record.v['身份证号'] ?? hit.record.v['帮扶对象身份证号']);
    }
    // The ID at fault, in every form the message may show it (as typed, normalised, corrected).
    const atFault = isIdProblem(p)
      ? [p.value, id, typeof p.fix === 'string' ? p.fix : undefined, ...Object.values(p.params ?? {}).map(String)].filter(
          (x): x is string => typeof x === 'string' && x.length > 0,
        )
      : [];
    let problem = renderMessage(p, settings.locale);
    // The village clerk has no add-in: drop its one-click hint.
    let fix = renderHint(p, settings.locale).replace(/[（(]可一键修正[）)]/g, '').replace(/\s*\(one-click fix\)/gi, '');
    if (maskIds) {
      problem = maskIdsInText(problem, atFault);
      fix = maskIdsInText(fix, atFault);
      if (id && atFault.length === 0) id = maskId(id);
    }
    out.push({
      village,
      sheet: p.sheet ?? '（整个文件）',
      row: p.row ?? null,
      name,
      id,
      problem,
      fix,
      severity: p.severity,
      file,
      ledger: ledgerOf.get(`${file}\u0000${p.sheet ?? ''}`) ?? '',
      col: problemCol(p),
      column: p.column ?? '',
      code: p.code,
    });
  }
  return out;
}

function isIdProblem(p: Problem): boolean {
  return p.code.startsWith('id.') || p.column === '身份证号' || p.column === '帮扶对象身份证号';
}

function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80) || '未知村';
}

export function todayZh(d = new Date()): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** Problems per village; every file's main village has an entry, even without problems. */
export function feedbackByVillage(result: CheckResult, settings: Settings, maskIds: boolean): Map<string, FeedbackEntry[]> {
  const byVillage = new Map<string, FeedbackEntry[]>();
  for (const v of mainVillages(result).values()) byVillage.set(v, []);
  for (const e of feedbackEntries(result, settings, maskIds)) {
    const a = byVillage.get(e.village);
    if (a) a.push(e);
    else byVillage.set(e.village, [e]);
  }
  return byVillage;
}

export function feedbackPath(dir: string, village: string): string {
  return path.join(dir, `${safeFileName(village)}-反馈.xlsx`);
}

export async function writeFeedback(
  result: CheckResult,
  settings: Settings,
  dir: string,
  inputs: string[],
  o: { maskIds: boolean; date?: Date },
): Promise<string[]> {
  const byVillage = feedbackByVillage(result, settings, o.maskIds);
  for (const village of byVillage.keys()) assertNotInput(feedbackPath(dir, village), inputs);
  const written: string[] = [];
  const date = o.date ?? new Date();
  const resubmitBy = new Date(date.getFullYear(), date.getMonth(), date.getDate() + (settings.resubmitDays ?? DEFAULT_RESUBMIT_DAYS));
  const people = settings.people ?? {};
  for (const [village, list] of byVillage) {
    const wb = new ExcelJS.Workbook();
    wb.creator = '双拥台账助手';
    addLayoutSheet(
      wb,
      feedbackLayout(list, {
        village,
        date: todayZh(date),
        resubmitBy: todayZh(resubmitBy),
        contact: people.contact || people.preparer || `${settings.township || '乡镇'}双拥办`,
        phone: people.phone ?? '',
        township: settings.township,
      }),
    );
    const out = feedbackPath(dir, village);
    clampWorkbookTexts(wb); // texts over Excel's 32,767 characters are cut, their length said
    await writeWhole(out, () => wb.xlsx.writeFile(out));
    written.push(out);
  }
  return written;
}

/**
 * The township's configuration kept in its own workbook, in the sheets of ledgers.md §8 (设置,
 * 村名单, 词表, 列名, 规则): read on every run (they are never ledgers), written by the settings
 * view, editable in Excel too. A mistake in them is a problem with a link to its cell, like any.
 */
// (Not the config index: the pane needs no JSON parser.)
import { configSheetName } from '../core/config/raw';
import { configToSheets, type ConfigSheetRows } from '../core/config/sheets';
import { emptyConfig, type LedgerConfig } from '../core/config/types';
import type { CellValue, SheetData, WorkbookData } from '../core/model';
import type { Settings } from '../core/settings';
import { normCompact } from '../core/text/normalize';
import { colLetters } from './common';

export { configFromWorkbook, withWorkbookSettings, type WorkbookConfig } from '../core/ops/config';
import { configFromWorkbook, type WorkbookConfig } from '../core/ops/config';

function cellOf(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

interface Loaded {
  name: string;
  ws: Excel.Worksheet;
  range: Excel.Range;
}

/** Queue the loads of the §8 sheets' used ranges (one sync). */
async function loadConfigRanges(ctx: Excel.RequestContext): Promise<{ file: string; loaded: Loaded[] }> {
  const wb = ctx.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name');
  wb.load('name');
  await ctx.sync();
  const loaded: Loaded[] = [];
  for (const ws of sheets.items) {
    if (configSheetName(ws.name) === null) continue;
    const range = ws.getUsedRangeOrNullObject(true);
    range.load('values,rowIndex,columnIndex');
    loaded.push({ name: ws.name, ws, range });
  }
  if (loaded.length) await ctx.sync();
  return { file: wb.name, loaded };
}

function sheetData(l: Loaded): SheetData {
  if (l.range.isNullObject) return { name: l.name, rows: [] };
  const pad: null[] = new Array<null>(l.range.columnIndex).fill(null);
  return {
    name: l.name,
    rows: (l.range.values as unknown[][]).map((row, i) => ({ r: l.range.rowIndex + i + 1, cells: [...pad, ...row.map(cellOf)] })),
  };
}

/** Read the §8 sheets of the open workbook (2 syncs). */
export async function loadWorkbookConfig(ctx: Excel.RequestContext): Promise<WorkbookConfig> {
  return configFromWorkbook(await readConfigWorkbook(ctx));
}

/** The §8 sheets of the open workbook as the sheet model, values only (2 syncs). */
export async function readConfigWorkbook(ctx: Excel.RequestContext): Promise<WorkbookData> {
  const { file, loaded } = await loadConfigRanges(ctx);
  return { file, sheets: loaded.map(sheetData) };
}

const WIDTH_POINTS = 7.5;

/** Replace a sheet's contents with rows (header bold, body as text so nothing turns into a date). */
function writeRows(ctx: Excel.RequestContext, existing: Loaded | undefined, s: ConfigSheetRows): void {
  const ws = existing?.ws ?? ctx.workbook.worksheets.add(s.name);
  if (existing && !existing.range.isNullObject) existing.range.clear('Contents');
  const cols = Math.max(...s.rows.map((r) => r.length));
  const rows = s.rows.map((r) => Array.from({ length: cols }, (_, j) => (r[j] === null || r[j] === undefined ? '' : (r[j] as string | number | boolean))));
  const all = ws.getRange(`A1:${colLetters(cols - 1)}${rows.length}`);
  if (rows.length > 1) ws.getRange(`A2:${colLetters(cols - 1)}${rows.length}`).numberFormat = rows.slice(1).map((r) => r.map(() => '@'));
  all.values = rows;
  ws.getRange(`A1:${colLetters(cols - 1)}1`).format.font.bold = true;
  s.widths.forEach((w, j) => {
    ws.getRange(`${colLetters(j)}:${colLetters(j)}`).format.columnWidth = w * WIDTH_POINTS;
  });
}

const SETTING_ROWS: Array<{ label: string; key: 'year' | 'township' | 'deadline' | 'maskIds'; aliases: string[] }> = [
  { label: '年度', key: 'year', aliases: ['年份', '报表年度', '统计年度', '填报年度'] },
  { label: '乡镇', key: 'township', aliases: ['镇', '乡', '街道', '乡镇名称', '乡镇(街道)', '乡镇街道'] },
  { label: '登记截止日期', key: 'deadline', aliases: ['截止日期', '兵役登记截止日期'] },
  { label: '身份证脱敏', key: 'maskIds', aliases: ['隐藏身份证号'] },
];

function settingValue(s: Settings, key: (typeof SETTING_ROWS)[number]['key']): string | number {
  switch (key) {
    case 'year':
      return s.year;
    case 'township':
      return s.township;
    case 'deadline':
      return `${s.deadline.month}月${s.deadline.day}日`;
    case 'maskIds':
      return s.maskIds ? '是' : '否';
  }
}

/**
 * Write the settings into the 设置 sheet (in place: a row per setting keeps its place and notes;
 * a missing one is added below) and the villages into the 村名单 sheet (and into a 村名单 row of
 * 设置 where the workbook keeps them there, as the samples do).
 */
export async function saveSettingsSheets(ctx: Excel.RequestContext, s: Settings): Promise<void> {
  const { loaded } = await loadConfigRanges(ctx);
  const find = (n: string) => loaded.find((l) => configSheetName(l.name) === n);
  const setting = find('设置');
  if (!setting) {
    const rows = configToSheets({ ...emptyConfig(), settings: { year: s.year, township: s.township, deadline: s.deadline, maskIds: s.maskIds } }).find((x) => x.name === '设置')!;
    writeRows(ctx, undefined, rows);
  } else {
    const data = sheetData(setting);
    let last = data.rows.length ? data.rows[data.rows.length - 1].r : 0;
    const ws = setting.ws;
    const put = (row: number, value: string | number) => {
      const cell = ws.getRange(`B${row}`);
      cell.numberFormat = [[typeof value === 'number' ? 'General' : '@']];
      cell.values = [[value]];
    };
    for (const def of SETTING_ROWS) {
      const row = data.rows.find((r) => {
        const label = typeof r.cells[0] === 'string' ? normCompact(r.cells[0]).replace(/[:：*]+$/, '') : '';
        return label === def.label || def.aliases.includes(label);
      });
      const value = settingValue(s, def.key);
      if (row) put(row.r, value);
      else if (def.key !== 'maskIds' || s.maskIds) {
        last += 1;
        ws.getRange(`A${last}`).values = [[def.label]];
        put(last, value);
      }
    }
    const vrow = data.rows.find((r) => typeof r.cells[0] === 'string' && ['村名单', '村(社区)名单', '村社区名单'].includes(normCompact(r.cells[0]).replace(/[:：*]+$/, '')));
    if (vrow) {
      put(vrow.r, s.villages.join('、'));
      // Villages listed across the following cells or in the rows below with an empty label.
      const width = Math.max(...data.rows.map((r) => r.cells.length));
      if (width > 2) ws.getRange(`C${vrow.r}:${colLetters(width - 1)}${vrow.r}`).clear('Contents');
      for (const r of data.rows) {
        if (r.r <= vrow.r) continue;
        if (r.cells[0] !== null && r.cells[0] !== undefined) break;
        ws.getRange(`B${r.r}:${colLetters(Math.max(1, width - 1))}${r.r}`).clear('Contents');
      }
    }
  }
  const villages = find('村名单');
  if (villages || s.villages.length > 0) {
    writeRows(ctx, villages, configToSheets({ ...emptyConfig(), villages: s.villages }).find((x) => x.name === '村名单')!);
  }
  await ctx.sync();
}

/** Write the vocabulary, aliases and rule levels into 词表, 列名 and 规则 (a sheet with nothing to
 *  hold is only written when it exists, to empty it). */
export async function saveConfigSheets(ctx: Excel.RequestContext, c: Pick<LedgerConfig, 'vocab' | 'aliases' | 'rules'>): Promise<void> {
  const { loaded } = await loadConfigRanges(ctx);
  const sheets = configToSheets({ ...emptyConfig(), vocab: c.vocab, aliases: c.aliases, rules: c.rules });
  for (const name of ['词表', '列名', '规则'] as const) {
    const s = sheets.find((x) => x.name === name)!;
    const existing = loaded.find((l) => configSheetName(l.name) === name);
    if (!existing && s.rows.length <= 1) continue;
    writeRows(ctx, existing, s);
  }
  await ctx.sync();
}

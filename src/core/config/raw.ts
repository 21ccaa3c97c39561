/**
 * The configuration as read, before validation: rows of text with where each came from. A
 * configuration workbook's sheets (`readConfigSheets`, host-neutral over the sheet model) and JSON
 * (`json.ts`) both produce this; `validateConfig` turns it into a `LedgerConfig` and its mistakes.
 */
import type { CellValue, SheetData } from '../model';
import { cellAddress } from '../model';
import type { Problem } from '../problem';
import { cellText, normCompact } from '../text/normalize';
import type { ConfigCode } from './codes';
import { CONFIG_SHEETS, knownList, nearest, REQUIRED_COLUMNS, TABLE_COLUMNS, TABLE_SHEETS, type ConfigSheet, type TableSheet } from './names';
import type { ConfigLoc } from './types';

export interface RawCell {
  text: string;
  value: CellValue;
  col?: number;
}

export interface RawRow {
  loc: ConfigLoc;
  cells: Partial<Record<string, RawCell>>;
}

export interface RawSetting {
  label: string;
  /** The value cells (column B on; JSON: the value). */
  values: CellValue[];
  loc: ConfigLoc;
  valueCol?: number;
}

export interface RawConfig {
  file: string;
  /** Rows of a JSON file are its items (第N项), not sheet rows. */
  json: boolean;
  settings: RawSetting[];
  villages: Array<{ name: string; loc: ConfigLoc }>;
  tables: Record<TableSheet, RawRow[]>;
  /** Which config sheets were present (for the pane: none = no configuration). */
  present: ConfigSheet[];
  issues: Problem[];
  /** The township's own workbook (not a configuration file): its 设置 may also hold the forms'
   *  and feedback's settings (联系人, 重新报送期限 …), which are not mistakes there. */
  inWorkbook?: boolean;
}

export function emptyRaw(file: string, json: boolean): RawConfig {
  return { file, json, settings: [], villages: [], tables: { 词表: [], 列名: [], 规则: [] }, present: [], issues: [] };
}

/** A configuration mistake as a problem (severity error, located by file, sheet, row and cell). */
export function configIssue(
  file: string,
  code: ConfigCode,
  loc: ConfigLoc,
  params: Record<string, string | number>,
  value?: string,
): Problem {
  const p: Problem = { code, severity: 'error', file, sheet: loc.sheet, params };
  if (loc.row !== undefined) p.row = loc.row;
  if (loc.col !== undefined) {
    p.col = loc.col;
    if (loc.row !== undefined) p.cell = cellAddress(loc.row, loc.col);
  }
  if (value !== undefined) p.value = value;
  return p;
}

/** Params of an "unknown name" message: the name, the nearest existing one, the list. */
export function unknownParams(name: string, names: readonly string[], extra: Record<string, string> = {}): Record<string, string> {
  const near = nearest(name, names);
  return { name, near: near ?? '', hasNear: near ? 'yes' : 'no', known: knownList(names), ...extra };
}

export function configSheetName(name: string): ConfigSheet | null {
  const n = normCompact(name);
  return (CONFIG_SHEETS as readonly string[]).includes(n) ? (n as ConfigSheet) : null;
}

function isBlank(c: CellValue | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && normCompact(c) === '');
}

/** Header words of a village column (not village names). */
const VILLAGE_HEADER = new Set(['村名', '村名单', '村名称', '村', '村庄', '名称', '所在村', '行政村', '村(社区)', '社区', '序号']);

function normHeaderText(c: CellValue | undefined): string {
  return normCompact(cellText(c)).replace(/[:：*]+$/, '');
}

function readSettings(raw: RawConfig, sheet: SheetData): void {
  // Label in column A, value in column B (a third column is a note); only 村名单 may list its
  // villages across the following cells and in the rows below with an empty label.
  let villagesOpen = false;
  for (const row of sheet.rows) {
    const label = typeof row.cells[0] === 'string' ? normHeaderText(row.cells[0]) : '';
    const many = label === '村名单' || (label === '' && villagesOpen);
    const values: CellValue[] = [];
    let valueCol: number | undefined;
    for (let i = 1; i < (many ? row.cells.length : Math.min(2, row.cells.length)); i++) {
      const c = row.cells[i];
      if (isBlank(c)) continue;
      if (valueCol === undefined) valueCol = i + 1;
      values.push(c);
    }
    if (label === '') {
      if (isBlank(row.cells[0]) && villagesOpen && values.length > 0) {
        raw.settings.push({ label: '村名单', values, loc: { sheet: sheet.name, row: row.r, col: valueCol }, valueCol });
      }
      continue;
    }
    villagesOpen = label === '村名单';
    raw.settings.push({ label, values, loc: { sheet: sheet.name, row: row.r, col: 1 }, valueCol: valueCol ?? 2 });
  }
}

function readVillages(raw: RawConfig, sheet: SheetData): void {
  for (const row of sheet.rows) {
    const c = row.cells[0];
    if (isBlank(c)) continue;
    const name = normCompact(cellText(c));
    if (VILLAGE_HEADER.has(name)) continue;
    raw.villages.push({ name, loc: { sheet: sheet.name, row: row.r, col: 1 } });
  }
}

function readTable(raw: RawConfig, sheet: SheetData, kind: TableSheet): void {
  const known: readonly string[] = TABLE_COLUMNS[kind];
  let header: Map<number, string> | null = null;
  for (const row of sheet.rows) {
    if (header === null) {
      if (row.cells.every(isBlank)) continue;
      header = new Map();
      row.cells.forEach((c, i) => {
        if (isBlank(c)) return;
        const h = normHeaderText(c);
        if (known.includes(h)) header!.set(i, h);
        else raw.issues.push(configIssue(raw.file, 'config.unknown-column', { sheet: sheet.name, row: row.r, col: i + 1 }, unknownParams(h, known), cellText(c)));
      });
      const have = new Set(header.values());
      for (const m of REQUIRED_COLUMNS[kind]) {
        if (!have.has(m)) raw.issues.push(configIssue(raw.file, 'config.missing-column', { sheet: sheet.name, row: row.r }, { name: m, known: known.join('、') }));
      }
      continue;
    }
    if (row.cells.every(isBlank)) continue;
    const cells: RawRow['cells'] = {};
    for (const [i, h] of header) {
      const v = row.cells[i];
      if (isBlank(v)) continue;
      cells[h] = { text: normCompact(cellText(v)), value: v ?? null, col: i + 1 };
    }
    if (Object.keys(cells).length === 0) continue;
    raw.tables[kind].push({ loc: { sheet: sheet.name, row: row.r }, cells });
  }
}

/**
 * The configuration in a workbook's sheets 设置, 村名单, 词表, 列名, 规则. `standalone`: the workbook
 * is a configuration file, so any other sheet is a mistake; otherwise (the township's own workbook)
 * the other sheets are its ledgers and are not looked at.
 */
export function readConfigSheets(file: string, sheets: readonly SheetData[], opts: { standalone: boolean }): RawConfig {
  const raw = emptyRaw(file, false);
  if (!opts.standalone) raw.inWorkbook = true;
  for (const sheet of sheets) {
    const kind = configSheetName(sheet.name);
    if (kind === null) {
      if (opts.standalone) raw.issues.push(configIssue(file, 'config.unknown-sheet', { sheet: sheet.name }, unknownParams(normCompact(sheet.name), CONFIG_SHEETS)));
      continue;
    }
    raw.present.push(kind);
    if (kind === '设置') readSettings(raw, sheet);
    else if (kind === '村名单') readVillages(raw, sheet);
    else if ((TABLE_SHEETS as string[]).includes(kind)) readTable(raw, sheet, kind as TableSheet);
  }
  return raw;
}

/**
 * Ledger recognition: find the header row below any title rows, match header cells by normalised
 * name and alias, and pick the ledger whose columns match best — from the header alone, the sheet
 * name only breaking ties.
 */
import type { CellValue, SheetData } from '../model';
import type { LedgerSchema } from '../schema/types';
import { normCompact, normHeader, stripBrackets } from '../text/normalize';

/** Sheet names that are never ledgers (instructions, settings, lists). */
export const NON_LEDGER_SHEET_NAMES: readonly string[] = [
  '填表说明', '填报说明', '说明', '设置', '村名单', '词表', '列名', '规则', '参数', '字典', '数据字典', '下拉选项', '选项', '目录', '封面', '校验结果', '问题清单',
];

export interface HeaderIndex {
  schemas: readonly LedgerSchema[];
  /** Per ledger: normalised header → field. */
  exact: Map<string, string>[];
  /** Per ledger: header without bracketed parts → field. */
  stripped: Map<string, string>[];
  sheetHints: string[][];
}

export function compileHeaderIndex(schemas: readonly LedgerSchema[]): HeaderIndex {
  const exact: Map<string, string>[] = [];
  const stripped: Map<string, string>[] = [];
  for (const s of schemas) {
    const e = new Map<string, string>();
    const st = new Map<string, string>();
    // Canonical names first so that they win over another column's alias.
    for (const c of s.columns) {
      const k = normHeader(c.field);
      e.set(k, c.field);
      const sk = stripBrackets(k);
      if (sk && !st.has(sk)) st.set(sk, c.field);
    }
    for (const c of s.columns) {
      for (const a of c.aliases ?? []) {
        const k = normHeader(a);
        if (!e.has(k)) e.set(k, c.field);
        const sk = stripBrackets(k);
        if (sk && !st.has(sk)) st.set(sk, c.field);
      }
    }
    exact.push(e);
    stripped.push(st);
  }
  return { schemas, exact, stripped, sheetHints: schemas.map((s) => [s.id, ...s.sheetNames].map((n) => normCompact(n))) };
}

/** The field a header cell means in ledger `li`, or undefined. */
export function matchHeader(idx: HeaderIndex, li: number, text: string): string | undefined {
  const k = normHeader(text);
  if (k === '') return undefined;
  const f = idx.exact[li].get(k);
  if (f !== undefined) return f;
  const sk = stripBrackets(k);
  if (sk === '') return undefined;
  return idx.stripped[li].get(sk) ?? idx.exact[li].get(sk);
}

export interface HeaderColumn {
  /** 1-based column number. */
  col: number;
  header: string;
  field: string;
}

export interface Recognition {
  schema: LedgerSchema;
  /** Index into sheet.rows of the last header row (data starts below it). */
  rowIndex: number;
  /** Excel row number of the header row. */
  row: number;
  columns: HeaderColumn[];
  /** Header cells that matched a field already taken by an earlier column. */
  duplicates: HeaderColumn[];
  /** Non-empty header cells that match no field. */
  unknown: Array<{ col: number; header: string }>;
  /** Required fields without a column. */
  missing: string[];
}

function cellString(v: CellValue | undefined): string | null {
  if (typeof v === 'string') return v;
  return null;
}

export function isNonLedgerSheetName(name: string): boolean {
  const n = normCompact(name);
  return NON_LEDGER_SHEET_NAMES.some((x) => n === x || n.endsWith(x));
}

/** Minimum matched columns (and matched required columns) to accept a header row. */
const MIN_MATCHED = 3;
const MIN_REQUIRED = 2;

/**
 * Recognise a sheet: scan the first `scanRows` rows; for every row and ledger, count matched
 * columns (+ matched required columns); take the best. Returns null when no row looks like the
 * header of any ledger.
 */
export function recognizeSheet(sheet: SheetData, idx: HeaderIndex, scanRows = 30): Recognition | null {
  const hintName = normCompact(sheet.name);
  let best: { li: number; ri: number; score: number } | null = null;
  const n = Math.min(sheet.rows.length, scanRows);
  for (let ri = 0; ri < n; ri++) {
    const cells = sheet.rows[ri].cells;
    let textCells = 0;
    for (const c of cells) if (typeof c === 'string' && c.trim() !== '') textCells++;
    if (textCells < MIN_MATCHED) continue;
    for (let li = 0; li < idx.schemas.length; li++) {
      const schema = idx.schemas[li];
      const seen = new Set<string>();
      let req = 0;
      for (const c of cells) {
        const s = cellString(c);
        if (s === null) continue;
        const f = matchHeader(idx, li, s);
        if (f === undefined || seen.has(f)) continue;
        seen.add(f);
        if (schema.columns.find((x) => x.field === f)?.required) req++;
      }
      if (seen.size < MIN_MATCHED || req < MIN_REQUIRED) continue;
      let score = seen.size + req;
      if (idx.sheetHints[li].some((h) => hintName.includes(h))) score += 1.5;
      // Prefer the ledger whose own columns are mostly present (tie-break by coverage).
      score += seen.size / schema.columns.length;
      if (best === null || score > best.score) best = { li, ri, score };
    }
  }
  if (best === null) return null;
  const schema = idx.schemas[best.li];
  const row = sheet.rows[best.ri];
  const columns: HeaderColumn[] = [];
  const duplicates: HeaderColumn[] = [];
  const unknown: Array<{ col: number; header: string }> = [];
  const taken = new Set<string>();
  row.cells.forEach((c, i) => {
    if (c === null || c === undefined) return;
    const s = typeof c === 'string' ? c : typeof c === 'number' ? String(c) : null;
    if (s === null || s.trim() === '') return;
    const f = matchHeader(idx, best!.li, s);
    const h = { col: i + 1, header: s, field: f ?? '' };
    if (f === undefined) unknown.push({ col: i + 1, header: s });
    else if (taken.has(f)) duplicates.push(h);
    else {
      taken.add(f);
      columns.push(h);
    }
  });
  // A two-row header: the row below holds only header texts (e.g. 入伍时间 and 退伍时间 under a
  // merged 服役时间 cell). Its fields join the columns; data starts below it.
  let rowIndex = best.ri;
  const next = sheet.rows[best.ri + 1];
  if (next !== undefined) {
    const extra: HeaderColumn[] = [];
    let other = 0;
    next.cells.forEach((c, i) => {
      if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) return;
      const f = typeof c === 'string' ? matchHeader(idx, best!.li, c) : undefined;
      if (f === undefined || taken.has(f)) other++;
      else extra.push({ col: i + 1, header: c as string, field: f });
    });
    if (extra.length > 0 && other === 0) {
      for (const h of extra) {
        if (taken.has(h.field)) continue;
        taken.add(h.field);
        // The sub-header replaces a group title above it, if that title was unknown.
        const u = unknown.findIndex((x) => x.col === h.col);
        if (u >= 0) unknown.splice(u, 1);
        columns.push(h);
      }
      columns.sort((a, b) => a.col - b.col);
      rowIndex = best.ri + 1;
    }
  }
  const missing = schema.columns.filter((c) => c.required && !taken.has(c.field)).map((c) => c.field);
  return { schema, rowIndex, row: row.r, columns, duplicates, unknown, missing };
}

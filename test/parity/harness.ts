/**
 * The same .xlsx file through both hosts:
 * - the CLI: its reader (src/cli/read.ts), `--config` the same file, the check, `ledger merge`'s
 *   writer, the marked copy's 校验结果 and `ledger summarize`'s forms — each output read back from
 *   disk with exceljs;
 * - the add-in: the file opened in the in-memory Excel behind Microsoft's own Office.js client
 *   (cells and number formats as Excel shows them, its date system), 校验, 导入并合并 (the file
 *   inserted into another workbook) and 生成报表 — each output read from the simulator's workbook.
 * Cells are compared as Excel holds them: numbers (dates as their serials), text, booleans, with
 * their number formats.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { CheckResult } from '../../src/core/check-api';
import { checkWorkbooks } from '../../src/core/check/check-workbooks';
import type { Problem } from '../../src/core/problem';
import type { Settings } from '../../src/core/settings';
import { readInput } from '../../src/cli/read';
import { loadCliConfig } from '../../src/cli/config';
import { writeMerged } from '../../src/cli/merge';
import { writeMarkedCopies, markedName } from '../../src/cli/marked';
import { writeSummary } from '../../src/cli/summarize';
import { createExcelHost } from '../../src/excel/host-impl';
import { MERGED_PREFIX, REPORT_SHEET } from '../../src/excel/common';
import { REPORT_HEADER_ROW } from '../../src/core/layout/report';
import { isDateFormat, serialToDate } from '../../src/core/cells/read-cell';
import { writeMergedSheets } from '../../src/excel/import';
import { WorkbookModel, createExcel, decodeXlsx, key, type SheetModel } from '../excel-sim/node';

/** A cell as Excel holds it: its value and its number format. */
export type Cell = [string | number | boolean | null, string];
export type Grid = Cell[][];

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
}

/** A problem as both hosts must report it. */
export function problemKey(p: Problem): string {
  const fix = p.fix instanceof Date ? p.fix.toISOString().slice(0, 10) : JSON.stringify(p.fix ?? null);
  return [p.file, p.sheet ?? '', p.cell ?? '', p.row ?? '', p.code, p.severity, p.column ?? '', JSON.stringify(p.value ?? null), fix].join('|');
}

export function problemKeys(r: CheckResult): string[] {
  return r.problems.map(problemKey).sort();
}

// ---------------------------------------------------------------------------------------------
// Reading outputs back

/** A date as Excel shows it (its serial depends on the workbook's date system). */
function shown(v: Cell[0], fmt: string, date1904: boolean): Cell[0] {
  if (typeof v !== 'number' || !isDateFormat(fmt)) return v;
  const d = serialToDate(v, date1904);
  return d instanceof Date ? `date:${d.toISOString().slice(0, 10)}` : d === null ? v : `date:${d}`;
}

function exceljsValue(v: ExcelJS.CellValue, date1904: boolean): Cell[0] {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (v.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / 86400000;
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if ('richText' in o) return (o.richText as Array<{ text: string }>).map((t) => t.text).join('');
    if ('text' in o) return String(o.text);
    if ('error' in o) return String(o.error);
    if ('result' in o) return exceljsValue(o.result as ExcelJS.CellValue, date1904);
    return JSON.stringify(o);
  }
  return v;
}

/** A sheet written by the CLI, as Excel would hold it (exceljs gives dates as Date). */
export function gridOfExceljs(ws: ExcelJS.Worksheet, fromRow = 1): Grid {
  const out: Grid = [];
  const width = ws.columnCount;
  for (let r = fromRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // The hidden cells of a merged area hold nothing in Excel (exceljs repeats the master's).
      if (cell.isMerged && cell.master !== cell) cells.push([null, 'General']);
      else {
        const fmt = cell.numFmt || 'General';
        cells.push([shown(exceljsValue(cell.value, false), fmt, false), fmt]);
      }
    }
    out.push(trimRow(cells));
  }
  return trimGrid(out);
}

/** A sheet of the simulator's workbook. */
export function gridOfSim(s: SheetModel, fromRow = 1, date1904 = false): Grid {
  const out: Grid = [];
  let width = 0;
  for (const row of s.rows) width = Math.max(width, row?.length ?? 0);
  for (let r = fromRow - 1; r < s.rows.length; r++) {
    const cells: Cell[] = [];
    for (let c = 0; c < width; c++) {
      const v = s.get(r, c);
      const value = v === undefined ? null : typeof v === 'object' ? v.error : v;
      const fmt = s.formats.get(key(r, c)) ?? 'General';
      cells.push([shown(value, fmt, date1904), fmt]);
    }
    out.push(trimRow(cells));
  }
  return trimGrid(out);
}

function trimRow(cells: Cell[]): Cell[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1][0] === null) n--;
  return cells.slice(0, n);
}

function trimGrid(g: Grid): Grid {
  let n = g.length;
  while (n > 0 && g[n - 1].length === 0) n--;
  return g.slice(0, n);
}

/** Values only (for texts whose formats are not the point). */
export function valuesOf(g: Grid): Array<Array<Cell[0]>> {
  return g.map((r) => r.map((c) => c[0]));
}

// ---------------------------------------------------------------------------------------------
// The two hosts

export interface HostRun {
  result: CheckResult;
  /** 校验结果 from its header row down. */
  report: Grid;
  /** Merged ledgers by ledger id. */
  merged: Record<string, Grid>;
  /** Form sheets by name. */
  forms: Record<string, Grid>;
}

export interface Case {
  name: string;
  /** Absolute path of the .xlsx. */
  file: string;
  settings: Settings;
  /** A configuration workbook (列名/词表/规则 sheets): the CLI's `--config`; in the add-in the
   *  workbook importing holds its sheets (the file checked holds them itself). */
  config?: string;
  /** Also compare the forms of 生成报表 / summarize. */
  forms?: boolean;
  /** A 1904 workbook: the add-in's merged sheets are written into the workbook itself (inserting
   *  its sheets into a 1900 workbook would keep the serials, as Excel's copies between date
   *  systems do, and shift every date). */
  date1904?: boolean;
}

export async function runCli(c: Case): Promise<HostRun> {
  const dir = tmpDir();
  const name = path.basename(c.file);
  const read = await readInput(c.file, { displayName: name });
  if (!read.ok) throw new Error(`${name}: ${read.message}`);
  const cfg = c.config ? await loadCliConfig(c.config) : undefined;
  const result = checkWorkbooks([read.data], c.settings, { ...(cfg?.checkOptions ?? {}) });
  // 校验结果 of the marked copy
  await writeMarkedCopies([{ input: { path: c.file, display: name } as never, data: read.data }], result, c.settings, dir, [c.file]);
  const marked = new ExcelJS.Workbook();
  await marked.xlsx.readFile(path.join(dir, markedName(name)));
  const report = gridOfExceljs(marked.getWorksheet(REPORT_SHEET)!, REPORT_HEADER_ROW);
  // ledger merge
  const out = path.join(dir, 'merged.xlsx');
  await writeMerged(result, c.settings, out, { failures: [], skipped: [] });
  const mwb = new ExcelJS.Workbook();
  await mwb.xlsx.readFile(out);
  const merged: Record<string, Grid> = {};
  mwb.eachSheet((ws) => {
    if (ws.name !== '合并说明') merged[ws.name] = gridOfExceljs(ws);
  });
  const forms: Record<string, Grid> = {};
  if (c.forms) {
    const fout = path.join(dir, 'forms.xlsx');
    await writeSummary(result, c.settings, fout, { io: { out: () => undefined, err: () => undefined } as never, quiet: true, inputs: [c.file] });
    const fwb = new ExcelJS.Workbook();
    await fwb.xlsx.readFile(fout);
    fwb.eachSheet((ws) => (forms[ws.name] = gridOfExceljs(ws)));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { result, report, merged, forms };
}

/** The file as Excel opens it: its sheets and its date system. */
export function simWorkbook(file: string): WorkbookModel {
  const bytes = fs.readFileSync(file);
  const b64 = bytes.toString('base64');
  const m = new WorkbookModel();
  m.name = path.basename(file);
  m.sheets = decodeXlsx(b64);
  m.date1904 = Boolean(XLSX.read(bytes, { type: 'buffer' }).Workbook?.WBProps?.date1904);
  m.active = m.sheets.find((s) => s.visibility === 'Visible') ?? null;
  if (m.active) m.selection = { sheet: m.active, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  return m;
}

export async function runAddin(c: Case): Promise<HostRun> {
  const name = path.basename(c.file);
  // 校验 in the workbook itself
  const configSheets = () => (c.config ? simWorkbook(c.config).sheets : []);
  let xl = createExcel(simWorkbook(c.file));
  const host = createExcelHost();
  let result: CheckResult;
  let report: Grid;
  const merged: Record<string, Grid> = {};
  try {
    result = await host.check('workbook', c.settings);
    report = gridOfSim(xl.model.sheet(REPORT_SHEET)!, REPORT_HEADER_ROW);
    if (c.date1904) {
      await Excel.run((ctx) => writeMergedSheets(ctx, result));
      for (const s of xl.model.sheets) if (s.name.startsWith(MERGED_PREFIX)) merged[s.name.slice(MERGED_PREFIX.length)] = gridOfSim(s, 1, xl.model.date1904);
    }
  } finally {
    xl.uninstall();
  }
  if (c.date1904) return { result: result!, report: report!, merged, forms: {} };
  const forms: Record<string, Grid> = {};
  if (c.forms) {
    xl = createExcel(simWorkbook(c.file));
    try {
      const written = await host.summarize(c.settings);
      for (const s of written.sheets) forms[s] = gridOfSim(xl.model.sheet(s)!);
    } finally {
      xl.uninstall();
    }
  }
  // 导入并合并 into another workbook (holding the same configuration sheets when there are any)
  const home = new WorkbookModel();
  home.name = '汇总.xlsx';
  home.sheets = configSheets();
  if (!home.sheets.length) home.sheets = decodeXlsx(emptyBookBase64());
  home.active = home.sheets[0];
  xl = createExcel(home);
  try {
    await host.importWorkbooks([{ name, base64: fs.readFileSync(c.file).toString('base64') }], c.settings);
    for (const s of xl.model.sheets) if (s.name.startsWith(MERGED_PREFIX)) merged[s.name.slice(MERGED_PREFIX.length)] = gridOfSim(s);
  } finally {
    xl.uninstall();
  }
  return { result: result!, report: report!, merged, forms };
}

let emptyBook: string | undefined;
function emptyBookBase64(): string {
  if (!emptyBook) {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['封面']]), '封面');
    emptyBook = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
  }
  return emptyBook;
}

export async function both(c: Case): Promise<{ cli: HostRun; addin: HostRun }> {
  const cli = await runCli(c);
  const addin = await runAddin(c);
  return { cli, addin };
}

export function expectSame({ cli, addin }: { cli: HostRun; addin: HostRun }, opts: { forms?: boolean } = {}): void {
  expect(problemKeys(addin.result)).toEqual(problemKeys(cli.result));
  expect(addin.report).toEqual(cli.report);
  expect(Object.keys(addin.merged).sort()).toEqual(Object.keys(cli.merged).sort());
  for (const ledger of Object.keys(cli.merged)) expect([ledger, addin.merged[ledger]]).toEqual([ledger, cli.merged[ledger]]);
  if (opts.forms) {
    expect(Object.keys(addin.forms).sort()).toEqual(Object.keys(cli.forms).sort());
    for (const f of Object.keys(cli.forms)) expect([f, addin.forms[f]]).toEqual([f, cli.forms[f]]);
  }
}


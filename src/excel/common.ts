/**
 * Shared bits of the Excel host layer: names of the add-in's own sheets, fills, payload budget,
 * address helpers, errors and cancellation.
 */
import { columnLetter } from '../core/model';

// The product's own sheets (src/core/ops/sheets.ts).
export { REPORT_SHEET, STATE_SHEET, MERGED_PREFIX, COMPARE_PREFIX, FORM_SHEETS, isOwnSheet } from '../core/ops/sheets';
/** Key of the settings in `workbook.settings`. */
export const SETTINGS_KEY = 'shuangyong.settings';

/** Fill of a cell with an error (light red) and with a warning (amber): clearly different. */
export const ERROR_FILL = '#FFC7CE';
export const WARNING_FILL = '#FFEB9C';

/** Target size of one request or response (Excel on the web fails at 5 MB). */
export const CHUNK_BYTES = 4.5 * 1024 * 1024;

/** "A", "B" … "AA" for a 0-based column index. */
export function colLetters(c0: number): string {
  return columnLetter(c0 + 1);
}

export function lettersToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parse "F7" into 0-based row and column. */
export function parseCell(a1: string): { r: number; c: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) return null;
  return { r: Number(m[2]) - 1, c: lettersToIndex(m[1]) };
}

/** Sheet name as it must appear in a formula or a document reference. */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** UTF-8 byte length (payload estimates in the same unit as the host measures). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

/** The failures every host reports (src/core/ops/errors.ts). */
export { HostError, abortError, throwIfAborted, protectedError, structureError, type CancelSignal } from '../core/ops/errors';
import { HostError } from '../core/ops/errors';

/** Load whether the workbook's structure is protected (read `.protected` after the next sync). */
export function queueStructureProtection(context: Excel.RequestContext): Excel.WorkbookProtection {
  const p = context.workbook.protection;
  p.load('protected');
  return p;
}

/** Office error code of a thrown error, if any. */
export function officeCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
}

/** Turn Office errors into messages a user can act on. */
export function toHostError(e: unknown): unknown {
  const code = officeCode(e);
  if (code === 'InvalidOperationInCellEditMode')
    return new HostError(
      'busy',
      '正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再重试。未做任何修改。(Excel is in cell-edit mode: press Enter or Esc to finish editing, then try again. Nothing was changed.)',
    );
  if (code === 'GeneralException' || code === 'Conflict')
    return new HostError(
      'busy',
      'Excel 正忙（可能有对话框打开、正在计算或另一项操作未完成），请稍后重试。(Excel is busy — a dialog may be open or another operation is running: try again in a moment.)',
    );
  if (code === 'AccessDenied') return new HostError('protected', '工作表或工作簿受保护，无法写入；请先撤销保护后重试。(The sheet or workbook is protected.)');
  if (code === 'ApiNotFound') return new HostError('unsupported', '当前 Excel 版本不支持此功能，请升级 Excel 或使用网页版。(This Excel version does not support the feature.)');
  if (code === 'ItemNotFound' || code === 'InvalidObjectPath')
    return new HostError('notFound', '找不到对应的工作表或单元格，可能已被删除或改名；请重新校验。(The sheet or cell no longer exists: check again.)');
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded')
    return new HostError('invalid', '一次传输的数据超过 Excel 的限制，请分表处理或使用命令行 npx ledger。(Too much data for one request.)');
  return e;
}

/**
 * Options of every `Excel.run`: wait while the user is editing a cell instead of failing
 * ("delayForCellEdit … delays the batch request until the user exits cell edit mode",
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions). Hosts without the
 * DelayForCellEdit requirement set still answer InvalidOperationInCellEditMode (see toHostError).
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/** `Excel.run` with RUN_OPTIONS: the only way src/excel starts a batch. */
export function excelRun<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(RUN_OPTIONS, batch);
}

/**
 * A proxy used only within this run's next syncs, not kept as a reference: Office.js would
 * otherwise add `_KeepReference` to every Range it creates and, at the end of Excel.run, send one
 * clean-up request removing them all — over 5 MB for 50,000 ranges (OfficeExtension
 * TrackedObjects; https://learn.microsoft.com/en-us/office/dev/add-ins/excel/performance#untrack-unneeded-ranges).
 */
export function untracked<T extends OfficeExtension.ClientObject>(context: Excel.RequestContext, o: T): T {
  context.trackedObjects.remove(o);
  return o;
}

/** Office.context.platform ('OfficeOnline', 'PC', 'Mac', 'iOS' …), undefined outside Office. */
export function officePlatform(): string | undefined {
  try {
    const o = (globalThis as { Office?: typeof Office }).Office;
    return (o?.context?.platform as unknown as string | undefined) ?? (o?.context?.diagnostics?.platform as unknown as string | undefined);
  } catch {
    return undefined;
  }
}

/**
 * Cell notes (Worksheet.notes) need ExcelApi 1.18 (Office 2021/2024 perpetual lack it) and an
 * Office.js library that has them; with either missing, comments or the report are used instead.
 */
export function notesAvailable(): boolean {
  if (!isSetSupported('ExcelApi', '1.18')) return false;
  const x = (globalThis as { Excel?: { Worksheet?: { prototype?: object } } }).Excel;
  const proto = x?.Worksheet?.prototype;
  return !!proto && 'notes' in proto;
}

/** Check the requirement set at run time (outside Office: not supported). */
export function isSetSupported(name: string, version: string): boolean {
  try {
    const o = (globalThis as { Office?: typeof Office }).Office;
    return !!o?.context?.requirements?.isSetSupported(name, version);
  } catch {
    return false;
  }
}

/** A worksheet proxy per sheet name, made once per batch (not once per cell): each
 *  `worksheets.getItem` is another object path in the request. */
export function sheetLookup(context: Excel.RequestContext): (name: string) => Excel.Worksheet {
  const bySheet = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = bySheet.get(name);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(name);
      bySheet.set(name, ws);
    }
    return ws;
  };
}

/**
 * Import, the Office.js side (the pipeline is src/core/ops/import.ts): insert village workbooks
 * into the open one (insertWorksheetsFromBase64, ExcelApi 1.13), and write the merged ledgers
 * (合并_优抚对象 …) by replaying the core's merged-ledger layout — the same cells and number formats
 * as `ledger merge`.
 */
import type { CheckResult } from '../core/check-api';
import { dateToSerial } from '../core/cells/read-cell';
import { mergedCellFormat, mergedLayouts, type MergedSheet } from '../core/layout/merged';
import type { LayoutValue } from '../core/layout/types';
import { importedSheetName } from '../core/ops/import';
import type { ImportFile, InsertedFile, WriteSheetsOptions } from '../core/ops/port';
import type { Locale } from '../core/settings';
import { CHUNK_BYTES, HostError, MERGED_PREFIX, colLetters, isSetSupported, jsonBytes, officeCode, officePlatform, throwIfAborted, type CancelSignal } from './common';
import { excelInput } from './fix';
import { PT_PER_CHAR, replaceSheet, sheetsToReplace } from './forms';
import { queueDateSystem } from './read';

export type { InsertedFile };
export { booksAsInFiles, importedSheetName, inWorkbook, PICKED_EXTENSION, statusesOf } from '../core/ops/import';

/**
 * insertWorksheetsFromBase64 needs ExcelApi 1.13 and is documented for Excel on the web, Windows
 * and Mac only (https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbook
 * #excel-excel-workbook-insertworksheetsfrombase64-member(1)): not on iPad.
 */
export function importSupported(): boolean {
  const platform = officePlatform();
  if (platform === 'iOS' || platform === 'Android') return false;
  return isSetSupported('ExcelApi', '1.13');
}

/** Excel on the web refuses a request over 5 MB; the base64 is sent whole, with ~100 bytes around it. */
export const WEB_IMPORT_LIMIT = 5 * 1024 * 1024 - 64 * 1024;

export const IMPORT_UNSUPPORTED =
  '此版本的 Excel 不支持导入工作簿（需要 Windows、Mac 或网页版的 Microsoft 365 Excel，ExcelApi 1.13；iPad 不支持）。可改用命令行 npx ledger check/merge。(Importing workbooks needs Excel on Windows, Mac or the web with ExcelApi 1.13; not iPad.)';

/** Insert each file's sheets at the end of the workbook; one sync per file. */
export async function insertFiles(
  context: Excel.RequestContext,
  files: ImportFile[],
  signal?: CancelSignal,
  onInserted?: (sheets: string[]) => void,
  onFile?: (name: string) => void,
  /** The language of the messages (each in one language, no mixed fragments). */
  locale: Locale = 'zh-CN',
): Promise<InsertedFile[]> {
  const en = locale === 'en-US';
  if (!importSupported()) throw new HostError('unsupported', IMPORT_UNSUPPORTED);
  const out: InsertedFile[] = [];
  for (const f of files) {
    throwIfAborted(signal);
    onFile?.(f.name);
    if (officePlatform() === 'OfficeOnline' && f.base64.length > WEB_IMPORT_LIMIT) {
      const mb = ((f.base64.length * 3) / 4 / 1024 / 1024).toFixed(1);
      out.push({
        name: f.name,
        sheets: [],
        error: en
          ? `Too large (${mb} MB) for Excel on the web's 5 MB request limit: import it in desktop Excel or use npx ledger merge.`
          : `文件较大（${mb} MB），超过网页版 Excel 单次传输 5 MB 的上限；请在桌面版 Excel 中导入，或用命令行 npx ledger merge。`,
      });
      continue;
    }
    // The names before the insert (queued first, answered as they were): a new sheet named
    // “X (2)” where X was taken is Excel's clash rename of the file's sheet X.
    const before = context.workbook.worksheets;
    before.load('items/name');
    const res = context.workbook.insertWorksheetsFromBase64(f.base64, { positionType: 'End' });
    try {
      await context.sync();
      const had = new Set(before.items.map((w) => w.name.toLowerCase()));
      // The method returns the new sheets' IDs, not their names (Excel renames on a clash):
      // look the names up by ID.
      const inserted = res.value.map((id) => {
        const ws = context.workbook.worksheets.getItem(id);
        ws.load('name');
        return ws;
      });
      const all = context.workbook.worksheets;
      all.load('items/name');
      await context.sync();
      // Each sheet is named after its file (the village): “光明村·优抚对象”.
      const taken = new Set(all.items.map((w) => w.name));
      const originals = inserted.map((ws) => {
        const m = / \((\d+)\)$/.exec(ws.name);
        const base = m ? ws.name.slice(0, m.index) : ws.name;
        const o = m && had.has(base.toLowerCase()) ? base : ws.name;
        had.add(o.toLowerCase());
        return o;
      });
      for (const ws of inserted) {
        taken.delete(ws.name);
        const name = importedSheetName(f.name, ws.name, taken);
        taken.add(name);
        if (name !== ws.name) ws.name = name;
      }
      if (inserted.length) await context.sync();
      const names = inserted.map((ws) => ws.name);
      out.push({ name: f.name, sheets: names, originals });
      onInserted?.(names);
    } catch (e) {
      const code = officeCode(e);
      const why =
        code === 'InvalidArgument'
          ? en
            ? 'Cannot be read: not a valid .xlsx workbook, or encrypted or damaged.'
            : '无法读取：不是有效的 .xlsx 工作簿，或文件已加密/损坏。'
          : code === 'AccessDenied'
            ? en
              ? 'The workbook structure is protected: no sheet can be inserted.'
              : '工作簿结构受保护，无法插入工作表。'
            : en
              ? `Cannot be imported: ${(e as Error).message}`
              : `无法导入：${(e as Error).message}`;
      out.push({ name: f.name, sheets: [], error: why });
    }
  }
  return out;
}

/** A layout value as Office.js writes it: a date as its serial in the workbook's date system. */
function mergedInput(v: LayoutValue, fmt: string, date1904: boolean): string | number | boolean {
  if (v === null) return '';
  if (v instanceof Date) return dateToSerial(v, date1904);
  return typeof v === 'string' ? excelInput(v, fmt) : v;
}

/**
 * Write one 合并_<台账> sheet per ledger found in `result.tables` (replacing earlier ones) by
 * replaying the core's merged-ledger layout (src/core/layout/merged.ts, the one `ledger merge`
 * writes): the schema's columns in force, 序号 renumbered, 来源, 来源工作表, 来源行, 校验; rows with
 * an error filled. Rows go in blocks of about `chunkBytes`, one sync each.
 */
export async function writeMergedSheets(
  context: Excel.RequestContext,
  result: CheckResult,
  opts: {
    signal?: CancelSignal;
    chunkBytes?: number;
    /** The workbook's date system (asked of Excel when not given). */
    date1904?: boolean;
    locale?: Locale;
    maskIds?: boolean;
  } = {},
): Promise<string[]> {
  return writeMergedLayouts(context, mergedLayouts(result, { locale: opts.locale, maskIds: opts.maskIds }), opts);
}

/** Write merged-ledger layouts (see writeMergedSheets); the port's `writeTables`. */
export async function writeMergedLayouts(
  context: Excel.RequestContext,
  layouts: MergedSheet[],
  opts: Pick<WriteSheetsOptions, 'signal' | 'onProgress' | 'activate'> & { chunkBytes?: number; date1904?: boolean } = {},
): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  // The date system only when the caller does not know it (the port learnt it reading).
  const dates = opts.date1904 === undefined ? queueDateSystem(context) : null;
  // (Protected 合并_ sheets are always refused, before anything is written.)
  const old = await sheetsToReplace(
    context,
    layouts.map((l) => `${MERGED_PREFIX}${l.ledger}`),
    true,
    () => context.sync(),
  );
  const budget = opts.chunkBytes ?? CHUNK_BYTES;
  const date1904 = opts.date1904 ?? dates?.date1904 ?? false;
  const written: string[] = [];
  for (let li = 0; li < layouts.length; li++) {
    throwIfAborted(opts.signal);
    const layout = layouts[li];
    const name = `${MERGED_PREFIX}${layout.ledger}`;
    const ws = replaceSheet(context, old[li], name);
    const cols = layout.columns;
    const lastCol = colLetters(cols.length - 1);
    const head = ws.getRange(`A1:${lastCol}1`);
    head.numberFormat = [cols.map(() => layout.headerStyle.numFmt ?? '@')];
    head.values = [cols.map((c) => excelInput(c.header, layout.headerStyle.numFmt ?? '@'))];
    if (layout.headerStyle.bold) head.format.font.bold = true;
    if (layout.headerStyle.fill) head.format.fill.color = `#${layout.headerStyle.fill}`;
    ws.freezePanes.freezeRows(layout.freezeRows);
    cols.forEach((c, j) => {
      ws.getRange(`${colLetters(j)}:${colLetters(j)}`).format.columnWidth = Math.round(c.width * PT_PER_CHAR);
    });
    // Rows in blocks: values and formats, then the error fill over each run of error rows.
    let r = 2;
    let block: { values: Array<Array<string | number | boolean>>; formats: string[][]; errors: boolean[] } = { values: [], formats: [], errors: [] };
    let bytes = 0;
    const flush = async () => {
      if (!block.values.length) return;
      const first = r;
      const last = r + block.values.length - 1;
      const range = ws.getRange(`A${first}:${lastCol}${last}`);
      range.numberFormat = block.formats;
      range.values = block.values;
      for (let i = 0; i < block.errors.length; i++) {
        if (!block.errors[i]) continue;
        let j = i;
        while (j + 1 < block.errors.length && block.errors[j + 1]) j++;
        ws.getRange(`A${first + i}:${lastCol}${first + j}`).format.fill.color = `#${layout.errorFill}`;
        i = j;
      }
      await context.sync();
      r = last + 1;
      block = { values: [], formats: [], errors: [] };
      bytes = 0;
    };
    for (const row of layout.rows()) {
      const formats = row.values.map((v, c) => mergedCellFormat(cols[c], v));
      const values = row.values.map((v, c) => mergedInput(v, formats[c], date1904));
      block.values.push(values);
      block.formats.push(formats);
      block.errors.push(row.error);
      bytes += jsonBytes(values) + jsonBytes(formats) + 8 + (row.error ? 120 : 0);
      if (bytes >= budget) await flush();
    }
    // The last block's sync carries what is left of the sheet (and, for the last one, the activation).
    if (opts.activate && li === layouts.length - 1) sheets.getItem(opts.activate).activate();
    if (block.values.length) await flush();
    else await context.sync();
    written.push(name);
    opts.onProgress?.({ label: name, done: li + 1, total: layouts.length });
  }
  return written;
}

/**
 * Insert village workbooks into the open one (insertWorksheetsFromBase64, ExcelApi 1.13): the
 * port's `insertFiles` (src/excel/port.ts). Checking, marking, the report and the merged ledgers
 * are the import pipeline's (src/core/ops/import.ts).
 */
import type { Locale } from '../core/settings';
import { importedSheetName } from '../core/ops/import';
import type { ImportFile, InsertedFile } from '../core/ops/port';
import { HostError, isSetSupported, officeCode, officePlatform, throwIfAborted } from './common';

export { importedSheetName, statusesOf } from '../core/ops/import';
export type { InsertedFile };

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
  signal?: AbortSignal,
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
    const res = context.workbook.insertWorksheetsFromBase64(f.base64, { positionType: 'End' });
    try {
      await context.sync();
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
      for (const ws of inserted) {
        taken.delete(ws.name);
        const name = importedSheetName(f.name, ws.name, taken);
        taken.add(name);
        if (name !== ws.name) ws.name = name;
      }
      if (inserted.length) await context.sync();
      const names = inserted.map((ws) => ws.name);
      out.push({ name: f.name, sheets: names });
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

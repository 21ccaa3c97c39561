/**
 * Import village workbooks into the open one (insertWorksheetsFromBase64, ExcelApi 1.13) and merge
 * each ledger into one sheet (合并_优抚对象 …) with 来源 columns — the in-Excel twin of `ledger merge`.
 */
import type { CheckResult } from '../core/check-api';
import { type FieldValue, LEDGER_IDS, type LedgerId, type LedgerTable } from '../core/ledger';
import { LEDGER_SCHEMAS } from '../core/schema';
import type { Locale } from '../core/settings';
import type { ImportFile, ImportFileStatus } from './host';
import { CHUNK_BYTES, HostError, MERGED_PREFIX, colLetters, isSetSupported, jsonBytes, officeCode, officePlatform, protectedError, throwIfAborted } from './common';
import { excelInput } from './fix';

export interface InsertedFile {
  name: string;
  /** Names the file's sheets got in this workbook (Excel renames on a clash: "优抚对象 (2)"). */
  sheets: string[];
  error?: string;
}

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

/**
 * The name an imported sheet gets: its file's name (the village) before the sheet's own, so that
 * “光明村·优抚对象” says where it came from instead of “优抚对象 (2)” or “Sheet1 (3)”. At most 31
 * characters, none of Excel's forbidden ones, and unique (case-insensitive) among `taken`.
 */
export function importedSheetName(file: string, sheet: string, taken: ReadonlySet<string>): string {
  const clean = (x: string) => x.replace(/[[\]:*?/\\]/g, '').replace(/^'+|'+$/g, '').trim();
  const base = clean(file.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xlsm|xls)$/i, '')).slice(0, 14);
  // Excel's own clash suffix (“优抚对象 (2)”) goes: the village prefix tells the sheets apart.
  const own = clean(sheet).replace(/ \(\d+\)$/, '');
  const full = !base || own.startsWith(base) ? own || base : `${base}·${own}`;
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let k = 1; k < 1000; k++) {
    const suffix = k === 1 ? '' : ` (${k})`;
    const name = full.slice(0, 31 - suffix.length) + suffix;
    if (name && !lower.has(name.toLowerCase())) return name;
  }
  return own;
}

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

/** One status per file: why it could not be inserted, or its ledgers and problem counts. */
export function statusesOf(inserted: InsertedFile[], result: CheckResult | null): ImportFileStatus[] {
  return inserted.map((f): ImportFileStatus => {
    if (f.error || !result) return { name: f.name, ok: false, ledgers: [], errors: 0, warnings: 0, message: f.error ?? '工作簿中没有工作表' };
    const sheets = result.sheets.filter((s) => s.file === f.name);
    const problems = result.problems.filter((p) => p.file === f.name);
    return {
      name: f.name,
      ok: true,
      ledgers: [...new Set(sheets.map((s) => s.ledger).filter((l): l is NonNullable<typeof l> => !!l))],
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    };
  });
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EPOCH_MS = Date.UTC(1899, 11, 30);

function mergedCell(v: FieldValue | undefined, type: string): { value: string | number | boolean; format: string } {
  if (v === null || v === undefined) return { value: '', format: 'General' };
  if (typeof v === 'boolean') return { value: v ? '是' : '否', format: '@' };
  if (typeof v === 'string' && type === 'date') {
    const m = ISO_DAY.exec(v);
    if (m) return { value: Math.round((Date.UTC(+m[1], +m[2] - 1, +m[3]) - EPOCH_MS) / 86400000), format: 'yyyy-mm-dd' };
  }
  if (typeof v === 'string') return { value: excelInput(v, '@'), format: '@' };
  return { value: v, format: 'General' };
}

/**
 * Write one 合并_<台账> sheet per ledger found in `result.tables` (replacing earlier ones): the
 * schema's columns in standard order, 序号 renumbered, then 来源 (file), 来源工作表, 来源行.
 */
export async function writeMergedSheets(context: Excel.RequestContext, result: CheckResult, opts: { signal?: AbortSignal; chunkBytes?: number } = {}): Promise<string[]> {
  const byLedger = new Map<LedgerId, LedgerTable[]>();
  for (const t of result.tables) byLedger.set(t.ledger, [...(byLedger.get(t.ledger) ?? []), t]);
  const ledgers = LEDGER_IDS.filter((l) => byLedger.has(l));
  const sheets = context.workbook.worksheets;
  const old = ledgers.map((l) => {
    const ws = sheets.getItemOrNullObject(`${MERGED_PREFIX}${l}`);
    ws.load('name,protection/protected');
    return ws;
  });
  await context.sync();
  const locked = ledgers.filter((_, i) => !old[i].isNullObject && old[i].protection.protected).map((l) => `${MERGED_PREFIX}${l}`);
  if (locked.length) throw protectedError(locked);
  const budget = opts.chunkBytes ?? CHUNK_BYTES;
  const written: string[] = [];
  for (let li = 0; li < ledgers.length; li++) {
    throwIfAborted(opts.signal);
    const ledger = ledgers[li];
    const schema = LEDGER_SCHEMAS.find((s) => s.id === ledger);
    if (!schema) continue;
    const name = `${MERGED_PREFIX}${ledger}`;
    const ws = old[li].isNullObject ? sheets.add(name) : sheets.add(`${name}~`);
    if (!old[li].isNullObject) {
      old[li].delete();
      ws.name = name;
    }
    // The standard columns, then those a configuration added (列名, ledgers.md §8), as the CLI's merge.
    const tables = byLedger.get(ledger) ?? [];
    const added = [...new Set(tables.flatMap((t) => t.columns.map((c) => c.field)))].filter((f) => !schema.columns.some((c) => c.field === f));
    const columns = [...schema.columns, ...added.map((field) => ({ field, type: 'text' as const }))];
    const headers = [...columns.map((c) => c.field), '来源', '来源工作表', '来源行'];
    const lastCol = colLetters(headers.length - 1);
    const head = ws.getRange(`A1:${lastCol}1`);
    head.values = [headers];
    head.format.font.bold = true;
    head.format.fill.color = '#DDEBF7';
    ws.freezePanes.freezeRows(1);
    const rows: Array<{ values: Array<string | number | boolean>; formats: string[] }> = [];
    let n = 0;
    for (const t of tables) {
      for (const rec of t.records) {
        n++;
        const cells = columns.map((c) => (c.field === '序号' ? { value: n, format: 'General' } : mergedCell(rec.v[c.field], c.type)));
        cells.push({ value: excelInput(t.file, '@'), format: '@' }, { value: excelInput(t.sheet, '@'), format: '@' }, { value: rec.row, format: 'General' });
        rows.push({ values: cells.map((c) => c.value), formats: cells.map((c) => c.format) });
      }
    }
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && (end === start || bytes < budget)) {
        bytes += jsonBytes(rows[end].values) + jsonBytes(rows[end].formats) + 8;
        end++;
      }
      const block = ws.getRange(`A${2 + start}:${lastCol}${1 + end}`);
      block.numberFormat = rows.slice(start, end).map((r) => r.formats);
      block.values = rows.slice(start, end).map((r) => r.values);
      await context.sync();
      start = end;
    }
    columns.forEach((c, j) => {
      ws.getRange(`${colLetters(j)}:${colLetters(j)}`).format.columnWidth = (c.type === 'id' ? 22 : Math.max(8, c.field.length * 2 + 2)) * 7;
    });
    await context.sync();
    written.push(name);
  }
  return written;
}

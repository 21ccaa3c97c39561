/**
 * Looks at a file before any parser touches it, so that what arrives by e-mail (an empty file, an
 * .xls or .csv renamed .xlsx, an encrypted workbook, a zip bomb, a locked file) is refused with one
 * clear line naming the file and what to do — and the run goes on with the other files.
 */
import * as fs from 'fs';
import * as yauzl from 'yauzl';
import { hasEncryptionInfo, type InputFormat, isOle, isPdf, isUtf16Text, isZip, looksLikeText, markupFormat, REFUSALS, textAccepted, zipFormat } from '../formats/sniff';

/** Refuse a workbook whose parts would inflate to more than this many bytes in all (1 GiB). */
export const MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024;
/** …or whose parts inflate more than this many times their stored size while above MIN_RATIO_BYTES. */
export const MAX_COMPRESSION_RATIO = 200;
export const MIN_RATIO_BYTES = 50 * 1024 * 1024;
/** …or that has more parts than this. */
export const MAX_ZIP_ENTRIES = 10000;

export type InputKind = 'xlsx' | 'csv' | 'legacy';

// What a file is, by its bytes: shared with the pane's import (src/formats/sniff.ts).
export { FORMAT_NAMES, type InputFormat } from '../formats/sniff';

export type PreflightCode =
  | 'file.empty'
  | 'file.unreadable'
  | 'file.not-zip'
  | 'file.xls'
  | 'file.encrypted'
  | 'file.text-renamed'
  | 'file.not-xlsx'
  | 'file.zip-bomb'
  | 'file.too-large'
  | 'file.damaged'
  | 'file.xlsb'
  | 'file.pdf'
  | 'file.unsupported';

export interface PreflightFailure {
  ok: false;
  code: PreflightCode;
  /** One line of plain Chinese: what is wrong and what to do (without the file name). */
  message: string;
  /** The same in English. */
  messageEn: string;
}

export interface PreflightOk {
  ok: true;
  kind: InputKind;
  /** What the bytes are (xlsx, csv, or the legacy format SheetJS reads). */
  format: InputFormat;
  size: number;
  /** For xlsx: total uncompressed size from the zip's central directory. */
  uncompressed?: number;
}

export type PreflightResult = PreflightOk | PreflightFailure;


function fail(code: PreflightCode, message: string, messageEn: string): PreflightFailure {
  return { ok: false, code, message, messageEn };
}

function errnoMessage(e: unknown): PreflightFailure {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  if (code === 'EACCES' || code === 'EPERM')
    return fail('file.unreadable', '无法读取：没有读取权限。请检查文件权限，或复制一份再试。', 'cannot read it: permission denied. Check the file permissions or copy it.');
  if (code === 'EBUSY' || code === 'ETXTBSY')
    return fail('file.unreadable', '无法读取：文件正被其他程序占用（是否在 Excel 中打开？）。请关闭后再试。', 'cannot read it: the file is locked by another program (open in Excel?). Close it and retry.');
  if (code === 'ENOENT') return fail('file.unreadable', '找不到该文件。请检查路径。', 'file not found. Check the path.');
  if (code === 'EISDIR') return fail('file.unreadable', '这是一个文件夹，不是文件。', 'this is a folder, not a file.');
  return fail('file.unreadable', `无法读取（${code || 'I/O 错误'}）。请复制一份再试。`, `cannot read it (${code || 'I/O error'}). Copy it and retry.`);
}

/** Reads the zip's central directory only (no inflation) and sums the sizes it declares. */
function zipSizes(file: string): Promise<{ entries: number; compressed: number; uncompressed: number; names: Set<string> }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      let entries = 0;
      let compressed = 0;
      let uncompressed = 0;
      const names = new Set<string>();
      let done = false;
      const finish = (e?: Error): void => {
        if (done) return;
        done = true;
        zip.close();
        if (e) reject(e);
        else resolve({ entries, compressed, uncompressed, names });
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        compressed += entry.compressedSize;
        uncompressed += entry.uncompressedSize;
        names.add(entry.fileName.replace(/\\/g, '/').replace(/^\//, ''));
        if (entries > MAX_ZIP_ENTRIES || uncompressed > MAX_UNCOMPRESSED_BYTES) return finish();
        zip.readEntry();
      });
      zip.on('end', () => finish());
      zip.on('error', (e: Error) => finish(e));
      zip.readEntry();
    });
  });
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

/**
 * Classifies a file by its bytes (not its name) and, for a zip, by its central directory.
 * `kind` follows the content; a `.csv` name with text content is a CSV export.
 */
export async function preflight(file: string): Promise<PreflightResult> {
  let head: Buffer;
  let size: number;
  try {
    const st = await fs.promises.stat(file);
    if (st.isDirectory()) return errnoMessage(Object.assign(new Error('dir'), { code: 'EISDIR' }));
    size = st.size;
    if (size === 0) return REFUSALS.empty();
    const h = await fs.promises.open(file, 'r');
    try {
      head = Buffer.alloc(Math.min(size, 4096));
      await h.read(head, 0, head.length, 0);
    } finally {
      await h.close();
    }
  } catch (e) {
    return errnoMessage(e);
  }
  const lower = file.toLowerCase();

  if (isOle(head)) {
    // An OLE/CFB container: either a legacy .xls or an encrypted .xlsx (which Excel wraps in OLE).
    let encrypted = false;
    try {
      const all = await fs.promises.readFile(file);
      encrypted = hasEncryptionInfo(all);
    } catch (e) {
      return errnoMessage(e);
    }
    if (encrypted) return REFUSALS.encrypted();
    return { ok: true, kind: 'legacy', format: 'xls', size };
  }

  if (isPdf(head)) return REFUSALS.pdf();

  if (isZip(head)) {
    let z: Awaited<ReturnType<typeof zipSizes>>;
    try {
      z = await zipSizes(file);
    } catch {
      return REFUSALS.damaged();
    }
    if (z.entries > MAX_ZIP_ENTRIES)
      return fail('file.zip-bomb', `文件内部含 ${z.entries} 个部件，超过上限 ${MAX_ZIP_ENTRIES}，拒绝读取。请确认文件来源。`, `the file holds ${z.entries} parts (limit ${MAX_ZIP_ENTRIES}); refused.`);
    if (z.uncompressed > MAX_UNCOMPRESSED_BYTES)
      return fail('file.zip-bomb', `文件解压后超过 ${mb(MAX_UNCOMPRESSED_BYTES)}（压缩炸弹？），拒绝读取。请确认文件来源。`, `the file would inflate beyond ${mb(MAX_UNCOMPRESSED_BYTES)} (zip bomb?); refused.`);
    if (z.uncompressed > MIN_RATIO_BYTES && z.uncompressed > MAX_COMPRESSION_RATIO * Math.max(1, z.compressed))
      return fail('file.zip-bomb', `文件解压后 ${mb(z.uncompressed)}，是压缩大小的 ${Math.round(z.uncompressed / Math.max(1, z.compressed))} 倍（压缩炸弹？），拒绝读取。`, `the file would inflate to ${mb(z.uncompressed)}, ${Math.round(z.uncompressed / Math.max(1, z.compressed))}× its size (zip bomb?); refused.`);
    const zf = zipFormat(z.names);
    if (!zf.ok) return zf;
    if (zf.format === 'ods') return { ok: true, kind: 'legacy', format: 'ods', size, uncompressed: z.uncompressed };
    return { ok: true, kind: 'xlsx', format: 'xlsx', size, uncompressed: z.uncompressed };
  }

  const markup = markupFormat(head);
  if (markup) return { ok: true, kind: 'legacy', format: markup, size };
  if (looksLikeText(head) || isUtf16Text(head)) {
    // A text export (CSV or tab-separated, often named .xls by government systems): read as CSV.
    // Text named .xlsx is no export but a mistake: refused with the line saying what it is.
    if (textAccepted(lower)) return { ok: true, kind: 'csv', format: 'csv', size };
    return REFUSALS.textRenamed();
  }
  return REFUSALS.unknown();
}

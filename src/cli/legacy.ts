/**
 * The formats villages send besides .xlsx — Excel 97–2003 (.xls, BIFF8 and older), HTML tables and
 * SpreadsheetML 2003 saved as .xls, OpenDocument (.ods) — read from disk through the reader the
 * pane's import shares (src/formats/legacy.ts: SheetJS CE, raw values, the core's cell reader).
 * Here: the size limit, the file's bytes and iconv-lite for UTF-16 and GBK.
 */
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import { decodeMarkup as decodeMarkupWith, type Decode, type LegacyBook, readLegacyBytes } from '../formats/legacy';
import type { InputFormat } from './preflight';

export type { LegacyBook } from '../formats/legacy';

/** Legacy files are read whole: refuse beyond this (an .xls holds at most 65,536 rows anyway). */
export const MAX_LEGACY_BYTES = 200 * 1024 * 1024;

/** UTF-16 and GBK through iconv-lite (whatever ICU this Node was built with). */
export const iconvDecode: Decode = (bytes, encoding) => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);

/** Decodes HTML/XML text: BOM, then a declared charset, then UTF-8 when valid, else GBK. */
export function decodeMarkup(buf: Buffer): { text: string; encoding: string } {
  return decodeMarkupWith(buf, iconvDecode);
}

/** Reads a legacy workbook. Throws on a file SheetJS cannot read (the caller names the format). */
export function readLegacy(filePath: string, format: InputFormat): LegacyBook {
  const st = fs.statSync(filePath);
  if (st.size > MAX_LEGACY_BYTES) throw Object.assign(new Error('too big'), { legacyTooBig: true });
  if (format === 'xlsx' || format === 'csv') throw new Error(`not a legacy format: ${format}`);
  return readLegacyBytes(fs.readFileSync(filePath), format, iconvDecode);
}

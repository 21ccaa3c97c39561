/**
 * The formats villages send besides .xlsx — Excel 97–2003 (.xls, BIFF8 and older), HTML tables and
 * SpreadsheetML 2003 saved as .xls, OpenDocument (.ods) — read from disk through the reader the
 * pane's import shares (src/formats/legacy.ts: SheetJS CE, raw values, the core's cell reader).
 * Here: the size limit, the file's bytes and iconv-lite for UTF-16 and GBK. Loaded only when such a
 * file is met (src/cli/read.ts imports it dynamically): SheetJS and its code pages take about as
 * long to load as a small workbook takes to read, and most inputs are .xlsx.
 */
import * as fs from 'fs';
import { type LegacyBook, readLegacyBytes } from '../formats/legacy';
import { decodeMarkup as decodeMarkupWith } from '../formats/text';
import { iconvDecode } from './iconv';
import type { InputFormat } from './preflight';

export { iconvDecode } from './iconv';

export type { LegacyBook } from '../formats/legacy';

/** Legacy files are read whole: refuse beyond this (an .xls holds at most 65,536 rows anyway). */
export const MAX_LEGACY_BYTES = 200 * 1024 * 1024;

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

/**
 * Text files and text inside files, without SheetJS: decoding HTML/XML and CSV bytes (UTF-8,
 * UTF-16 or GBK by BOM, declared charset or validity) and a CSV export as one sheet. Shared by the
 * CLI (which reads CSV without loading SheetJS: src/cli/read.ts) and, through src/formats/legacy.ts,
 * the pane's import. No Node, no DOM: the caller passes a decoder for UTF-16 and GBK.
 */
import { csvCell, parseCsv } from '../core/cells/csv';
import type { CellValue, RowData, SheetData } from '../core/model';

/** Decodes bytes in an encoding TextDecoder('utf-8') does not cover. */
export type Decode = (bytes: Uint8Array, encoding: 'utf16le' | 'utf16be' | 'gb18030') => string;

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

function utf16(bytes: Uint8Array, decode: Decode): { text: string; encoding: 'UTF-16' } | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode(bytes, 'utf16le').replace(/^\uFEFF/, ''), encoding: 'UTF-16' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode(bytes, 'utf16be').replace(/^\uFEFF/, ''), encoding: 'UTF-16' };
  return null;
}

/** Decodes HTML/XML text: BOM, then a declared charset, then UTF-8 when valid, else GBK. */
export function decodeMarkup(bytes: Uint8Array, decode: Decode): { text: string; encoding: string } {
  const u16 = utf16(bytes, decode);
  if (u16) return u16;
  let head = '';
  for (const b of bytes.subarray(0, 4096)) head += String.fromCharCode(b);
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1];
  const d = declared?.toLowerCase();
  if (d && /^(gbk|gb2312|gb18030|x-gbk|cp936)$/.test(d)) return { text: decode(bytes, 'gb18030'), encoding: 'GBK' };
  const u8 = utf8(bytes);
  return u8 !== null ? { text: u8, encoding: 'UTF-8' } : { text: decode(bytes, 'gb18030'), encoding: 'GBK' };
}

/** Decodes a CSV export: UTF-16 by BOM, UTF-8 (with or without BOM) when valid, otherwise GBK. */
export function decodeCsvBytes(bytes: Uint8Array, decode: Decode): { text: string; encoding: 'UTF-8' | 'GBK' | 'UTF-16' } {
  const u16 = utf16(bytes, decode);
  if (u16) return u16;
  const u8 = utf8(bytes);
  return u8 !== null ? { text: u8, encoding: 'UTF-8' } : { text: decode(bytes, 'gb18030'), encoding: 'GBK' };
}

/** A CSV export as one sheet: small plain numbers (amounts, counts, 序号) become numbers,
 *  everything else stays text as typed (src/core/cells/csv.ts). */
export function csvSheet(text: string, name: string): SheetData {
  const rows: RowData[] = [];
  parseCsv(text).forEach((fields, idx) => {
    const cells: CellValue[] = fields.map(csvCell);
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length > 0) rows.push({ r: idx + 1, cells });
  });
  return { name, rows };
}


/**
 * The pane's conversion of the formats villages send into .xlsx, in the browser (its own webpack
 * chunk, loaded on the first such file: SheetJS CE is large). The same reader as the CLI
 * (src/formats/legacy.ts): raw values, IDs as the text they were (never through a number), dates
 * through the core's cell reader; then the sheets are written as an .xlsx of values at the same
 * rows and columns. Styles, column widths, merged cells and number formats are not carried.
 */
import { readLegacyBytes, sheetsToXlsxBase64 } from '../formats/legacy';
import { csvSheet, decodeCsvBytes, type Decode } from '../formats/text';
import type { InputFormat } from '../formats/sniff';

const decode: Decode = (bytes, encoding) => new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : encoding === 'utf16be' ? 'utf-16be' : 'gb18030').decode(bytes);

export function convertToXlsx(bytes: Uint8Array, format: Exclude<InputFormat, 'xlsx'>, name: string): { base64: string; notes: string[] } {
  if (format === 'csv') {
    const { text, encoding } = decodeCsvBytes(bytes, decode);
    const sheet = csvSheet(text, name.replace(/\.[^.]+$/, '').replace(/[\\/?*[\]:]/g, '').slice(0, 31) || 'Sheet1');
    return { base64: sheetsToXlsxBase64([sheet]), notes: [`CSV 文件（${encoding} 编码）作为一张台账读取。`] };
  }
  const book = readLegacyBytes(bytes, format, decode);
  return { base64: sheetsToXlsxBase64(book.sheets), notes: book.notes };
}

/**
 * CSV exports and HTML tables as villages send them: the text as typed, no cell types. Shared by
 * the CLI's readers (src/cli/read.ts, src/formats/legacy.ts) and the pane's import, so that one
 * file gives the same cells whichever host reads it.
 */
import type { CellValue } from '../model';

/** RFC 4180 CSV (quotes, doubled quotes, CRLF/LF, quoted line breaks). Separator sniffed: , ; or tab. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n/) >= 0 ? text.search(/\r?\n/) : text.length);
  const count = (ch: string): number => firstLine.split(ch).length - 1;
  const sep = count('\t') > count(',') && count('\t') >= count(';') ? '\t' : count(';') > count(',') ? ';' : ',';
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      i++;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

/**
 * A CSV field that Excel would have shown as a plain number and that cannot be anything else: at
 * most 7 integer digits and 2 decimals, no leading zero. IDs (15/18 digits), phones (11), compact
 * dates (8 digits), year.month dates (1990.03), codes with leading zeros and anything with letters
 * or spaces stay text.
 */
const CSV_NUMBER = /^-?(0|[1-9]\d{0,6})(\.\d{1,2})?$/;

/** `1990.03`: a month-precision service date, not a number. */
const YEAR_MONTH = /^(18|19|20)\d\d\.\d\d?$/;

export function csvCell(f: string): CellValue {
  if (f === '') return null;
  return CSV_NUMBER.test(f) && !YEAR_MONTH.test(f) ? Number(f) : f;
}


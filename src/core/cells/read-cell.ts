/**
 * One cell reader for every host: (raw value, number format, date system) → the sheet model's
 * CellValue. The CLI's readers (.xlsx stream, legacy formats) and the add-in's reader (src/excel)
 * all call `cellFromRaw`, so that a workbook gives the same cells whichever host reads it.
 *
 * Decisions (docs/cli.md, "How cells are read"):
 * - A number is a date when the first section of its number format shows a day, month or year
 *   (y, d, e with a month, or m without h/s; 年月日 count as the letters they stand for). Times of
 *   day (h:mm, h:mm AM/PM, mm:ss) and durations ([h]:mm) stay numbers: they are not calendar days.
 * - A date becomes midnight UTC of the calendar day Excel shows; the time of day is dropped.
 * - 1900 system: serials 1–59 are 1900-01-01…1900-02-28, serial 60 is Excel's phantom
 *   1900-02-29 (kept as the text "1900-02-29", so the date rules report a day that does not
 *   exist), 61 onward 1900-03-01…. 1904 system: serial 0 is 1904-01-01, no phantom day.
 * - Serials Excel cannot show as a date (negative, or after 9999-12-31) stay numbers.
 * - Text stays text exactly as typed (the `@` format changes nothing); '' is empty.
 * - Percentages, currency, fractions: the number itself (0.05 for 5%).
 */
import type { CellError, CellValue } from '../model';

/** A raw value as a file or a host gives it, before number formats are applied. */
export type RawValue = null | undefined | string | number | boolean | CellError;

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31 in the 1900 system. */
const MAX_SERIAL_1900 = 2958465;
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;

/**
 * The built-in number formats (ECMA-376 §18.8.30) that a style may name by id only. 27–36 and
 * 50–58 are the East Asian date formats as a zh-CN Excel shows them.
 */
export const BUILTIN_NUM_FMTS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** The format a style's numFmtId stands for: a custom one from the file, else the built-in one. */
export function numFmtOf(id: number, custom?: ReadonlyMap<number, string> | Readonly<Record<number, string>>): string | undefined {
  const c = custom instanceof Map ? custom.get(id) : (custom as Record<number, string> | undefined)?.[id];
  return c ?? BUILTIN_NUM_FMTS[id];
}

const dateFmtCache = new Map<string, boolean>();

/** True when a number format shows a calendar day (see the decisions above). */
export function isDateFormat(fmt: unknown): boolean {
  if (typeof fmt !== 'string' || fmt === '' || fmt === 'General' || fmt === '@') return false;
  const hit = dateFmtCache.get(fmt);
  if (hit !== undefined) return hit;
  let f = '';
  // First section only, without quoted text, escaped and padding characters, and [..] codes.
  // An elapsed-time code ([h], [mm], [ss]) makes the format a duration, never a date ('[h]:mm'
  // used to read as a month because the [h] was dropped with the other codes).
  let inQuote = false;
  let elapsed = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (inQuote) {
      if (ch === '"') inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === ';') break;
    else if (ch === '[') {
      const end = fmt.indexOf(']', i);
      if (/^(h+|m+|s+)$/i.test(fmt.slice(i + 1, end < 0 ? fmt.length : end))) elapsed = true;
      i = end < 0 ? fmt.length : end;
    } else f += ch;
  }
  f = f.replace(/General/gi, '').replace(/AM\/PM|A\/P|上午\/下午/gi, '').replace(/年/g, 'y').replace(/日/g, 'd').replace(/月/g, 'm');
  let date: boolean;
  if (elapsed) date = false;
  else if (/[yd]/i.test(f)) date = true;
  else if (/[eg]/i.test(f) && /m/i.test(f) && !/[0#?]/.test(f)) date = true;
  else date = /m/i.test(f) && !/[hs]/i.test(f) && !/[0#?]/.test(f);
  if (dateFmtCache.size < 1000) dateFmtCache.set(fmt, date);
  return date;
}

/**
 * A serial number → midnight UTC of the day Excel shows, in the workbook's date system; the text
 * "1900-02-29" for the 1900 system's phantom day; null when Excel cannot show it as a date.
 */
export function serialToDate(serial: number, date1904 = false): Date | string | null {
  if (!Number.isFinite(serial)) return null;
  // Excel rounds to the millisecond before it shows the day: 45047.9999999999 is 2 May.
  const whole = Math.floor(serial + 1e-9);
  if (date1904) {
    if (whole < 0 || whole > MAX_SERIAL_1904) return null;
    return new Date(EPOCH_1904 + whole * MS_PER_DAY);
  }
  if (whole < 1 || whole > MAX_SERIAL_1900) return null;
  if (whole === 60) return '1900-02-29';
  return new Date(EPOCH_1900 + (whole < 60 ? whole + 1 : whole) * MS_PER_DAY);
}

/** A Date (any time of day) → the serial of its UTC day in the workbook's date system (inverse of
 *  serialToDate): what a host writes for a date. */
export function dateToSerial(d: Date, date1904 = false): number {
  if (date1904) return Math.floor(d.getTime() / MS_PER_DAY) - EPOCH_1904 / MS_PER_DAY;
  const days = Math.floor(d.getTime() / MS_PER_DAY) - EPOCH_1900 / MS_PER_DAY;
  return days < 61 ? days - 1 : days;
}

/**
 * The cell reader: a raw value, the cell's number format and the workbook's date system → the
 * model's CellValue. Never throws.
 */
export function cellFromRaw(value: RawValue | unknown, numFmt?: string | null, date1904 = false): CellValue {
  switch (typeof value) {
    case 'string':
      return value === '' ? null : value;
    case 'number': {
      if (!Number.isFinite(value)) return null;
      if (numFmt && isDateFormat(numFmt)) {
        const d = serialToDate(value, date1904);
        if (d !== null) return d;
      }
      return value;
    }
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (value instanceof Date) {
        const t = value.getTime();
        return Number.isNaN(t) ? null : new Date(Math.floor(t / MS_PER_DAY) * MS_PER_DAY);
      }
      const e = (value as { error?: unknown }).error;
      if (typeof e === 'string') return { error: e };
      return null;
    }
    default:
      return null;
  }
}

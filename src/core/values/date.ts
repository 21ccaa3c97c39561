/**
 * Dates (ledgers.md §2): Excel date cells (Date at midnight UTC), serial numbers, and text
 * `2023-05-01`, `2023/5/1`, `2023.5.1`, `2023年5月1日`, `20230501`; month precision `2023.05`,
 * `2023年5月`, `2023-05`, `202305`. Results are ISO strings: `YYYY-MM-DD` or `YYYY-MM`.
 */
import { isValidYmd } from './id';

/** Parse outcome: an ISO date, an ISO month (`YYYY-MM`), or '' when not a date. */
export type ParsedDate = string;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function isoDay(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function isoMonth(y: number, m: number): string {
  return `${y}-${pad2(m)}`;
}

const MIN_YEAR = 1880;
const MAX_YEAR = 2200;

/** Excel serial (1900 date system, with its phantom 29 Feb 1900) → ISO day, or ''. */
export function serialToIso(serial: number): string {
  if (!(serial >= 1 && serial < 2958466)) return '';
  const whole = Math.floor(serial);
  // Serial 60 is the non-existent 1900-02-29.
  if (whole === 60) return '';
  const base = whole > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(base + whole * 86400000);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function dateToIso(d: Date): string {
  const t = d.getTime();
  if (isNaN(t)) return '';
  // Adapters give midnight UTC; tolerate a local-midnight Date a few hours off by rounding.
  const r = new Date(Math.round(t / 3600000) * 3600000);
  return isoDay(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate());
}

const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(份)?$/;
const MONTH_COMPACT = /^(\d{4})(\d{2})$/;
const TIME_SUFFIX = /^(\S+)[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z)?$/;
const SERIAL_TEXT = /^\d{5}(\.\d+)?$/;

/** Parse normalised date text. */
export function parseDateText(s: string): ParsedDate {
  let t = s;
  const tm = TIME_SUFFIX.exec(t);
  if (tm) t = tm[1];
  let m = FULL.exec(t) || COMPACT.exec(t);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    const d = +m[3];
    if (y < MIN_YEAR || y > MAX_YEAR || !isValidYmd(y, mo, d)) return '';
    return isoDay(y, mo, d);
  }
  m = MONTH.exec(t) || MONTH_COMPACT.exec(t);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12) return '';
    return isoMonth(y, mo);
  }
  if (SERIAL_TEXT.test(t)) return serialToIso(+t);
  return '';
}

/** Parse a number cell in a date column: a serial, `20230501`, or (month precision) `2023.05`. */
export function parseDateNumber(n: number): ParsedDate {
  if (!isFinite(n)) return '';
  if (Number.isInteger(n) && n >= 18800101 && n <= 22001231) {
    return parseDateText(String(n));
  }
  if (Number.isInteger(n) && n >= 188001 && n <= 220012) return parseDateText(String(n));
  if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    // 2023.05 typed into a General cell arrives as 2023.05 (2023.1 shows as 2023.1 = January).
    const y = Math.floor(n);
    const frac = Math.round((n - y) * 100);
    if (frac === 0) return ''; // a bare year is no date
    const mo = frac % 10 === 0 && Math.abs((n - y) * 10 - Math.round((n - y) * 10)) < 1e-9 ? frac / 10 : frac;
    if (mo >= 1 && mo <= 12) return isoMonth(y, mo);
    return '';
  }
  return serialToIso(n);
}

/** yyyymmdd as a number from an ISO day or month (month → first day). */
export function isoToNum(iso: string): number {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  const d = iso.length >= 10 ? +iso.slice(8, 10) : 1;
  return y * 10000 + m * 100 + d;
}

/** yyyymm as a number for ISO day or month, for month-precision comparisons. */
export function isoToMonthNum(iso: string): number {
  return +iso.slice(0, 4) * 100 + +iso.slice(5, 7);
}

export function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && (v.length === 10 || v.length === 7) && v.charCodeAt(4) === 45 && /^\d{4}-\d{2}(-\d{2})?$/.test(v);
}

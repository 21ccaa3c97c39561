/**
 * Dates (ledgers.md §2): Excel date cells (Date at midnight UTC), serial numbers, and text
 * `2023-05-01`, `2023/5/1`, `2023.5.1`, `2023年5月1日`, `20230501`; month precision `2023.05`,
 * `2023年5月`, `2023-05`, `202305`. Results are ISO strings: `YYYY-MM-DD` or `YYYY-MM`.
 *
 * The text parser is hand-written (no regex match arrays): it runs on most cells of a ledger.
 */
import { isValidYmd } from './id';

// Local bindings of imported functions used per cell: no getter call per use under module
// loaders that expose imports through getters (tsx, some bundlers).
const isValidYmd_ = isValidYmd;

/** Parse outcome: an ISO date, an ISO month (`YYYY-MM`), or '' when not a date. */
export type ParsedDate = string;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

// ISO strings are cached per day/month: a ledger repeats the same dates, and the hot path then
// allocates nothing for them. The caches are arrays filled with '' once, lazily: an array grown by
// stores at scattered indexes falls back to dictionary elements, a hash lookup per cell. Filled
// with Array.fill (3 ms for the two day caches), not by pushing one by one (40 ms, measured: a
// run's worth of check time on a small workbook).
const CACHE_Y0 = 1880;
const CACHE_Y1 = 2200;
let DAY_CACHE: string[] | null = null;
let MONTH_CACHE: string[] | null = null;

function packedEmpty(n: number): string[] {
  return new Array<string>(n).fill('');
}

export function isoDay(y: number, m: number, d: number): string {
  if (y < CACHE_Y0 || y > CACHE_Y1 || m < 0 || m > 12 || d < 0 || d > 31) return `${y}-${pad2(m)}-${pad2(d)}`;
  const cache = DAY_CACHE ?? (DAY_CACHE = packedEmpty((CACHE_Y1 - CACHE_Y0 + 1) * 416));
  const k = (y - CACHE_Y0) * 416 + m * 32 + d;
  let s = cache[k];
  if (s === '') {
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    cache[k] = s;
  }
  return s;
}

export function isoMonth(y: number, m: number): string {
  if (y < CACHE_Y0 || y > CACHE_Y1 || m < 0 || m > 12) return `${y}-${pad2(m)}`;
  const cache = MONTH_CACHE ?? (MONTH_CACHE = packedEmpty((CACHE_Y1 - CACHE_Y0 + 1) * 13));
  const k = (y - CACHE_Y0) * 13 + m;
  let s = cache[k];
  if (s === '') {
    s = `${y}-${pad2(m)}`;
    cache[k] = s;
  }
  return s;
}

const MIN_YEAR = 1880;
const MAX_YEAR = 2200;

/** Excel serial (1900 date system, with its phantom 29 Feb 1900; or the 1904 system) → ISO day, or ''. */
export function serialToIso(serial: number, date1904 = false): string {
  if (date1904) {
    if (!(serial >= 0 && serial < 2958466 - 1462)) return '';
    const d = new Date(Date.UTC(1904, 0, 1) + Math.floor(serial) * 86400000);
    return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (!(serial >= 1 && serial < 2958466)) return '';
  const whole = Math.floor(serial);
  // Serial 60 is the non-existent 1900-02-29.
  if (whole === 60) return '';
  const base = whole > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(base + whole * 86400000);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO strings by day number (days since 1970-01-01) from 1880 to 2200: a date cell is then one
 *  array load, no Date object and no calendar arithmetic (packed array of '', filled lazily). */
const DAY0 = Date.UTC(CACHE_Y0, 0, 1) / 86400000;
const DAYS = (Date.UTC(CACHE_Y1 + 1, 0, 1) - Date.UTC(CACHE_Y0, 0, 1)) / 86400000;
let BY_DAY: string[] | null = null;

export function dateToIso(d: Date): string {
  const t = d.getTime();
  if (isNaN(t)) return '';
  // Adapters give midnight UTC; tolerate a local-midnight Date a few hours off by rounding.
  const hours = Math.round(t / 3600000);
  const k = Math.floor(hours / 24) - DAY0;
  if (k >= 0 && k < DAYS) {
    const cache = BY_DAY ?? (BY_DAY = packedEmpty(DAYS));
    const hit = cache[k];
    if (hit !== '') return hit;
    const r = new Date(hours * 3600000);
    return (cache[k] = isoDay(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate()));
  }
  const r = new Date(hours * 3600000);
  return isoDay(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate());
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Separators between date parts: - / . 年 月 and spaces. */
function isSep(c: number): boolean {
  return c === 45 || c === 47 || c === 46 || c === 0x5e74 || c === 0x6708 || c === 32 || c === 0x2e;
}

/**
 * Parse date text (already normalised to half-width). Accepts Y-M-D with separators - / . 年月日,
 * an optional trailing 日/号, an optional time part, compact 20230501 / 202305, month forms
 * (2023.05, 2023年5月, 2023年5月份), and a 5-digit serial written as text.
 */
export function parseDateText(s: string): ParsedDate {
  const n = s.length;
  let i = 0;
  while (i < n && s.charCodeAt(i) === 32) i++;
  // First group: digits.
  const g0 = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const len0 = i - g0;
  if (len0 === 0) return '';
  if (len0 === 8 || len0 === 6) {
    if (!restIsEmptyOrTime(s, i)) return '';
    const y = num(s, g0, 4);
    const m = num(s, g0 + 4, 2);
    if (len0 === 6) return month(y, m);
    return day(y, m, num(s, g0 + 6, 2));
  }
  if (len0 === 5) {
    // serial written as text, optionally with decimals
    if (i < n && s.charCodeAt(i) === 46) {
      i++;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
    }
    if (i !== n) return '';
    return serialToIso(+s.slice(g0));
  }
  if (len0 !== 4) return '';
  const y = num(s, g0, 4);
  // separator(s)
  const sep1 = i;
  while (i < n && isSep(s.charCodeAt(i))) i++;
  if (i === sep1 || i - sep1 > 4) return '';
  const g1 = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const len1 = i - g1;
  if (len1 === 0 || len1 > 2) return '';
  const m = num(s, g1, len1);
  // month only?
  const sep2 = i;
  while (i < n && isSep(s.charCodeAt(i))) i++;
  if (i === n) {
    // "2023-05", "2023年5月", "2023.05" — but not "2023-05-" with a dangling separator other than 月
    for (let k = sep2; k < n; k++) if (s.charCodeAt(k) !== 32 && s.charCodeAt(k) !== 0x6708) return '';
    return month(y, m);
  }
  if (s.charCodeAt(i) === 0x4efd && i + 1 === n && s.charCodeAt(i - 1) === 0x6708) return month(y, m); // 5月份
  if (i === sep2 || i - sep2 > 4) return '';
  const g2 = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const len2 = i - g2;
  if (len2 === 0 || len2 > 2) return '';
  const d = num(s, g2, len2);
  let j = i;
  while (j < n && s.charCodeAt(j) === 32) j++;
  if (j < n && (s.charCodeAt(j) === 0x65e5 || s.charCodeAt(j) === 0x53f7)) i = j + 1; // 日 号
  if (!restIsEmptyOrTime(s, i)) return '';
  // Same separator style: 2023-05/01 is odd but harmless; accept.
  if (s.length === 10 && len1 === 2 && len2 === 2 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && g0 === 0) {
    return y >= MIN_YEAR && y <= MAX_YEAR && isValidYmd_(y, m, d) ? s : '';
  }
  return day(y, m, d);
}

function restIsEmptyOrTime(s: string, i: number): boolean {
  const n = s.length;
  if (i === n) return true;
  // " 00:00:00", "T00:00", " 0:00"
  let j = i;
  const c = s.charCodeAt(j);
  if (c !== 32 && c !== 84) return false;
  while (j < n && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 84)) j++;
  let digits = 0;
  let colons = 0;
  for (; j < n; j++) {
    const k = s.charCodeAt(j);
    if (isDigit(k)) digits++;
    else if (k === 58) colons++;
    else if (k === 46 || k === 90) continue; // .123 Z
    else return false;
  }
  return digits >= 3 && colons >= 1;
}

function num(s: string, at: number, len: number): number {
  let v = 0;
  for (let k = 0; k < len; k++) v = v * 10 + (s.charCodeAt(at + k) - 48);
  return v;
}

function day(y: number, m: number, d: number): string {
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidYmd_(y, m, d)) return '';
  return isoDay(y, m, d);
}

function month(y: number, m: number): string {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return '';
  return isoMonth(y, m);
}

/** Parse a number cell in a date column: a serial (of the workbook's date system), `20230501`, or
 *  (month precision) `2023.05`. */
export function parseDateNumber(n: number, date1904 = false): ParsedDate {
  if (!isFinite(n)) return '';
  if (Number.isInteger(n) && n >= 18800101 && n <= 22001231) return parseDateText(String(n));
  if (Number.isInteger(n) && n >= 188001 && n <= 220012) return parseDateText(String(n));
  if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    // 2023.05 typed into a General cell arrives as 2023.05; 2023.1 shows as 2023.1 = January.
    const y = Math.floor(n);
    if (Number.isInteger(n)) return ''; // a bare year is no date
    const tenths = (n - y) * 10;
    const mo = Math.abs(tenths - Math.round(tenths)) < 1e-9 ? Math.round(tenths) : Math.round((n - y) * 100);
    if (mo >= 1 && mo <= 12) return isoMonth(y, mo);
    return '';
  }
  return serialToIso(n, date1904);
}

/** yyyymmdd as a number from an ISO day; a month gives yyyymm00. No allocation. */
export function isoKey(iso: string): number {
  const y =
    (iso.charCodeAt(0) - 48) * 1000 +
    (iso.charCodeAt(1) - 48) * 100 +
    (iso.charCodeAt(2) - 48) * 10 +
    (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = iso.length >= 10 ? (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48) : 0;
  return y * 10000 + m * 100 + d;
}


/**
 * 公民身份号码 (GB 11643-1999). Pure functions over normalised strings.
 *
 * Region codes: the province (first 2 digits) is checked against PROVINCE_CODES (error when
 * unknown). The first 6 digits are looked up in the built-in table of current county-level codes
 * (county-codes.ts, ~3,300 codes, generated from GB/T 2260 data); a code not in it is only a
 * warning, because abolished codes stay valid on old cards. Residence permits 810000/820000/830000
 * are valid. A deployment may replace the table with its own list (schema override `countyCodes`,
 * e.g. one that also holds historical codes).
 */
import { COUNTY_CODES_PACKED } from './county-codes';

export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门', '83': '台湾居民居住证',
};

/** Region codes of residence permits for Hong Kong, Macao and Taiwan residents. */
export const RESIDENCE_PERMIT_CODES: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** The check character's value for each weighted sum mod 11 (X = 10), as in LAST_ID_KEY. */
const CHECK_VALUES = Array.from(CHECK_CHARS).map((c) => (c === 'X' ? 10 : +c));

/** The check character for the first 17 digits (caller guarantees 17 ASCII digits). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** 15-digit legacy number → 18-digit form (century 19, computed check character). */
export function id15to18(id15: string): string {
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + idCheckChar(first17);
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MDAYS[m - 1];
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Result of the ID checks, reused (not allocated) by the hot path. */
export type IdIssue =
  | 'ok'
  | 'length'
  | 'chars'
  | 'province'
  | 'birth-invalid'
  | 'birth-future'
  | 'checksum'
  | 'county'
  | 'legacy-15';

/** Province validity by the 2-digit number (no string slicing in the hot path). */
const PROVINCE_OK: boolean[] = (() => {
  const a = new Array<boolean>(100).fill(false);
  for (const k of Object.keys(PROVINCE_CODES)) a[+k] = true;
  return a;
})();
const DIGITS_15 = /^\d{15}$/;

/**
 * The integer key of the last 18-character ID that `scanId18` found well-formed (hi = first 9
 * digits, lo = next 8 digits * 11 + check value, X = 10), whatever else was wrong with it; hi = -1
 * when the last scan found none. The duplicate rules group IDs by it; `validateId` leaves it for
 * the ID parser, which hands it to the engine without reading the characters again.
 */
export const LAST_ID_KEY = new Int32Array(2);

/**
 * Read the 18 characters of an ID once: 17 ASCII digits, then a digit or X. Returns the weighted
 * sum of the 17 digits (for the check character) and leaves the key in LAST_ID_KEY; -1 (and hi -1)
 * when the characters are not of that form.
 */
export function scanId18(id: string): number {
  LAST_ID_KEY[0] = -1;
  if (id.length !== 18) return -1;
  let sum = 0;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 9; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    sum += c * WEIGHTS[i];
    hi = hi * 10 + c;
  }
  for (let i = 9; i < 17; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    sum += c * WEIGHTS[i];
    lo = lo * 10 + c;
  }
  const last = id.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88)) return -1;
  LAST_ID_KEY[0] = hi;
  LAST_ID_KEY[1] = lo * 11 + (last === 88 ? 10 : last - 48);
  return sum;
}

/**
 * Validate a normalised ID (upper-case X, no spaces). `latestBirth` is the latest acceptable birth
 * date as yyyymmdd number (31 December of the reporting year, or today if earlier).
 * Returns the first issue found, errors before warnings.
 */
export function validateId(id: string, latestBirth: number, countyCodes?: ReadonlySet<string>): IdIssue {
  LAST_ID_KEY[0] = -1;
  if (id.length === 15) {
    if (!DIGITS_15.test(id)) return 'chars';
    if (!PROVINCE_OK[num2(id, 0)]) return 'province';
    const y = 1900 + num2(id, 6);
    const m = num2(id, 8);
    const d = num2(id, 10);
    if (!isValidYmd(y, m, d)) return 'birth-invalid';
    return 'legacy-15';
  }
  if (id.length !== 18) return 'length';
  // One pass over the 18 characters; the digits are then read from the key:
  // hi = digits 0–8 (region + first 3 of the year), lo = digits 9–16.
  const sum = scanId18(id);
  if (sum < 0) return 'chars';
  const hi = LAST_ID_KEY[0];
  const lo = (LAST_ID_KEY[1] / 11) | 0;
  const checkValue = LAST_ID_KEY[1] - lo * 11;
  const p = (hi / 10000000) | 0;
  if (!PROVINCE_OK[p]) return 'province';
  const y = (hi % 1000) * 10 + ((lo / 10000000) | 0);
  const m = ((lo / 100000) | 0) % 100;
  const d = ((lo / 1000) | 0) % 100;
  if (y < 1880 || !isValidYmd(y, m, d)) return 'birth-invalid';
  if (y * 10000 + m * 100 + d > latestBirth) return 'birth-future';
  if (CHECK_VALUES[sum % 11] !== checkValue) return 'checksum';
  const region = (hi / 1000) | 0;
  const permit = (p === 81 || p === 82 || p === 83) && region % 10000 === 0;
  if (!permit) {
    if (countyCodes && countyCodes.size > 0) {
      if (!countyCodes.has(id.slice(0, 6))) return 'county';
    } else if (counties()[region] !== 1) {
      return 'county';
    }
  }
  return 'ok';
}

let builtinCounties: Uint8Array | null = null;

/** The built-in county table as a bitmap over the 6-digit region number (1 MB, built lazily). */
function counties(): Uint8Array {
  if (builtinCounties) return builtinCounties;
  const bits = new Uint8Array(1000000);
  for (const g of COUNTY_CODES_PACKED.split(' ')) {
    if (g.length < 6) continue;
    const p = +g.slice(0, 4) * 100;
    for (let i = 4; i + 2 <= g.length; i += 2) bits[p + +g.slice(i, i + 2)] = 1;
  }
  builtinCounties = bits;
  return bits;
}

/** Every county-level code of the built-in table (for generators of test data and demos). */
export function knownCountyCodes(): string[] {
  const out: string[] = [];
  const bits = counties();
  for (let i = 0; i < bits.length; i++) if (bits[i] === 1) out.push(String(i).padStart(6, '0'));
  return out;
}

/** Is the 6-digit region a known county-level code (built-in table)? */
export function isKnownCounty(region: string): boolean {
  return /^\d{6}$/.test(region) && counties()[+region] === 1;
}

function num2(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
}

/** Sex from a structurally valid 18- or 15-digit ID: the 17th (15th) digit odd = 男. */
export function idSex(id: string): '男' | '女' | null {
  const c = id.length === 18 ? id.charCodeAt(16) : id.length === 15 ? id.charCodeAt(14) : -1;
  if (c < 48 || c > 57) return null;
  return (c - 48) % 2 === 1 ? '男' : '女';
}

/** Birth date as ISO `YYYY-MM-DD` from a structurally valid 18- or 15-digit ID. */
export function idBirth(id: string): string | null {
  if (id.length === 18) return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (id.length === 15) return `19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`;
  return null;
}

/** Birth year from a structurally valid 18- or 15-digit ID. */
export function idBirthYear(id: string): number {
  if (id.length === 18) return num2(id, 6) * 100 + num2(id, 8);
  if (id.length === 15) return 1900 + num2(id, 6);
  return NaN;
}

/** Text that looks like an ID Excel turned into a number: `1.10105E+17`, `110105194912310000`(as
 *  number) — detected by the caller from the cell type; this detects the scientific text form. */
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e\+?\d+$/i;
export function isScientificText(s: string): boolean {
  return SCIENTIFIC.test(s);
}

/** Mask an ID for exports: `110105********0023`. Short or odd values keep only their last 2. */
export function maskId(id: string): string {
  const s = String(id ?? '');
  if (s.length >= 15) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (s.length <= 2) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 2) + s.slice(-2);
}

/** A valid 18-digit ID for tests and demos (region, birth yyyymmdd, 3-digit sequence). */
export function makeId(region: string, birth: string, seq: number): string {
  const first17 = region + birth + String(seq).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

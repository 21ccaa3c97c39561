/**
 * Text normalisation (ledgers.md §2): trim, remove zero-width characters and non-breaking spaces,
 * convert full-width digits, letters, punctuation and brackets to half-width.
 *
 * Hot path: `normText` returns its argument unchanged (no allocation) when nothing needs doing.
 */

/** Characters that make a string need normalisation: any whitespace (leading/trailing trim or odd
 *  spaces), zero-width characters, BOM, NBSP, ideographic space and full-width ASCII forms. */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;
const FULLWIDTH = /[\uff01-\uff5e]/g;
const ODD_SPACE = /[\u00a0\u3000\u2028\u2029]/g;

function toHalf(ch: string): string {
  return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/** Full-width ASCII (！ … ～, incl. digits, letters, brackets) → half-width; ideographic space → space. */
export function toHalfWidth(s: string): string {
  return s.replace(FULLWIDTH, toHalf).replace(ODD_SPACE, ' ');
}

/** Remove zero-width characters, soft hyphens and BOMs. */
export function removeInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** Does the string hold characters that are invisible or non-standard (zero-width, NBSP,
 *  full-width forms)? Used to decide whether a normalisation deserves a fixable warning. */
const SUSPICIOUS = /[\u00a0\u200b-\u200f\u2060\ufeff\u00ad\u3000\uff01-\uff5e]/;
export function hasSuspiciousChars(s: string): boolean {
  return SUSPICIOUS.test(s);
}

/** Is the char code whitespace, invisible, NBSP, ideographic space or a full-width ASCII form? */
function special(c: number): boolean {
  if (c <= 32) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0xad || (c >= 0x2000 && c <= 0x200f) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff || (c >= 0xff01 && c <= 0xff5e) || c === 0x1680 || c === 0x85
  );
}

/** Does the string need normalisation at all? A plain loop: cheaper than a regex on short cells. */
export function needsNorm(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (special(s.charCodeAt(i))) return true;
  return false;
}

/** Trim + invisible removal + half-width. Returns the same string when nothing changes. */
export function normText(s: string): string {
  if (!needsNorm(s)) return s;
  return toHalfWidth(removeInvisible(s)).trim();
}

/** Remove all whitespace (inner spaces, line breaks) after normText. */
export function normCompact(s: string): string {
  if (!needsNorm(s)) return s;
  const t = normText(s);
  return /\s/.test(t) ? t.replace(/\s+/g, '') : t;
}

/** Middle-dot variants accepted inside minority names (买买提·吐尔逊), written as the standard
 *  middle dot by normNameDots. */
export const NAME_DOT_VARIANTS = '•．.・‧∙⋅･';
const DOT_VARIANTS = new RegExp(`[${NAME_DOT_VARIANTS}]`, 'g');
export const MIDDLE_DOT = '·';
export function normNameDots(s: string): string {
  return s.replace(DOT_VARIANTS, MIDDLE_DOT);
}

/** Normalise a header cell for matching: compact, half-width, lower-case latin, without a leading
 *  or trailing required marker `*`/`※`, and without a leading numbering like `1.`. */
export function normHeader(s: string): string {
  let t = normCompact(s).toLowerCase();
  t = t.replace(/^[*※]+|[*※]+$/g, '');
  t = t.replace(/[【[]/g, '(').replace(/[】\]]/g, ')').replace(/[〔]/g, '(').replace(/[〕]/g, ')');
  t = t.replace(/\((必填|选填|必填项|可选)\)$/g, '');
  return t.replace(/^[*※]+|[*※]+$/g, '');
}

/** The header without any bracketed part: `所在村(社区)` → `所在村`, `本年发放金额(元)` → `本年发放金额`. */
export function stripBrackets(h: string): string {
  return h.replace(/\([^()]*\)/g, '');
}

/** Levenshtein distance, for near-miss suggestions (small strings only). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/** A cell value as text, as the user typed it (for `Problem.value`). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberDisplay(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return '';
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string') return (v as { error: string }).error;
  return String(v);
}

/**
 * Excel keeps 15 significant digits of a number: an 18-digit ID typed or pasted as a number keeps
 * its first 15 digits and the last 3 become zeros (Excel drops them, it does not round). This is
 * the one place that turns a number into the digits Excel shows (issue #15 item 2): a file may hold
 * the full double (370102197502281536, written by another program), but those extra digits are
 * floating-point noise that looks like a real ID, never shown.
 */
export const EXCEL_DIGITS = 15;

/** A number as Excel shows it in a General cell widened enough: plain digits, no exponent, at most
 *  15 significant digits (the rest of an integer as zeros); `lost` counts the integer digits
 *  beyond the 15 that Excel cannot hold. */
export function excelNumber(n: number): { text: string; lost: number } {
  if (!Number.isFinite(n)) return { text: String(n), lost: 0 };
  if (Number.isInteger(n) && Math.abs(n) >= 1e15) {
    const neg = n < 0;
    const digits = BigInt(Math.abs(n)).toString();
    const lost = Math.max(0, digits.length - EXCEL_DIGITS);
    const text = digits.slice(0, EXCEL_DIGITS) + '0'.repeat(lost);
    return { text: (neg ? '-' : '') + text, lost };
  }
  // 0.1 + 0.2 shows as 0.3 in Excel, as does any noise past the 15th digit.
  const t = Number(n.toPrecision(EXCEL_DIGITS));
  return { text: Math.abs(t) >= 1e-6 || t === 0 ? plain(t) : String(t), lost: 0 };
}

function plain(n: number): string {
  const s = String(n);
  return /e/i.test(s) && Number.isInteger(n) ? BigInt(n).toString() : s;
}

/** A number as plain digits, as Excel shows it (see `excelNumber`). */
export function numberText(n: number): string {
  return excelNumber(n).text;
}

/** The suffix that says digits were lost: "（后3位已丢失）". Part of the value shown and written. */
export function lostDigitsNote(lost: number): string {
  return `（后${lost}位已丢失）`;
}

/** "370102197502281000（后3位已丢失）": the one display of a number Excel holds with digits lost;
 *  any other number as `numberText`. Feedback, the JSON report, the pane and the merged ledger
 *  all show this text. */
export function numberDisplay(n: number): string {
  const { text, lost } = excelNumber(n);
  return lost > 0 ? text + lostDigitsNote(lost) : text;
}

/** Reads a `numberDisplay` text back (a merged ledger holds it as text): the digits kept and the
 *  count lost, or null. The next check then still says "stored as a number, digits lost". */
export function parseLostDigits(s: string): { digits: string; lost: number } | null {
  const m = /^\s*(-?\d+)\s*[（(]后(\d+)位已丢失[）)]\s*$/.exec(s);
  return m ? { digits: m[1], lost: Number(m[2]) } : null;
}

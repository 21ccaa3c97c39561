/** Small value parsers of ledgers.md §3: phone, ethnic group, 是/否, amounts, counts. */

/** Phone: after removing spaces, hyphens, brackets and +86/0086, mobile or landline. */
const PHONE_STRIP = /[\s\-()（）—]/g;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}$/;
export function cleanPhone(s: string): string {
  if (isPlainMobile(s)) return s;
  let t = s.replace(PHONE_STRIP, '');
  if (t.startsWith('+86')) t = t.slice(3);
  else if (t.startsWith('0086')) t = t.slice(4);
  else if (t.length === 13 && t.startsWith('86') && t[2] === '1') t = t.slice(2);
  return t;
}
/** Fast path: 11 ASCII digits starting 1[3-9] (already clean: normText, cleanPhone keep it). */
export function isPlainMobile(s: string): boolean {
  if (s.length !== 11 || s.charCodeAt(0) !== 49) return false;
  const c1 = s.charCodeAt(1);
  if (c1 < 51 || c1 > 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
export function isValidPhone(cleaned: string): boolean {
  if (isPlainMobile(cleaned)) return true;
  return MOBILE.test(cleaned) || LANDLINE.test(cleaned);
}

/** The 56 ethnic groups of China. */
export const ETHNIC_GROUPS: readonly string[] = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族',
  '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族',
  '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族',
  '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族',
  '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族',
  '门巴族', '珞巴族', '基诺族',
];
const ETHNIC_MAP: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const g of ETHNIC_GROUPS) {
    m.set(g, g);
    m.set(g.slice(0, -1), g);
  }
  m.set('汉', '汉族');
  return m;
})();
/** Canonical ethnic group (with 族) for a normalised value, or null. */
export function canonicalEthnic(s: string): string | null {
  return ETHNIC_MAP.get(s) ?? null;
}

/** 是/否: 是/否, Y/N, yes/no, √/×, 1/0, TRUE/FALSE (case-insensitive). */
const YES = new Set(['是', 'y', 'yes', '√', '✓', '✔', '1', 'true']);
const NO = new Set(['否', 'n', 'no', '×', '✗', '✘', 'x', '0', 'false']);
export function parseYesNo(s: string): boolean | null {
  const t = s.length === 1 ? s : s.toLowerCase();
  if (YES.has(t) || YES.has(t.toLowerCase())) return true;
  if (NO.has(t) || NO.has(t.toLowerCase())) return false;
  return null;
}

/** Amount text → number: digits with optional thousands separators, optional 元 / ¥ / ￥. Returns
 *  NaN when the text is no number (e.g. 五百). `decorated` tells whether anything was stripped. */
const AMOUNT_PLAIN = /^[+-]?\d+(\.\d+)?$/;
const AMOUNT_DECOR = /^[¥￥]?\s*([+-]?[\d,]+(\.\d+)?)\s*(元|元整)?$/;
export function parseAmountText(s: string): { n: number; decorated: boolean } {
  if (AMOUNT_PLAIN.test(s)) return { n: +s, decorated: false };
  const m = AMOUNT_DECOR.exec(s);
  if (m && /^[+-]?\d{1,3}(,\d{3})*$|^[+-]?\d+$/.test(m[1].replace(/\.\d+$/, ''))) {
    return { n: +m[1].replace(/,/g, ''), decorated: true };
  }
  return { n: NaN, decorated: false };
}

/** More than 2 decimals? Robust to binary floating point (0.1 + 0.2). */
export function hasMoreThan2Decimals(n: number): boolean {
  const c = n * 100;
  return Math.abs(c - Math.round(c)) > 1e-6 * Math.max(1, Math.abs(c));
}

/** Count text → number: digits with an optional unit (人, 册, 次, 人次, 本). NaN otherwise. */
const COUNT_DECOR = /^([+-]?\d+(\.\d+)?)\s*(人次|人|册|次|本|名|个)?$/;
export function parseCountText(s: string): { n: number; decorated: boolean } {
  const m = COUNT_DECOR.exec(s);
  if (!m) return { n: NaN, decorated: false };
  return { n: +m[1], decorated: m[3] !== undefined };
}

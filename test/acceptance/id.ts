/**
 * A small, independent GB 11643-1999 helper for the acceptance fixtures. Written from
 * ledgers.md §3 only: check character "10X98765432"[Σ aᵢwᵢ mod 11], weights below.
 */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Check character of the first 17 digits. */
export function checkChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`not 17 digits: ${first17}`);
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i];
  return CHECK[s % 11];
}

/** A checksum-valid 18-character ID. */
export function withCheck(first17: string): string {
  return first17 + checkChar(first17);
}

/** A checksum-valid 18-character ID whose last character is wrong on purpose. */
export function withBadCheck(first17: string): string {
  const good = checkChar(first17);
  const bad = good === '0' ? '1' : '0';
  return first17 + bad;
}

const used = new Set<string>();

/**
 * A valid ID for region (6 digits), birth `YYYYMMDD` and sex. Sequence numbers are taken in
 * order so every call gives a new person. `wantX` picks a sequence whose check character is X.
 */
export function makeId(region: string, birth: string, sex: 'M' | 'F', wantX = false): string {
  for (let s = 1; s <= 999; s++) {
    const seq = String(s).padStart(3, '0');
    const odd = Number(seq[2]) % 2 === 1;
    if (odd !== (sex === 'M')) continue;
    const id = withCheck(region + birth + seq);
    if (wantX && !id.endsWith('X')) continue;
    if (used.has(id)) continue;
    used.add(id);
    return id;
  }
  throw new Error('sequence space exhausted');
}

/** Full-width form of the digits/letters of a string (e.g. "1" → "１"). */
export function fullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** 15-digit legacy number → its 18-digit form (insert 19, add check character). */
export function upgrade15(id15: string): string {
  return withCheck(id15.slice(0, 6) + '19' + id15.slice(6));
}

/** UTC midnight Date of a calendar day, as model.ts wants Date cells. */
export function day(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

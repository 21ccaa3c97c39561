/**
 * Generation of valid 身份证号 (GB 11643-1999) for sample and benchmark data, over the core's
 * check-character computation (the validation lives in the core).
 */

import { idCheckChar, makeId as coreMakeId } from '../core/values/id';

/** The check character of the first 17 digits (the core's). */
export { idCheckChar };

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/**
 * A valid 18-character ID: region code, birth date, a sequence whose last digit's parity gives the
 * sex (odd = male), and the check character.
 */
export function makeId(region: string, y: number, m: number, d: number, seq: number, sex: '男' | '女'): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (sex === '男')) s = (s + 1) % 1000;
  if ((s % 2 === 1) !== (sex === '男')) s = (s + 1) % 1000;
  return coreMakeId(region, `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}`, s);
}

/** The same ID with a wrong check character (a deliberate error). */
export function breakChecksum(id: string): string {
  const good = id[17];
  const bad = good === '0' ? '1' : good === 'X' ? '0' : String((Number(good) + 1) % 10);
  return id.slice(0, 17) + bad;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

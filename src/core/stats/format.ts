import type { StatFormat } from './types';

/** The text shown for a zero-denominator rate. */
export const NO_RATE = '—';

/** Percentage with one decimal, rounded half up, from the exact counts when given. */
export function formatPercent(value: number | null, num?: number, den?: number): string {
  if (value === null || Number.isNaN(value)) return NO_RATE;
  const tenths = num !== undefined && den !== undefined && den !== 0 ? Math.round((num * 1000) / den) : Math.round(value * 1000 + 1e-9);
  return `${(tenths / 10).toFixed(1)}%`;
}

/** Money in 元 with two decimals (the value is already exact to the 分). */
export function formatMoney(value: number): string {
  const cents = Math.round(value * 100);
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export function formatStat(value: number | null, format: StatFormat, num?: number, den?: number): string {
  if (format === 'percent') return formatPercent(value, num, den);
  if (value === null) return NO_RATE;
  if (format === 'money') return formatMoney(value);
  return String(value);
}

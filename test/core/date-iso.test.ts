import { dateToIso } from '../../src/core/values/date';

/** The calendar the day cache must agree with: the Date object's own UTC fields. */
function reference(d: Date): string {
  const t = d.getTime();
  if (isNaN(t)) return '';
  const r = new Date(Math.round(t / 3600000) * 3600000);
  const y = r.getUTCFullYear();
  return `${y}-${String(r.getUTCMonth() + 1).padStart(2, '0')}-${String(r.getUTCDate()).padStart(2, '0')}`;
}

describe('dateToIso (a day-number cache from 1880 to 2200)', () => {
  test('every day from 1879 to 2201, twice (cache filled, then read), at midnight UTC and a few hours off', () => {
    const from = Date.UTC(1879, 11, 25);
    const to = Date.UTC(2201, 0, 5);
    for (const pass of [1, 2])
      for (let t = from; t <= to; t += 86400000)
        for (const off of [0, -5 * 3600000, 7 * 3600000 + 59 * 60000, 11 * 3600000]) {
          const d = new Date(t + off);
          const got = dateToIso(d);
          if (got !== reference(d)) throw new Error(`pass ${pass}: ${d.toISOString()} → ${got}, expected ${reference(d)}`);
        }
    expect(dateToIso(new Date(Date.UTC(1880, 0, 1)))).toBe('1880-01-01');
    expect(dateToIso(new Date(Date.UTC(2200, 11, 31)))).toBe('2200-12-31');
    expect(dateToIso(new Date(Date.UTC(1900, 1, 28, 23, 30)))).toBe('1900-03-01');
  });

  test('outside the cached years and an invalid date', () => {
    expect(dateToIso(new Date(Date.UTC(1850, 5, 6)))).toBe('1850-06-06');
    expect(dateToIso(new Date(Date.UTC(2300, 0, 2)))).toBe('2300-01-02');
    expect(dateToIso(new Date(NaN))).toBe('');
  });
});

import type { CheckEnv } from '../checks/types';
import type { Settings } from '../settings';

function ymd(d: Date): number {
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
}

export function makeEnv(settings: Settings, today: Date, villages: readonly string[], countyCodes?: ReadonlySet<string>): CheckEnv {
  const year = settings.year;
  const yearEnd = year * 10000 + 1231;
  const t = ymd(today);
  const dl = settings.deadline ?? { month: 10, day: 31 };
  return {
    settings,
    year,
    yearEnd,
    yearStart: year * 10000 + 101,
    today: t,
    latestBirth: Math.min(t, yearEnd),
    deadline: year * 10000 + dl.month * 100 + dl.day,
    villages,
    villageSet: new Set(villages),
    countyCodes,
  };
}

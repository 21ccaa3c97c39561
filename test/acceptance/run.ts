/** Runs the product's check the way a front end does, with "today" pinned (future-date rules). */
import { checkWorkbooks } from '../../src/core';
import type { CheckResult } from '../../src/core/check-api';
import type { WorkbookData } from '../../src/core/model';
import { resolveSettings } from '../../src/core/settings';

export const TODAY_ISO = '2026-11-29T09:00:00Z';

/** Every timer API except Date stays real: only "now" is pinned. */
export function pinToday(iso = TODAY_ISO): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval',
      'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
}

export function check(books: WorkbookData[], year: number, villages: string[]): CheckResult {
  const settings = resolveSettings({ year, villages });
  return checkWorkbooks(books, settings, {});
}

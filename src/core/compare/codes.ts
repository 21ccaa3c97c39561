/**
 * The codes of year-over-year and reference-list comparison (ledgers.md §6, §7). They are not
 * row rules of a ledger (no schema lists this entry, so the engine never runs it): the comparison
 * functions of this folder report them, and the registry lists them so that each has its messages
 * and its row in the codes table like every other code.
 */
import type { Check } from '../checks/types';

export const compareCodes: Check = {
  id: 'compare',
  codes: [
    { code: 'person.deceased', severity: 'error' },
    { code: 'person.paid-after-death', severity: 'error' },
    { code: 'person.deceased-name', severity: 'warning' },
    { code: 'yoy.unexplained-removal', severity: 'warning' },
    { code: 'yoy.not-verified', severity: 'warning' },
    { code: 'roster.unregistered', severity: 'warning' },
    { code: 'roster.outside-list', severity: 'warning' },
    { code: 'roster.village-mismatch', severity: 'warning' },
    { code: 'list.no-header', severity: 'error' },
    { code: 'list.id-missing', severity: 'warning' },
    { code: 'list.id-invalid', severity: 'warning' },
    { code: 'list.duplicate', severity: 'warning' },
    { code: 'list.death-date-invalid', severity: 'warning' },
  ],
};

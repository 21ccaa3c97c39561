/**
 * Structural problems found by the engine while reading a sheet (not by a value parser): missing
 * or repeated header columns, sheets that are no ledger, empty required cells, Excel error values,
 * 合计 rows that disagree with their column. Declared here so that every code has one home.
 */
import type { Check } from './types';

export const structureCheck: Check = {
  id: 'structure',
  generic: true,
  codes: [
    { code: 'file.no-ledger', severity: 'warning' },
    // Reported by a host whose reader repaired damage (the CLI's .xlsx reader), not by a check.
    { code: 'file.repaired', severity: 'warning' },
    { code: 'sheet.not-ledger', severity: 'info' },
    { code: 'sheet.hidden', severity: 'info' },
    { code: 'sheet.no-data', severity: 'info' },
    { code: 'header.missing-column', severity: 'error' },
    { code: 'header.duplicate-column', severity: 'warning' },
    { code: 'header.unknown-column', severity: 'info' },
    { code: 'cell.required', severity: 'error' },
    { code: 'cell.error-value', severity: 'error' },
    { code: 'total.mismatch', severity: 'warning' },
  ],
};

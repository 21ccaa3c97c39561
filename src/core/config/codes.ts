/**
 * Problem codes of the configuration (ledgers.md §8): a mistake in a configuration sheet or JSON
 * is reported like any problem (sheet, row, cell), with the names that exist. The pseudo-check
 * below only declares the codes for the registry (and so for the codes table and the message
 * parity test); it never runs on a ledger.
 */
import type { Check } from '../checks/types';

export const CONFIG_CODES = [
  'config.unknown-sheet',
  'config.unknown-column',
  'config.missing-column',
  'config.empty',
  'config.unknown-setting',
  'config.bad-value',
  'config.unknown-ledger',
  'config.unknown-field',
  'config.unknown-group',
  'config.unknown-code',
  'config.unknown-level',
  'config.conflict',
  'config.unreadable',
] as const;

export type ConfigCode = (typeof CONFIG_CODES)[number];

export const configCheck: Check = {
  id: 'config',
  codes: CONFIG_CODES.map((code) => ({ code, severity: 'error' as const })),
};

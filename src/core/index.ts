/**
 * The public surface of the core. Everything host-specific (Excel, terminal) goes through it.
 */
export * from './model';
export * from './settings';
export * from './problem';
export * from './ledger';
export * from './check-api';

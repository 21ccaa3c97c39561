/**
 * The public surface of the core. Everything host-specific (Excel, terminal) goes through it.
 */
export * from './model';
export * from './settings';
export * from './problem';
export * from './ledger';
export * from './check-api';
export * from './schema';
export { checkWorkbooks } from './check/check-workbooks';
export { readSettingsSheet } from './settings-sheet';
export { recognizeSheet, compileHeaderIndex, matchHeader, isNonLedgerSheetName, NON_LEDGER_SHEET_NAMES } from './recognize/header';
export type { Recognition, HeaderColumn, HeaderIndex } from './recognize/header';
export { classifyRow } from './recognize/rows';
export type { RowKind } from './recognize/rows';
export { CODES, CODE_SEVERITY, CHECKS } from './checks/registry';
export type { CodeInfo } from './checks/registry';
export { maskId, makeId, idCheckChar, id15to18, validateId, idSex, idBirth, PROVINCE_CODES, isKnownCounty, knownCountyCodes } from './values/id';
export { ETHNIC_GROUPS } from './values/simple';
export { normText, normHeader, cellText, editDistance } from './text/normalize';
export { renderMessage, renderHint, CATALOGUES, LOCALES, messageValues } from './messages/render';
export type { Catalogue, CatalogueEntry } from './messages/types';

export * from './types';
export * from './ledgers';
export * from './override';

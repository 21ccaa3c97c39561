export * from './types';
export * from './vocabulary';
export * from './definitions';
export * from './format';
export {
  computeStatistics,
  statValue,
  getStat,
  findDefinition,
  isCountedStatus,
  isYes,
  rawKey,
  givenKey,
  UNFILLED,
} from './compute';
export type { StatisticsOptions, StatAt } from './compute';

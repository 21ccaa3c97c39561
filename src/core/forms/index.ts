export * from './types';
export * from './build';
export { summaryParagraph, moneyProse } from './paragraph';

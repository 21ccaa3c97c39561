/** Year over year (年度比对) and reference lists (名单比对): ledgers.md §6 and §7. */
export * from './keys';
export * from './diff';
export * from './reference';
export * from './reconcile';
export * from './stats';
export * from './saved';

export * from './access';
export * from './currency';
export * from './decider';
export * from './errors';
export * from './event-guards';
export * from './money';
export * from './streams';
export * from './upcasting';

export * from './errors';
export * from './event-store';
export * from './types';
export * from './decide-and-append';
export * from './load-state';
export * from './retry-on-conflict';
export * from './load-products';
export * from './stream-record';

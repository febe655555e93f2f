// The local Lambda service: a pool of execution environments per function (see pool.ts).
export { FailedMessages, LambdaError, TIMEOUT_ERROR, type SqsBatch } from './errors';
export { LocalLambda, type LocalLambdaOptions } from './pool';
export type { LambdaFunctionSpec } from './spec';

import { Logger } from '@aws-lambda-powertools/logger';
import { METRICS_SERVICE } from './metric-names';

/**
 * The one structured logger of every function (Powertools Logger): JSON lines with level,
 * message, timestamp, service, function name, request id, cold start and X-Ray trace id. The
 * level comes from the environment (`POWERTOOLS_LOG_LEVEL`, which the stack sets; Lambda's own
 * `AWS_LAMBDA_LOG_LEVEL` wins when set). Nothing personal goes in: ids, never names, tokens or
 * card references.
 */
export const logger = new Logger({ serviceName: METRICS_SERVICE });

/** What ties a log line to one business flow; the wrappers put these on every line of an invocation. */
export type LogIds = { correlationId?: string; orderId?: string; transferId?: string };

/** Puts the ids that are known on every following line of this invocation (the wrappers reset them after it). */
export function logWith(ids: LogIds): void {
  const known = Object.fromEntries(Object.entries(ids).filter(([, value]) => typeof value === 'string' && value !== ''));
  if (Object.keys(known).length > 0) logger.appendKeys(known);
}

import { STORE_TRANSIENT_ERRORS } from '../../contract/saga-errors';

/**
 * Error names DynamoDB (and the SDK's own transport) give failures that pass by themselves:
 * capacity, throttling, a service hiccup, a transaction in the way, a condition lost to a
 * concurrent writer, a timeout.
 */
const RETRYABLE_NAMES = new Set<string>([
  ...STORE_TRANSIENT_ERRORS,
  'LimitExceededException',
  'TransactionCanceledException',
  'ConditionalCheckFailedException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * Whether an error is the world's fault rather than the event's: anything the AWS SDK raised
 * (it carries `$metadata` or `$fault`), an error named like DynamoDB's retryable ones, or a
 * network failure. Such an error says nothing about the event, so the event must be retried,
 * never parked.
 */
export function isTransientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('$metadata' in error || '$fault' in error) return true;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (typeof name === 'string' && RETRYABLE_NAMES.has(name)) || (typeof code === 'string' && NETWORK_CODES.has(code));
}

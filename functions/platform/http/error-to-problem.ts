import { DomainError } from '../domain/errors';
import { ConcurrencyError, StoreThrottled } from '../eventstore/errors';
import { HttpError, problemType, type Problem } from './problem';

const STATUS_BY_KIND = { invalid: 422, 'not-found': 404, conflict: 409 } as const;
/** The AWS SDK's names for "too many requests", once its own retries are spent. */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'Throttling']);

/** Maps every error to its problem, in one place. Anything unexpected is a bug: a generic 500. */
export function errorToProblem(error: unknown): Problem {
  if (error instanceof HttpError) {
    return { ...error.extensions, type: problemType(error.title), title: error.title, status: error.status, detail: error.message };
  }
  if (error instanceof DomainError) {
    const title = error.name.replace(/([a-z])([A-Z])/g, '$1 $2');
    // Context fields extend the problem, but never replace its standard members (an order's
    // `status` in the context is not the HTTP status).
    return { ...error.context, type: problemType(error.name), title, status: STATUS_BY_KIND[error.kind], detail: error.message };
  }
  if (error instanceof ConcurrencyError) {
    return {
      type: problemType('Concurrent update'),
      title: 'Concurrent update',
      status: 409,
      detail: `${error.streamId} kept changing while this request was being decided; retry the request`,
    };
  }
  if (error instanceof StoreThrottled || (error instanceof Error && THROTTLING.has(error.name))) {
    return { type: problemType('Service Unavailable'), title: 'Service Unavailable', status: 503, detail: 'the service is busy; retry the request in a moment (see Retry-After)' };
  }
  // DynamoDB refused a request our code built from the input: the input's fault, never a 500.
  if (error instanceof Error && error.name === 'ValidationException') {
    return { type: problemType('Invalid request'), title: 'Invalid request', status: 400, detail: 'the request cannot be served as given; check its path, query and body' };
  }
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it has been logged' };
}

import { DomainError } from '../domain/errors';
import { ConcurrencyError } from '../eventstore/errors';
import { HttpError, problemType, type Problem } from './problem';

const STATUS_BY_KIND = { invalid: 422, 'not-found': 404, conflict: 409 } as const;

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
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'an unexpected error occurred; it has been logged' };
}

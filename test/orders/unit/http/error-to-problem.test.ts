import { InsufficientStock, InvalidOrderTransition, OrderNotFound } from '../../../../functions/orders/domain';
import { ConcurrencyError, StoreThrottled } from '../../../../functions/platform/eventstore';
import { errorToProblem } from '../../../../functions/platform/http/error-to-problem';
import { HttpError, problemResponse } from '../../../../functions/platform/http/problem';

describe('errors mapped to problems in one place', () => {
  it('maps domain errors by kind, keeping their context', () => {
    expect(errorToProblem(new OrderNotFound({ orderId: 'o-1' }))).toMatchObject({ status: 404, title: 'Order Not Found', orderId: 'o-1', detail: 'order o-1 does not exist' });
    expect(errorToProblem(new InsufficientStock({ shortages: [{ sku: 'A', requested: 2, available: 1 }] }))).toMatchObject({
      status: 409,
      shortages: [{ sku: 'A', requested: 2, available: 1 }],
    });
  });

  it('never lets a context field replace a standard member', () => {
    const problem = errorToProblem(new InvalidOrderTransition({ orderId: 'o-1', status: 'placed', command: 'PlaceOrder' }));
    expect(problem.status).toBe(409);
    expect(problem.detail).toBe('cannot PlaceOrder: order o-1 is placed');
    expect(errorToProblem(new HttpError(400, 'Invalid request', 'bad', { status: 'x', detail: 'y' }))).toMatchObject({ status: 400, detail: 'bad' });
  });

  it('answers a lost race with 409 and a hint to retry', () => {
    expect(errorToProblem(new ConcurrencyError('order#o-1', 3))).toMatchObject({ status: 409, detail: expect.stringMatching(/retry/) });
  });

  it('hides anything unexpected behind a generic 500', () => {
    const problem = errorToProblem(new Error('secret table name in here'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  it('answers throttling, once retries are spent, with 503 and Retry-After', () => {
    const named = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
    for (const error of [new StoreThrottled('order#o-1'), named]) {
      const problem = errorToProblem(error);
      expect(problem.status).toBe(503);
      expect(problemResponse(problem).headers).toMatchObject({ 'retry-after': '1', 'content-type': 'application/problem+json' });
    }
  });

  it('answers a DynamoDB ValidationException with a 400 that tells nothing of the table', () => {
    const problem = errorToProblem(Object.assign(new Error('The provided starting key is invalid: table Orders-123'), { name: 'ValidationException' }));
    expect(problem.status).toBe(400);
    expect(JSON.stringify(problem)).not.toContain('Orders-123');
  });
});

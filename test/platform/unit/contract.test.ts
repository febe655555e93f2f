import { LAMBDA_TRANSIENT_ERRORS, RETRYABLE_ERRORS, STORE_TRANSIENT_ERRORS } from '../../../functions/platform/contract/saga-errors';
import { ConcurrencyError, StoreThrottled } from '../../../functions/platform/eventstore';
import { isTransientError } from '../../../functions/platform/projections/parking/transient-error';

/**
 * The error names every saga matches are the names the platform's errors really have: a renamed
 * class would otherwise leave a Retry that never fires. Each context checks its own names.
 */
describe("the contract between the state machines and the platform's functions", () => {
  it('names each retryable error after the class that throws it', () => {
    expect(RETRYABLE_ERRORS).toEqual([ConcurrencyError.name]);
  });

  it("names the store's transient errors as they are thrown: the event store's StoreThrottled and DynamoDB's own, which the projections retry too", () => {
    expect(STORE_TRANSIENT_ERRORS).toContain(new StoreThrottled('order-1').name);
    expect(STORE_TRANSIENT_ERRORS).toEqual(expect.arrayContaining(['ProvisionedThroughputExceededException', 'ThrottlingException', 'InternalServerError', 'RequestLimitExceeded']));
    for (const name of STORE_TRANSIENT_ERRORS) expect([name, isTransientError(Object.assign(new Error('x'), { name }))]).toEqual([name, true]);
  });

  it("names Lambda's transient errors as Step Functions does", () => {
    expect(LAMBDA_TRANSIENT_ERRORS.every((name) => name.startsWith('Lambda.'))).toBe(true);
  });
});

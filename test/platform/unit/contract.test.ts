import { LAMBDA_TRANSIENT_ERRORS, RETRYABLE_ERRORS } from '../../../functions/platform/contract/saga-errors';
import { ConcurrencyError } from '../../../functions/platform/eventstore';

/**
 * The error names every saga matches are the names the platform's errors really have: a renamed
 * class would otherwise leave a Retry that never fires. Each context checks its own names.
 */
describe("the contract between the state machines and the platform's functions", () => {
  it('names each retryable error after the class that throws it', () => {
    expect(RETRYABLE_ERRORS).toEqual([ConcurrencyError.name]);
  });

  it("names Lambda's transient errors as Step Functions does", () => {
    expect(LAMBDA_TRANSIENT_ERRORS.every((name) => name.startsWith('Lambda.'))).toBe(true);
  });
});

import { failureReason } from '../../../../functions/platform/saga/failure-reason';

describe('the reason a rejected order gives', () => {
  it('is the domain error message for a function error', () => {
    const cause = JSON.stringify({ errorType: 'InsufficientStock', errorMessage: 'insufficient stock for A (requested 10, available 5)', trace: [] });
    expect(failureReason({ Error: 'InsufficientStock', Cause: cause })).toBe('insufficient stock for A (requested 10, available 5)');
  });

  it('is the error name when the cause is not a function error', () => {
    expect(failureReason({ Error: 'States.Timeout', Cause: '' })).toBe('States.Timeout');
    expect(failureReason({ Error: 'States.TaskFailed', Cause: 'plain text' })).toBe('States.TaskFailed');
  });

  it('still says something without a failure', () => {
    expect(failureReason(undefined)).toBe('the saga failed');
  });
});

/** What a Catch puts at its resultPath: the error name and its cause. */
export type CaughtFailure = { Error?: string; Cause?: string };

/**
 * A reason a person can read. For a function error the Cause is the Lambda error as JSON and its
 * message is the domain's own words ("insufficient stock for …"); for a timeout or a States.*
 * error the Cause is plain text or empty, so the error name is the best there is.
 */
export function failureReason(failure: CaughtFailure | undefined): string {
  try {
    const cause: unknown = JSON.parse(failure?.Cause ?? '');
    if (cause && typeof cause === 'object' && 'errorMessage' in cause && typeof cause.errorMessage === 'string') {
      return cause.errorMessage;
    }
  } catch {
    // Not JSON: fall through to the error name.
  }
  return failure?.Error ?? 'the saga failed';
}

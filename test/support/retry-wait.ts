/**
 * The pause before every state machine retry in the systems the quick suites start (see
 * LocalSystemOptions.retryWaitMs): a fault matrix's retries take milliseconds, not the seconds of
 * the definitions' jittered backoff. The load runs keep the definitions' waits.
 */
export const TEST_RETRY_WAIT_MS = 50;

/** The longest a failing message waits before its next try (SQS allows up to 12 hours). */
export const MAX_RETRY_DELAY_SECONDS = 900;

/**
 * How long a message that failed its `receiveCount`-th try stays hidden: exponential from 2 s,
 * capped at 15 minutes, with full jitter so that messages failing together do not come back
 * together (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function retryDelaySeconds(receiveCount: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_SECONDS, 2 ** Math.min(Math.max(1, receiveCount), 20));
  return Math.max(1, Math.round(random() * ceiling));
}

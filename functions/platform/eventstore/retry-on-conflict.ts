import { ConcurrencyError, StoreThrottled } from './errors';

const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Runs `attempt` again while it loses optimistic-concurrency races (or DynamoDB throttles the
 * transaction), a bounded number of times, with a short random pause that grows per try so
 * contending writers stop colliding in lockstep. `attempt` must reload what it decides on, so
 * each try sees the winner's events.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, maxAttempts = DEFAULT_MAX_ATTEMPTS): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError || error instanceof StoreThrottled) || n >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * n));
    }
  }
}

import { ConcurrencyError } from './errors';

/**
 * Runs `attempt` again while it loses optimistic-concurrency races, a bounded number of times.
 * `attempt` must reload what it decides on, so each try sees the winner's events.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, maxAttempts = 5): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || n >= maxAttempts) throw error;
    }
  }
}

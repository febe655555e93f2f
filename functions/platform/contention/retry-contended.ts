/** Waits for `ms` milliseconds. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause before try number `tries` (from 1) after a lost race: full jitter under a ceiling that doubles per try, from 10 ms up to 1 s. */
export function fullJitterPause(tries: number): Promise<unknown> {
  return pause(Math.random() * Math.min(1000, 10 * 2 ** Math.min(tries, 20)));
}

export type ContendedRetry = {
  /** Which errors are a lost race worth another try. */
  retryable: (error: unknown) => boolean;
  /** Epoch milliseconds after which no new try starts: the last error goes to the caller (the saga retries). */
  deadline: number;
  /** The first pause's ceiling; it doubles per try up to `capMs`. */
  baseMs?: number;
  capMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

/**
 * Runs `attempt` until it wins, with "full jitter" between tries (a pause drawn uniformly from
 * zero to an exponentially growing ceiling: AWS Architecture Blog, "Exponential Backoff and
 * Jitter"): hundreds of writers that collide spread out instead of colliding again in lockstep.
 * There is no count of tries, only a deadline, because under contention the number of tries a
 * writer needs grows with the number of writers; the deadline leaves the function time to answer.
 */
export async function retryContended<T>(attempt: () => Promise<T>, options: ContendedRetry): Promise<T> {
  const { retryable, deadline, baseMs = 10, capMs = 1000, now = Date.now, sleep = pause, random = Math.random } = options;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error)) throw error;
      const wait = random() * Math.min(capMs, baseMs * 2 ** Math.min(tries, 20));
      if (now() + wait >= deadline) throw error;
      await sleep(wait);
    }
  }
}

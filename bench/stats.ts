/** The p-th percentile (0–100) of some samples, nearest-rank; NaN when there are none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type LatencySummary = { samples: number; p50: number; p99: number; max: number };

export function summarize(samples: number[]): LatencySummary {
  return { samples: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples) };
}

/**
 * Runs `operation` from `concurrency` loops for `seconds`; returns operations per second and
 * the latency of each (milliseconds). Errors are counted, not thrown.
 */
export async function closedLoop(concurrency: number, seconds: number, operation: () => Promise<void>, onProgress?: (fraction: number) => void) {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const ticker = onProgress ? setInterval(() => onProgress(Math.min(1, (performance.now() - started) / (seconds * 1000))), 200) : undefined;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await operation();
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  if (ticker) clearInterval(ticker);
  const elapsed = (performance.now() - started) / 1000;
  return { opsPerSecond: latencies.length / elapsed, errors, latency: summarize(latencies) };
}

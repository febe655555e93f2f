/** A rule's schedule as the runtime runs it: `rate(N minute|minutes|hour|hours|day|days)`. */
export function rateMilliseconds(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) throw new Error(`schedule ${expression}: the local runtime runs rate(…) schedules only, not cron`);
  const unit = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[match[2]!.replace(/s$/, '') as 'minute' | 'hour' | 'day'];
  return Number(match[1]) * unit;
}

/**
 * Runs a scheduled rule's delivery on its rate, as EventBridge does (the first run one period
 * after the start); returns the stop.
 */
export function runOnSchedule(expression: string, deliver: () => Promise<void>, log: (line: string) => void): () => Promise<void> {
  const timer = setInterval(() => void deliver().catch((error: Error) => log(`scheduled delivery failed: ${error.message}`)), rateMilliseconds(expression));
  timer.unref();
  return async () => clearInterval(timer);
}

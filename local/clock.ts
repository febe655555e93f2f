/**
 * The runtime's clock for what waits on time inside a service (an SQS message's visibility,
 * delay and retention): wall time plus an offset a test can move forward through
 * `POST <edge>/_local/clock`, so an outage of hours is tried in seconds with AWS's own timings.
 */
export class LocalClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward (never back: time-outs already passed stay passed). */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error('the clock moves forward by a number of seconds ≥ 0');
    this.offsetMs += seconds * 1000;
  }
}

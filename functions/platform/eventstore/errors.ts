/** Base of the event store's errors: a name, context fields and the cause. */
export abstract class EventStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Another writer appended to the stream first: the caller's expected version is stale.
 * Safe to handle by reloading the stream and deciding again.
 */
export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(`stream ${streamId} has moved past version ${expectedVersion}`, options);
  }
}

/** An append that DynamoDB cannot take in one transaction (more than 100 items). */
export class AppendTooLargeError extends EventStoreError {
  constructor(readonly items: number) {
    super(`an append of ${items} items exceeds the 100 items of one DynamoDB transaction`);
  }
}

/**
 * DynamoDB refused the write for capacity (a transaction cancelled with ThrottlingError, which
 * the SDK does not retry). Nothing was written; trying again a little later is safe.
 */
export class StoreThrottled extends EventStoreError {
  constructor(readonly streamId: string, options?: { cause?: unknown }) {
    super(`DynamoDB throttled the append to ${streamId}`, options);
  }
}

/** A lost race worth another try: a conflicting append, or a throttled transaction. */
export function isLostRace(error: unknown): boolean {
  return error instanceof ConcurrencyError || error instanceof StoreThrottled;
}

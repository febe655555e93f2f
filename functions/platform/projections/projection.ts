import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventStore, StoredEvent } from '../eventstore';
import type { EventParking } from './parking/parked-events';

/**
 * What handling one event did: applied it; skipped it as already applied (`duplicate`) or as none
 * of this read model's (`ignored`); parked it as poison; healed a gap from the store; repaired
 * what a parked event had left incomplete.
 */
export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'parked' | 'healed' | 'repaired';

/** A read model kept from the events. Both entries are idempotent; what they throw is transient. */
export type Projection = {
  /** An event as the stream delivers it: applied once, a gap healed from the store, poison parked. */
  project(event: StoredEvent): Promise<Outcome>;
  /** A parked event moved back for repair: what it left incomplete is redone from the store, where the event may now apply. */
  repair(event: StoredEvent): Promise<Outcome>;
};

/** What a projection is given: its table, the event store to heal from, and where poison goes. */
export type ProjectionPorts = {
  client: DynamoDBDocumentClient;
  tableName: string;
  store: EventStore;
  parking: EventParking;
};

import type { Aggregate } from '../domain/streams';

/** The `source` of the bus entries of an aggregate's events, as the forwarder sends them and rules match them. */
export const busSource = (aggregate: Aggregate | 'unknown'): string => `orderline.${aggregate}`;

import { ENV } from '../contract/environment';
import { projectionHandler } from './projection-handler';
import { projectionPortsFromEnv } from './ports-from-env';
import { statsProjection } from './stats-projector';

/** Order events → orders by status, revenue by day, saga outcomes: from the stream, and repairs from the repair queue. */
export const handler = projectionHandler(statsProjection(projectionPortsFromEnv(ENV.statsTable)), 'stats');

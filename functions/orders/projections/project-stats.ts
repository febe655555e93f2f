import { ENV } from '../../platform/contract/environment';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { statsProjection } from './stats-projector';

/** Order events → orders by status, revenue by day, saga outcomes: from the stream, and repairs from the repair queue. */
export const handler = projectionHandler(statsProjection(projectionPortsFromEnv(ENV.statsTable)), 'stats');

import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { statsProjection } from './stats-projector';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Order events → orders by status, revenue by day, saga outcomes: repairs from its repair queue (the stream reaches the view through the context's views reader, project-views.ts). */
export const handler = projectionHandler(statsProjection(projectionPortsFromEnv(ORDERS_ENV.statsTable, eventSchemas)), 'stats', eventSchemas);

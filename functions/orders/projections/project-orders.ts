import { ENV } from '../../platform/contract/environment';
import { orderProjection } from './order-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';

/** Order events → the orders view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(orderProjection(projectionPortsFromEnv(ENV.ordersTable)), 'orders');

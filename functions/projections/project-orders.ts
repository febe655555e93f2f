import { ENV } from '../contract/environment';
import { orderProjection } from './order-projector';
import { projectionHandler } from './projection-handler';
import { projectionPortsFromEnv } from './ports-from-env';

/** Order events → the orders view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(orderProjection(projectionPortsFromEnv(ENV.ordersTable)), 'orders');

import { orderProjection } from './order-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Order events → the orders view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(orderProjection(projectionPortsFromEnv(ORDERS_ENV.ordersTable, eventSchemas)), 'orders', eventSchemas);

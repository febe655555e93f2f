import { orderProjection } from './order-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Order events → the orders view: repairs from its repair queue (the stream reaches the view through the context's views reader, project-views.ts). */
export const handler = projectionHandler(orderProjection(projectionPortsFromEnv(ORDERS_ENV.ordersTable, eventSchemas)), 'orders', eventSchemas);

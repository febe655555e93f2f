import { productProjection } from './product-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Product events → the products view: repairs from its repair queue (the stream reaches the view through the context's views reader, project-views.ts). */
export const handler = projectionHandler(productProjection(projectionPortsFromEnv(ORDERS_ENV.productsTable, eventSchemas)), 'products', eventSchemas);

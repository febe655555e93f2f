import { ENV } from '../../platform/contract/environment';
import { productProjection } from './product-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';

/** Product events → the products view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(productProjection(projectionPortsFromEnv(ENV.productsTable)), 'products');

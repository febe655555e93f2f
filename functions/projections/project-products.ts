import { ENV } from '../contract/environment';
import { productProjection } from './product-projector';
import { projectionHandler } from './projection-handler';
import { projectionPortsFromEnv } from './ports-from-env';

/** Product events → the products view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(productProjection(projectionPortsFromEnv(ENV.productsTable)), 'products');

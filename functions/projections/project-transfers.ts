import { ENV } from '../contract/environment';
import { transferProjection } from './transfer-projector';
import { projectionHandler } from './projection-handler';
import { projectionPortsFromEnv } from './ports-from-env';

/** Transfer events → the transfers view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(transferProjection(projectionPortsFromEnv(ENV.transfersTable)), 'transfers');

import { ENV } from '../../platform/contract/environment';
import { transferProjection } from './transfer-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';

/** Transfer events → the transfers view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(transferProjection(projectionPortsFromEnv(ENV.transfersTable)), 'transfers');

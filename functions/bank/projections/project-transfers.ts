import { transferProjection } from './transfer-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { BANK_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Transfer events → the transfers view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(transferProjection(projectionPortsFromEnv(BANK_ENV.transfersTable, eventSchemas)), 'transfers', eventSchemas);

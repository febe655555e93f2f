import { transferProjection } from './transfer-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { BANK_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Transfer events → the transfers view: repairs from its repair queue (the stream reaches the view through the context's views reader, project-views.ts). */
export const handler = projectionHandler(transferProjection(projectionPortsFromEnv(BANK_ENV.transfersTable, eventSchemas)), 'transfers', eventSchemas);

import { accountProjection } from './account-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { BANK_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Account events → the accounts view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(accountProjection(projectionPortsFromEnv(BANK_ENV.accountsTable, eventSchemas)), 'accounts', eventSchemas);

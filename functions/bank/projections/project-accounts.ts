import { ENV } from '../../platform/contract/environment';
import { accountProjection } from './account-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';

/** Account events → the accounts view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(accountProjection(projectionPortsFromEnv(ENV.accountsTable)), 'accounts');

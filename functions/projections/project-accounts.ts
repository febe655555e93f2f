import { ENV } from '../contract/environment';
import { accountProjection } from './account-projector';
import { projectionHandler } from './projection-handler';
import { projectionPortsFromEnv } from './ports-from-env';

/** Account events → the accounts view: from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(accountProjection(projectionPortsFromEnv(ENV.accountsTable)), 'accounts');

import { ENV } from '../../platform/contract/environment';
import { transactionsProjection } from './transactions-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';

/** Account events → the transactions view (one row per money movement): from the events table's stream, and repairs from its repair queue. */
export const handler = projectionHandler(transactionsProjection(projectionPortsFromEnv(ENV.transactionsTable)), 'transactions');

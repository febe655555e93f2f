import { transactionsProjection } from './transactions-projector';
import { projectionHandler } from '../../platform/projections/projection-handler';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { BANK_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** Account events → the transactions view (one row per money movement): repairs from its repair queue (the stream reaches the view through the context's views reader, project-views.ts). */
export const handler = projectionHandler(transactionsProjection(projectionPortsFromEnv(BANK_ENV.transactionsTable, eventSchemas)), 'transactions', eventSchemas);

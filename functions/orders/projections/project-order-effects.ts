import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { storedEventsInOrder } from '../../platform/batch/stored-events-in-order';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { observed } from '../../platform/observability/observed';
import { emitProjectionLag } from '../../platform/observability/projection-lag';
import { orderEffectsProjector } from './order-effects';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

const project = orderEffectsProjector(documentClient(), requireEnv(ORDERS_ENV.orderEffectsTable));

/**
 * Stream consumer: payment and stock events → what was done about each order's money and stock.
 * Each write is guarded by its stream's version, so records are applied in any order; a record
 * that fails is reported and retried from there.
 */
export const handler = observed<DynamoDBStreamEvent, DynamoDBBatchResponse>(
  () => ({}),
  (event) =>
    storedEventsInOrder(event.Records, 'order effects projection', eventSchemas, async (stored) => {
      if ((await project(stored)) === 'applied') emitProjectionLag('order-effects', stored);
    }),
);

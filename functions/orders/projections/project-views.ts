import { SQSClient } from '@aws-sdk/client-sqs';
import { orderEffectsProjector } from './order-effects';
import { orderProjection } from './order-projector';
import { productProjection } from './product-projector';
import { statsCounter } from './stats-counter';
import { statsProjection } from './stats-projector';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { streamPrefix } from '../../platform/domain/streams';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { storeFiguresCounter } from '../../platform/projections/store-figures-counter';
import { streamFanOutHandler } from '../../platform/projections/stream-fan-out';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas, ORDER_AGGREGATES } from '../domain';

const clients = { client: documentClient(), sqs: new SQSClient({}) };
const orders = orderProjection(projectionPortsFromEnv(ORDERS_ENV.ordersTable, eventSchemas, clients));
const products = productProjection(projectionPortsFromEnv(ORDERS_ENV.productsTable, eventSchemas, clients));
const stats = statsProjection(projectionPortsFromEnv(ORDERS_ENV.statsTable, eventSchemas, clients));
const effects = orderEffectsProjector(clients.client, requireEnv(ORDERS_ENV.orderEffectsTable));

/** The orders context's one views reader of its events stream: the orders, products and order effects views a batch at a time, the stats and the store figures a window at a time. */
export const handler = streamFanOutHandler(
  [
    { name: 'orders', prefixes: [streamPrefix('order')], project: orders.project },
    { name: 'products', prefixes: [streamPrefix('product')], project: products.project },
    { name: 'order-effects', prefixes: [streamPrefix('payment'), streamPrefix('reservation')], project: effects },
  ],
  eventSchemas,
  [statsCounter(stats), storeFiguresCounter(ORDER_AGGREGATES, clients.client)],
);

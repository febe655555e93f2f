import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { Stats } from '../http/responses';
import { STATS_KEYS } from '../projections/stats-projector';
import { FIGURES_KEYS } from '../../platform/projections/figures-keys';
import { storeFiguresOf } from '../../platform/projections/store-figures';
import { ENV } from '../../platform/contract/environment';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.statsTable);
const figuresTableName = requireEnv(ENV.storeFiguresTable);

/**
 * GET /stats (admins): orders by status, revenue by day (minor units per currency), saga outcomes,
 * and the event stores' figures: events and streams per aggregate type, of every context.
 */
export const handler = routeHandler('admin', async () => {
  const counters = async (key: { pk: string; sk: string }, table = tableName) => {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: key }));
    const { pk: _pk, sk: _sk, ...values } = Item ?? {};
    return values;
  };
  const [ordersByStatus, sagaOutcomes, storeFigures, revenue] = await Promise.all([
    counters(STATS_KEYS.byStatus),
    counters(STATS_KEYS.sagaOutcomes),
    counters(FIGURES_KEYS.storeFigures, figuresTableName),
    client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'revenue' } })),
  ]);
  const revenueByDay = (revenue.Items ?? []).map(({ pk: _pk, sk, ...amounts }) => ({ day: sk, amounts }));
  return json(200, { ordersByStatus, revenueByDay, sagaOutcomes, eventStore: storeFiguresOf(storeFigures) } satisfies z.output<typeof Stats>);
});

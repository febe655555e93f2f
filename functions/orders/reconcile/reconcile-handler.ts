import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { logger } from '../../platform/observability/logger';
import { observed } from '../../platform/observability/observed';
import { reconcile, type ReconcileReport } from './reconcile';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(eventSchemas, client),
  levels: stockLevelsFromEnv(client),
  client,
  sfn: new SFNClient({}),
  gateway: paymentGatewayFromEnv(),
  ordersTable: requireEnv(ORDERS_ENV.ordersTable),
  ordersByStatusIndex: requireEnv(ORDERS_ENV.ordersByStatusIndex),
  stateMachineArn: requireEnv(ORDERS_ENV.orderSagaArn),
};

/** The orders' scheduled reconciler: repairs what slipped through, and logs what it found and did. */
export const handler = observed<unknown, ReconcileReport>(() => ({}), async () => {
  const report = await reconcile(deps);
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  logger[level]('reconciled', { ...report });
  return report;
});

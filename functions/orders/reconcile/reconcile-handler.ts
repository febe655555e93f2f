import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { logger } from '../../platform/observability/logger';
import { observed } from '../../platform/observability/observed';
import { reconcile, type ReconcileReport } from './reconcile';
import { ENV } from '../../platform/contract/environment';

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(client),
  levels: stockLevelsFromEnv(client),
  client,
  sfn: new SFNClient({}),
  gateway: paymentGatewayFromEnv(),
  ordersTable: requireEnv(ENV.ordersTable),
  ordersByStatusIndex: requireEnv(ENV.ordersByStatusIndex),
  stateMachineArn: requireEnv(ENV.orderSagaArn),
  transfers: {
    transfersTable: requireEnv(ENV.transfersTable),
    transfersByStatusIndex: requireEnv(ENV.transfersByStatusIndex),
    stateMachineArn: requireEnv(ENV.transferSagaArn),
  },
};

/** The scheduled reconciler: repairs what slipped through, and logs what it found and did. */
export const handler = observed<unknown, ReconcileReport>(() => ({}), async () => {
  const report = await reconcile(deps);
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  logger[level]('reconciled', { ...report });
  return report;
});

import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, eventStoreFromEnv } from '../clients';
import { requireEnv } from '../config';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { reconcile, type ReconcileReport } from './reconcile';

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(client),
  levels: stockLevelsFromEnv(client),
  client,
  sfn: new SFNClient({}),
  gateway: paymentGatewayFromEnv(),
  ordersTable: requireEnv('ORDERS_TABLE'),
  ordersByStatusIndex: requireEnv('ORDERS_BY_STATUS_INDEX'),
  stateMachineArn: requireEnv('ORDER_SAGA_ARN'),
};

/** The scheduled reconciler: repairs what slipped through, and logs what it found and did. */
export async function handler(): Promise<ReconcileReport> {
  const report = await reconcile(deps);
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  console.log(JSON.stringify({ level, message: 'reconciled', ...report }));
  return report;
}

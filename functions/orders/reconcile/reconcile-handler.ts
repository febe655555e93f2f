import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { ENV } from '../../platform/contract/environment';
import { dynamoDbCheckpoints } from '../../platform/reconcile/checkpoints';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { logger } from '../../platform/observability/logger';
import { observed } from '../../platform/observability/observed';
import { reconcile, type ReconcileReport } from './reconcile';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';
import { inboxFromEnv } from '../../platform/inbox/inbox-from-env';
import { isInboxRetryRequest } from '../../platform/inbox/retry-request';
import { settleInboxRetry } from '../../platform/inbox/settle-retry';
import { sagaExecutions } from '../../platform/saga/saga-executions';

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(eventSchemas, client),
  levels: stockLevelsFromEnv(client),
  client,
  gateway: paymentGatewayFromEnv(),
  ordersTable: requireEnv(ORDERS_ENV.ordersTable),
  ordersByStatusIndex: requireEnv(ORDERS_ENV.ordersByStatusIndex),
  executions: sagaExecutions(new SFNClient({}), requireEnv(ORDERS_ENV.orderSagaArn), client),
  checkpoints: dynamoDbCheckpoints(client, requireEnv(ENV.reconcileCheckpointsTable)),
};
const inbox = inboxFromEnv();

/** What a run leaves itself to log and return once it stops starting pages. */
const MARGIN_MS = 30_000;

/**
 * The orders' scheduled reconciler: repairs what slipped through, and logs what it found and did.
 * It stops starting pages when its time is nearly up; the next run goes on from there. Asked by
 * the operator's inbox to retry a saga, it runs on that order alone, at once, and records the
 * outcome on the inbox item.
 */
export const handler = observed<unknown, ReconcileReport>(() => ({}), async (event, context) => {
  const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 5 * 60_000;
  const retry = isInboxRetryRequest(event) ? event : undefined;
  // A retry looks at its orders however old they are (no lookback window), and at once (no grace).
  const report = await reconcile({ ...deps, deadline: Date.now() + remaining - MARGIN_MS, ...(retry ? { orderIds: retry.ids, sagaGraceMs: 0, lookbackMs: Date.now() } : {}) });
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  logger[level]('reconciled', { ...report, ...(retry ? { inboxItemId: retry.itemId } : {}) });
  if (retry) await settleInboxRetry(inbox, retry, { findings: report.findings, complete: report.complete, running: await deps.executions.running(retry.ids) });
  return report;
});

import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { logger } from '../../platform/observability/logger';
import { observed } from '../../platform/observability/observed';
import { BANK_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';
import { reconcileTransfers, type TransferReconcileReport } from './reconcile';
import { inboxFromEnv } from '../../platform/inbox/inbox-from-env';
import { isInboxRetryRequest } from '../../platform/inbox/retry-request';
import { settleInboxRetry } from '../../platform/inbox/settle-retry';
import { sagaExecutions } from '../../platform/saga/saga-executions';

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(eventSchemas, client),
  client,
  transfersTable: requireEnv(BANK_ENV.transfersTable),
  transfersByStatusIndex: requireEnv(BANK_ENV.transfersByStatusIndex),
  executions: sagaExecutions(new SFNClient({}), requireEnv(BANK_ENV.transferSagaArn), client),
};

const inbox = inboxFromEnv();

/**
 * The bank's scheduled reconciler: starts the sagas transfers lack, and logs what it found and did.
 * Asked by the operator's inbox to retry a saga, it runs on that transfer alone, at once, and
 * records the outcome on the inbox item.
 */
export const handler = observed<unknown, TransferReconcileReport>(() => ({}), async (event) => {
  const retry = isInboxRetryRequest(event) ? event : undefined;
  // A retry looks at its transfers however old they are (no lookback window), and at once (no grace).
  const report = await reconcileTransfers({ ...deps, ...(retry ? { transferIds: retry.ids, sagaGraceMs: 0, lookbackMs: Date.now() } : {}) });
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  logger[level]('reconciled', { ...report, ...(retry ? { inboxItemId: retry.itemId } : {}) });
  if (retry) await settleInboxRetry(inbox, retry, { findings: report.findings, complete: true, running: await deps.executions.running(retry.ids) });
  return report;
});

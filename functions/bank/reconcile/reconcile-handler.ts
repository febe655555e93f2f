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

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(eventSchemas, client),
  client,
  sfn: new SFNClient({}),
  transfersTable: requireEnv(BANK_ENV.transfersTable),
  transfersByStatusIndex: requireEnv(BANK_ENV.transfersByStatusIndex),
  stateMachineArn: requireEnv(BANK_ENV.transferSagaArn),
};

const inbox = inboxFromEnv();

/**
 * The bank's scheduled reconciler: starts the sagas transfers lack, and logs what it found and did.
 * Asked by the operator's inbox to retry a saga, it runs on that transfer alone, at once, and
 * records the outcome on the inbox item.
 */
export const handler = observed<unknown, TransferReconcileReport>(() => ({}), async (event) => {
  const retry = isInboxRetryRequest(event) ? event : undefined;
  const report = await reconcileTransfers({ ...deps, ...(retry ? { transferIds: retry.ids, sagaGraceMs: 0 } : {}) });
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  logger[level]('reconciled', { ...report, ...(retry ? { inboxItemId: retry.itemId } : {}) });
  if (retry) await settleInboxRetry(inbox, retry, report.findings);
  return report;
});

import { SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { logger } from '../../platform/observability/logger';
import { observed } from '../../platform/observability/observed';
import { BANK_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';
import { reconcileTransfers, type TransferReconcileReport } from './reconcile';

const client = documentClient();
const deps = {
  store: eventStoreFromEnv(eventSchemas, client),
  client,
  sfn: new SFNClient({}),
  transfersTable: requireEnv(BANK_ENV.transfersTable),
  transfersByStatusIndex: requireEnv(BANK_ENV.transfersByStatusIndex),
  stateMachineArn: requireEnv(BANK_ENV.transferSagaArn),
};

/** The bank's scheduled reconciler: starts the sagas transfers lack, and logs what it found and did. */
export const handler = observed<unknown, TransferReconcileReport>(() => ({}), async () => {
  const report = await reconcileTransfers(deps);
  const level = report.findings.some((f) => !f.repaired) ? 'error' : report.findings.length ? 'warn' : 'info';
  logger[level]('reconciled', { ...report });
  return report;
});

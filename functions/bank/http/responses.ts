import { Money } from '../../platform/http/schemas';
import { pageOf } from '../../platform/http/page-schema';
import { HistoryEvent } from '../../platform/queries/history-schema';
import { SkippedVersions } from '../../platform/queries/view-schema';
import { CompensationFailureSchema, SagaReportSchema } from '../../platform/saga/saga-report-schema';
import * as z from '../../platform/http/zod';
import { TransferStatusFilter } from './requests';

/** What the bank's routes answer: the document's response schemas (openapi.ts). */

const Version = z.number().check(z.int(), z.positive());
const AccountStatus = z.enum(['open', 'closed']);

/** An account command's answer: the account as its stream now has it (the domain's AccountState), with its version. */
export const AccountResource = z.strictObject({ status: AccountStatus, accountId: z.uuid(), ownerId: z.string(), currency: z.string(), balance: z.number().check(z.int()), version: Version });

/** POST /transfers: the transfer as its stream has it (the domain's TransferState), with its version. */
export const TransferResource = z.strictObject({
  status: TransferStatusFilter,
  transferId: z.uuid(),
  sourceAccountId: z.uuid(),
  targetAccountId: z.uuid(),
  amount: Money,
  debited: z.boolean(),
  credited: z.boolean(),
  refunded: z.boolean(),
  reason: z.optional(z.string()),
  version: Version,
});

/** A row of the accounts view (projections/account-view.ts). */
export const AccountView = z.strictObject({ accountId: z.uuid(), ownerId: z.string(), currency: z.string(), balance: z.number().check(z.int()), status: AccountStatus, openedAt: z.string(), updatedAt: z.string(), version: Version, skippedVersions: SkippedVersions });
export const AccountPage = pageOf(AccountView);

/** A row of the transactions view (projections/transaction-view.ts): what moved money on an account. */
export const Transaction = z.strictObject({
  feed: z.string(),
  accountId: z.uuid(),
  seq: z.string(),
  version: Version,
  kind: z.enum(['deposit', 'withdrawal', 'transfer-out', 'transfer-in', 'transfer-refund']),
  direction: z.enum(['in', 'out']),
  amount: Money,
  at: z.string(),
  transferId: z.optional(z.uuid()),
});
export const TransactionPage = pageOf(Transaction);
export const AccountTransactions = z.extend(TransactionPage, { accountId: z.uuid() });

/** A row of the transfers view (projections/transfer-view.ts). */
export const TransferView = z.strictObject({
  transferId: z.uuid(),
  sourceAccountId: z.uuid(),
  targetAccountId: z.uuid(),
  amount: Money,
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: TransferStatusFilter,
  reason: z.optional(z.string()),
  updatedAt: z.string(),
  version: Version,
  skippedVersions: SkippedVersions,
});
export const TransferPage = pageOf(TransferView);

/** GET /transfers/{id}: the view's row with its saga (null before it starts): a customer sees its status and path, an admin the whole report. */
export const TransferDetails = z.extend(TransferView, {
  saga: z.nullable(z.union([SagaReportSchema, z.strictObject({ status: z.string(), path: z.array(z.string()) })])),
  compensationFailure: z.optional(CompensationFailureSchema),
});

export const AccountHistory = z.strictObject({ accountId: z.uuid(), version: z.number().check(z.int()), events: z.array(HistoryEvent) });

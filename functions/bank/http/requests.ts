import { Currency, Money } from '../../platform/http/schemas';
import { Limit } from '../../platform/queries/page-query';
import * as z from '../../platform/http/zod';
import { AccountId } from './schemas';

/** What the bank's routes take: each body and query string, validated by its handler and documented from the same schema (openapi.ts). */

export const OpenAccountBody = z.strictObject({ currency: Currency });
export const MoneyBody = z.strictObject({ amount: Money });
export const TransferBody = z.strictObject({ sourceAccountId: AccountId, targetAccountId: AccountId, amount: Money });

const Cursor = z.optional(z.string().check(z.maxLength(2000)));
export const PageQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export const ListAccountsQuery = z.strictObject({ ownerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))), limit: Limit, cursor: Cursor });
export const TransferStatusFilter = z.enum(['requested', 'debited', 'credited', 'refunded', 'completed', 'rejected', 'failed']);
export const ListTransfersQuery = z.strictObject({
  requestedBy: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  status: z.optional(TransferStatusFilter),
  limit: Limit,
  cursor: Cursor,
});

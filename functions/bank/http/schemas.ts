import * as z from '../../platform/http/zod';

/** Schemas of the bank's values that cross the HTTP edge. */
export const AccountId = z.uuid({ message: 'an account id is a UUID' });
export const TransferId = z.uuid({ message: 'a transfer id is a UUID' });

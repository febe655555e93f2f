import { z } from 'zod';

/** Schemas of the values that cross the HTTP edge, shared by every route. */
export const OrderId = z.uuid({ message: 'an order id is a UUID' });
export const Sku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a sku is 1–64 letters, digits, ".", "_" or "-"');
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as EUR');
export const MinorUnits = z.number().int('amounts are integer minor units (cents), not decimals').min(0).max(Number.MAX_SAFE_INTEGER);
export const Quantity = z.number().int('a quantity is a whole number').positive().max(1_000_000);
export const Money = z.strictObject({ amount: MinorUnits, currency: Currency });

import { z } from 'zod';

/** Schemas of the values that cross the HTTP edge, shared by every route. */
export const OrderId = z.uuid({ message: 'an order id is a UUID' });
export const Sku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a sku is 1–64 letters, digits, ".", "_" or "-"');
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as EUR');
export const MinorUnits = z.number().int('amounts are integer minor units (cents), not decimals').min(0).max(Number.MAX_SAFE_INTEGER);
export const Quantity = z.number().int('a quantity is a whole number').positive().max(1_000_000);
export const Money = z.strictObject({ amount: MinorUnits, currency: Currency });
export const Line = z.strictObject({ sku: Sku, quantity: Quantity });
const Text = (max: number) => z.string().trim().min(1).max(max);
export const ShippingAddress = z.strictObject({
  name: Text(200),
  line1: Text(200),
  line2: Text(200).optional(),
  city: Text(100),
  postalCode: Text(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'a country is an ISO 3166 alpha-2 code such as DE'),
});
/** A payment method token from the payment provider (never a card number). */
export const PaymentMethod = z.string().regex(/^[A-Za-z0-9_-]{3,100}$/, 'a payment method is a token such as tok_visa');
export const Reason = Text(500);
export const TrackingNumber = Text(100);

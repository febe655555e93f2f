import { MAX_LINE_QUANTITY } from '../domain';
import { Text } from '../../platform/http/schemas';
import * as z from '../../platform/http/zod';

/** Schemas of the orders context's values that cross the HTTP edge. */
export const OrderId = z.uuid({ message: 'an order id is a UUID' });
export const Sku = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a sku is 1–64 letters, digits, ".", "_" or "-"'));
export const Quantity = z.number().check(z.int('a quantity is a whole number'), z.positive(), z.maximum(MAX_LINE_QUANTITY));
export const Line = z.strictObject({ sku: Sku, quantity: Quantity });
export const ShippingAddress = z.strictObject({
  name: Text(200),
  line1: Text(200),
  line2: z.optional(Text(200)),
  city: Text(100),
  postalCode: Text(20),
  country: z.string().check(z.regex(/^[A-Z]{2}$/, 'a country is an ISO 3166 alpha-2 code such as DE')),
});
/** A payment method token from the payment provider (never a card number). */
export const PaymentMethod = z.string().check(z.regex(/^[A-Za-z0-9_-]{3,100}$/, 'a payment method is a token such as tok_visa'));
export const TrackingNumber = Text(100);

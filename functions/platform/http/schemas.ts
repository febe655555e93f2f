import { isCurrency, MAX_LINE_QUANTITY } from '../domain';
import * as z from './zod';

/** Schemas of the values that cross the HTTP edge, shared by every route. */
export const OrderId = z.uuid({ message: 'an order id is a UUID' });
export const AccountId = z.uuid({ message: 'an account id is a UUID' });
export const TransferId = z.uuid({ message: 'a transfer id is a UUID' });
export const Sku = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a sku is 1–64 letters, digits, ".", "_" or "-"'));
export const Currency = z.string().check(z.refine(isCurrency, 'a currency is an ISO 4217 code in use, such as EUR'));
export const MinorUnits = z.number().check(z.int('amounts are integer minor units (cents), not decimals'), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));
export const Quantity = z.number().check(z.int('a quantity is a whole number'), z.positive(), z.maximum(MAX_LINE_QUANTITY));
export const Money = z.strictObject({ amount: MinorUnits, currency: Currency });
export const Line = z.strictObject({ sku: Sku, quantity: Quantity });

/**
 * Control characters (C0, C1) and the invisible marks that reorder or hide text (bidi controls,
 * zero-width characters): none belongs in a name, an address or a reason shown to a person.
 */
const INVISIBLE = /[\p{Cc}\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;

/** Free text a person typed: control and bidi characters taken out, trimmed, 1 to `max` characters. */
export const Text = (max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(max * 4, `at most ${max} characters`)),
      z.transform((text: string) => text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim()),
    ),
    z.string().check(z.minLength(1, 'must not be blank'), z.maxLength(max, `at most ${max} characters`)),
  );

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
export const Reason = Text(500);
export const TrackingNumber = Text(100);

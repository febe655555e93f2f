/**
 * Keys whose values never reach the inbox: payment tokens, credentials and anything that names or
 * reaches a person. The inbox shows a message so that a person can tell what failed; ids, amounts,
 * versions and types are enough for that.
 */
const WITHHELD = /^(paymentMethod|paymentToken|token|accessToken|idToken|authorization|password|secret|email|phone|name|fullName|customerName|address|shippingAddress|billingAddress|iban|cardNumber)$/i;
const MAX_DEPTH = 12;

/** A copy of `value` with every withheld key's value replaced by "[withheld]" (at any depth); JSON in strings is left as it is. */
export function withheld(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => withheld(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, WITHHELD.test(key) ? '[withheld]' : withheld(inner, depth + 1)]));
}

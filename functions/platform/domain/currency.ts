/**
 * The ISO 4217 currencies in use, as the runtime's ICU data lists them (`Intl.supportedValuesOf`):
 * a maintained list rather than one copied into this repo. Withdrawn codes (DEM) and the test and
 * "no currency" codes (XTS, XXX) are not on it.
 */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency in use, such as EUR. */
export function isCurrency(code: string): boolean {
  return ISO_4217.has(code);
}

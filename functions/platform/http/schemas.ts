import { isCurrency } from '../domain';
import * as z from './zod';

/** Schemas of the values that cross the HTTP edge in every context: money and free text. Each context adds its own ids and values. */

export const Currency = z.string().check(z.refine(isCurrency, 'a currency is an ISO 4217 code in use, such as EUR'));
export const MinorUnits = z.number().check(z.int('amounts are integer minor units (cents), not decimals'), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));
export const Money = z.strictObject({ amount: MinorUnits, currency: Currency });

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

export const Reason = Text(500);

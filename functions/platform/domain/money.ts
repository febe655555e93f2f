import { isCurrency } from './currency';
import { CurrencyMismatch, InvalidMoney } from './errors';

/** An amount of money: integer minor units (cents) in an ISO 4217 currency. Never a float. */
export type Money = { amount: number; currency: string };

/** Makes a Money, refusing fractions, negatives and codes that are not ISO 4217 currencies. */
export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount) || amount < 0 || !isCurrency(currency)) throw new InvalidMoney({ amount, currency });
  return { amount, currency };
}

/** Adds two amounts of the same currency. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatch({ expected: a.currency, actual: b.currency });
  return money(a.amount + b.amount, a.currency);
}

/** An amount times a whole quantity. */
export function multiplyMoney(m: Money, quantity: number): Money {
  return money(m.amount * quantity, m.currency);
}

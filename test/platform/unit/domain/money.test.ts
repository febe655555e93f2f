import { addMoney, CurrencyMismatch, InvalidMoney, isCurrency, money, multiplyMoney } from '../../../../functions/platform/domain';

describe('money in integer minor units', () => {
  it('adds and multiplies amounts of one currency', () => {
    expect(addMoney(money(1999, 'EUR'), money(1, 'EUR'))).toEqual({ amount: 2000, currency: 'EUR' });
    expect(multiplyMoney(money(4999, 'EUR'), 3)).toEqual({ amount: 14997, currency: 'EUR' });
  });

  it('refuses floats, negatives and unknown-looking currencies', () => {
    expect(() => money(19.99, 'EUR')).toThrow(InvalidMoney);
    expect(() => money(-1, 'EUR')).toThrow(InvalidMoney);
    expect(() => money(1, 'eur')).toThrow(InvalidMoney);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(InvalidMoney);
  });

  it('refuses to add different currencies', () => {
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(CurrencyMismatch);
  });
});

describe('currencies from the ISO 4217 list', () => {
  it('takes codes in use and refuses made-up, withdrawn and non-currency codes', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'GBP', 'CHF']) expect(isCurrency(code)).toBe(true);
    for (const code of ['ABC', 'ZZZ', 'DEM', 'XXX', 'XTS', 'eur', 'EURO', '']) expect(isCurrency(code)).toBe(false);
    expect(() => money(100, 'ABC')).toThrow(InvalidMoney);
  });
});

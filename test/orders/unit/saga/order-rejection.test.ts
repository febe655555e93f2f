import { failureNotice } from '../../../../functions/orders/saga/order-rejection';

describe("the customer's notice of an order that failed on our side", () => {
  it('says what became of the money, as the payment stream has it after the refund step', () => {
    expect(failureNotice('refunded')).toBe('we could not complete this order because of a problem on our side; your payment has been refunded');
    for (const status of ['none', 'declined', 'voided'] as const) expect(failureNotice(status)).toMatch(/; you have not been charged$/);
    // The refund failed past its retries and waits for a person: never "refunded".
    for (const status of ['charged', 'attempted'] as const) expect(failureNotice(status)).toMatch(/; your payment will be refunded$/);
  });
});

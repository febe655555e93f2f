import { api } from '../../support/api';
import { addProduct, createOrder } from '../../support/fixtures';

/** `Prefer: wait=<seconds>` (RFC 7240) on placing an order: the outcome in one call when the saga ends within the wait. */
describe('placing an order with Prefer: wait', () => {
  const place = async (prefer: string | undefined, paymentMethod = 'tok_visa') => {
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    return api('POST', `/orders/${orderId}/place`, { paymentMethod }, prefer === undefined ? {} : { prefer });
  };

  it('answers 200 with the confirmed order when the saga ends within the wait, and says the wait was applied', async () => {
    const res = await place('wait=5');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('confirmed');
    expect(res.headers.get('preference-applied')).toBe('wait=5');
  });

  it('answers 200 with a rejection and its reason too, and holds a longer wait to 10 seconds', async () => {
    const res = await place('respond-async, wait=60', 'tok_declined');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', reason: expect.stringContaining('declined') });
    expect(res.headers.get('preference-applied')).toBe('wait=10');
  });

  it('answers the usual 202 when the saga has not ended within the wait, or when no wait is asked (or cannot be read)', async () => {
    const late = await place('wait=0');
    expect(late.status).toBe(202);
    expect(late.body.status).toBe('placed');
    expect(late.headers.get('preference-applied')).toBe('wait=0');
    for (const prefer of [undefined, 'wait=soon', 'return=minimal']) {
      const res = await place(prefer);
      expect([prefer, res.status, res.headers.get('preference-applied')]).toEqual([prefer, 202, null]);
    }
  });
});

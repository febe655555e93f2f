import { randomBytes } from 'node:crypto';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { busEntries } from '../../support/bus';
import { injectFault, sagaEnded, sagaRecord } from '../../support/saga';
import { allStoredEvents } from '../../support/store';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

describeLocal('payment method tokens', 'reads the whole store, the local bus and the saga history', () => {
  it('never reach the events, the bus or the saga history: the order carries a reference', async () => {
    const token = `tok_secret_${randomBytes(8).toString('hex')}`;
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    const placed = await api('POST', `/orders/${orderId}/place`, { paymentMethod: token });
    expect(placed.status).toBe(202);
    expect(JSON.stringify(placed.body)).not.toContain(token);
    expect((await sagaEnded(orderId)).status).toBe('SUCCEEDED');

    const events = await history(orderId);
    const ref = events.find((e) => e.type === 'OrderPlaced')?.data.paymentMethodRef;
    expect(ref).toMatch(/^pm_[0-9a-f-]{36}$/);

    const store = JSON.stringify(await allStoredEvents());
    expect(store).toContain(ref);
    expect(store).not.toContain(token);

    // The order's last published event: every entry of the order is on the bus by then.
    const entries = await eventually(() => busEntries(), (all) => all.some((e) => e.DetailType === 'OrderConfirmed' && e.Detail.includes(orderId)), { what: 'the confirmation on the bus' });
    const ofOrder = JSON.stringify(entries.filter((e) => e.Detail.includes(orderId)));
    expect(ofOrder).toContain(ref);
    expect(ofOrder).not.toContain(token);

    const recorded = await sagaRecord(orderId);
    expect(recorded).toContain(ref);
    expect(recorded).not.toContain(token);
  });
});

describeLocal('a failure that is not the customer\'s', 'injects a crash through the local fault hook', () => {
  it('tells the customer a fixed text and keeps the detail for operators', async () => {
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await injectFault({ kind: 'function', function: 'ConfirmOrderFunction', orderId, error: { name: 'Error', message: 'disk on fire at 10.0.3.7' }, times: 100 });
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    const saga = await sagaEnded(orderId);
    expect(saga.status).toBe('FAILED');

    const order = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'cancelled', { what: 'the cancellation in the view' });
    // Charged, then refunded: the fixed text says so, and nothing of the failure.
    expect(order.body.cancellationReason).toBe('we could not complete this order because of a problem on our side; your payment has been refunded');
    const notice = await eventually(() => api('GET', `/orders/${orderId}/notifications`), (r) => r.body?.notifications?.length > 0, { what: 'the notice' });
    expect(JSON.stringify(notice.body)).not.toContain('disk on fire');
    expect(JSON.stringify((await history(orderId)).map((e) => e.data))).not.toContain('disk on fire');
    // Operators still see what happened: the execution's cause (admins read it through the saga route).
    const forAdmin = await asAdmin('GET', `/orders/${orderId}/saga`);
    expect(forAdmin.body.cause).toContain('disk on fire at 10.0.3.7');
  });
});

describe('input that would corrupt an order', () => {
  it('refuses an order whose total would overflow, at create and at add-item, and the view never wedges', async () => {
    const dear = await addProduct(10, MAX_SAFE);
    const tooMuch = await api('POST', '/orders', { currency: 'EUR', items: [{ sku: dear, quantity: 2 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ title: 'Order Total Too Large' });

    const cheap = await addProduct(10, 1);
    const orderId = await createOrder([{ sku: dear, quantity: 1 }]);
    const added = await api('POST', `/orders/${orderId}/items`, { sku: cheap, quantity: 1 });
    expect(added.status).toBe(409);
    expect((await history(orderId)).map((e) => e.type)).toEqual(['OrderCreated']);
    const view = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.status === 200, { what: 'the order in its view' });
    expect(view.body.total).toEqual({ amount: MAX_SAFE, currency: 'EUR' });
  });

  it('holds the per-line quantity cap after lines merge', async () => {
    const sku = await addProduct(10, 1);
    const orderId = await createOrder([{ sku, quantity: 1_000_000 }]);
    const more = await api('POST', `/orders/${orderId}/items`, { sku, quantity: 1 });
    expect(more.status).toBe(409);
    expect(more.body.detail).toMatch(/at most 1000000/);
    const merged = await api('POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 600_000 }, { sku, quantity: 600_000 }] });
    expect(merged.status).toBe(409);
    expect((await history(orderId)).map((e) => e.type)).toEqual(['OrderCreated']);
  });

  it('takes currencies from the ISO 4217 list only', async () => {
    for (const currency of ['ABC', 'XXX', 'DEM']) {
      const res = await api('POST', '/orders', { currency });
      expect([currency, res.status]).toEqual([currency, 400]);
      expect(res.body.detail).toMatch(/ISO 4217/);
    }
    expect((await api('POST', '/orders', { currency: 'JPY' })).status).toBe(201);
  });

  it('strips control and bidi characters from free text and bounds it', async () => {
    const orderId = await createOrder([]);
    const cancelled = await api('POST', `/orders/${orderId}/cancel`, { reason: 'too\u0000 late\u202E\u2066 for\tme\n' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.reason).toBe('too late for me');
    const blank = await api('POST', `/orders/${await createOrder([])}/cancel`, { reason: '\u202E\u0007 ' });
    expect(blank.status).toBe(400);
    const long = await api('POST', `/orders/${await createOrder([])}/cancel`, { reason: 'x'.repeat(501) });
    expect(long.status).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';

const PAY = { paymentMethod: 'tok_visa' };

describe('the order lifecycle through the command routes', () => {
  it('creates, edits, places, ships and delivers an order, with ETags all the way', async () => {
    const [keyboard, mouse] = [await addProduct(10, 4999), await addProduct(10, 1999)];
    const address = { name: 'Ada Lovelace', line1: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
    const created = await api('POST', '/orders', { currency: 'EUR', shippingAddress: address });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const orderId = created.body.orderId;
    expect(created.headers.get('location')).toBe(`/orders/${orderId}`);

    const added = await api('POST', `/orders/${orderId}/items`, { sku: keyboard, quantity: 2 });
    expect(added.status).toBe(200);
    expect(added.headers.get('etag')).toBe('"2"');
    expect(added.body.items).toEqual([{ sku: keyboard, quantity: 2, unitPrice: { amount: 4999, currency: 'EUR' } }]);
    await api('POST', `/orders/${orderId}/items`, { sku: mouse, quantity: 1 });
    const removed = await api('DELETE', `/orders/${orderId}/items/${mouse}`);
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((l: { sku: string }) => l.sku)).toEqual([keyboard]);

    expect((await api('POST', `/orders/${orderId}/place`, PAY)).status).toBe(202);
    await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'confirmed', { what: 'confirmation' });
    const ship = await asAdmin('POST', `/orders/${orderId}/ship`, { trackingNumber: 'TRACK-123' });
    expect(ship.status).toBe(200);
    expect((await asAdmin('POST', `/orders/${orderId}/deliver`)).status).toBe(200);

    expect((await history(orderId)).map((e) => e.type)).toEqual([
      'OrderCreated', 'ItemAdded', 'ItemAdded', 'ItemRemoved', 'OrderPlaced', 'OrderConfirmed', 'OrderShipped', 'OrderDelivered',
    ]);
    const view = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'delivered', { what: 'the delivered view' });
    expect(view.body).toMatchObject({ total: { amount: 9998, currency: 'EUR' }, trackingNumber: 'TRACK-123', shippingAddress: address });
    expect(view.headers.get('etag')).toBe('"8"');
  });

  it('lets the customer cancel before shipping but not after', async () => {
    const sku = await addProduct(5);
    const draft = await createOrder([{ sku, quantity: 1 }]);
    const cancelled = await api('POST', `/orders/${draft}/cancel`, { reason: 'changed my mind' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'changed my mind' });

    const other = await createOrder([{ sku, quantity: 1 }]);
    await api('POST', `/orders/${other}/place`, PAY);
    await eventually(() => api('GET', `/orders/${other}`), (r) => r.body?.status === 'confirmed', { what: 'confirmation' });
    await asAdmin('POST', `/orders/${other}/ship`, { trackingNumber: 'T-1' });
    // Cancelling again changes nothing, and says so (a retry that must be safe sends an Idempotency-Key).
    const again = await api('POST', `/orders/${draft}/cancel`, { reason: 'really' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`CancelOrder changes nothing: order#${draft} is already cancelled`);
    expect((await history(draft)).map((e) => e.type)).toEqual(['OrderCreated', 'OrderCancelled']);

    const late = await api('POST', `/orders/${other}/cancel`, { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe(`cannot CancelOrder: order ${other} is shipped`);
    expect((await history(other)).at(-1)?.type).toBe('OrderShipped');
  });

  it('restocks a product', async () => {
    const sku = await addProduct(2);
    const res = await asAdmin('POST', `/products/${sku}/restock`, { quantity: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sku, version: 2 });
    // The stock level moved in the restock's own transaction: as soon as the catalogue view has the product, its stock is current.
    const product = await eventually(() => api('GET', `/products/${sku}`), (r) => r.status === 200, { what: 'the product in the catalogue view' });
    expect(product.body).toMatchObject({ onHand: 5, available: 5 });
  });
});

describe('concurrency over HTTP', () => {
  it('20 concurrent AddItem with the same If-Match: exactly one wins, the rest get 412, nothing is lost', async () => {
    const sku = await addProduct(1000);
    const orderId = await createOrder([]);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api('POST', `/orders/${orderId}/items`, { sku, quantity: 1 }, { 'if-match': '"1"' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    for (const r of responses.filter((r) => r.status === 412)) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body.detail).toMatch(/If-Match "1" is not the current version/);
    }
    const events = await history(orderId);
    expect(events.map((e) => e.version)).toEqual([1, 2]);
    expect(events[1]?.data.line).toMatchObject({ sku, quantity: 1 });
  });

  it('20 concurrent AddItem without If-Match: each succeeds after re-deciding or gets 409, and the order holds exactly the successes', async () => {
    const skus = await Promise.all(Array.from({ length: 20 }, () => addProduct(100)));
    const orderId = await createOrder([]);
    const responses = await Promise.all(skus.map((sku) => api('POST', `/orders/${orderId}/items`, { sku, quantity: 1 })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);

    const succeeded = skus.filter((_, i) => statuses[i] === 200).sort();
    const events = await history(orderId);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: 1 + succeeded.length }, (_, i) => i + 1));
    expect(events.slice(1).map((e) => e.data.line.sku).sort()).toEqual(succeeded);
    const versions = responses.filter((r) => r.status === 200).map((r) => Number(r.headers.get('etag')?.replace(/"/g, '')));
    expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: succeeded.length }, (_, i) => i + 2));
    console.log(`20 concurrent AddItem without If-Match: ${succeeded.length} × 200, ${20 - succeeded.length} × 409`);
  });
});

describe('idempotent commands', () => {
  it('answers a repeat with the first response and appends nothing', async () => {
    const sku = await addProduct(10);
    const orderId = await createOrder([]);
    const key = randomUUID();
    const first = await api('POST', `/orders/${orderId}/items`, { sku, quantity: 2 }, { 'idempotency-key': key });
    const again = await api('POST', `/orders/${orderId}/items`, { sku, quantity: 2 }, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await history(orderId)).map((e) => e.type)).toEqual(['OrderCreated', 'ItemAdded']);
  });

  it('refuses the same key with another body with 422, appending nothing', async () => {
    const sku = await addProduct(10);
    const orderId = await createOrder([]);
    const key = randomUUID();
    await api('POST', `/orders/${orderId}/items`, { sku, quantity: 2 }, { 'idempotency-key': key });
    const other = await api('POST', `/orders/${orderId}/items`, { sku, quantity: 3 }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.detail).toMatch(/was used for a different request/);
    expect(await history(orderId)).toHaveLength(2);
  });

  it('creates one order for five concurrent creates under one key', async () => {
    const sku = await addProduct(10);
    const key = randomUUID();
    const body = { currency: 'EUR', items: [{ sku, quantity: 1 }] };
    const responses = await Promise.all(Array.from({ length: 5 }, () => api('POST', '/orders', body, { 'idempotency-key': key })));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.orderId)).size).toBe(1);
  });
});

import { randomUUID } from 'node:crypto';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { executionsNamed, paymentEvents, sagaEnded } from '../../support/saga';
import { testEnv } from '../../support/test-env';

const sku = () => `SKU-${randomUUID().slice(0, 8)}`;

async function addProduct(stock: number): Promise<string> {
  const id = sku();
  const res = await asAdmin('POST', '/products', { sku: id, name: 'Keyboard', price: { amount: 4999, currency: 'EUR' }, stock });
  expect(res.status).toBe(201);
  return id;
}

async function createOrder(items: { sku: string; quantity: number }[]): Promise<string> {
  const res = await api('POST', '/orders', { currency: 'EUR', items });
  expect(res.status).toBe(201);
  expect(res.headers.get('location')).toBe(`/orders/${res.body.orderId}`);
  return res.body.orderId;
}

const orderSettled = (orderId: string) =>
  eventually(
    () => api('GET', `/orders/${orderId}`),
    (res) => res.status === 200 && ['confirmed', 'cancelled', 'rejected'].includes(res.body.status),
    { what: `order ${orderId} to be confirmed, cancelled or rejected` },
  );

describe('one order end to end through the local system', () => {
  it('confirms an order that stock covers, selling its quantity', async () => {
    const product = await addProduct(5);
    const orderId = await createOrder([{ sku: product, quantity: 2 }]);

    const placed = await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    expect(placed.status).toBe(202);

    const order = await orderSettled(orderId);
    expect(order.body).toMatchObject({ status: 'confirmed', total: { amount: 9998, currency: 'EUR' }, items: [{ sku: product, quantity: 2 }] });
    const stock = await eventually(
      () => api('GET', `/products/${product}`),
      (res) => res.body?.sold === 2,
      { what: 'the sale to reach the products view' },
    );
    expect(stock.body).toMatchObject({ onHand: 3, sold: 2, reserved: 0, available: 3 });
    // What was done about its money and stock, beside the order.
    const effects = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.stockStatus?.[product] === 'committed', { what: 'the stock status' });
    expect(effects.body).toMatchObject({ paymentStatus: 'charged', stockStatus: { [product]: 'committed' } });

    const history = await api('GET', `/orders/${orderId}/events`);
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['OrderCreated', 'OrderPlaced', 'OrderConfirmed']);
    expect(history.body.events.map((e: { version: number }) => e.version)).toEqual([1, 2, 3]);
  });

  it('rejects an order that stock cannot cover, with the reason, and holds no stock', async () => {
    const product = await addProduct(5);
    const orderId = await createOrder([{ sku: product, quantity: 10 }]);

    expect((await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })).status).toBe(202);

    const order = await orderSettled(orderId);
    expect(order.body.status).toBe('rejected');
    expect(order.body.rejectionReason).toContain(product);
    expect(order.body.rejectionReason).toMatch(/insufficient stock/i);
    const stock = await api('GET', `/products/${product}`);
    expect(stock.body).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    const history = await api('GET', `/orders/${orderId}/events`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['OrderCreated', 'OrderPlaced', 'OrderRejected']);
  });

  it('runs one saga for an order placed twice', async () => {
    const product = await addProduct(5);
    const orderId = await createOrder([{ sku: product, quantity: 1 }]);

    const [first, second] = await Promise.all([api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' }), api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    const again = await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');

    await orderSettled(orderId);
    const { outputs } = testEnv();
    expect(await executionsNamed(outputs!.OrderSagaArn!, outputs?.OrderSagaRunsTableName, orderId)).toBe(1);
    expect((await sagaEnded(orderId)).path.filter((step) => step === 'ReserveStock')).toEqual(['ReserveStock']);
    const history = await api('GET', `/orders/${orderId}/events`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'OrderPlaced')).toHaveLength(1);
    const stock = await eventually(() => api('GET', `/products/${product}`), (res) => res.body?.sold === 1, { what: 'the sale to reach the products view' });
    expect(stock.body).toMatchObject({ sold: 1, reserved: 0 });
  });
});

describe('bad requests get a problem and append nothing', () => {
  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await asAdmin('POST', '/products', '{"sku": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('names the field of an invalid body and refuses prices as floats', async () => {
    const res = await asAdmin('POST', '/products', { sku: sku(), name: 'Mouse', price: { amount: 19.99, currency: 'EUR' }, stock: 1 });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^price\.amount: .*integer minor units/);
  });

  it('refuses a wrong content type with 415', async () => {
    const res = await api('POST', '/orders', 'customerId=c-1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.detail).toMatch(/application\/json/);
  });

  it('answers an order of an unknown product with 404 and creates nothing', async () => {
    const missing = sku();
    const res = await api('POST', '/orders', { currency: 'EUR', items: [{ sku: missing, quantity: 1 }] });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ title: 'Product Not Found', sku: missing });
  });

  it('answers a path id that is not an order id with 400', async () => {
    const res = await api('GET', '/orders/not-an-id');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/UUID/);
  });

  it('answers an unknown order with 404 on every route', async () => {
    const id = randomUUID();
    const routes = [
      ['GET', `/orders/${id}`],
      ['GET', `/orders/${id}/events`],
      ['GET', `/orders/${id}/saga`],
      ['GET', `/orders/${id}/notifications`],
      ['POST', `/orders/${id}/place`, { paymentMethod: 'tok_visa' }],
    ] as const;
    for (const [method, path, body] of routes) {
      // As an admin, who may see any order: a missing one is still a 404.
      const res = await asAdmin(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await api('GET', `/orders/${id}/events`)).status).toBe(404);
  });

  it('refuses to add the same sku twice with 409 and keeps the first product', async () => {
    const product = await addProduct(3);
    const res = await asAdmin('POST', '/products', { sku: product, name: 'Other', price: { amount: 1, currency: 'EUR' }, stock: 99 });
    expect(res.status).toBe(409);
    const view = await eventually(() => api('GET', `/products/${product}`), (r) => r.status === 200, { what: 'the product view' });
    expect(view.body).toMatchObject({ name: 'Keyboard', onHand: 3, version: 1 });
  });
});

describe('a customer who cancels', () => {
  it('gets the charge of a confirmed order refunded and its sold stock back on the shelf, once', async () => {
    const product = await addProduct(5);
    const orderId = await createOrder([{ sku: product, quantity: 2 }]);
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    await sagaEnded(orderId);
    await eventually(() => api('GET', `/products/${product}`), (r) => r.body?.sold === 2, { what: 'the sale in the products view' });

    const cancelled = await api('POST', `/orders/${orderId}/cancel`, { reason: 'found it cheaper' });
    expect(cancelled.status).toBe(200);

    const stock = await eventually(() => api('GET', `/products/${product}`), (r) => r.body?.sold === 0, { what: 'the sale to return to the stock' });
    expect(stock.body).toMatchObject({ onHand: 5, sold: 0, reserved: 0, available: 5 });
    const payments = await eventually(() => paymentEvents(orderId), (types) => types.includes('PaymentRefunded'), { what: 'the refund' });
    expect(payments).toEqual(['PaymentAttempted', 'PaymentCharged', 'PaymentRefunded']);
    const effects = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.paymentStatus === 'refunded' && r.body?.stockStatus?.[product] === 'returned', { what: 'refunded and returned on the order' });
    expect(effects.body).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', stockStatus: { [product]: 'returned' } });
  });
});

import { api } from '../support/api';
import { eventually } from '../support/eventually';
import { addProduct, createOrder } from '../support/fixtures';
import { sagaEnded } from '../support/saga';

describe('many orders racing for little stock', () => {
  it('sells exactly the stock there is to 50 orders placed at once against 30 units, and ends every saga', async () => {
    const sku = await addProduct(30);
    const orders = await Promise.all(Array.from({ length: 50 }, () => createOrder([{ sku, quantity: 1 }])));
    const placed = await Promise.all(orders.map((orderId) => api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })));
    expect(placed.map((res) => res.status)).toEqual(orders.map(() => 202));

    const sagas = await Promise.all(orders.map((orderId) => sagaEnded(orderId, 90_000)));
    expect(sagas.map((s) => s.status)).toEqual(orders.map(() => 'SUCCEEDED'));
    const outcomes = sagas.map((s) => s.output?.outcome);
    expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(30);
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(20);
    for (const saga of sagas.filter((s) => s.output?.outcome === 'rejected')) expect(saga.output?.reason).toMatch(/insufficient stock/);

    const product = await eventually(
      () => api('GET', `/products/${sku}`),
      (r) => r.body?.sold + r.body?.reserved === 30 && r.body?.reserved === 0,
      { what: `product ${sku} to show 30 sold`, timeoutMs: 30_000 },
    );
    expect(product.body).toMatchObject({ sold: 30, reserved: 0, available: 0, onHand: 0 });
  }, 180_000);
});

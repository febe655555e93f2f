import { randomUUID } from 'node:crypto';
import { api, asAdmin } from './api';

/** A product with a sku no other test uses (added by an admin). */
export async function addProduct(stock: number, amount = 4999): Promise<string> {
  const sku = `SKU-${randomUUID().slice(0, 13)}`;
  const res = await asAdmin('POST', '/products', { sku, name: 'Keyboard', price: { amount, currency: 'EUR' }, stock });
  if (res.status !== 201) throw new Error(`could not add a product: ${res.status} ${JSON.stringify(res.body)}`);
  return sku;
}

/** A draft order of these lines, for the suites' customer. */
export async function createOrder(items: { sku: string; quantity: number }[]): Promise<string> {
  const res = await api('POST', '/orders', { currency: 'EUR', items });
  if (res.status !== 201) throw new Error(`could not create an order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.orderId;
}

/** The order's event types and versions, from the event store. */
export async function history(orderId: string): Promise<{ type: string; version: number; data: any }[]> {
  return (await asAdmin('GET', `/orders/${orderId}/events`)).body.events;
}

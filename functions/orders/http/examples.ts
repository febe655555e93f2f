/** Examples for the orders context's operations in the document; a test checks each against its schema. */

export const ORDER_ID = '7c0e4c38-1f5e-4c65-9a43-5b8f0d1b6a2e';
const AT = '2026-12-02T10:00:00.000Z';
const keyboard = { sku: 'KB-1', quantity: 2, unitPrice: { amount: 4999, currency: 'EUR' } };

export const EXAMPLES = {
  addProduct: { sku: 'KB-1', name: 'Keyboard', price: { amount: 4999, currency: 'EUR' }, stock: 5 },
  product: { status: 'active', sku: 'KB-1', name: 'Keyboard', price: { amount: 4999, currency: 'EUR' }, version: 1 },
  productWithStock: { sku: 'KB-1', name: 'Keyboard', price: { amount: 4999, currency: 'EUR' }, updatedAt: AT, version: 2, onHand: 10, reserved: 0, sold: 2, available: 8 },
  createOrder: { currency: 'EUR', items: [{ sku: 'KB-1', quantity: 2 }] },
  draft: { status: 'draft', orderId: ORDER_ID, customerId: 'c-1', currency: 'EUR', items: [keyboard], version: 1 },
  placed: { status: 'placed', orderId: ORDER_ID, customerId: 'c-1', currency: 'EUR', items: [keyboard], total: { amount: 9998, currency: 'EUR' }, paymentMethodRef: 'pm_3f2a', version: 2 },
  confirmed: { status: 'confirmed', orderId: ORDER_ID, customerId: 'c-1', currency: 'EUR', items: [keyboard], total: { amount: 9998, currency: 'EUR' }, paymentMethodRef: 'pm_3f2a', version: 3 },
  shipped: { status: 'shipped', orderId: ORDER_ID, customerId: 'c-1', currency: 'EUR', items: [keyboard], total: { amount: 9998, currency: 'EUR' }, trackingNumber: '1Z999AA10123456784', version: 4 },
  orderView: { orderId: ORDER_ID, customerId: 'c-1', status: 'confirmed', currency: 'EUR', items: [keyboard], total: { amount: 9998, currency: 'EUR' }, createdAt: AT, updatedAt: AT, version: 3 },
  orderDetails: {
    orderId: ORDER_ID, customerId: 'c-1', status: 'confirmed', currency: 'EUR', items: [keyboard], total: { amount: 9998, currency: 'EUR' }, createdAt: AT, updatedAt: AT, version: 3,
    paymentStatus: 'charged', stockStatus: { 'KB-1': 'committed' },
  },
  history: {
    orderId: ORDER_ID,
    version: 2,
    events: [
      { version: 1, type: 'OrderCreated', at: AT, data: { orderId: ORDER_ID, customerId: 'c-1', currency: 'EUR', items: [keyboard], createdAt: AT }, eventId: 'b3c1f0de-6f0e-4d0a-9a43-1d2e3f4a5b6c', correlationId: 'req-1' },
      { version: 2, type: 'OrderPlaced', at: AT, data: { orderId: ORDER_ID, customerId: 'c-1', items: [keyboard], total: { amount: 9998, currency: 'EUR' }, paymentMethodRef: 'pm_3f2a', placedAt: AT }, eventId: 'c4d2a1ef-7a1f-4e1b-8b54-2e3f4a5b6c7d', correlationId: 'req-2' },
    ],
  },
  notifications: { orderId: ORDER_ID, notifications: [{ orderId: ORDER_ID, eventId: 'd5e3b2f0-8b2a-4f2c-9c65-3f4a5b6c7d8e', eventType: 'OrderConfirmed', message: 'Your order is confirmed.', at: AT }] },
  stats: { ordersByStatus: { confirmed: 12, cancelled: 1 }, revenueByDay: [{ day: '2026-12-02', amounts: { EUR: 119976 } }], sagaOutcomes: { confirmed: 12, rejected: 2 }, eventStore: { order: { events: 40, streams: 14 } } },
} as const;

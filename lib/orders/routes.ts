import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ContextRoute } from '../platform/context-routes';

/** What a route's function may touch; who may call it is decided in the handler (functions/orders/domain/access.ts). */
export type OrdersBinding = 'command' | 'product-command' | 'place' | 'history' | 'orders' | 'products' | 'stats' | 'saga' | 'notifications';

/** The orders context's routes: commands append to its store, queries read its views, history reads its store. */
export const ORDERS_ROUTES: ContextRoute<OrdersBinding>[] = [
  { method: HttpMethod.POST, path: '/products', id: 'AddProduct', entry: 'orders/commands/add-product.ts', description: 'POST /products: adds a product with its stock (admins)', binding: 'product-command' },
  { method: HttpMethod.POST, path: '/products/{sku}/restock', id: 'Restock', entry: 'orders/commands/restock.ts', description: 'POST /products/{sku}/restock: adds stock (admins)', binding: 'product-command' },
  { method: HttpMethod.GET, path: '/products', id: 'ListProducts', entry: 'orders/queries/list-products.ts', description: 'GET /products: the catalogue, a page at a time', binding: 'products' },
  { method: HttpMethod.GET, path: '/products/{sku}', id: 'GetProduct', entry: 'orders/queries/get-product.ts', description: 'GET /products/{sku}: one product with its stock', binding: 'products' },
  { method: HttpMethod.POST, path: '/orders', id: 'CreateOrder', entry: 'orders/commands/create-order.ts', description: "POST /orders: creates a draft order for the caller", binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/items', id: 'AddItem', entry: 'orders/commands/add-item.ts', description: 'POST /orders/{id}/items: adds a line to a draft', binding: 'command' },
  { method: HttpMethod.DELETE, path: '/orders/{id}/items/{sku}', id: 'RemoveItem', entry: 'orders/commands/remove-item.ts', description: 'DELETE /orders/{id}/items/{sku}: removes a line from a draft', binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/place', id: 'PlaceOrder', entry: 'orders/commands/place-order.ts', description: 'POST /orders/{id}/place: places an order and starts its saga', binding: 'place', waits: true },
  { method: HttpMethod.POST, path: '/orders/{id}/cancel', id: 'CancelOrder', entry: 'orders/commands/cancel-order.ts', description: 'POST /orders/{id}/cancel: the customer cancels an order', binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/ship', id: 'ShipOrder', entry: 'orders/commands/ship-order.ts', description: 'POST /orders/{id}/ship: ships a confirmed order (admins)', binding: 'command' },
  { method: HttpMethod.POST, path: '/orders/{id}/deliver', id: 'DeliverOrder', entry: 'orders/commands/deliver-order.ts', description: 'POST /orders/{id}/deliver: records the delivery (admins)', binding: 'command' },
  { method: HttpMethod.GET, path: '/orders', id: 'ListOrders', entry: 'orders/queries/list-orders.ts', description: "GET /orders: the caller's orders; any customer's, by status or all for admins", binding: 'orders' },
  { method: HttpMethod.GET, path: '/stats', id: 'GetStats', entry: 'orders/queries/get-stats.ts', description: 'GET /stats: orders by status, revenue by day, saga outcomes (admins)', binding: 'stats' },
  { method: HttpMethod.GET, path: '/orders/{id}', id: 'GetOrder', entry: 'orders/queries/get-order.ts', description: 'GET /orders/{id}: one order from the orders view', binding: 'orders' },
  { method: HttpMethod.GET, path: '/orders/{id}/saga', id: 'GetOrderSaga', entry: 'orders/queries/get-order-saga.ts', description: 'GET /orders/{id}/saga: the order saga execution and its steps (admins)', binding: 'saga' },
  { method: HttpMethod.GET, path: '/orders/{id}/notifications', id: 'GetOrderNotifications', entry: 'orders/queries/get-order-notifications.ts', description: 'GET /orders/{id}/notifications: notifications sent about an order', binding: 'notifications' },
  { method: HttpMethod.GET, path: '/orders/{id}/events', id: 'GetOrderEvents', entry: 'orders/queries/get-order-events.ts', description: 'GET /orders/{id}/events: the order stream, oldest first', binding: 'history' },
];

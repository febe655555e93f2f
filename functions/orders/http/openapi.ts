import type { ApiOperation } from '../../platform/http/openapi/operation';
import type { Assert, Fits } from '../../platform/http/openapi/fits';
import type { OrderState, ProductState } from '../domain';
import { EXAMPLES } from './examples';
import { AddItemBody, AddProductBody, CancelOrderBody, CreateOrderBody, ListOrdersQuery, ListProductsQuery, PlaceOrderBody, RestockBody, ShipOrderBody } from './requests';
import { OrderDetails, OrderHistory, OrderNotifications, OrderPage, OrderResource, OrderSaga, ProductPage, ProductResource, ProductWithStock, Stats } from './responses';
import { OrderId, Sku } from './schemas';

/** A command answers the state of its stream with its version: the schema must describe every state the domain has. */
export type CommandAnswersFit = [
  Assert<Fits<Exclude<OrderState, { status: 'none' }> & { version: number }, typeof OrderResource>>,
  Assert<Fits<Exclude<ProductState, { status: 'none' }> & { version: number }, typeof ProductResource>>,
];

const tag = 'orders';
const order = { id: OrderId };
/** What every order command shares: If-Match and Idempotency-Key, and the errors of deciding on a stream. */
const orderCommand = { tag, ifMatch: true, idempotencyKey: 'optional', pathParameters: order } as const;
const commandProblems = [400, 404, 409, 412, 415, 422] as const;
const answered = (description: string, example: unknown = EXAMPLES.draft) => ({ description, schema: OrderResource, headers: ['etag'] as const, example });

/** The answers the document names (components.schemas), for clients to generate types from. */
export const ORDERS_SCHEMAS = { Order: OrderResource, Product: ProductResource, ProductWithStock, OrderView: OrderDetails, OrderPage, ProductPage, OrderHistory, OrderSaga, OrderNotifications, Stats };

/** The orders context's part of the API document: each route of lib/orders/routes.ts, from the schemas its handler uses. */
export const ORDERS_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post', path: '/products', operationId: 'AddProduct', tag, access: 'admin', idempotencyKey: 'optional',
    summary: 'Add a product with its stock (admins)',
    description: 'Money is integer minor units (cents) with an ISO 4217 currency.',
    body: { schema: AddProductBody, example: EXAMPLES.addProduct },
    responses: { 201: { description: 'Added', schema: ProductResource, headers: ['etag', 'location'], example: EXAMPLES.product } },
    problems: [400, 403, 409, 415, 422],
  },
  {
    method: 'post', path: '/products/{sku}/restock', operationId: 'Restock', tag, access: 'admin', idempotencyKey: 'optional', ifMatch: true,
    summary: 'Add stock to a product (admins)',
    pathParameters: { sku: Sku },
    body: { schema: RestockBody, example: { quantity: 7 } },
    responses: { 200: { description: 'Restocked', schema: ProductResource, headers: ['etag'], example: { ...EXAMPLES.product, version: 2 } } },
    problems: [400, 403, 404, 409, 412, 415, 422],
  },
  {
    method: 'get', path: '/products', operationId: 'ListProducts', tag, access: 'signed-in',
    summary: 'The catalogue with stock, a page at a time',
    query: ListProductsQuery,
    responses: { 200: { description: 'A page of products', schema: ProductPage, example: { items: [EXAMPLES.productWithStock] } } },
    problems: [400],
  },
  {
    method: 'get', path: '/products/{sku}', operationId: 'GetProduct', tag, access: 'signed-in',
    summary: 'One product with its stock (on hand, reserved, sold, available)',
    pathParameters: { sku: Sku },
    responses: { 200: { description: 'The product', schema: ProductWithStock, headers: ['etag'], example: EXAMPLES.productWithStock } },
    problems: [400, 404],
  },
  {
    method: 'post', path: '/orders', operationId: 'CreateOrder', tag, access: 'signed-in', idempotencyKey: 'optional',
    summary: 'Create a draft order for the caller',
    description: 'The customer is the token\'s subject, never a field of the body. Lines are priced from the catalogue now.',
    body: { schema: CreateOrderBody, example: EXAMPLES.createOrder },
    responses: { 201: { ...answered('Created'), headers: ['etag', 'location'] } },
    problems: [400, 404, 409, 415, 422],
  },
  {
    ...orderCommand, method: 'post', path: '/orders/{id}/items', operationId: 'AddItem', access: 'signed-in',
    summary: 'Add a line to a draft, priced from the catalogue now',
    body: { schema: AddItemBody, example: { sku: 'KB-1', quantity: 1 } },
    responses: { 200: answered('The draft with the line') },
    problems: commandProblems,
  },
  {
    ...orderCommand, method: 'delete', path: '/orders/{id}/items/{sku}', operationId: 'RemoveItem', access: 'signed-in',
    summary: 'Remove a line from a draft',
    pathParameters: { ...order, sku: Sku },
    responses: { 200: answered('The draft without the line') },
    problems: commandProblems,
  },
  {
    ...orderCommand, method: 'post', path: '/orders/{id}/place', operationId: 'PlaceOrder', access: 'signed-in', preferWait: true,
    summary: 'Place a non-empty draft: its saga runs',
    description: 'Answers 202 at once; with `Prefer: wait=<seconds>` (at most 10), 200 with the order once its saga has confirmed, rejected or cancelled it within the wait (`Preference-Applied` says the wait was honoured), else the 202.',
    body: { schema: PlaceOrderBody, example: { paymentMethod: 'tok_visa' } },
    responses: {
      200: { ...answered('The outcome, within the wait asked for', EXAMPLES.confirmed), headers: ['etag', 'location', 'preference-applied'] },
      202: { ...answered('Placed: the saga runs', EXAMPLES.placed), headers: ['etag', 'location', 'preference-applied'] },
    },
    problems: commandProblems,
  },
  {
    ...orderCommand, method: 'post', path: '/orders/{id}/cancel', operationId: 'CancelOrder', access: 'signed-in',
    summary: 'Cancel an order that has not shipped',
    description: 'A charge is refunded and the stock, reserved or sold, goes back on the shelf a moment later.',
    body: { schema: CancelOrderBody, example: { reason: 'changed my mind' } },
    responses: { 200: answered('Cancelled', { ...EXAMPLES.draft, status: 'cancelled', reason: 'changed my mind', version: 2 }) },
    problems: commandProblems,
  },
  {
    ...orderCommand, method: 'post', path: '/orders/{id}/ship', operationId: 'ShipOrder', access: 'admin',
    summary: 'Ship a confirmed order (admins)',
    body: { schema: ShipOrderBody, example: { trackingNumber: '1Z999AA10123456784' } },
    responses: { 200: answered('Shipped', EXAMPLES.shipped) },
    problems: [...commandProblems, 403],
  },
  {
    ...orderCommand, method: 'post', path: '/orders/{id}/deliver', operationId: 'DeliverOrder', access: 'admin',
    summary: 'Record the delivery of a shipped order (admins)',
    responses: { 200: answered('Delivered', { ...EXAMPLES.shipped, status: 'delivered', version: 5 }) },
    problems: [...commandProblems, 403],
  },
  {
    method: 'get', path: '/orders', operationId: 'ListOrders', tag, access: 'signed-in',
    summary: "The caller's orders; any customer's, by status or all for admins",
    description: 'Newest first, created within `from`..`to` when given (both ends included). A customer gets their own orders; `customerId` of anyone else is a 403. An admin with no filter gets every order, in table order. Pass `nextCursor` back as `cursor`: a cursor is bound to its query.',
    query: ListOrdersQuery,
    responses: { 200: { description: 'A page of orders', schema: OrderPage, example: { items: [EXAMPLES.orderView], nextCursor: 'eyJzIjoib3JkZXJzOmMtMTo6OiIsImsiOnt9fQ' } } },
    problems: [400, 403],
  },
  {
    method: 'get', path: '/orders/{id}', operationId: 'GetOrder', tag, access: 'signed-in',
    summary: 'One order from the orders view, with its payment and stock status',
    description: "Another customer's order is answered 404, exactly as a missing one.",
    pathParameters: order,
    responses: { 200: { description: 'The order', schema: OrderDetails, headers: ['etag'], example: EXAMPLES.orderDetails } },
    problems: [400, 404],
  },
  {
    method: 'get', path: '/orders/{id}/events', operationId: 'GetOrderEvents', tag, access: 'signed-in',
    summary: 'The order stream, oldest first (event store)',
    pathParameters: order,
    responses: { 200: { description: 'The events', schema: OrderHistory, headers: ['etag'], example: EXAMPLES.history } },
    problems: [400, 404],
  },
  {
    method: 'get', path: '/orders/{id}/saga', operationId: 'GetOrderSaga', tag, access: 'admin',
    summary: 'The order saga execution and its steps (admins)',
    pathParameters: order,
    responses: { 200: { description: 'The execution, from Step Functions', schema: OrderSaga } },
    problems: [400, 403, 404],
  },
  {
    method: 'get', path: '/orders/{id}/notifications', operationId: 'GetOrderNotifications', tag, access: 'signed-in',
    summary: 'What the customer was told about an order, oldest first',
    pathParameters: order,
    responses: { 200: { description: 'The notifications', schema: OrderNotifications, example: EXAMPLES.notifications } },
    problems: [400, 404],
  },
  {
    method: 'get', path: '/stats', operationId: 'GetStats', tag, access: 'admin',
    summary: 'Orders by status, revenue by day, saga outcomes, the event stores\' figures (admins)',
    responses: { 200: { description: 'The figures', schema: Stats, example: EXAMPLES.stats } },
    problems: [403],
  },
];

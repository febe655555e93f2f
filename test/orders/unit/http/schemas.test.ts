import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { output } from 'zod/v4/core';
import { Limit } from '../../../../functions/platform/queries/page-query';
import { Money, Text } from '../../../../functions/platform/http/schemas';
import { Line, OrderId, ShippingAddress } from '../../../../functions/orders/http/schemas';

/**
 * The 400 details clients get for each kind of bad input, through the real route handlers: the
 * validation refuses before anything reaches DynamoDB, so no table is needed. They pin the texts
 * whichever validator the schemas are written with.
 */

// The handlers read their tables from the environment when they load; nothing is called here.
for (const name of ['EVENTS_TABLE', 'IDEMPOTENCY_TABLE', 'STOCK_LEVELS_TABLE', 'PAYMENT_METHODS_TABLE', 'ORDERS_TABLE', 'ORDERS_BY_CUSTOMER_INDEX', 'ORDERS_BY_STATUS_INDEX', 'ORDERS_BY_TIME_INDEX', 'PRODUCTS_TABLE', 'ORDER_EFFECTS_TABLE']) {
  process.env[name] ??= `test-${name.toLowerCase()}`;
}
process.env.AWS_REGION ??= 'us-east-1';

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
type Request = { body?: unknown; rawBody?: string; path?: Record<string, string>; query?: Record<string, string> };

const ORDER_ID = '5f0c6c36-1d0a-4b8e-9f65-2f4a1c2b7d10';
const ADMIN = { sub: 'admin-1', 'cognito:groups': '[admin]' };

/** The problem detail a route answers a request with; fails unless the answer is a 400. */
async function detailOf(module: string, { body, rawBody, path, query }: Request): Promise<string> {
  const { handler } = (await import(`../../../../functions/orders/${module}`)) as { handler: Handler };
  const withBody = body !== undefined || rawBody !== undefined;
  const event = {
    headers: withBody ? { 'content-type': 'application/json' } : {},
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    isBase64Encoded: false,
    rawPath: `/${module}`,
    pathParameters: path,
    queryStringParameters: query,
    requestContext: { http: { method: withBody ? 'POST' : 'GET', path: `/${module}` }, requestId: 'r-1', authorizer: { jwt: { claims: ADMIN } } },
  } as unknown as APIGatewayProxyEventV2;
  const response = await handler(event, {});
  const problem = JSON.parse(String(response.body)) as { status: number; detail: string };
  expect([problem.detail, response.statusCode]).toEqual([problem.detail, 400]);
  return problem.detail;
}

const cases = (module: string, table: [string, Request, string][]) =>
  it.each(table)(`${module}: %s`, async (_why, request, detail) => {
    expect(await detailOf(module, request)).toBe(detail);
  });

describe('the 400 details of bad bodies', () => {
  const product = { sku: 'SKU-1', name: 'Mug', price: { amount: 100, currency: 'EUR' }, stock: 1 };
  const address = { name: 'Ada', line1: '1 Road', city: 'Berlin', postalCode: '10115', country: 'DE' };

  describe('POST /products', () => {
    cases('commands/add-product', [
      ['not JSON', { rawBody: '{"sku":' }, 'the body is not valid JSON: Unexpected end of JSON input'],
      ['not an object', { body: [1] }, '(body): Invalid input: expected object, received array'],
      ['null', { body: null }, '(body): Invalid input: expected object, received null'],
      ['an unknown field', { body: { ...product, colour: 'red' } }, '(body): Unrecognized key: "colour"'],
      ['a missing field', { body: { ...product, sku: undefined } }, 'sku: Invalid input: expected string, received undefined'],
      ['a malformed sku', { body: { ...product, sku: 'bad sku' } }, 'sku: a sku is 1–64 letters, digits, ".", "_" or "-"'],
      ['a sku that is a number', { body: { ...product, sku: 7 } }, 'sku: Invalid input: expected string, received number'],
      ['a blank name', { body: { ...product, name: ' \u202E ' } }, 'name: must not be blank'],
      ['a name too long', { body: { ...product, name: 'x'.repeat(201) } }, 'name: at most 200 characters'],
      ['a name far too long', { body: { ...product, name: 'x'.repeat(801) } }, 'name: at most 200 characters'],
      ['a decimal amount', { body: { ...product, price: { amount: 1.5, currency: 'EUR' } } }, 'price.amount: amounts are integer minor units (cents), not decimals'],
      ['a negative amount', { body: { ...product, price: { amount: -1, currency: 'EUR' } } }, 'price.amount: Too small: expected number to be >=0'],
      ['an amount beyond safe integers', { body: { ...product, price: { amount: 2 ** 53, currency: 'EUR' } } }, 'price.amount: amounts are integer minor units (cents), not decimals'],
      ['an amount as text', { body: { ...product, price: { amount: '1', currency: 'EUR' } } }, 'price.amount: Invalid input: expected number, received string'],
      ['an unknown currency', { body: { ...product, price: { amount: 1, currency: 'ABC' } } }, 'price.currency: a currency is an ISO 4217 code in use, such as EUR'],
      ['an unknown field in the price', { body: { ...product, price: { amount: 1, currency: 'EUR', vat: 0 } } }, 'price: Unrecognized key: "vat"'],
      ['a decimal stock', { body: { ...product, stock: 0.5 } }, 'stock: stock is a whole number'],
      ['a negative stock', { body: { ...product, stock: -1 } }, 'stock: Too small: expected number to be >=0'],
      ['a stock too large', { body: { ...product, stock: 1_000_000_001 } }, 'stock: Too big: expected number to be <=1000000000'],
    ]);
  });

  describe('POST /products/{sku}/restock', () => {
    cases('commands/restock', [
      ['a zero quantity', { body: { quantity: 0 } }, 'quantity: Too small: expected number to be >0'],
      ['a decimal quantity', { body: { quantity: 1.5 } }, 'quantity: a quantity is a whole number'],
      ['a quantity over the line cap', { body: { quantity: 1_000_001 } }, 'quantity: Too big: expected number to be <=1000000'],
      ['a quantity that is null', { body: { quantity: null } }, 'quantity: Invalid input: expected number, received null'],
      ['a malformed sku in the path', { body: { quantity: 1 }, path: { sku: 'bad sku' } }, 'path parameter sku "bad sku" is not valid: a sku is 1–64 letters, digits, ".", "_" or "-"'],
    ]);
  });

  describe('POST /orders', () => {
    cases('commands/create-order', [
      ['no currency', { body: {} }, 'currency: Invalid input: expected string, received undefined'],
      ['items that are not an array', { body: { currency: 'EUR', items: {} } }, 'items: Invalid input: expected array, received object'],
      ['too many items', { body: { currency: 'EUR', items: Array.from({ length: 101 }, () => ({ sku: 'A', quantity: 1 })) } }, 'items: Too big: expected array to have <=100 items'],
      ['a bad quantity in a line', { body: { currency: 'EUR', items: [{ sku: 'A', quantity: -2 }] } }, 'items.0.quantity: Too small: expected number to be >0'],
      ['an unknown field in a line', { body: { currency: 'EUR', items: [{ sku: 'A', quantity: 1, price: 1 }] } }, 'items.0: Unrecognized key: "price"'],
      ['an address without a city', { body: { currency: 'EUR', shippingAddress: { ...address, city: undefined } } }, 'shippingAddress.city: Invalid input: expected string, received undefined'],
      ['a blank second line', { body: { currency: 'EUR', shippingAddress: { ...address, line2: '\t' } } }, 'shippingAddress.line2: must not be blank'],
      ['a postal code too long', { body: { currency: 'EUR', shippingAddress: { ...address, postalCode: '1'.repeat(21) } } }, 'shippingAddress.postalCode: at most 20 characters'],
      ['a country by name', { body: { currency: 'EUR', shippingAddress: { ...address, country: 'Germany' } } }, 'shippingAddress.country: a country is an ISO 3166 alpha-2 code such as DE'],
    ]);
  });

  describe('the order routes', () => {
    cases('commands/add-item', [
      ['a malformed order id', { body: { sku: 'A', quantity: 1 }, path: { id: 'not-a-uuid' } }, 'path parameter id "not-a-uuid" is not valid: an order id is a UUID'],
      ['a line with no sku', { body: { quantity: 1 }, path: { id: ORDER_ID } }, 'sku: Invalid input: expected string, received undefined'],
    ]);
    cases('commands/place-order', [
      ['a card number for a token', { body: { paymentMethod: '4242 4242 4242 4242' }, path: { id: ORDER_ID } }, 'paymentMethod: a payment method is a token such as tok_visa'],
    ]);
    cases('commands/cancel-order', [
      ['a reason too long', { body: { reason: 'x'.repeat(501) }, path: { id: ORDER_ID } }, 'reason: at most 500 characters'],
      ['a reason that is a number', { body: { reason: 7 }, path: { id: ORDER_ID } }, 'reason: Invalid input: expected string, received number'],
    ]);
    cases('commands/ship-order', [
      ['a blank tracking number', { body: { trackingNumber: '' }, path: { id: ORDER_ID } }, 'trackingNumber: must not be blank'],
    ]);
    cases('commands/remove-item', [
      ['a sku too long', { path: { id: ORDER_ID, sku: 'A'.repeat(65) } }, `path parameter sku "${'A'.repeat(65)}" is not valid: a sku is 1–64 letters, digits, ".", "_" or "-"`],
    ]);
  });
});

describe('the 400 details of bad paths and queries', () => {
  cases('queries/get-order', [['a malformed order id', { path: { id: 'o-1' } }, 'path parameter id "o-1" is not valid: an order id is a UUID']]);
  cases('queries/get-product', [['an empty sku', { path: { sku: '' } }, 'path parameter sku "" is not valid: a sku is 1–64 letters, digits, ".", "_" or "-"']]);

  const cursor = (position: unknown, scope: string) => Buffer.from(JSON.stringify({ s: scope, k: position })).toString('base64url');
  cases('queries/list-orders', [
    ['a limit of zero', { query: { limit: '0' } }, 'query parameter limit: Too small: expected number to be >=1'],
    ['a limit over the page size', { query: { limit: '101' } }, 'query parameter limit: Too big: expected number to be <=100'],
    ['a decimal limit', { query: { limit: '2.5' } }, 'query parameter limit: limit is a whole number'],
    ['a limit that is not a number', { query: { limit: 'ten' } }, 'query parameter limit: Invalid input: expected number, received NaN'],
    ['an unknown status', { query: { status: 'lost' } }, 'query parameter status: Invalid option: expected one of "draft"|"placed"|"confirmed"|"shipped"|"delivered"|"cancelled"|"rejected"'],
    ['an empty customer id', { query: { customerId: '' } }, 'query parameter customerId: Too small: expected string to have >=1 characters'],
    ['an unknown parameter', { query: { sort: 'asc' } }, 'query parameter ?: Unrecognized key: "sort"'],
    ['a cursor too long', { query: { cursor: 'a'.repeat(2001) } }, 'query parameter cursor: Too big: expected string to have <=2000 characters'],
    [
      'a cursor of another customer',
      { query: { customerId: 'c-1', cursor: cursor({ orderId: ORDER_ID, customerId: 'c-2', createdAt: '2026-01-01T00:00:00.000Z' }, 'orders:c-1:::') } },
      'cursor is not valid: it holds no position of this query; use the nextCursor of the previous page as it is',
    ],
    [
      'a cursor with a malformed time',
      { query: { customerId: 'c-1', cursor: cursor({ orderId: ORDER_ID, customerId: 'c-1', createdAt: 'yesterday' }, 'orders:c-1:::') } },
      'cursor is not valid: it holds no position of this query; use the nextCursor of the previous page as it is',
    ],
    ['a cursor with an extra key', { query: { cursor: cursor({ orderId: ORDER_ID, pk: 'x' }, 'orders::::') } }, 'cursor is not valid: it holds no position of this query; use the nextCursor of the previous page as it is'],
  ]);
  cases('queries/list-products', [
    ['an unknown parameter', { query: { page: '2' } }, 'query parameter ?: Unrecognized key: "page"'],
    ['a cursor with a malformed sku', { query: { cursor: cursor({ sku: 'bad sku' }, 'products') } }, 'cursor is not valid: it holds no position of this query; use the nextCursor of the previous page as it is'],
  ]);
});

describe('what the schemas let through', () => {
  it('cleans free text: control and bidi characters out, spaces folded, trimmed', () => {
    expect(Text(500).parse('too\u0000 late\u202E\u2066 for\tme\n')).toBe('too late for me');
  });

  it('keeps a valid address as it is, an absent second line absent', () => {
    const address = { name: 'Ada', line1: '1 Road', city: 'Berlin', postalCode: '10115', country: 'DE' };
    expect(ShippingAddress.parse(address)).toStrictEqual(address);
    expect(ShippingAddress.parse({ ...address, line2: ' Flat 2 ' })).toStrictEqual({ ...address, line2: 'Flat 2' });
  });

  it('reads the page size from the query string, 20 when absent', () => {
    expect([Limit.parse(undefined), Limit.parse('7')]).toEqual([20, 7]);
  });

  it('takes ids, lines and money as they come', () => {
    expect(OrderId.parse(ORDER_ID)).toBe(ORDER_ID);
    expect(Line.parse({ sku: 'A.b_c-1', quantity: 1_000_000 })).toEqual({ sku: 'A.b_c-1', quantity: 1_000_000 });
    expect(Money.parse({ amount: Number.MAX_SAFE_INTEGER, currency: 'JPY' })).toEqual({ amount: Number.MAX_SAFE_INTEGER, currency: 'JPY' });
  });
});

// The types the schemas give the handlers (checked by tsc): a validator change must not widen or narrow them.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typesStay: [
  Same<output<typeof ShippingAddress>, { name: string; line1: string; line2?: string | undefined; city: string; postalCode: string; country: string }>,
  Same<output<typeof Line>, { sku: string; quantity: number }>,
  Same<output<typeof Money>, { amount: number; currency: string }>,
  Same<output<typeof Limit>, number>,
  Same<output<ReturnType<typeof Text>>, string>,
  Same<output<typeof OrderId>, string>,
] = [true, true, true, true, true, true];
void typesStay;

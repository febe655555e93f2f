import { Money } from '../../platform/http/schemas';
import { pageOf } from '../../platform/http/page-schema';
import { HistoryEvent } from '../../platform/queries/history-schema';
import { SkippedVersions } from '../../platform/queries/view-schema';
import { CompensationFailureSchema, SagaReportSchema } from '../../platform/saga/saga-report-schema';
import * as z from '../../platform/http/zod';

/** What the orders context's routes answer: the document's response schemas (openapi.ts), which the handlers' bodies are checked against at compile time. */

const Version = z.number().check(z.int(), z.positive());
const OrderLine = z.strictObject({ sku: z.string(), quantity: z.number().check(z.int()), unitPrice: Money });
const Address = z.strictObject({ name: z.string(), line1: z.string(), line2: z.optional(z.string()), city: z.string(), postalCode: z.string(), country: z.string() });
const orderFacts = { orderId: z.uuid(), customerId: z.string(), currency: z.string(), items: z.array(OrderLine), shippingAddress: z.optional(Address), version: Version };

/** A command's answer: the order as its stream now has it, by status (the domain's OrderState), with its version. */
export const OrderResource = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('draft'), ...orderFacts }),
  z.strictObject({ status: z.enum(['placed', 'confirmed']), total: Money, paymentMethodRef: z.optional(z.string()), ...orderFacts }),
  z.strictObject({ status: z.enum(['shipped', 'delivered']), total: Money, trackingNumber: z.string(), ...orderFacts }),
  z.strictObject({ status: z.enum(['cancelled', 'rejected']), reason: z.string(), ...orderFacts }),
]);

/** A product command's answer: the product as its stream has it. */
export const ProductResource = z.strictObject({ status: z.literal('active'), sku: z.string(), name: z.string(), price: Money, version: Version });

/** A row of the orders view (projections/order-view.ts). */
export const OrderView = z.strictObject({
  /** The key of the newest-first index every order is in (`all`), as the bank's transactions carry theirs; absent on rows projected before that index existed. */
  feed: z.optional(z.literal('all')),
  orderId: z.uuid(),
  customerId: z.string(),
  status: z.enum(['draft', 'placed', 'confirmed', 'shipped', 'delivered', 'cancelled', 'rejected']),
  currency: z.string(),
  items: z.array(OrderLine),
  total: Money,
  shippingAddress: z.optional(Address),
  trackingNumber: z.optional(z.string()),
  cancellationReason: z.optional(z.string()),
  cancelledBy: z.optional(z.string()),
  rejectionReason: z.optional(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  skippedVersions: SkippedVersions,
});

/** GET /orders/{id}: the view's row with what was done about its money and its stock. */
export const OrderDetails = z.extend(OrderView, {
  paymentStatus: z.enum(['none', 'attempted', 'charged', 'declined', 'voided', 'refunded']),
  stockStatus: z.record(z.string(), z.enum(['reserved', 'committed', 'released', 'returned'])),
});

export const OrderPage = pageOf(OrderView);

/** A product with its stock level (queries/product-with-stock.ts). */
export const ProductWithStock = z.strictObject({
  sku: z.string(),
  name: z.string(),
  price: Money,
  updatedAt: z.string(),
  version: Version,
  skippedVersions: SkippedVersions,
  onHand: z.number().check(z.int()),
  reserved: z.number().check(z.int()),
  sold: z.number().check(z.int()),
  available: z.number().check(z.int()),
});

export const ProductPage = pageOf(ProductWithStock);

export const OrderHistory = z.strictObject({ orderId: z.uuid(), version: z.number().check(z.int()), events: z.array(HistoryEvent) });

export const OrderSaga = z.extend(SagaReportSchema, { orderId: z.uuid(), compensationFailure: z.optional(CompensationFailureSchema) });

export const OrderNotifications = z.strictObject({
  orderId: z.uuid(),
  notifications: z.array(z.strictObject({ orderId: z.string(), eventId: z.string(), eventType: z.string(), message: z.string(), at: z.string(), correlationId: z.optional(z.string()) })),
});

const Counters = z.record(z.string(), z.number());
export const Stats = z.strictObject({
  ordersByStatus: Counters,
  revenueByDay: z.array(z.strictObject({ day: z.string(), amounts: Counters })),
  sagaOutcomes: Counters,
  eventStore: z.record(z.string(), z.optional(z.strictObject({ events: z.number(), streams: z.number() }))),
});

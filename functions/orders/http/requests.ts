import { Currency, Money, Reason, Text } from '../../platform/http/schemas';
import { Limit } from '../../platform/queries/page-query';
import * as z from '../../platform/http/zod';
import { Line, PaymentMethod, Quantity, ShippingAddress, Sku, TrackingNumber } from './schemas';

/** What the orders context's routes take: each body and query string, validated by its handler and documented from the same schema (openapi.ts). */

export const AddProductBody = z.strictObject({
  sku: Sku,
  name: Text(200),
  price: Money,
  stock: z.number().check(z.int('stock is a whole number'), z.minimum(0), z.maximum(1_000_000_000)),
});
export const RestockBody = z.strictObject({ quantity: Quantity });
export const CreateOrderBody = z.strictObject({
  currency: Currency,
  items: z._default(z.array(Line).check(z.maxLength(100)), []),
  shippingAddress: z.optional(ShippingAddress),
});
export const AddItemBody = Line;
export const PlaceOrderBody = z.strictObject({ paymentMethod: PaymentMethod });
export const CancelOrderBody = z.strictObject({ reason: Reason });
export const ShipOrderBody = z.strictObject({ trackingNumber: TrackingNumber });

const Cursor = z.optional(z.string().check(z.maxLength(2000)));
export const OrderStatusFilter = z.enum(['draft', 'placed', 'confirmed', 'shipped', 'delivered', 'cancelled', 'rejected']);
export const ListOrdersQuery = z.strictObject({
  customerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  status: z.optional(OrderStatusFilter),
  /** Orders created at or after / at or before these times (ISO 8601, UTC). */
  from: z.optional(z.iso.datetime()),
  to: z.optional(z.iso.datetime()),
  limit: Limit,
  cursor: Cursor,
});
export const ListProductsQuery = z.strictObject({ limit: Limit, cursor: Cursor });

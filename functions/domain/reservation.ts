import { InsufficientStock, ProductNotFound, type Shortage } from './errors';
import { availableStock, type ProductEvent, type ProductState } from './product';
import { decideProduct, holdsOrSold } from './product-decide';

export type ProductDecision = { sku: string; events: ProductEvent[] };

/**
 * Decides one reservation over several products for one order: all or nothing. Lines of the same
 * sku are merged; every short sku is named in one InsufficientStock; products already reserved
 * for this order decide nothing (the reservation is idempotent per order).
 */
export function decideReservation(input: {
  orderId: string;
  lines: { sku: string; quantity: number }[];
  products: Record<string, ProductState>;
  now: string;
}): ProductDecision[] {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of input.lines) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);

  const shortages: Shortage[] = [];
  for (const [sku, quantity] of quantities) {
    const product = input.products[sku] ?? { status: 'none' };
    if (product.status === 'none') throw new ProductNotFound({ sku });
    const available = availableStock(product);
    if (!holdsOrSold(product, input.orderId) && available < quantity) shortages.push({ sku, requested: quantity, available });
  }
  if (shortages.length > 0) throw new InsufficientStock({ shortages });

  return [...quantities].map(([sku, quantity]) => ({
    sku,
    events: decideProduct({ type: 'ReserveStock', data: { sku, orderId: input.orderId, quantity }, metadata: { now: input.now } }, input.products[sku]!),
  }));
}

/** Decides giving back what one order holds of several products; nothing held decides nothing. */
export function decideRelease(input: { orderId: string; skus: string[]; products: Record<string, ProductState>; now: string }): ProductDecision[] {
  return [...new Set(input.skus)]
    .filter((sku) => input.products[sku]?.status === 'active')
    .map((sku) => ({
      sku,
      events: decideProduct({ type: 'ReleaseStock', data: { sku, orderId: input.orderId }, metadata: { now: input.now } }, input.products[sku]!),
    }));
}

/** Decides turning what one order holds of several products into sales; committed twice decides nothing. */
export function decideCommit(input: { orderId: string; skus: string[]; products: Record<string, ProductState>; now: string }): ProductDecision[] {
  return [...new Set(input.skus)].map((sku) => ({
    sku,
    events: decideProduct({ type: 'CommitStock', data: { sku, orderId: input.orderId }, metadata: { now: input.now } }, input.products[sku] ?? { status: 'none' }),
  }));
}

import { ProductNotFound } from './errors';
import type { OrderLine } from './order';
import type { ProductState } from './product';

/**
 * Prices order lines from the catalogue as it is now: the price of a line is fixed when it is added
 * to the order, whatever the product's price becomes later.
 */
export function priceLines(lines: { sku: string; quantity: number }[], products: Record<string, ProductState>): OrderLine[] {
  return lines.map(({ sku, quantity }) => {
    const product = products[sku];
    if (!product || product.status === 'none') throw new ProductNotFound({ sku });
    return { sku, quantity, unitPrice: product.price };
  });
}

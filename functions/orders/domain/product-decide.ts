import { assertNever } from '../../platform/domain/decider';
import { InvalidQuantity, ProductAlreadyExists, ProductNotFound } from './errors';
import { money } from '../../platform/domain/money';
import type { ProductCommand, ProductEvent, ProductState } from './product';

type Command<T extends ProductCommand['type']> = Extract<ProductCommand, { type: T }>;

/** Decides what a product command does to the product, or throws the rule it breaks. */
export function decideProduct(command: ProductCommand, state: ProductState): ProductEvent[] {
  switch (command.type) {
    case 'AddProduct':
      return addProduct(command, state);
    case 'Restock':
      return restock(command, state);
    default:
      return assertNever(command);
  }
}

function addProduct({ data, metadata }: Command<'AddProduct'>, state: ProductState): ProductEvent[] {
  if (state.status !== 'none') throw new ProductAlreadyExists({ sku: data.sku });
  money(data.price.amount, data.price.currency);
  if (!Number.isSafeInteger(data.initialStock) || data.initialStock < 0) throw new InvalidQuantity({ sku: data.sku, quantity: data.initialStock });
  return [{ type: 'ProductAdded', data: { ...data, addedAt: metadata.now } }];
}

function restock({ data, metadata }: Command<'Restock'>, state: ProductState): ProductEvent[] {
  if (state.status === 'none') throw new ProductNotFound({ sku: data.sku });
  if (!Number.isSafeInteger(data.quantity) || data.quantity <= 0) throw new InvalidQuantity({ sku: data.sku, quantity: data.quantity });
  return [{ type: 'StockAdded', data: { sku: data.sku, quantity: data.quantity, addedAt: metadata.now } }];
}

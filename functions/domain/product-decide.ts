import { assertNever } from './decider';
import { InsufficientStock, InvalidQuantity, NoReservation, ProductAlreadyExists, ProductNotFound } from './errors';
import { money } from './money';
import { availableStock, type ProductCommand, type ProductEvent, type ProductState } from './product';

type Command<T extends ProductCommand['type']> = Extract<ProductCommand, { type: T }>;

/** Decides what a product command does to the product, or throws the rule it breaks. */
export function decideProduct(command: ProductCommand, state: ProductState): ProductEvent[] {
  switch (command.type) {
    case 'AddProduct':
      return addProduct(command, state);
    case 'ReserveStock':
      return reserveStock(command, state);
    case 'ReleaseStock':
      return releaseStock(command, state);
    case 'Restock':
      return restock(command, state);
    case 'CommitStock':
      return commitStock(command, state);
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

function reserveStock({ data, metadata }: Command<'ReserveStock'>, state: ProductState): ProductEvent[] {
  if (state.status === 'none') throw new ProductNotFound({ sku: data.sku });
  if (!Number.isSafeInteger(data.quantity) || data.quantity <= 0) throw new InvalidQuantity({ sku: data.sku, quantity: data.quantity });
  // Reservations are keyed by order: a retried reservation for the same order is a no-op.
  if (holdsOrSold(state, data.orderId)) return [];
  const available = availableStock(state);
  if (available < data.quantity) throw new InsufficientStock({ shortages: [{ sku: data.sku, requested: data.quantity, available }] });
  return [{ type: 'StockReserved', data: { ...data, reservedAt: metadata.now } }];
}

/**
 * Gives back whatever the order holds of the product: a reservation is released; a sale of an
 * order that is being cancelled (committed, so not shipped) returns to the stock on hand.
 */
function releaseStock({ data, metadata }: Command<'ReleaseStock'>, state: ProductState): ProductEvent[] {
  if (state.status === 'none') throw new ProductNotFound({ sku: data.sku });
  const reserved = state.reservations[data.orderId];
  if (reserved !== undefined) return [{ type: 'StockReleased', data: { sku: data.sku, orderId: data.orderId, quantity: reserved, releasedAt: metadata.now } }];
  const sold = state.committed[data.orderId];
  if (sold !== undefined) return [{ type: 'StockReturned', data: { sku: data.sku, orderId: data.orderId, quantity: sold, returnedAt: metadata.now } }];
  // Nothing held (never reserved, or already given back): nothing to give back.
  return [];
}

function restock({ data, metadata }: Command<'Restock'>, state: ProductState): ProductEvent[] {
  if (state.status === 'none') throw new ProductNotFound({ sku: data.sku });
  if (!Number.isSafeInteger(data.quantity) || data.quantity <= 0) throw new InvalidQuantity({ sku: data.sku, quantity: data.quantity });
  return [{ type: 'StockAdded', data: { sku: data.sku, quantity: data.quantity, addedAt: metadata.now } }];
}

/** Turns an order's reservation into a sale: the units leave the stock on hand. */
function commitStock({ data, metadata }: Command<'CommitStock'>, state: ProductState): ProductEvent[] {
  if (state.status === 'none') throw new ProductNotFound({ sku: data.sku });
  if (data.orderId in state.committed) return [];
  const quantity = state.reservations[data.orderId];
  if (quantity === undefined) throw new NoReservation({ sku: data.sku, orderId: data.orderId });
  return [{ type: 'StockCommitted', data: { sku: data.sku, orderId: data.orderId, quantity, committedAt: metadata.now } }];
}

/** The order reserved this product already (held now, or committed as sold). */
export function holdsOrSold(state: Extract<ProductState, { status: 'active' }>, orderId: string): boolean {
  return orderId in state.reservations || orderId in state.committed;
}

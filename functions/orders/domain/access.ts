/**
 * Who may do what with orders. A customer works on their own orders only: another customer's
 * order does not exist for them. An admin does everything: the catalogue and its stock, shipping
 * and delivery, any order, listings across customers, figures, saga monitoring.
 */
import { allowedOwner, mayAccessOwned, type Caller } from '../../platform/domain/access';

/** Whether the caller may see or act on an order of `ownerId` (a refusal looks like a missing order). */
export function mayAccessOrder(caller: Caller, ownerId: string): boolean {
  return mayAccessOwned(caller, ownerId);
}

/** The filters of an order listing, as asked and as allowed. */
export type OrderListing = { customerId?: string; status?: string };

/**
 * What an order listing may show: a customer sees their own orders (by status too), and asking
 * for another customer's is refused (undefined, a 403); an admin lists anyone's, by status, or all.
 */
export function allowedOrderListing(caller: Caller, asked: OrderListing): OrderListing | undefined {
  const owner = allowedOwner(caller, asked.customerId);
  return owner && { ...asked, customerId: owner.ownerId };
}


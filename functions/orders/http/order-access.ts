import { mayAccessOrder, OrderNotFound, type Caller, type OrderState } from '../domain';

/**
 * `authorize` of the order command routes: the order's customer or an admin. Anyone else is
 * told the order does not exist, exactly as for an order that does not.
 */
export function orderOwnerOnly(caller: Caller, state: OrderState): void {
  if (state.status !== 'none' && !mayAccessOrder(caller, state.customerId)) throw new OrderNotFound({ orderId: state.orderId });
}

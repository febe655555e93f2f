import { MalformedMessage, type BusEvent } from '../../platform/effects/bus-event';
import { isOrderEventOfType, type OrderEvent } from '../domain';

/** The order event a bus event carries, if it is of this type. */
export function orderEventOf<T extends OrderEvent['type']>(event: BusEvent, type: T): Extract<OrderEvent, { type: T }> {
  const carried = { type: event.type, data: event.detail.data };
  if (!isOrderEventOfType(carried, type)) throw new MalformedMessage(`expected ${type}, got ${event.type}: is the rule's pattern right?`);
  return carried;
}

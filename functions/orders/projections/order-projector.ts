import type { OrderEvent } from '../domain';
import { isOrderEvent } from '../domain';
import { applyOrderEvent, type OrderView } from './order-view';
import type { Projection, ProjectionPorts } from '../../platform/projections/projection';
import { versionedRowProjection } from '../../platform/projections/versioned-view';

/** Keeps the orders view: one row per order, each event applied once, in version order. */
export function orderProjection(ports: ProjectionPorts): Projection {
  return versionedRowProjection<OrderView, OrderEvent>({ ...ports, aggregate: 'order', key: (orderId) => ({ orderId }), isEvent: isOrderEvent, apply: applyOrderEvent });
}

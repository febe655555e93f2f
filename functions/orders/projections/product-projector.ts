import type { ProductEvent } from '../domain';
import { isProductEvent } from '../domain';
import type { Projection, ProjectionPorts } from '../../platform/projections/projection';
import { applyProductEvent, type ProductView } from './product-view';
import { versionedRowProjection } from '../../platform/projections/versioned-view';

/** Keeps the products view: one row per product, each event applied once, in version order. */
export function productProjection(ports: ProjectionPorts): Projection {
  return versionedRowProjection<ProductView, ProductEvent>({ ...ports, aggregate: 'product', key: (sku) => ({ sku }), isEvent: isProductEvent, apply: applyProductEvent });
}

import { isTransferEvent, type TransferEvent } from '../domain';
import type { Projection, ProjectionPorts } from '../../platform/projections/projection';
import { applyTransferEvent, type TransferView } from './transfer-view';
import { versionedRowProjection } from '../../platform/projections/versioned-view';

/** Keeps the transfers view: one row per transfer, each event applied once, in version order. */
export function transferProjection(ports: ProjectionPorts): Projection {
  return versionedRowProjection<TransferView, TransferEvent>({ ...ports, aggregate: 'transfer', key: (transferId) => ({ transferId }), isEvent: isTransferEvent, apply: applyTransferEvent });
}

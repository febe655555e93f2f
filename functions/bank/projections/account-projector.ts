import { isAccountEvent, type AccountEvent } from '../domain';
import { applyAccountEvent, type AccountView } from './account-view';
import type { Projection, ProjectionPorts } from '../../platform/projections/projection';
import { versionedRowProjection } from '../../platform/projections/versioned-view';

/** Keeps the accounts view: one row per account, each event applied once, in version order. */
export function accountProjection(ports: ProjectionPorts): Projection {
  return versionedRowProjection<AccountView, AccountEvent>({ ...ports, aggregate: 'account', key: (accountId) => ({ accountId }), isEvent: isAccountEvent, apply: applyAccountEvent });
}

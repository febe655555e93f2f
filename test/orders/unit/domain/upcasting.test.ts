import { currentSchemaVersion, MissingUpcaster, ORDER_SCHEMA_VERSIONS, upcastEvent, type VersionedEvent } from '../../../../functions/orders/domain';
import placedV1 from '../eventstore/fixtures/order-placed-v1.json';

describe('upcasting stored events', () => {
  it('turns OrderPlaced v1 into v2: the card token is gone, nothing else changes, and no ref is made up', () => {
    const upcast = upcastEvent(placedV1);

    expect(upcast.meta).toEqual({ ...placedV1.meta, schemaVersion: 2 });
    expect(upcast.data).not.toHaveProperty('paymentMethod');
    expect(upcast.data).not.toHaveProperty('paymentMethodRef');
    const { paymentMethod: _token, ...rest } = placedV1.data;
    expect(upcast.data).toEqual(rest);
    expect(JSON.stringify(upcast)).not.toContain('tok_visa');
    expect([upcast.streamId, upcast.version, upcast.type, upcast.at]).toEqual([placedV1.streamId, placedV1.version, placedV1.type, placedV1.at]);
  });

  it('keeps the ref of an OrderPlaced stored as v1 in the v2 shape (written after the token left, before per-type versions)', () => {
    const { paymentMethod: _token, ...v2Data } = placedV1.data;
    const labelledV1 = { ...placedV1, data: { ...v2Data, paymentMethodRef: 'pm_7f3c' }, meta: { ...placedV1.meta, schemaVersion: 1 } };
    expect(upcastEvent(labelledV1)).toEqual({ ...labelledV1, meta: { ...labelledV1.meta, schemaVersion: 2 } });
  });

  it('does not touch the stored event it is given', () => {
    const before = JSON.stringify(placedV1);
    upcastEvent(placedV1);
    expect(JSON.stringify(placedV1)).toBe(before);
  });

  it('gives back an event already at the current version as it is', () => {
    const current: VersionedEvent = { type: 'OrderPlaced', data: { orderId: 'o', paymentMethodRef: 'pm-1' }, meta: { schemaVersion: 2 } };
    expect(upcastEvent(current)).toBe(current);
    const other: VersionedEvent = { type: 'OrderConfirmed', data: { orderId: 'o' }, meta: { schemaVersion: 1 } };
    expect(upcastEvent(other)).toBe(other);
  });

  it('leaves an event of a later version than it knows alone (written by a newer deployment)', () => {
    const later: VersionedEvent = { type: 'OrderPlaced', data: { orderId: 'o', somethingNew: true }, meta: { schemaVersion: 3 } };
    expect(upcastEvent(later)).toBe(later);
  });

  it('writes every type at 1 unless it changed, and OrderPlaced at 2', () => {
    expect(currentSchemaVersion('OrderPlaced')).toBe(2);
    expect(currentSchemaVersion('PaymentCharged')).toBe(1);
  });

  it('has an upcaster for every step from 1 to the current version of every type', () => {
    for (const [type, current = 1] of Object.entries(ORDER_SCHEMA_VERSIONS.current)) {
      for (let version = 1; version < current; version++) expect([type, version, typeof ORDER_SCHEMA_VERSIONS.upcasters[type]?.[version]]).toEqual([type, version, 'function']);
    }
  });

  it('refuses with a typed error when a step is missing', () => {
    const orphan: VersionedEvent = { type: 'OrderPlaced', data: {}, meta: { schemaVersion: 0 } };
    expect(() => upcastEvent(orphan)).toThrow(MissingUpcaster);
    expect(() => upcastEvent(orphan)).toThrow(/OrderPlaced from schema version 0/);
  });
});

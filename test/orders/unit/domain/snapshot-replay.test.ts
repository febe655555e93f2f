import fc from 'fast-check';
import {
  orderDecider,
  paymentDecider,
  productDecider,
  reservationDecider,
  type Decider,
  type OrderCommand,
  type OrderLine,
  type PaymentCommand,
  type ProductCommand,
  type ReservationCommand,
} from '../../../../functions/orders/domain';
import { snapshotEqualsReplay, typesReached } from '../../../support/snapshot-harness';

const orderId = 'o-1';
const metadata = fc.record({ now: fc.constantFrom('2026-03-01T10:00:00.000Z', '2026-03-02T11:30:00.000Z') });
// Mostly valid lines in the order's currency; now and then another currency or no units, so
// refused commands are part of the histories too.
const rarely = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: odd, weight: 1 });
const price = fc.record({ amount: fc.integer({ min: 0, max: 5_000 }), currency: rarely(fc.constant('EUR'), fc.constant('USD')) });
const line: fc.Arbitrary<OrderLine> = fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'D'), quantity: rarely(fc.integer({ min: 1, max: 4 }), fc.constant(0)), unitPrice: price });
const address = fc.record({ name: fc.constant('Ada'), line1: fc.constant('1 Main St'), city: fc.constant('Paris'), postalCode: fc.constant('75001'), country: fc.constant('FR') });

const orderCommand: fc.Arbitrary<OrderCommand> = fc.oneof(
  fc.record({
    type: fc.constant('CreateOrder' as const),
    data: fc.record({ orderId: fc.constant(orderId), customerId: fc.constant('c-1'), currency: fc.constant('EUR'), items: fc.array(line, { maxLength: 3 }), shippingAddress: fc.option(address, { nil: undefined }) }),
    metadata,
  }),
  { arbitrary: fc.record({ type: fc.constant('AddItem' as const), data: fc.record({ orderId: fc.constant(orderId), line }), metadata }), weight: 4 },
  { arbitrary: fc.record({ type: fc.constant('RemoveItem' as const), data: fc.record({ orderId: fc.constant(orderId), sku: fc.constantFrom('A', 'B', 'C', 'D') }), metadata }), weight: 2 },
  fc.record({ type: fc.constant('PlaceOrder' as const), data: fc.record({ orderId: fc.constant(orderId), paymentMethodRef: fc.option(fc.constant('pm-1'), { nil: undefined }) }), metadata }),
  fc.record({ type: fc.constant('ConfirmOrder' as const), data: fc.record({ orderId: fc.constant(orderId) }), metadata }),
  fc.record({ type: fc.constant('CancelOrder' as const), data: fc.record({ orderId: fc.constant(orderId), reason: fc.constant('changed my mind'), by: fc.constantFrom('customer' as const, 'saga' as const, undefined) }), metadata }),
  fc.record({ type: fc.constant('RejectOrder' as const), data: fc.record({ orderId: fc.constant(orderId), reason: fc.constant('out of stock') }), metadata }),
  fc.record({ type: fc.constant('ShipOrder' as const), data: fc.record({ orderId: fc.constant(orderId), trackingNumber: fc.constant('TRK-1') }), metadata }),
  fc.record({ type: fc.constant('DeliverOrder' as const), data: fc.record({ orderId: fc.constant(orderId) }), metadata }),
);

const amount = fc.record({ amount: fc.integer({ min: 0, max: 10_000 }), currency: fc.constantFrom('EUR', 'EUR', 'XXX') });
const paymentCommand: fc.Arbitrary<PaymentCommand> = fc.oneof(
  fc.record({
    type: fc.constant('ChargePayment' as const),
    data: fc.record({
      orderId: fc.constant(orderId),
      amount,
      outcome: fc.oneof(fc.record({ status: fc.constant('charged' as const), chargeId: fc.constant('ch-1') }), fc.record({ status: fc.constant('declined' as const), reason: fc.constant('card declined') })),
    }),
    metadata,
  }),
  fc.record({ type: fc.constant('RefundPayment' as const), data: fc.record({ orderId: fc.constant(orderId), refundId: fc.constant('re-1') }), metadata }),
  fc.record({ type: fc.constant('AttemptPayment' as const), data: fc.record({ orderId: fc.constant(orderId), amount, idempotencyKey: fc.constant(`charge-${orderId}`) }), metadata }),
  fc.record({
    type: fc.constant('SettleAttempt' as const),
    data: fc.record({
      orderId: fc.constant(orderId),
      outcome: fc.oneof(fc.record({ status: fc.constant('charged' as const), chargeId: fc.constant('ch-1') }), fc.record({ status: fc.constant('voided' as const) })),
    }),
    metadata,
  }),
);

const productCommand: fc.Arbitrary<ProductCommand> = fc.oneof(
  fc.record({
    type: fc.constant('AddProduct' as const),
    data: fc.record({ sku: fc.constant('A'), name: fc.constantFrom('Keyboard', 'Mouse'), price: fc.record({ amount: fc.integer({ min: 0, max: 9_999 }), currency: fc.constant('EUR') }), initialStock: rarely(fc.integer({ min: 0, max: 50 }), fc.constant(-1)) }),
    metadata,
  }),
  { arbitrary: fc.record({ type: fc.constant('Restock' as const), data: fc.record({ sku: fc.constant('A'), quantity: rarely(fc.integer({ min: 1, max: 9 }), fc.constant(0)) }), metadata }), weight: 4 },
);

const reservationCommand: fc.Arbitrary<ReservationCommand> = fc.oneof(
  fc.record({
    type: fc.constant('ReserveStock' as const),
    data: fc.record({ orderId: fc.constant(orderId), lines: fc.array(fc.record({ sku: fc.constantFrom('A', 'B', 'C'), quantity: rarely(fc.integer({ min: 1, max: 5 }), fc.constant(0)) }), { minLength: 1, maxLength: 4 }) }),
    metadata,
  }),
  fc.record({ type: fc.constant('CommitStock' as const), data: fc.record({ orderId: fc.constant(orderId) }), metadata }),
  fc.record({ type: fc.constant('ReleaseStock' as const), data: fc.record({ orderId: fc.constant(orderId) }), metadata }),
);

describe('a snapshot folded onward equals a full replay', () => {
  it('holds for the order decider at every cut point of generated histories', () => {
    snapshotEqualsReplay(orderDecider, orderCommand);
  });

  it('holds for the payment decider', () => {
    snapshotEqualsReplay(paymentDecider, paymentCommand);
  });

  it('holds for the product decider', () => {
    snapshotEqualsReplay(productDecider, productCommand);
  });

  it('holds for the reservation decider', () => {
    snapshotEqualsReplay(reservationDecider, reservationCommand);
  });

  it('is tested on histories that reach every event type of every aggregate', () => {
    expect(typesReached(productDecider, productCommand)).toEqual(['ProductAdded', 'StockAdded']);
    expect(typesReached(reservationDecider, reservationCommand)).toEqual(['StockCommitted', 'StockReleased', 'StockReserved', 'StockReturned']);
    expect(typesReached(orderDecider, orderCommand)).toEqual(
      ['ItemAdded', 'ItemRemoved', 'OrderCancelled', 'OrderConfirmed', 'OrderCreated', 'OrderDelivered', 'OrderPlaced', 'OrderRejected', 'OrderShipped'],
    );
    expect(typesReached(paymentDecider, paymentCommand)).toEqual(['PaymentAttempted', 'PaymentCharged', 'PaymentDeclined', 'PaymentRefunded', 'PaymentVoided']);
  });

  it('catches a state a stored snapshot cannot carry (a Set becomes {} in JSON)', () => {
    type Tally = { skus: Set<string> };
    const setDecider: Decider<OrderCommand, { type: 'Seen'; data: { sku: string } }, Tally> = {
      initialState: { skus: new Set() },
      evolve: (state, event) => ({ skus: new Set([...state.skus, event.data.sku]) }),
      decide: (command) => (command.type === 'AddItem' ? [{ type: 'Seen', data: { sku: command.data.line.sku } }] : []),
    };
    expect(() => snapshotEqualsReplay(setDecider, orderCommand, { numRuns: 50 })).toThrow(/Property failed/);
  });
});

import { paymentDecider, type PaymentCommand, type PaymentEvent, InvalidMoney } from '../../../../functions/orders/domain';
import { given } from '../../../support/decider-spec';

const now = '2026-11-22T10:00:00.000Z';
const amount = { amount: 12_50, currency: 'EUR' };
const charge = (outcome: Extract<PaymentCommand, { type: 'ChargePayment' }>['data']['outcome'], total = amount): PaymentCommand => ({
  type: 'ChargePayment',
  data: { orderId: 'o-1', amount: total, outcome },
  metadata: { now },
});
const refund: PaymentCommand = { type: 'RefundPayment', data: { orderId: 'o-1', refundId: 're_1' }, metadata: { now } };
const charged: PaymentEvent = { type: 'PaymentCharged', data: { orderId: 'o-1', amount, chargeId: 'ch_1', chargedAt: now } };
const declined: PaymentEvent = { type: 'PaymentDeclined', data: { orderId: 'o-1', amount, reason: 'the card was declined', declinedAt: now } };
const attempt: PaymentCommand = { type: 'AttemptPayment', data: { orderId: 'o-1', amount, idempotencyKey: 'charge-o-1' }, metadata: { now } };
const attempted: PaymentEvent = { type: 'PaymentAttempted', data: { orderId: 'o-1', amount, idempotencyKey: 'charge-o-1', attemptedAt: now } };
const settle = (outcome: Extract<PaymentCommand, { type: 'SettleAttempt' }>['data']['outcome']): PaymentCommand => ({ type: 'SettleAttempt', data: { orderId: 'o-1', outcome }, metadata: { now } });
const voided: PaymentEvent = { type: 'PaymentVoided', data: { orderId: 'o-1', amount, idempotencyKey: 'charge-o-1', voidedAt: now } };
const refunded: PaymentEvent = { type: 'PaymentRefunded', data: { orderId: 'o-1', amount, chargeId: 'ch_1', refundId: 're_1', refundedAt: now } };

describe('Payment decider', () => {
  describe('ChargePayment', () => {
    it('records the charge the gateway made', () => {
      given(paymentDecider).when(charge({ status: 'charged', chargeId: 'ch_1' })).then([charged]);
    });

    it('records a decline with its reason', () => {
      given(paymentDecider).when(charge({ status: 'declined', reason: 'the card was declined' })).then([declined]);
    });

    it('charges an order once: a second charge records nothing, whatever the gateway said', () => {
      given(paymentDecider, [charged]).when(charge({ status: 'charged', chargeId: 'ch_2' })).then([]);
      given(paymentDecider, [declined]).when(charge({ status: 'charged', chargeId: 'ch_2' })).then([]);
      given(paymentDecider, [charged, refunded]).when(charge({ status: 'charged', chargeId: 'ch_2' })).then([]);
    });

    it('refuses an amount that is not integer minor units', () => {
      given(paymentDecider).when(charge({ status: 'charged', chargeId: 'ch_1' }, { amount: 12.5, currency: 'EUR' })).thenThrows(InvalidMoney);
    });
  });

  describe('AttemptPayment', () => {
    it('records the intent, with the idempotency key, before the gateway is asked; once', () => {
      given(paymentDecider).when(attempt).then([attempted]);
      given(paymentDecider, [attempted]).when(attempt).then([]);
      given(paymentDecider, [attempted, charged]).when(attempt).then([]);
    });

    it('records the answer to the attempt', () => {
      given(paymentDecider, [attempted]).when(charge({ status: 'charged', chargeId: 'ch_1' })).then([charged]);
      given(paymentDecider, [attempted]).when(charge({ status: 'declined', reason: 'the card was declined' })).then([declined]);
    });
  });

  describe('SettleAttempt', () => {
    it('records what the gateway says became of an attempt whose answer was lost', () => {
      given(paymentDecider, [attempted]).when(settle({ status: 'charged', chargeId: 'ch_1' })).then([charged]);
      given(paymentDecider, [attempted]).when(settle({ status: 'voided' })).then([voided]);
      given(paymentDecider, [attempted]).when(settle({ status: 'declined', reason: 'the card was declined' })).then([declined]);
    });

    it('settles only an open attempt, and a voided one is never charged after', () => {
      given(paymentDecider).when(settle({ status: 'voided' })).then([]);
      given(paymentDecider, [attempted, charged]).when(settle({ status: 'voided' })).then([]);
      given(paymentDecider, [attempted, voided]).when(charge({ status: 'charged', chargeId: 'ch_1' })).then([]);
      given(paymentDecider, [attempted, voided]).when(refund).then([]);
    });

    it('lets a charge found by settling be refunded', () => {
      given(paymentDecider, [attempted, charged]).when(refund).then([refunded]);
    });
  });

  describe('RefundPayment', () => {
    it('refunds the whole charge', () => {
      given(paymentDecider, [charged]).when(refund).then([refunded]);
    });

    it('refunds nothing that was never charged', () => {
      given(paymentDecider).when(refund).then([]);
      given(paymentDecider, [declined]).when(refund).then([]);
    });

    it('never refunds twice', () => {
      given(paymentDecider, [charged, refunded]).when(refund).then([]);
    });
  });
});

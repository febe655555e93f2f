import { PaymentGatewayUnavailable } from '../../../../functions/orders/payments/payment-gateway';
import { simulatedGateway } from '../../../../functions/orders/payments/simulated-gateway';

const amount = { amount: 5_000, currency: 'EUR' };

describe('the simulated payment gateway', () => {
  it('charges an ordinary card, with a charge id that is the same on every try', async () => {
    const gateway = simulatedGateway({ amountLimit: 10_000 });
    await expect(gateway.charge({ orderId: 'o-1', amount, paymentMethod: 'tok_visa', attempt: 1 })).resolves.toEqual({ status: 'charged', chargeId: 'ch_o-1' });
    await expect(gateway.charge({ orderId: 'o-1', amount, paymentMethod: 'tok_visa', attempt: 1 })).resolves.toEqual({ status: 'charged', chargeId: 'ch_o-1' });
  });

  it('declines the declining token', async () => {
    const gateway = simulatedGateway({ amountLimit: 10_000 });
    await expect(gateway.charge({ orderId: 'o-1', amount, paymentMethod: 'tok_declined', attempt: 1 })).resolves.toMatchObject({ status: 'declined', reason: 'the card was declined' });
  });

  it('declines an amount above the limit and charges one at the limit', async () => {
    const gateway = simulatedGateway({ amountLimit: 5_000 });
    await expect(gateway.charge({ orderId: 'o-1', amount: { amount: 5_001, currency: 'EUR' }, paymentMethod: 'tok_visa', attempt: 1 })).resolves.toMatchObject({
      status: 'declined',
      reason: expect.stringContaining('limit'),
    });
    await expect(gateway.charge({ orderId: 'o-2', amount, paymentMethod: 'tok_visa', attempt: 1 })).resolves.toMatchObject({ status: 'charged' });
  });

  it('is unavailable for the first n attempts of an order with tok_unavailable_<n>, then charges', async () => {
    const gateway = simulatedGateway({ amountLimit: 10_000 });
    const attempt = (n: number) => gateway.charge({ orderId: 'o-1', amount, paymentMethod: 'tok_unavailable_2', attempt: n });
    await expect(attempt(1)).rejects.toBeInstanceOf(PaymentGatewayUnavailable);
    await expect(attempt(2)).rejects.toMatchObject({ name: 'PaymentGatewayUnavailable' });
    await expect(attempt(3)).resolves.toEqual({ status: 'charged', chargeId: 'ch_o-1' });
    // The attempt is the caller's count, not the instance's: another instance agrees.
    await expect(simulatedGateway({ amountLimit: 10_000 }).charge({ orderId: 'o-1', amount, paymentMethod: 'tok_unavailable_2', attempt: 3 })).resolves.toMatchObject({ status: 'charged' });
  });
});

import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PaymentGatewayUnavailable } from '../../../../functions/orders/payments/payment-gateway';
import { simulatedGateway } from '../../../../functions/orders/payments/simulated-gateway';
import { dynamoDbLedger } from '../../../../functions/orders/payments/simulator-ledger';
import { localDocumentClient } from '../../../support/dynamodb';

const client = localDocumentClient();
const amount = { amount: 5_000, currency: 'EUR' };
let ledgerTable: string;

beforeAll(async () => {
  ledgerTable = `test-gateway-ledger-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({ TableName: ledgerTable, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'idempotencyKey', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'idempotencyKey', AttributeType: 'S' }] }),
  );
});

const gatewayOf = (amountLimit = 10_000) => simulatedGateway({ amountLimit, ledger: dynamoDbLedger(client, ledgerTable) });
const request = (paymentMethod = 'tok_visa', attempt = 1, orderId = randomUUID()) => ({ idempotencyKey: `charge-${orderId}`, orderId, amount, paymentMethod, attempt });

describe('the simulated payment gateway, its records on DynamoDB Local', () => {
  it('charges an ordinary card once per idempotency key: asked again, it answers the same charge', async () => {
    const gateway = gatewayOf();
    const charge = request();
    await expect(gateway.charge(charge)).resolves.toEqual({ status: 'charged', chargeId: `ch_${charge.orderId}` });
    await expect(gateway.charge(charge)).resolves.toEqual({ status: 'charged', chargeId: `ch_${charge.orderId}` });
  });

  it('declines the declining token, and an amount above the limit but not one at it', async () => {
    const gateway = gatewayOf(5_000);
    await expect(gateway.charge(request('tok_declined'))).resolves.toMatchObject({ status: 'declined', reason: 'the card was declined' });
    await expect(gateway.charge({ ...request(), amount: { amount: 5_001, currency: 'EUR' } })).resolves.toMatchObject({ status: 'declined', reason: expect.stringContaining('limit') });
    await expect(gateway.charge(request())).resolves.toMatchObject({ status: 'charged' });
  });

  it('is unavailable for the first n attempts of an order with tok_unavailable_<n>, then charges', async () => {
    const gateway = gatewayOf();
    const orderId = randomUUID();
    const attempt = (n: number) => gateway.charge(request('tok_unavailable_2', n, orderId));
    await expect(attempt(1)).rejects.toBeInstanceOf(PaymentGatewayUnavailable);
    await expect(attempt(2)).rejects.toMatchObject({ name: 'PaymentGatewayUnavailable' });
    await expect(attempt(3)).resolves.toEqual({ status: 'charged', chargeId: `ch_${orderId}` });
    // The attempt is the caller's count, not the instance's: another instance agrees.
    await expect(gatewayOf().charge(request('tok_unavailable_2', 3, orderId))).resolves.toMatchObject({ status: 'charged' });
  });

  it('settles an attempt by its key: a charge it made is reported (its answer was lost), one it never made is voided and refused from then on', async () => {
    const gateway = gatewayOf();
    const charged = request();
    await gateway.charge(charged);
    await expect(gatewayOf().settle(charged.idempotencyKey)).resolves.toEqual({ status: 'charged', chargeId: `ch_${charged.orderId}` });

    const never = request();
    await expect(gateway.settle(never.idempotencyKey)).resolves.toEqual({ status: 'voided' });
    // A request still on its way when the order was given up charges nothing.
    await expect(gateway.charge(never)).resolves.toMatchObject({ status: 'declined', reason: expect.stringContaining('cancelled') });
    await expect(gateway.settle(never.idempotencyKey)).resolves.toEqual({ status: 'voided' });
  });

  it('refunds a charge once, whatever the retries, and refuses to refund a key it never charged', async () => {
    const gateway = gatewayOf();
    const charge = request();
    const { chargeId } = (await gateway.charge(charge)) as { chargeId: string };
    const first = await gateway.refund({ idempotencyKey: charge.idempotencyKey, chargeId, amount });
    await expect(gateway.refund({ idempotencyKey: charge.idempotencyKey, chargeId, amount })).resolves.toEqual(first);
    const never = request();
    await gateway.settle(never.idempotencyKey);
    await expect(gateway.refund({ idempotencyKey: never.idempotencyKey, chargeId: 'ch_x', amount })).rejects.toMatchObject({ name: 'PaymentGatewayUnavailable' });
  });

  it('answers PaymentGatewayUnavailable when its records cannot be reached', async () => {
    const gateway = simulatedGateway({ amountLimit: 10_000, ledger: dynamoDbLedger(client, 'no-such-ledger-table') });
    await expect(gateway.charge(request())).rejects.toMatchObject({ name: 'PaymentGatewayUnavailable', message: expect.stringContaining('did not answer') });
  });
});

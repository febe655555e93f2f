import { randomUUID } from 'node:crypto';
import { accountFromStore, newCustomer, openAccount, requestTransfer, transferEnded } from '../../support/bank-api';
import { describeLocal } from '../../support/local-only';
import { injectFault } from '../../support/saga';

/**
 * The store throttled under the debit, for real: the local runtime answers DebitSource's append
 * (the debit and its record, one transaction) with DynamoDB's ProvisionedThroughputExceededException
 * four times, past the SDK's own three tries, so the leg fails once with the store's error; the
 * saga retries it and the transfer completes, the money moved once.
 */
const START = 10_000;
const AMOUNT = 2_500;

describeLocal('the transfer saga with its store throttled under the debit', "injects dependency faults through the local runtime's test hooks", () => {
  it('retries DebitSource and completes, the money moved once', async () => {
    const owner = newCustomer();
    const source = await openAccount(owner, START);
    const target = await openAccount(newCustomer());
    const correlationId = `store-throttled-${randomUUID()}`;
    await injectFault({
      kind: 'dependency',
      dependency: 'dynamodb',
      function: 'DebitSourceFunction',
      correlationId,
      requestContains: 'TransferDebited',
      error: { name: 'ProvisionedThroughputExceededException', message: 'throttled by a test' },
      times: 4,
    });
    const asked = await requestTransfer(owner, source, target, AMOUNT, randomUUID(), correlationId);
    expect(asked.status).toBe(202);

    const ended = await transferEnded(asked.body.transferId);
    expect(ended.status).toBe('completed');
    expect(ended.saga?.steps.find((s) => s.name === 'DebitSource')).toMatchObject({ status: 'succeeded', attempts: 2, errors: ['ProvisionedThroughputExceededException'] });
    expect([(await accountFromStore(source)).balance, (await accountFromStore(target)).balance]).toEqual([START - AMOUNT, AMOUNT]);
  });
});

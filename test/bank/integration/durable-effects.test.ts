import { randomUUID } from 'node:crypto';
import { asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { invocations, runTool } from '../../support/local-tools';
import { injectFault } from '../../support/saga';
import { accountFromStore, newCustomer, openAccount, requestTransfer, transferEnded } from '../../support/bank-api';


/**
 * The transfer saga's start rides a durable path (bus rule → SQS queue → function); when it fails,
 * the bank's reconciler, run as an operator runs it (`npm run reconcile`), starts what is missing.
 * This file moves no clock: a failed start's message waits out its visibility timeout (a minute),
 * which the reconciler does not.
 */
describeLocal('the bank\'s effects that must happen', 'injects failures through the local fault hook', () => {
  it('the reconciler starts the saga of a transfer whose start failed', async () => {
    const owner = newCustomer();
    const source = await openAccount(owner, 1_000);
    const target = await openAccount(newCustomer());
    const before = await invocations('StartTransferHandler');
    // The start fails once; its message then waits out a visibility timeout (a minute), which the
    // reconciler does not. The fault is in before the transfer is asked for, keyed by the request's
    // correlation id (which the bus event carries): the start may run before the answer arrives.
    const correlationId = `transfer-start-${randomUUID()}`;
    await injectFault({ kind: 'function', function: 'StartTransferHandler', correlationId, error: { name: 'Error', message: 'Step Functions is down' }, times: 1 });
    const asked = await requestTransfer(owner, source, target, 400, randomUUID(), correlationId);
    const transferId: string = asked.body.transferId;
    await eventually(() => invocations('StartTransferHandler'), (n) => n > before, { what: 'the failed start' });
    // The reconciler finds requested transfers through the transfers view.
    await eventually(() => asAdmin('GET', `/transfers/${transferId}`), (r) => r.body?.status === 'requested', { what: 'the requested transfer in its view' });
    const report = JSON.parse(await runTool('reconcile', ['--grace-minutes', '0', '--transfer', transferId]));
    expect(report.findings).toEqual([{ kind: 'transfer-saga-missing', transferId, repaired: true }]);
    expect((await transferEnded(transferId)).status).toBe('completed');
    expect([(await accountFromStore(source)).balance, (await accountFromStore(target)).balance]).toEqual([600, 400]);
    // A second run finds nothing; the starter's own retry, when it comes, starts nothing new.
    expect(JSON.parse(await runTool('reconcile', ['--grace-minutes', '0', '--transfer', transferId])).findings).toEqual([]);
  });

});

import { randomUUID } from 'node:crypto';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { executionArnOf } from '../../../functions/platform/saga/saga-report';
import { asAdmin } from '../../support/api';
import { accountFromStore, newCustomer, openAccount, requestTransfer } from '../../support/bank-api';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { runTool } from '../../support/local-tools';
import { injectFault } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

/**
 * A transfer whose execution is aborted after its debit (an operator's StopExecution): nothing in
 * the saga will ever refund the source. The reconciler finds the transfer open under an ended
 * execution and ends it with the saga's own commands. The credit and every undo are held failing
 * (the local runtime's test faults) so that the execution is surely still running, the source
 * debited, when it is stopped.
 */
const START = 10_000;
const AMOUNT = 2_500;

describeLocal('a transfer whose execution was aborted after its debit', "injects failures through the local runtime's test hooks", () => {
  it('is ended by the reconciler: the source refunded, the transfer failed, money conserved; a second run finds nothing', async () => {
    const owner = newCustomer();
    const source = await openAccount(owner, START);
    const target = await openAccount(newCustomer());
    const correlationId = `stranded-${randomUUID()}`;
    await injectFault({ kind: 'function', function: 'CreditTargetFunction', correlationId, error: { name: 'Lambda.TooManyRequestsException', message: 'held by a test' }, times: 99 });
    for (const step of ['RefundSource', 'EndTransfer']) await injectFault({ kind: 'function', function: `${step}Function`, correlationId, error: { name: 'Error', message: 'held by a test' }, times: 99 });
    const asked = await requestTransfer(owner, source, target, AMOUNT, randomUUID(), correlationId);
    const transferId: string = asked.body.transferId;

    await eventually(() => accountFromStore(source), (a) => a.balance === START - AMOUNT, { what: 'the debit', intervalMs: 50 });
    const sfn = new SFNClient(clientConfig('edge'));
    await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(testEnv().outputs!.TransferSagaArn!, transferId), error: 'Operator', cause: 'stopped by a test' }));
    await eventually(() => asAdmin('GET', `/transfers/${transferId}`), (r) => r.body?.saga?.status === 'ABORTED' && r.body?.status === 'debited', { what: 'the transfer debited under an aborted execution' });

    const report = JSON.parse(await runTool('reconcile', ['--transfer', transferId])) as { findings: unknown[] };
    expect(report.findings).toEqual([{ kind: 'transfer-stranded', transferId, repaired: true }]);
    expect([(await accountFromStore(source)).balance, (await accountFromStore(target)).balance]).toEqual([START, 0]);
    const ended = await eventually(() => asAdmin('GET', `/transfers/${transferId}`), (r) => r.body?.status === 'failed', { what: 'the transfer failed in its view' });
    expect(ended.body.reason).toBe('we could not complete this transfer because of a problem on our side; the amount is back in the source account');

    expect(JSON.parse(await runTool('reconcile', ['--transfer', transferId])).findings).toEqual([]);
  });
});

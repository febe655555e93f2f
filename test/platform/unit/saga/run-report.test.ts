import { historyEventOf, type ExecutionLogEvent } from '../../../../functions/platform/saga/execution-log';
import { runReport } from '../../../../functions/platform/saga/run-report';
import { EXPRESS_LIMIT_MS, runStatus, type SagaRun } from '../../../../functions/platform/saga/saga-runs';

const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const ARN = 'arn:aws:states:us-east-1:000000000000:express:Orderline-dev-saga-order:o-1:1b2c';

/** An Express execution's log, event by event, as Step Functions writes it (type, details, ids, a millisecond timestamp as text). */
function log(...events: [string, Record<string, unknown>?][]): ExecutionLogEvent[] {
  return events.map(([type, details], i) => ({ id: String(i + 1), previous_event_id: String(i), type, details: details ?? {}, event_timestamp: String(T0 + (i + 1) * 1000), execution_arn: ARN }));
}

const entered = (type: string, name: string): [string, Record<string, unknown>] => [`${type}StateEntered`, { name }];
const exited = (type: string, name: string): [string, Record<string, unknown>] => [`${type}StateExited`, { name }];

describe('an Express saga run, read back from its record and its execution log', () => {
  it('reads the steps of the saga itself, retries and a caught failure included, without the states the run wraps it in', () => {
    const events = log(
      ['ExecutionStarted'],
      entered('Task', 'ClaimStart'),
      ['TaskScheduled', { resourceType: 'dynamodb', resource: 'putItem' }],
      ['TaskSucceeded', { resourceType: 'dynamodb', resource: 'putItem' }],
      exited('Task', 'ClaimStart'),
      entered('Parallel', 'Saga'),
      entered('Task', 'ReserveStock'),
      ['TaskScheduled'],
      ['TaskSucceeded'],
      exited('Task', 'ReserveStock'),
      entered('Task', 'ChargePayment'),
      ['TaskScheduled'],
      ['TaskFailed', { error: 'GatewayTimeout', cause: '…' }],
      ['TaskScheduled'],
      ['TaskFailed', { error: 'PaymentDeclined', cause: '…' }],
      exited('Task', 'ChargePayment'),
      entered('Task', 'ReleaseStock'),
      ['TaskScheduled'],
      ['TaskSucceeded'],
      exited('Task', 'ReleaseStock'),
      entered('Succeed', 'OrderRejected'),
      exited('Succeed', 'OrderRejected'),
      exited('Parallel', 'Saga'),
      entered('Task', 'RecordSagaSucceeded'),
      ['TaskScheduled', { resourceType: 'dynamodb', resource: 'updateItem' }],
      ['TaskSucceeded'],
      exited('Task', 'RecordSagaSucceeded'),
      ['ExecutionSucceeded', { output: '{"outcome":"rejected","reason":"\\"Lamp\\" is out of stock"}' }],
    ).map(historyEventOf);
    const run: SagaRun = { sagaId: 'o-1', executionArn: ARN, status: 'SUCCEEDED', startedAt: at(0) };
    const report = runReport(run, events, T0 + 60_000);
    expect(report.path).toEqual(['ReserveStock', 'ChargePayment', 'ReleaseStock', 'OrderRejected']);
    expect(report.steps.find((s) => s.name === 'ChargePayment')).toMatchObject({ status: 'caught', attempts: 2, retries: 1, errors: ['GatewayTimeout', 'PaymentDeclined'] });
    expect(report).toMatchObject({ executionArn: ARN, status: 'SUCCEEDED', output: { outcome: 'rejected', reason: '"Lamp" is out of stock' }, startedAt: at(0) });
  });

  it("has the saga's output as soon as the run is recorded SUCCEEDED, before the execution's own end is in the log", () => {
    const events = log(
      entered('Parallel', 'Saga'),
      entered('Succeed', 'OrderConfirmed'),
      exited('Succeed', 'OrderConfirmed'),
      ['ParallelStateExited', { name: 'Saga', output: '{"outcome":"confirmed"}' }],
      entered('Task', 'RecordSagaSucceeded'),
      ['TaskSucceeded'],
    ).map(historyEventOf);
    const run: SagaRun = { sagaId: 'o-4', executionArn: ARN, status: 'SUCCEEDED', startedAt: at(0) };
    expect(runReport(run, events, T0 + 60_000)).toMatchObject({ status: 'SUCCEEDED', output: { outcome: 'confirmed' }, path: ['OrderConfirmed'] });
  });

  it('names the error and cause a failed run recorded, and its failed end', () => {
    const events = log(entered('Parallel', 'Saga'), entered('Task', 'CancelOrder'), ['TaskScheduled'], ['TaskSucceeded'], exited('Task', 'CancelOrder'), entered('Fail', 'CompensationFailed'), entered('Task', 'RecordSagaFailed'), entered('Fail', 'SagaFailed'), ['ExecutionFailed', { error: 'CompensationFailed' }]).map(historyEventOf);
    const run: SagaRun = { sagaId: 'o-2', executionArn: ARN, status: 'FAILED', startedAt: at(0), error: 'CompensationFailed', cause: 'the refund failed' };
    const report = runReport(run, events, T0 + 60_000);
    expect(report).toMatchObject({ status: 'FAILED', error: 'CompensationFailed', cause: 'the refund failed', path: ['CancelOrder', 'CompensationFailed'] });
    expect(report.steps.at(-1)).toMatchObject({ name: 'CompensationFailed', type: 'Fail', status: 'failed' });
  });

  it('is timed out once RUNNING past the Express limit, with the limit as its stop', () => {
    const run: SagaRun = { sagaId: 'o-3', executionArn: ARN, status: 'RUNNING', startedAt: at(0) };
    expect(runStatus(run, T0 + EXPRESS_LIMIT_MS)).toBe('RUNNING');
    expect(runStatus(run, T0 + EXPRESS_LIMIT_MS + 1)).toBe('TIMED_OUT');
    expect(runReport(run, [], T0 + EXPRESS_LIMIT_MS + 1)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', stoppedAt: at(EXPRESS_LIMIT_MS / 1000) });
  });
});

import { sagaSteps, type SagaHistoryEvent } from '../../../../functions/platform/saga/saga-steps';

/** History events shaped as GetExecutionHistory returns them for a Lambda task. */
let clock = Date.parse('2026-11-22T10:00:00Z');
const at = () => new Date((clock += 100));
const entered = (type: string, name: string): SagaHistoryEvent => ({ type: `${type}StateEntered`, timestamp: at(), stateEnteredEventDetails: { name } });
const exited = (type: string, name: string): SagaHistoryEvent => ({ type: `${type}StateExited`, timestamp: at(), stateExitedEventDetails: { name } });
const scheduled: SagaHistoryEvent = { type: 'TaskScheduled' };
const failed = (error: string): SagaHistoryEvent => ({ type: 'TaskFailed', taskFailedEventDetails: { error, cause: '{}' } });
const task = (name: string, ...attempts: ('ok' | string)[]): SagaHistoryEvent[] => [
  entered('Task', name),
  ...attempts.flatMap((a) => (a === 'ok' ? [scheduled, { type: 'TaskSucceeded' }] : [scheduled, failed(a)])),
  ...(attempts.at(-1) === 'ok' ? [exited('Task', name)] : []),
];

describe('the steps of a saga, read from its execution history', () => {
  it('reads a straight run, with the retries of a step that succeeded in the end', () => {
    const history = [
      { type: 'ExecutionStarted' },
      ...task('ReserveStock', 'ok'),
      ...task('ChargePayment', 'PaymentGatewayUnavailable', 'PaymentGatewayUnavailable', 'ok'),
      entered('Succeed', 'OrderConfirmed'),
      exited('Succeed', 'OrderConfirmed'),
      { type: 'ExecutionSucceeded' },
    ];
    const steps = sagaSteps(history, 'SUCCEEDED');
    expect(steps.map((s) => [s.name, s.status, s.attempts, s.retries])).toEqual([
      ['ReserveStock', 'succeeded', 1, 0],
      ['ChargePayment', 'succeeded', 3, 2],
      ['OrderConfirmed', 'succeeded', 0, 0],
    ]);
    expect(steps[1]?.errors).toEqual(['PaymentGatewayUnavailable', 'PaymentGatewayUnavailable']);
  });

  it('marks a step whose failure a Catch took elsewhere as caught, exit event or not', () => {
    const withoutExit = [...task('ChargePayment', 'PaymentDeclined'), ...task('RefundPayment', 'ok')];
    expect(sagaSteps(withoutExit, 'RUNNING').map((s) => [s.name, s.status])).toEqual([
      ['ChargePayment', 'caught'],
      ['RefundPayment', 'succeeded'],
    ]);
    const withExit = [...task('ChargePayment', 'PaymentDeclined'), exited('Task', 'ChargePayment'), ...task('RefundPayment', 'ok')];
    expect(sagaSteps(withExit, 'RUNNING')[0]).toMatchObject({ status: 'caught', errors: ['PaymentDeclined'] });
  });

  it('marks where a failed execution ended as failed, and a running step as running', () => {
    const history = [...task('ReleaseStock', 'Error', 'Error'), entered('Fail', 'CompensationFailed'), { type: 'ExecutionFailed' }];
    expect(sagaSteps(history, 'FAILED').map((s) => [s.name, s.status])).toEqual([
      ['ReleaseStock', 'caught'],
      ['CompensationFailed', 'failed'],
    ]);
    expect(sagaSteps([entered('Task', 'ReserveStock'), scheduled], 'RUNNING')).toMatchObject([{ name: 'ReserveStock', status: 'running', attempts: 1 }]);
  });

  it('reads the LambdaFunction* events AWS records for a task given as a function ARN', () => {
    const history = [
      entered('Task', 'ChargePayment'),
      { type: 'LambdaFunctionScheduled' },
      { type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: { error: 'PaymentGatewayUnavailable' } },
      { type: 'LambdaFunctionScheduled' },
      { type: 'LambdaFunctionTimedOut', lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' } },
      ...task('RefundPayment', 'ok'),
    ];
    expect(sagaSteps(history, 'RUNNING')[0]).toMatchObject({ status: 'caught', attempts: 2, retries: 1, errors: ['PaymentGatewayUnavailable', 'States.Timeout'] });
  });

  it('counts a timed-out attempt as a failure', () => {
    const history = [entered('Task', 'ConfirmOrder'), scheduled, { type: 'TaskTimedOut', taskTimedOutEventDetails: { error: 'States.Timeout' } }, ...task('RefundPayment', 'ok')];
    expect(sagaSteps(history, 'RUNNING')[0]).toMatchObject({ status: 'caught', errors: ['States.Timeout'] });
  });
});

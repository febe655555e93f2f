import { LocalEventBridge } from '../../../local/event-bridge/event-bridge';
import { ruleTargetDelivery } from '../../../local/event-bridge/rule-targets';
import { LocalStepFunctions } from '../../../local/step-functions/step-functions';

const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:Audit';
const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:notify';

/** A bus whose rule has a state machine (a real local one) and a Lambda function as targets. */
function system(invokeLambda: (arn: string, payload: unknown) => Promise<unknown>) {
  const stepFunctions = new LocalStepFunctions({ invokeLambda, region: 'us-east-1', accountId: '000000000000' });
  stepFunctions.register({ name: 'Audit', arn: machineArn, type: 'STANDARD', definition: { StartAt: 'Record', States: { Record: { Type: 'Pass', End: true } } } });
  const deadLetters: unknown[] = [];
  const bus = new LocalEventBridge({
    region: 'us-east-1',
    accountId: '000000000000',
    deliver: ruleTargetDelivery({ startExecution: (input) => stepFunctions.startExecution(input), invokeLambda, sendMessage: () => undefined }),
    deadLetter: (_queue, message) => deadLetters.push(message),
    retryDelayMs: 1,
  });
  bus.addRule({
    name: 'audit',
    busName: 'orderline',
    pattern: { 'detail-type': ['OrderConfirmed'] },
    enabled: true,
    targets: [
      { Id: 'machine', Arn: machineArn, InputPath: '$.detail' },
      { Id: 'function', Arn: functionArn, Input: '{"constant":true}', RetryPolicy: { MaximumRetryAttempts: 0 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:0:dlq' } },
    ],
  });
  return { bus, stepFunctions, deadLetters };
}

describe('rule targets in the local runtime', () => {
  it('starts an execution of a state machine target with the event as input, and invokes a function target', async () => {
    const invoked: unknown[] = [];
    const { bus, stepFunctions } = system(async (arn, payload) => invoked.push({ arn, payload }));
    bus.putEvents([{ EventBusName: 'orderline', Source: 'orderline.order', DetailType: 'OrderConfirmed', Detail: '{"orderId":"o-1"}' }]);
    await bus.idle();
    await stepFunctions.idle();
    const [execution] = stepFunctions.listExecutions(machineArn).executions;
    expect(execution?.status).toBe('SUCCEEDED');
    expect(stepFunctions.describeExecution(execution!.executionArn)).toMatchObject({ input: '{"orderId":"o-1"}', output: '{"orderId":"o-1"}' });
    expect(invoked).toEqual([{ arn: functionArn, payload: { constant: true } }]);
  });

  it('counts a failing function as a failed delivery, which ends in the dead-letter queue', async () => {
    const { bus, deadLetters } = system(async () => {
      throw new Error('function crashed');
    });
    bus.putEvents([{ EventBusName: 'orderline', Source: 'orderline.order', DetailType: 'OrderConfirmed', Detail: '{}' }]);
    await bus.idle();
    expect(deadLetters).toEqual([expect.objectContaining({ target: 'function', error: 'function crashed' })]);
  });

  it('puts the event on a queue target as the message body, and refuses a target it cannot deliver to', async () => {
    const sent: [string, string][] = [];
    const deliver = ruleTargetDelivery({ startExecution: () => undefined, invokeLambda: async () => undefined, sendMessage: (arn, body) => void sent.push([arn, body]) });
    await deliver('arn:aws:sqs:us-east-1:0:queue', { 'detail-type': 'OrderPlaced' });
    expect(sent).toEqual([['arn:aws:sqs:us-east-1:0:queue', '{"detail-type":"OrderPlaced"}']]);
    await expect(deliver('arn:aws:sns:us-east-1:0:topic', {})).rejects.toThrow(/Lambda functions, state machines and SQS queues only/);
  });
});

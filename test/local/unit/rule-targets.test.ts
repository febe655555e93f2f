import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalClock } from '../../../local/clock';
import { LocalDeadLetters } from '../../../local/dead-letters';
import { LocalEventBridge, type RuleDeadLetter } from '../../../local/event-bridge/event-bridge';
import { ruleTargetDelivery } from '../../../local/event-bridge/rule-targets';
import { LocalSqs } from '../../../local/sqs/service';
import { LocalStepFunctions } from '../../../local/step-functions/step-functions';

const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:Audit';
const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:notify';

/** A bus whose rule has a state machine (a real local one) and a Lambda function as targets. */
function system(invokeLambda: (arn: string, payload: unknown) => Promise<unknown>) {
  const stepFunctions = new LocalStepFunctions({ invokeLambda, region: 'us-east-1', accountId: '000000000000' });
  stepFunctions.register({ name: 'Audit', arn: machineArn, type: 'STANDARD', definition: { StartAt: 'Record', States: { Record: { Type: 'Pass', End: true } } } });
  const deadLetters: RuleDeadLetter[] = [];
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
    bus.putEvents([{ EventBusName: 'orderline', Source: 'orderline.order', DetailType: 'OrderConfirmed', Detail: '{"orderId":"o-1"}' }]);
    await bus.idle();
    // The event itself, not the target's constant input; the rule's ARN as EventBridge forms it on a custom bus.
    expect(deadLetters).toEqual([
      {
        body: expect.objectContaining({ 'detail-type': 'OrderConfirmed', detail: { orderId: 'o-1' } }),
        attributes: {
          RULE_ARN: 'arn:aws:events:us-east-1:000000000000:rule/orderline/audit',
          TARGET_ARN: functionArn,
          ERROR_CODE: 'ERROR_FROM_TARGET',
          ERROR_MESSAGE: 'function crashed',
          EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
          RETRY_ATTEMPTS: '0',
        },
      },
    ]);
  });

  it('puts a dead letter on the local queue as EventBridge does: the event as the body, why in String message attributes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'dead-letters-'));
    const sqs = new LocalSqs(new LocalClock());
    const dlq = sqs.addQueue({ name: 'dlq', arn: 'arn:aws:sqs:us-east-1:000000000000:dlq', url: 'http://local/000000000000/dlq', visibilityTimeoutSeconds: 30, retentionSeconds: 86400 });
    // Wired as local/system.ts wires them.
    const deadLetters = new LocalDeadLetters(directory, () => undefined, (arn, body, attributes) => sqs.queue(arn)?.send(body, { attributes }));
    const bus = new LocalEventBridge({
      region: 'us-east-1',
      accountId: '000000000000',
      deliver: async () => {
        throw new Error('function crashed');
      },
      deadLetter: (queue, letter) => deadLetters.send(queue, letter.body, letter.attributes),
      retryDelayMs: 1,
    });
    const ruleArn = 'arn:aws:events:us-east-1:000000000000:rule/orderline/notify';
    bus.addRule({ name: 'notify', arn: ruleArn, busName: 'orderline', pattern: { source: ['orderline.order'] }, enabled: true, targets: [{ Id: 'f', Arn: functionArn, RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: dlq.spec.arn } }] });
    bus.putEvents([{ EventBusName: 'orderline', Source: 'orderline.order', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-2"}' }]);
    await bus.idle();
    try {
      const [message, ...more] = dlq.receive(10);
      expect(more).toEqual([]);
      expect(JSON.parse(message!.Body)).toMatchObject({ version: '0', 'detail-type': 'OrderPlaced', source: 'orderline.order', detail: { orderId: 'o-2' } });
      const attributes = { RULE_ARN: ruleArn, TARGET_ARN: functionArn, ERROR_CODE: 'ERROR_FROM_TARGET', ERROR_MESSAGE: 'function crashed', EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts', RETRY_ATTEMPTS: '1' };
      expect(message!.MessageAttributes).toEqual(Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }])));
      // The file for a person to read has the same letter, the attributes beside the body.
      expect(JSON.parse(readFileSync(join(directory, 'dlq.jsonl'), 'utf8'))).toEqual({ attributes, body: JSON.parse(message!.Body) });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('puts the event on a queue target as the message body, and refuses a target it cannot deliver to', async () => {
    const sent: [string, string][] = [];
    const deliver = ruleTargetDelivery({ startExecution: () => undefined, invokeLambda: async () => undefined, sendMessage: (arn, body) => void sent.push([arn, body]) });
    await deliver('arn:aws:sqs:us-east-1:0:queue', { 'detail-type': 'OrderPlaced' });
    expect(sent).toEqual([['arn:aws:sqs:us-east-1:0:queue', '{"detail-type":"OrderPlaced"}']]);
    await expect(deliver('arn:aws:sns:us-east-1:0:topic', {})).rejects.toThrow(/Lambda functions, state machines and SQS queues only/);
  });
});

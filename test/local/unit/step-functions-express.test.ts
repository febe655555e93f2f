import { LocalStepFunctions } from '../../../local/step-functions/step-functions';
import { handleStepFunctionsCall } from '../../../local/step-functions/step-functions-api';
import { eventually } from '../../support/eventually';

/**
 * Express semantics in the local Step Functions: starts are never deduplicated by name, Express
 * executions have no Describe, History, List or Stop, and they end after the Express limit
 * (5 minutes; shortened here to a second, as a test cannot wait 5 minutes). The DynamoDB
 * integration's errors reach Catch by their Step Functions names. The functions and the DynamoDB
 * call are fakes: what is under test is the service's semantics; the integration suites run the
 * same state machines against DynamoDB Local (test/orders/integration/saga-start-once.test.ts).
 */
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

function service(lines: string[], claimed: Set<string>, expressLimitSeconds = 300) {
  return new LocalStepFunctions({
    invokeLambda: async () => ({ ok: true }),
    callDynamoDb: async (operation, parameters) => {
      const id = ((parameters.Item as Record<string, { S: string }>).sagaId as { S: string }).S;
      if (operation !== 'PutItem') throw new Error(`unexpected ${operation}`);
      if (claimed.has(id)) {
        const error = new Error('The conditional request failed');
        error.name = 'ConditionalCheckFailedException';
        throw error;
      }
      claimed.add(id);
      return {};
    },
    region: REGION,
    accountId: ACCOUNT,
    log: (line) => lines.push(line),
    expressLimitSeconds,
  });
}

/** A claimed run, as an Express saga starts: the second start of a name finds the claim and ends. */
const claimed = {
  StartAt: 'ClaimStart',
  States: {
    ClaimStart: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'runs', Item: { sagaId: { 'S.$': '$$.Execution.Name' } }, ConditionExpression: 'attribute_not_exists(sagaId)' },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'StartedAlready' }],
      Next: 'Work',
    },
    Work: { Type: 'Task', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:work`, Next: 'Done' },
    Done: { Type: 'Succeed' },
    StartedAlready: { Type: 'Succeed' },
  },
};

describe('the local Step Functions, Express', () => {
  it('starts a second execution for a name already started, and answers none of Describe, History, List and Stop for it', async () => {
    const sfn = service([], new Set());
    sfn.register({ name: 'express', arn: machineArn('express'), definition: { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, End: true } } }, type: 'EXPRESS' });
    const first = sfn.startExecution({ stateMachineArn: machineArn('express'), name: 'order-1', input: '{}' });
    const second = sfn.startExecution({ stateMachineArn: machineArn('express'), name: 'order-1', input: '{}' });
    expect(first.executionArn).not.toBe(second.executionArn);
    expect(first.executionArn).toMatch(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:express:express:order-1:`));
    for (const [action, body] of [
      ['DescribeExecution', { executionArn: first.executionArn }],
      ['GetExecutionHistory', { executionArn: first.executionArn }],
      ['StopExecution', { executionArn: first.executionArn }],
    ] as const) {
      expect(await handleStepFunctionsCall(sfn, action, body)).toMatchObject({ status: 400, body: { __type: 'InvalidArn' } });
    }
    expect(await handleStepFunctionsCall(sfn, 'ListExecutions', { stateMachineArn: machineArn('express') })).toMatchObject({ status: 400, body: { __type: 'StateMachineTypeNotSupported' } });
    expect(sfn.usage().express?.executions).toBe(2);
    await sfn.idle();
  });

  it('ends an Express execution at the Express limit, whatever its definition allows', async () => {
    const lines: string[] = [];
    const sfn = service(lines, new Set(), 1);
    sfn.register({ name: 'slow', arn: machineArn('slow'), definition: { TimeoutSeconds: 3600, StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 30, End: true } } }, type: 'EXPRESS' });
    sfn.startExecution({ stateMachineArn: machineArn('slow'), name: 'slow-1', input: '{}' });
    await eventually(async () => lines, (logged) => logged.some((line) => /saga slow-1: TIMED_OUT States\.Timeout/.test(line)), { what: 'the execution to time out', timeoutMs: 10_000 });
  });

  it('runs one claimed run for a name started twice: the second start ends at its claim', async () => {
    const runs = new Set<string>();
    const sfn = service([], runs);
    // Standard here, only to read the executions' histories back.
    sfn.register({ name: 'claimed', arn: machineArn('claimed'), definition: claimed, type: 'STANDARD' });
    const first = sfn.startExecution({ stateMachineArn: machineArn('claimed'), name: 'order-2', input: '{}' });
    await eventually(async () => sfn.describeExecution(first.executionArn), (d) => d.status !== 'RUNNING', { what: 'the first run' });
    // Standard refuses the same name, so the second start comes under another name for the same run.
    sfn.register({ name: 'claimed-again', arn: machineArn('claimed-again'), definition: claimed, type: 'STANDARD' });
    const second = sfn.startExecution({ stateMachineArn: machineArn('claimed-again'), name: 'order-2', input: '{}' });
    await eventually(async () => sfn.describeExecution(second.executionArn), (d) => d.status !== 'RUNNING', { what: 'the second run' });
    const entered = (arn: string) => sfn.getExecutionHistory(arn).events.filter((e) => e.type.endsWith('StateEntered')).map((e) => (e.stateEnteredEventDetails as { name: string }).name);
    expect(entered(first.executionArn)).toEqual(['ClaimStart', 'Work', 'Done']);
    expect(entered(second.executionArn)).toEqual(['ClaimStart', 'StartedAlready']);
    expect(sfn.getExecutionHistory(second.executionArn).events.find((e) => e.type === 'TaskFailed')).toMatchObject({ taskFailedEventDetails: { resourceType: 'dynamodb', resource: 'putItem', error: 'DynamoDB.ConditionalCheckFailedException' } });
  });
});

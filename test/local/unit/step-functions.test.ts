import { DescribeExecutionCommand, ExecutionAlreadyExists as SdkExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { LocalEdge } from '../../../local/edge/edge';
import { LambdaError } from '../../../local/lambda';
import { ExecutionAlreadyExists, LocalStepFunctions } from '../../../local/step-functions/step-functions';
import { handleStepFunctionsCall } from '../../../local/step-functions/step-functions-api';
import { eventually } from '../../support/eventually';

/**
 * The "Lambdas" here are test functions: what is under test is the local Step Functions service
 * (Retry, Catch, the Cause shape, history, naming), not the saga's handlers.
 */
const arn = (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:${fn}`;
const definition = {
  StartAt: 'Reserve',
  States: {
    Reserve: {
      Type: 'Task',
      Resource: arn('reserve'),
      ResultPath: '$.reservation',
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Release' }],
      Next: 'Confirm',
    },
    Confirm: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: arn('confirm'), 'Payload.$': '$' },
      ResultSelector: { 'confirmed.$': '$.Payload.confirmed' },
      ResultPath: '$.confirmation',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Release: { Type: 'Task', Resource: arn('release'), ResultPath: null, Next: 'Rejected' },
    Rejected: { Type: 'Succeed' },
  },
};

type Behaviour = { flakyTimes: number; business?: string; answerBytes?: number };
let behaviour: Behaviour;
let calls: string[];

async function invokeLambda(fn: string, payload: unknown): Promise<unknown> {
  const name = fn.split(':').at(-1)!;
  calls.push(name);
  if (name === 'reserve' && behaviour.flakyTimes > 0) {
    behaviour.flakyTimes--;
    throw new LambdaError('Flaky', 'try again');
  }
  if (name === 'reserve' && behaviour.business) throw new LambdaError('InsufficientStock', behaviour.business);
  if (name === 'reserve' && behaviour.answerBytes) return { padding: 'x'.repeat(behaviour.answerBytes) };
  if (name === 'confirm') return { confirmed: (payload as { orderId: string }).orderId };
  return { ok: true };
}

const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:saga';
const sfn = new LocalStepFunctions({ invokeLambda, region: 'us-east-1', accountId: '000000000000' });
sfn.register({ name: 'saga', arn: machineArn, definition, type: 'STANDARD' });

async function finished(executionArn: string) {
  return eventually(async () => sfn.describeExecution(executionArn), (d) => d.status !== 'RUNNING', { what: 'the execution to end' });
}

const stateNames = (executionArn: string) =>
  sfn.getExecutionHistory(executionArn).events.filter((e) => e.type.endsWith('StateEntered')).map((e) => (e.stateEnteredEventDetails as { name: string }).name);

beforeEach(() => {
  behaviour = { flakyTimes: 0 };
  calls = [];
});

describe('the local Step Functions service', () => {
  it('runs the happy path through both Task forms and records the history', async () => {
    const { executionArn } = sfn.startExecution({ stateMachineArn: machineArn, name: 'happy', input: JSON.stringify({ orderId: 'o-1' }) });
    const done = await finished(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ orderId: 'o-1', reservation: { ok: true }, confirmation: { confirmed: 'o-1' } });
    expect(stateNames(executionArn)).toEqual(['Reserve', 'Confirm', 'Done']);
    const types = sfn.getExecutionHistory(executionArn).events.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    // As in AWS: a function-ARN task records LambdaFunction* events, lambda:invoke records Task* events.
    expect(types).toEqual(expect.arrayContaining(['LambdaFunctionScheduled', 'LambdaFunctionSucceeded', 'TaskScheduled', 'TaskSucceeded']));
  });

  it('retries a named error with the Retry settings', async () => {
    behaviour.flakyTimes = 2;
    const { executionArn } = sfn.startExecution({ stateMachineArn: machineArn, name: 'flaky', input: '{"orderId":"o-2"}' });
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    expect(calls).toEqual(['reserve', 'reserve', 'reserve', 'confirm']);
    const history = sfn.getExecutionHistory(executionArn).events;
    expect(history.filter((e) => e.type === 'LambdaFunctionFailed')).toHaveLength(2);
    expect(history.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(3);
  });

  it('pauses retryWaitMs before each retry when given, in place of the interval, inside a Parallel branch too', async () => {
    // An hour between retries in the definition: only the override lets this end before the test's deadline.
    const hourly = { ...definition.States.Reserve, Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 3600, BackoffRate: 2, MaxAttempts: 2, JitterStrategy: 'FULL' }] };
    const quick = new LocalStepFunctions({ invokeLambda, region: 'us-east-1', accountId: '000000000000', retryWaitMs: 1 });
    const branched = { StartAt: 'Both', States: { Both: { Type: 'Parallel', Branches: [{ StartAt: 'Reserve', States: { ...definition.States, Reserve: hourly } }], OutputPath: '$[0]', End: true } } };
    const quickArn = `${machineArn}-quick`;
    quick.register({ name: 'saga-quick', arn: quickArn, definition: branched, type: 'STANDARD' });
    behaviour.flakyTimes = 2;
    const { executionArn } = quick.startExecution({ stateMachineArn: quickArn, name: 'quick', input: '{"orderId":"o-9"}' });
    // Stopped if it is still waiting: an hour's retry must not keep the test run alive.
    const done = await eventually(async () => quick.describeExecution(executionArn), (d) => d.status !== 'RUNNING', { what: 'the execution to end', timeoutMs: 5000 }).finally(() => {
      if (quick.describeExecution(executionArn).status === 'RUNNING') quick.stopExecution(executionArn);
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(calls).toEqual(['reserve', 'reserve', 'reserve', 'confirm']);
  });

  it('catches a function error by name with the Lambda error as the Cause', async () => {
    behaviour.business = 'insufficient stock for A';
    const { executionArn } = sfn.startExecution({ stateMachineArn: machineArn, name: 'short', input: '{"orderId":"o-3"}' });
    const done = await finished(executionArn);
    expect(stateNames(executionArn)).toEqual(['Reserve', 'Release', 'Rejected']);
    const output = JSON.parse(done.output!);
    expect(output.failure.Error).toBe('InsufficientStock');
    expect(JSON.parse(output.failure.Cause)).toMatchObject({ errorType: 'InsufficientStock', errorMessage: 'insufficient stock for A' });
  });

  it("fails the execution with States.DataLimitExceeded when a task's result passes 256 KiB, past its States.ALL catcher, as AWS does", async () => {
    behaviour.answerBytes = 262_144;
    const { executionArn } = sfn.startExecution({ stateMachineArn: machineArn, name: 'too-big', input: '{"orderId":"o-9"}' });
    const done = await finished(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: expect.stringContaining("'Reserve' returned a result") });
    expect(calls).toEqual(['reserve']);

    behaviour.answerBytes = 200_000;
    const { executionArn: fits } = sfn.startExecution({ stateMachineArn: machineArn, name: 'fits', input: '{"orderId":"o-10"}' });
    expect((await finished(fits)).status).toBe('SUCCEEDED');
  });

  it('treats a second start of a running execution with the same input as the same execution, anything else as a duplicate', async () => {
    behaviour.flakyTimes = 1;
    const first = sfn.startExecution({ stateMachineArn: machineArn, name: 'twice', input: '{"orderId":"o-4"}' });
    expect(sfn.startExecution({ stateMachineArn: machineArn, name: 'twice', input: '{"orderId":"o-4"}' }).executionArn).toBe(first.executionArn);
    expect(() => sfn.startExecution({ stateMachineArn: machineArn, name: 'twice', input: '{"orderId":"other"}' })).toThrow(ExecutionAlreadyExists);
    await finished(first.executionArn);
    expect(() => sfn.startExecution({ stateMachineArn: machineArn, name: 'twice', input: '{"orderId":"o-4"}' })).toThrow(ExecutionAlreadyExists);
    expect(sfn.listExecutions(machineArn).executions.filter((e) => e.name === 'twice')).toHaveLength(1);
  });

  it('times a task from when its function starts running: a wait for an environment is not the task\'s, a slow function is', async () => {
    const timed = { StartAt: 'Slow', States: { Slow: { Type: 'Task', Resource: arn('slow'), TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'TimedOut' }], End: true }, TimedOut: { Type: 'Succeed' } } };
    const run = async (waitMs: number, runMs: number) => {
      const local = new LocalStepFunctions({
        region: 'us-east-1',
        accountId: '000000000000',
        // Waits for an environment first (as a busy local pool does), then runs.
        invokeLambda: async (_fn, _payload, _task, onStart) => {
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          onStart?.();
          await new Promise((resolve) => setTimeout(resolve, runMs));
          return { ran: runMs };
        },
      });
      local.register({ name: 'timed', arn: 'arn:timed', definition: timed, type: 'STANDARD' });
      const { executionArn } = local.startExecution({ stateMachineArn: 'arn:timed', input: '{}' });
      return JSON.parse((await eventually(async () => local.describeExecution(executionArn), (d) => d.status !== 'RUNNING', { what: 'the timed execution' })).output!);
    };
    expect(await run(1_500, 100)).toEqual({ ran: 100 });
    expect((await run(0, 1_500)).failure).toMatchObject({ Error: 'States.Timeout' });
  });

  it('refuses a definition it cannot run', () => {
    const sqsTask = { StartAt: 'Send', States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } };
    expect(() => sfn.register({ name: 'bad', arn: 'arn:bad', definition: sqsTask, type: 'STANDARD' })).toThrow(/bad.Send: Task resource arn:aws:states:::sqs:sendMessage cannot run locally/);
  });

  it('answers the AWS SDK through the edge endpoint with the same shapes and errors', async () => {
    const edge = new LocalEdge({ AWSStepFunctions: (action, body) => handleStepFunctionsCall(sfn, action, body) });
    const endpoint = await edge.listen(0);
    try {
      const client = new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'sdk', input: '{"orderId":"o-5"}' }));
      expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:saga:sdk');
      expect(started.startDate).toBeInstanceOf(Date);
      await finished(started.executionArn!);
      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'sdk' });
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'sdk', input: '{}' }))).rejects.toBeInstanceOf(SdkExecutionAlreadyExists);
    } finally {
      await edge.close();
    }
  });
});

import { PUBLISHED_EVENTS } from '../../../../functions/bank/contract/published-events';
import { STORE_TRANSIENT_ERRORS } from '../../../../functions/platform/contract/saga-errors';
import { Match } from 'aws-cdk-lib/assertions';
import { synthTemplates } from '../../../support/app';
import { definitionOf as definitionIn, longestFrom } from '../../../support/state-machines';

const template = synthTemplates().template('Bank');
const definitionOf = (idPrefix: string) => definitionIn(template, idPrefix);

describe('the bank stack', () => {
  describe('the transfer saga', () => {
    const { StartAt, States } = definitionOf('TransferSaga');
    const JITTERED = { IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3, MaxDelaySeconds: 8, JitterStrategy: 'FULL' };

    it('debits, credits, completes; each Task with the transfer and the correlation id only, and a 15 s timeout', () => {
      expect(StartAt).toBe('DebitSource');
      expect([States.DebitSource.Next, States.CreditTarget.Next, States.CompleteTransfer.Next]).toEqual(['CreditTarget', 'CompleteTransfer', 'TransferCompleted']);
      expect(States.TransferCompleted.Type).toBe('Succeed');
      const tasks = Object.entries(States as Record<string, { Type: string; Parameters: Record<string, string>; TimeoutSeconds: number }>).filter(([, state]) => state.Type === 'Task');
      expect(tasks.map(([name]) => name).sort()).toEqual(['CompleteTransfer', 'CreditTarget', 'DebitSource', 'EndTransfer', 'RecordCompleteTransferFailure', 'RecordEndTransferFailure', 'RecordRefundSourceFailure', 'RefundSource']);
      for (const [name, task] of tasks) expect([name, task.Parameters['transferId.$'], task.Parameters['correlationId.$'], task.TimeoutSeconds]).toEqual([name, '$.transferId', '$.correlationId', 15]);
    });

    it('retries the legs on transient errors only, and catches any failure into the refund of the source', () => {
      for (const leg of ['DebitSource', 'CreditTarget']) {
        const [retry, ...others] = States[leg].Retry;
        expect(others).toEqual([]);
        expect(retry).toMatchObject(JITTERED);
        expect(retry.ErrorEquals).toEqual(expect.arrayContaining(['ConcurrencyError', ...STORE_TRANSIENT_ERRORS, 'Lambda.TooManyRequestsException']));
        for (const business of ['InsufficientFunds', 'AccountClosed', 'States.ALL']) expect(retry.ErrorEquals).not.toContain(business);
        expect(States[leg].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RefundSource' }]);
      }
    });

    it('completes after all when the refund finds the target credited, and otherwise ends the transfer: Succeed when rejected, Fail otherwise', () => {
      expect(States.RefundSource.ResultPath).toBe('$.refund');
      expect(States.RefundSource.Next).toBe('CreditedAfterAll');
      expect(States.CreditedAfterAll.Choices).toEqual([{ Variable: '$.refund.outcome', StringEquals: 'credited', Next: 'CompleteTransfer' }]);
      expect(States.CreditedAfterAll.Default).toBe('EndTransfer');
      expect(States.EndTransfer).toMatchObject({ ResultPath: '$.outcome', Next: 'RejectedOrFailed' });
      expect(States.RejectedOrFailed.Choices).toEqual([
        { Variable: '$.compensationFailure', IsPresent: true, Next: 'CompensationFailed' },
        { Variable: '$.outcome.outcome', StringEquals: 'rejected', Next: 'TransferRejected' },
      ]);
      expect(States.RejectedOrFailed.Default).toBe('TransferFailed');
      expect(States.TransferRejected.Type).toBe('Succeed');
      expect(States.TransferFailed).toMatchObject({ Type: 'Fail', ErrorPath: '$.failure.Error' });
    });

    it('retries the refund, the end and the completion on any error, then records each; a failed refund goes on to the end of the transfer', () => {
      const records = ['RecordRefundSourceFailure', 'RecordEndTransferFailure', 'RecordCompleteTransferFailure'];
      for (const step of ['RefundSource', 'EndTransfer', 'CompleteTransfer', ...records]) expect([step, States[step].Retry]).toEqual([step, [{ ErrorEquals: ['States.ALL'], ...JITTERED }]]);
      for (const step of ['RefundSource', 'EndTransfer']) expect(States[step].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.compensationFailure', Next: `Record${step}Failure` }]);
      expect(States.CompleteTransfer.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.compensationFailure', Next: 'CompletionFailed' }]);
      expect(States.CompletionFailed).toMatchObject({ Type: 'Pass', ResultPath: '$.failure', Next: 'RecordCompleteTransferFailure' });
      const next = (record: string) => [States[record].Parameters.step, States[record].Next, States[record].Catch[0].Next];
      expect(next('RecordRefundSourceFailure')).toEqual(['RefundSource', 'EndTransfer', 'EndTransfer']);
      expect(next('RecordEndTransferFailure')).toEqual(['EndTransfer', 'CompensationFailed', 'CompensationFailed']);
      expect(next('RecordCompleteTransferFailure')).toEqual(['CompleteTransfer', 'CompensationFailed', 'CompensationFailed']);
      expect(States.CompensationFailed).toMatchObject({ Type: 'Fail', Error: 'CompensationFailed' });
    });
  });


  it('queues TransferRequested for the transfer saga\'s starter, from the platform\'s bus', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule')).find((r) => JSON.stringify(r.Properties.EventPattern?.['detail-type']) === JSON.stringify(['TransferRequested']));
    expect(rule?.Properties.EventPattern).toEqual({ source: ['orderline.transfer'], 'detail-type': ['TransferRequested'] });
    const [target] = rule?.Properties.Targets;
    expect(target).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 }, DeadLetterConfig: { Arn: expect.anything() } });
  });

  it('forwards the published account and transfer events to the bus; the views reader follows both aggregates', () => {
    const patterns = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))
      .filter((m) => m.Properties.StartingPosition)
      .map((m) => JSON.parse(m.Properties.FilterCriteria.Filters[0].Pattern).dynamodb);
    // The views reader hands each view only the streams it takes (functions/bank/projections/project-views.ts).
    expect(patterns.filter((p) => p.Keys).map((p) => p.Keys.streamId.S.map((leaf: { prefix: string }) => leaf.prefix).join(','))).toEqual(['account#,transfer#']);
    expect(patterns.filter((p) => p.NewImage).map((p) => p.NewImage.type.S)).toEqual([[...PUBLISHED_EVENTS]]);
  });

  it('keeps transfer failure records when the stack is deleted, and protects them and the events from deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KeySchema: [{ AttributeName: 'transferId', KeyType: 'HASH' }], DeletionProtectionEnabled: true }),
    });
    for (const table of Object.values(template.findResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' }))) expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  it('adds every route of the bank to the HTTP API', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(
      [
        'POST /accounts', 'POST /accounts/{id}/deposit', 'POST /accounts/{id}/withdraw', 'POST /accounts/{id}/close',
        'GET /accounts', 'GET /accounts/{id}', 'GET /accounts/{id}/transactions', 'GET /accounts/{id}/events', 'GET /transactions',
        'POST /transfers', 'GET /transfers', 'GET /transfers/{id}',
      ].sort(),
    );
  });

  it('lets only the bank\'s commands use its idempotency table', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    const idempotency = Object.keys(tables).find((id) => tables[id]?.Properties.KeySchema[0].AttributeName === 'key')!;
    const roles = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument.Statement).includes(`"${idempotency}"`))
      .map((policy) => String(policy.Properties.Roles[0].Ref).replace(/Role[0-9A-F]{8}$/, ''));
    expect(roles.sort()).toEqual(['CloseAccount', 'Deposit', 'OpenAccount', 'RequestTransfer', 'Withdraw']);
  });
});

describe('the bank reconciler', () => {
  it('runs every 15 minutes, may list, describe and start transfer sagas but not change them otherwise, and writes only the event store (to end a stranded transfer) and the inbox (how a retry went)', () => {
    const [rule] = Object.values(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: Match.anyValue() } }));
    expect(rule?.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => p.Properties.Roles[0].Ref.startsWith('ReconcilerReconcileRole'));
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect([...new Set(actions.filter((a: string) => a.startsWith('states:')))].sort()).toEqual(['states:DescribeExecution', 'states:ListExecutions', 'states:StartExecution']);
    const store = Object.keys(template.findResources('AWS::DynamoDB::Table')).filter((id) => id.startsWith('EventStoreEvents') || id.startsWith('EventStoreSnapshots'));
    const written = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st: { Action: string | string[] }) => [st.Action].flat().some((a) => /^dynamodb:(PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem)$/.test(a)))
      .flatMap((st: { Resource: unknown }) => [st.Resource].flat())
      .map((r: unknown) => JSON.stringify(r));
    expect(written.length).toBeGreaterThan(0);
    // And the operator's inbox, where it records how a retry of a saga went.
    expect(written.filter((r: string) => !store.some((table) => r.includes(table)) && !r.includes('InboxTableName'))).toEqual([]);
  });
});

describe('the saga timeout', () => {
  it('covers the transfer saga\'s slowest path too, so no failure record is cut off', () => {
    const { StartAt, States, TimeoutSeconds } = definitionOf('TransferSaga');
    const slowest = longestFrom(States, StartAt);
    // Debit, credit, the refund failing and its record, the end failing and its record: each 4 tries of 15 s plus 7 s of waits.
    expect(slowest).toBe(6 * (4 * 15 + 7));
    expect(TimeoutSeconds).toBeGreaterThanOrEqual(slowest);
  });
});

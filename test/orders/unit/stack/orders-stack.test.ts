import { PUBLISHED_EVENTS } from '../../../../functions/orders/contract/published-events';
import { STORE_TRANSIENT_ERRORS } from '../../../../functions/platform/contract/saga-errors';
import { Match } from 'aws-cdk-lib/assertions';
import { synthTemplates } from '../../../support/app';
import { definitionOf as definitionIn, longestFrom } from '../../../support/state-machines';

const synthesized = synthTemplates();
const template = synthesized.template('Orders');
const definitionOf = (idPrefix: string) => definitionIn(template, idPrefix);

describe('the orders stack', () => {
  it('keeps the events table: streamId/version keys, new-image stream, PITR, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'streamId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  const streamMappings = () => Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((m) => m.Properties.StartingPosition);

  it('consumes the stream with partial batch failures, bisect, retries and a DLQ; the bus forwarder retries until records expire', () => {
    const mappings = streamMappings();
    // The views reader and the forwarder to the bus: the two readers a stream allows.
    expect(mappings.length).toBe(2);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
    expect(mappings.map((m) => m.Properties.MaximumRetryAttempts).sort()).toEqual([-1, 3]);
  });

  it('reads the stream for the views in a tumbling window (the store figures are written once a window per shard), and forwards to the bus without one', () => {
    const windows = streamMappings().map((m) => [m.Properties.MaximumRetryAttempts, m.Properties.TumblingWindowInSeconds]);
    expect(windows.sort()).toEqual([
      [-1, undefined],
      [3, 10],
    ]);
  });

  it("has the views reader follow the context's aggregates (it hands each view only the streams it takes), the forwarder only the published events", () => {
    const patterns = streamMappings().map((m) => JSON.parse(m.Properties.FilterCriteria.Filters[0].Pattern));
    const prefixes = patterns
      .filter((p) => p.dynamodb.Keys)
      .map((p) => p.dynamodb.Keys.streamId.S.map((leaf: { prefix: string }) => leaf.prefix).join(','))
      .sort();
    const every = 'order#,product#,reservation#,payment#';
    expect(prefixes).toEqual([every]);
    const types = patterns.filter((p) => p.dynamodb.NewImage).map((p) => p.dynamodb.NewImage.type.S);
    expect(types).toEqual([[...PUBLISHED_EVENTS]]);
  });

  it('indexes the orders view by customer, by status and all in one partition, ordered by creation time', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'byCustomer', KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] }),
        Match.objectLike({ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] }),
        Match.objectLike({ IndexName: 'byTime', KeySchema: [{ AttributeName: 'feed', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] }),
      ],
    });
  });

  describe('effects that must happen, on durable paths from the bus', () => {
    const rules = () => Object.values(template.findResources('AWS::Events::Rule'));
    const queues = template.findResources('AWS::SQS::Queue');
    const ruleFor = (detailType: string) => rules().find((r) => JSON.stringify(r.Properties.EventPattern?.['detail-type']) === JSON.stringify([detailType]));

    it('queues OrderPlaced for the saga starter and a customer\'s OrderCancelled for the undo, from the platform\'s bus', () => {
      expect(ruleFor('OrderPlaced')?.Properties.EventPattern).toEqual({ source: ['orderline.order'], 'detail-type': ['OrderPlaced'] });
      expect(ruleFor('OrderPlaced')?.Properties.EventBusName).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::ImportValue': 'Orderline-test-EventBusArn' }] }] }] }] });
      expect(ruleFor('OrderCancelled')?.Properties.EventPattern).toEqual({ source: ['orderline.order'], 'detail-type': ['OrderCancelled'], detail: { data: { by: ['customer'] } } });
    });

    it('keeps the event itself: rule retries into a queue of 14 days, a dead-letter queue for what the rule cannot deliver', () => {
      for (const type of ['OrderPlaced', 'OrderCancelled']) {
        const [target] = ruleFor(type)?.Properties.Targets;
        const queue = queues[target.Arn['Fn::GetAtt'][0]];
        expect(queue?.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, VisibilityTimeout: 60, RedrivePolicy: { maxReceiveCount: 1000 } });
        expect(target).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 }, DeadLetterConfig: { Arn: expect.anything() } });
        expect(target.DeadLetterConfig.Arn).toEqual(queue?.Properties.RedrivePolicy.deadLetterTargetArn);
      }
    });

    it('works each queue with a function that reports partial batch failures', () => {
      const sqsMappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((m) => !m.Properties.StartingPosition);
      // The two effects, the repair queue of each of the three projections, and the inbox intake
      // on each of the eight dead-letter queues (three parked, two effects, the views reader's, the forwarder's, notify's).
      expect(sqsMappings).toHaveLength(13);
      const intake = sqsMappings.filter((m) => m.Properties.FunctionName.Ref.startsWith('InboxIntake'));
      expect(intake).toHaveLength(8);
      for (const mapping of sqsMappings) expect(mapping.Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    });
  });

  it('runs Lambdas on Node 24, each logging to a group of its own that keeps logs a month', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      const group = logGroups[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(group?.Properties.RetentionInDays).toBe(30);
    }
    for (const group of Object.values(logGroups)) expect(group.Properties.RetentionInDays).toBe(30);
  });

  describe('the order saga', () => {
    const definition = () => definitionOf('OrderSaga');

    it('is a Standard workflow: one execution per order name, with a readable history', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
    });

    it('reserves stock, charges, commits the stock, then confirms (an order ships only what is committed) and ends in OrderConfirmed', () => {
      const { StartAt, States } = definition();
      expect(StartAt).toBe('ReserveStock');
      expect(States.ReserveStock.Next).toBe('ChargePayment');
      expect(States.ChargePayment.Next).toBe('CommitStock');
      expect(States.CommitStock.Next).toBe('ConfirmOrder');
      expect(States.ConfirmOrder.Next).toBe('Confirmation');
      expect(States.Confirmation.Next).toBe('OrderConfirmed');
      expect(States.OrderConfirmed.Type).toBe('Succeed');
    });

    it('passes each step only what it needs, with the correlation id, and keeps only the results that are used', () => {
      const { States } = definition();
      expect(States.ChargePayment.Parameters).toEqual({ 'orderId.$': '$.orderId', 'total.$': '$.total', 'paymentMethodRef.$': '$.paymentMethodRef', 'correlationId.$': '$.correlationId' });
      const tasks = Object.entries(States as Record<string, { Type: string; Parameters?: Record<string, string> }>).filter(([, state]) => state.Type === 'Task');
      expect(tasks.length).toBe(10);
      for (const [name, task] of tasks) expect([name, task.Parameters?.['correlationId.$']]).toEqual([name, '$.correlationId']);
      expect(States.ConfirmOrder.Parameters['placedAt.$']).toBe('$.placedAt');
      expect(States.ChargePayment.ResultPath).toBe('$.payment');
      for (const step of ['ReserveStock', 'ConfirmOrder', 'CommitStock', 'RefundPayment', 'ReleaseStock']) expect(States[step].ResultPath).toBeNull();
      expect(States.CancelOrder.ResultPath).toBe('$.outcome');
    });

    it('catches every forward failure into the compensation that undoes the step and all before it', () => {
      const { States } = definition();
      expect(States.ReserveStock.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'ReleaseStock' }]);
      for (const step of ['ChargePayment', 'ConfirmOrder', 'CommitStock']) {
        expect(States[step].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RefundPayment' }]);
      }
      expect(States.RefundPayment.Next).toBe('ReleaseStock');
      expect(States.ReleaseStock.Next).toBe('CancelOrder');
      expect(States.CancelOrder.Next).toBe('RejectedOrFailed');
    });

    it('ends a business rejection in Succeed OrderRejected and any other failure in a Fail', () => {
      const { States } = definition();
      expect(States.RejectedOrFailed.Choices).toEqual([
        { Variable: '$.compensationFailure', IsPresent: true, Next: 'CompensationFailed' },
        { Variable: '$.outcome.outcome', StringEquals: 'rejected', Next: 'Rejection' },
      ]);
      expect(States.RejectedOrFailed.Default).toBe('CancelledAfterFailure');
      expect(States.Rejection.Next).toBe('OrderRejected');
      expect(States.OrderRejected.Type).toBe('Succeed');
      expect(States.CancelledAfterFailure).toMatchObject({ Type: 'Fail', ErrorPath: '$.failure.Error' });
    });

    it('gives every task a timeout, which States.ALL catches into compensation', () => {
      const { States } = definition();
      const tasks = Object.entries(States).filter(([, state]) => (state as { Type: string }).Type === 'Task');
      expect(tasks.map(([name]) => name).sort()).toEqual(
        ['CancelOrder', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'RecordCancelOrderFailure', 'RecordRefundPaymentFailure', 'RecordReleaseStockFailure', 'RefundPayment', 'ReleaseStock', 'ReserveStock'].sort(),
      );
      for (const [, state] of tasks) expect((state as { TimeoutSeconds: number }).TimeoutSeconds).toBe(15);
    });

    it('retries transient errors with jittered backoff on the forward steps, but not business rejections', () => {
      const { States } = definition();
      for (const step of ['ReserveStock', 'ChargePayment', 'ConfirmOrder', 'CommitStock']) {
        expect(States[step].Retry).toHaveLength(1);
        const [retry] = States[step].Retry;
        expect(retry).toMatchObject({ IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3, MaxDelaySeconds: 8, JitterStrategy: 'FULL' });
        expect(retry.ErrorEquals).toEqual(expect.arrayContaining(['ConcurrencyError', ...STORE_TRANSIENT_ERRORS, 'PaymentGatewayUnavailable', 'Lambda.TooManyRequestsException']));
        for (const business of ['InsufficientStock', 'PaymentDeclined', 'States.ALL', 'States.Timeout']) expect(retry.ErrorEquals).not.toContain(business);
      }
    });

    it('retries a compensation on any error, then records it and goes on to the next undo, ending in CompensationFailed', () => {
      const { States } = definition();
      const retry = [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3, MaxDelaySeconds: 8, JitterStrategy: 'FULL' }];
      const goesOn = { RefundPayment: 'ReleaseStock', ReleaseStock: 'CancelOrder', CancelOrder: 'CompensationFailed' };
      for (const [step, next] of Object.entries(goesOn)) {
        const record = `Record${step}Failure`;
        expect(States[step].Retry).toEqual(retry);
        expect(States[step].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.compensationFailure', Next: record }]);
        // The record names the step, and the chain goes on whether or not it could be written.
        expect(States[record]).toMatchObject({ Parameters: { step, 'orderId.$': '$.orderId', 'compensationFailure.$': '$.compensationFailure' }, Retry: retry, ResultPath: null, Next: next });
        expect(States[record].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.recordFailure', Next: next }]);
      }
      expect(States.CompensationFailed).toMatchObject({ Type: 'Fail', Error: 'CompensationFailed', CausePath: '$.compensationFailure.Cause' });
    });
  });

  it('keeps saga failure records when the stack is deleted, and protects them and the events from deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], DeletionProtectionEnabled: true }),
    });
    for (const table of Object.values(template.findResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' }))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    }
  });

  it('routes the customer-facing order events from the bus to the notifications function, shaped by a transformer', () => {
    synthesized.template('Platform').hasResourceProperties('AWS::Events::EventBus', { Name: 'orderline-test' });
    const rule = Object.values(template.findResources('AWS::Events::Rule')).find((r) => r.Properties.EventPattern?.['detail-type']?.includes('OrderConfirmed'));
    expect(rule?.Properties.EventPattern).toEqual({ source: ['orderline.order'], 'detail-type': ['OrderConfirmed', 'OrderRejected', 'OrderCancelled', 'OrderShipped'] });
    const [target] = rule?.Properties.Targets;
    expect(target.InputTransformer.InputPathsMap).toMatchObject({ 'detail-eventId': '$.detail.eventId', 'detail-data-orderId': '$.detail.data.orderId' });
    expect(target).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 4 }, DeadLetterConfig: { Arn: expect.anything() } });
  });

  it('keeps idempotency keys in a table that expires them', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('adds every command and query route of the orders to the HTTP API, with payload format 2.0', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(
      [
        'POST /products', 'POST /products/{sku}/restock', 'GET /products/{sku}',
        'POST /orders', 'POST /orders/{id}/items', 'DELETE /orders/{id}/items/{sku}', 'POST /orders/{id}/place',
        'POST /orders/{id}/cancel', 'POST /orders/{id}/ship', 'POST /orders/{id}/deliver',
        'GET /orders/{id}', 'GET /orders/{id}/events', 'GET /orders/{id}/saga', 'GET /orders/{id}/notifications', 'GET /orders', 'GET /products', 'GET /stats',
      ].sort(),
    );
    for (const integration of Object.values(template.findResources('AWS::ApiGatewayV2::Integration'))) {
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statements = (policy: Record<string, any>): Statement[] => policy.Properties.PolicyDocument.Statement;
const actions = (statement: Statement) => [statement.Action].flat();

describe('access to the orders\' tables', () => {
  it('lets only the HTTP commands use the idempotency table, and only PlaceOrder and ChargePayment touch payment tokens', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    const tableId = (key: string) => Object.keys(tables).find((id) => tables[id]?.Properties.KeySchema[0].AttributeName === key)!;
    const rolesOn = (table: string) =>
      Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => statements(policy).some((s) => JSON.stringify(s.Resource).includes(`"${table}"`)))
        .map((policy) => ({ role: String(policy.Properties.Roles[0].Ref), actions: statements(policy).filter((s) => JSON.stringify(s.Resource).includes(`"${table}"`)).flatMap(actions) }));
    const idempotency = rolesOn(tableId('key'));
    expect(idempotency.map((r) => r.role.replace(/^(.+)Role[0-9A-F]{8}$/, '$1')).sort()).toEqual(
      ['AddProduct', 'Restock', 'CreateOrder', 'AddItem', 'RemoveItem', 'PlaceOrder', 'CancelOrder', 'ShipOrder', 'DeliverOrder'].sort(),
    );
    const tokens = rolesOn(tableId('ref'));
    expect(tokens).toEqual(
      expect.arrayContaining([
        { role: expect.stringMatching(/^PlaceOrderRole/), actions: ['dynamodb:PutItem'] },
        { role: expect.stringMatching(/^OrderSagaChargePaymentFunctionRole/), actions: ['dynamodb:UpdateItem'] },
      ]),
    );
    expect(tokens).toHaveLength(2);
  });

});

describe('the reconciler', () => {
  it('runs every 15 minutes and may list, describe and restart order sagas but not change them otherwise', () => {
    const [rule] = Object.values(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: Match.anyValue() } }));
    expect(rule?.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    const [fnId] = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^Finds and repairs') } }));
    expect(rule?.Properties.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => p.Properties.Roles[0].Ref.startsWith('ReconcilerReconcileRole'));
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect([...new Set(actions.filter((a: string) => a.startsWith('states:')))].sort()).toEqual(['states:DescribeExecution', 'states:ListExecutions', 'states:StartExecution']);
    const started = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: { Action: string | string[] }) => [s.Action].flat().includes('states:StartExecution'));
    const machines = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(started.map((s: { Resource: { Ref: string } }) => s.Resource.Ref).sort()).toEqual(machines.sort());
  });
});

describe('the saga timeout', () => {
  it('covers the slowest path the definition allows, so no undo or failure record is cut off', () => {
    const { StartAt, States, TimeoutSeconds } = definitionOf('OrderSaga');
    const slowest = longestFrom(States, StartAt);
    // Four forward steps, three compensations and each one's record, each 4 tries of 15 s plus 7 s of waits.
    expect(slowest).toBe(10 * (4 * 15 + 7));
    expect(TimeoutSeconds).toBeGreaterThanOrEqual(slowest);
  });
});

it('expires the stats table\'s event-id markers by TTL', () => {
  template.hasResourceProperties('AWS::DynamoDB::Table', {
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  });
});

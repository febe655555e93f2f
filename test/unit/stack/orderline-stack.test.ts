import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OrderlineStack } from '../../../lib/orderline-stack';

/** Bundling is skipped here (about 1.5 s instead of a full build); `npm start` covers the real synth. */
function synth(): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new OrderlineStack(app, 'Orderline-test', { stage: 'test' }));
}

const template = synth();

describe('the Orderline stack', () => {
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

  it('consumes the stream with partial batch failures, bisect, bounded retries and a DLQ', () => {
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping');
    expect(Object.keys(mappings).length).toBe(4);
    for (const mapping of Object.values(mappings)) {
      expect(mapping.Properties).toMatchObject({
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 3,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
  });

  it('gives each projection only the streams it needs', () => {
    const patterns = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => JSON.parse(m.Properties.FilterCriteria.Filters[0].Pattern));
    const prefixes = patterns.filter((p) => p.dynamodb.Keys).map((p) => p.dynamodb.Keys.streamId.S[0].prefix).sort();
    expect(prefixes).toEqual(['order#', 'order#', 'product#']);
  });

  it('indexes the orders view by customer and by status, ordered by creation time', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'byCustomer', KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] }),
        Match.objectLike({ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }] }),
      ],
    });
  });

  it('starts the saga only on OrderPlaced inserts', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['OrderPlaced'] } } } }) }],
      },
    });
  });

  it('runs Lambdas on Node 22 with the SDK left to the runtime', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
  });

  describe('the order saga', () => {
    const definition = (): Record<string, any> => {
      const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
      const body = machine?.Properties.DefinitionString;
      // The definition is a Fn::Join of strings and function ARNs; the ARNs do not matter here.
      const text = body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'arn')).join('');
      return JSON.parse(text);
    };

    it('is a Standard workflow: one execution per order name, with a readable history', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
    });

    it('reserves stock, then confirms, and ends in OrderConfirmed', () => {
      const { StartAt, States } = definition();
      expect(StartAt).toBe('ReserveStock');
      expect(States.ReserveStock.Next).toBe('ConfirmOrder');
      expect(States.ConfirmOrder.Next).toBe('Confirmation');
      expect(States.OrderConfirmed.Type).toBe('Succeed');
    });

    it('catches any forward failure into the compensation chain ending in OrderRejected', () => {
      const { States } = definition();
      for (const step of ['ReserveStock', 'ConfirmOrder']) {
        expect(States[step].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'ReleaseStock' }]);
        expect(States[step].TimeoutSeconds).toBe(15);
      }
      expect(States.ReleaseStock.Next).toBe('CancelOrder');
      expect(States.CancelOrder.Next).toBe('Rejection');
      expect(States.Rejection.Next).toBe('OrderRejected');
      expect(States.OrderRejected.Type).toBe('Succeed');
    });

    it('sends a failing compensation to CompensationFailed', () => {
      const { States } = definition();
      for (const step of ['ReleaseStock', 'CancelOrder']) {
        expect(States[step].Catch[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'CompensationFailed' });
      }
      expect(States.CompensationFailed.Type).toBe('Fail');
    });

    it('retries lost concurrency races with backoff on every step', () => {
      const { States } = definition();
      for (const step of ['ReserveStock', 'ConfirmOrder', 'ReleaseStock', 'CancelOrder']) {
        expect(States[step].Retry).toContainEqual(
          expect.objectContaining({ ErrorEquals: expect.arrayContaining(['ConcurrencyError']), BackoffRate: 2, MaxAttempts: 4 }),
        );
      }
    });
  });

  it('keeps idempotency keys in a table that expires them', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('exposes every command and query route on an HTTP API with payload format 2.0', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(
      [
        'POST /products', 'POST /products/{sku}/restock', 'GET /products/{sku}',
        'POST /orders', 'POST /orders/{id}/items', 'DELETE /orders/{id}/items/{sku}', 'POST /orders/{id}/place',
        'POST /orders/{id}/cancel', 'POST /orders/{id}/ship', 'POST /orders/{id}/deliver',
        'GET /orders/{id}', 'GET /orders/{id}/events', '$default', 'GET /orders', 'GET /products', 'GET /stats',
      ].sort(),
    );
    for (const integration of Object.values(template.findResources('AWS::ApiGatewayV2::Integration'))) {
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });
});

import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sagaExecutions } from '../functions/platform/saga/saga-executions';
import { ENV } from '../functions/platform/contract/environment';
import { SFNClient } from '@aws-sdk/client-sfn';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventSchemas } from '../functions/orders/domain';
import { paymentGateway } from '../functions/orders/payments/gateway-from-env';
import { reconcile } from '../functions/orders/reconcile/reconcile';
import { stockLevels } from '../functions/orders/stock/stock-levels';
import { createEventStore } from '../functions/platform/eventstore';
import { dynamoDbCheckpoints } from '../functions/platform/reconcile/checkpoints';

export type ReconcileRun = {
  endedOrders: number;
  /** One run over them all, no budget: its seconds and orders checked per second. */
  fullPass: { seconds: number; ordersPerSecond: number };
  /** Runs of `budgetSeconds` each, every one going on from the last one's checkpoint, until the pass is complete. */
  budgeted: { budgetSeconds: number; runs: number; longestRunSeconds: number; ordersChecked: number };
};

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/**
 * The orders reconciler over `orders` ended (cancelled) orders, on tables of its own in the bench
 * system's DynamoDB Local: once in one run with no budget, then in runs of `budgetSeconds` that
 * each keep their place (checkpoints), as the scheduled function does with its 5 minutes. Each
 * order costs what a real one whose compensation went right costs: its payment and reservation
 * streams read (empty here), nothing to repair.
 */
export async function reconcileRun(options: { dynamodbEndpoint: string; edgeUrl: string; stateMachineArn: string; runsTable?: string; orders: number; budgetSeconds: number }, onProgress?: (fraction: number) => void): Promise<ReconcileRun> {
  const raw = new DynamoDBClient({ endpoint: options.dynamodbEndpoint, region: 'us-east-1', credentials });
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const table = async (keys: [string, string?], indexed = false) => {
    const TableName = `bench-reconcile-${randomUUID().slice(0, 8)}`;
    const [hash, range] = keys;
    await raw.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])],
        AttributeDefinitions: [
          { AttributeName: hash, AttributeType: 'S' },
          ...(range ? [{ AttributeName: range, AttributeType: 'N' as const }] : []),
          ...(indexed ? [{ AttributeName: 'status', AttributeType: 'S' as const }, { AttributeName: 'createdAt', AttributeType: 'S' as const }] : []),
        ],
        ...(indexed
          ? { GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' as const }, { AttributeName: 'createdAt', KeyType: 'RANGE' as const }], Projection: { ProjectionType: 'ALL' as const } }] }
          : {}),
      }),
    );
    return TableName;
  };
  const [ordersTable, eventsTable, levelsTable, ledgerTable] = [await table(['orderId'], true), await table(['streamId', 'version']), await table(['sku']), await table(['idempotencyKey'])];
  const now = Date.now();
  const rows = Array.from({ length: options.orders }, (_, i) => ({ orderId: randomUUID(), status: 'cancelled', createdAt: new Date(now - i * 1000).toISOString(), updatedAt: new Date(now).toISOString() }));
  for (let i = 0; i < rows.length; i += 250) {
    await Promise.all(Array.from({ length: 10 }, (_, j) => rows.slice(i + j * 25, i + (j + 1) * 25)).filter((batch) => batch.length > 0).map((batch) => client.send(new BatchWriteCommand({ RequestItems: { [ordersTable]: batch.map((Item) => ({ PutRequest: { Item } })) } }))));
    onProgress?.((0.2 * i) / rows.length);
  }
  const deps = {
    store: createEventStore({ client, tableName: eventsTable, schemas: eventSchemas }),
    levels: stockLevels(client, levelsTable),
    client,
    executions: sagaExecutions(new SFNClient({ endpoint: options.edgeUrl, region: 'us-east-1', credentials }), options.stateMachineArn, client, { [ENV.sagaRunsTable]: options.runsTable }),
    gateway: paymentGateway(client, ledgerTable),
    ordersTable,
    ordersByStatusIndex: 'byStatus',
  };

  const started = performance.now();
  const full = await reconcile(deps);
  const seconds = (performance.now() - started) / 1000;
  onProgress?.(0.6);

  const checkpoints = dynamoDbCheckpoints(client, await table(['check']));
  let runs = 0;
  let longest = 0;
  let checked = 0;
  for (let complete = false; !complete && runs < 1000; runs++) {
    const runStarted = performance.now();
    const report = await reconcile({ ...deps, checkpoints, deadline: Date.now() + options.budgetSeconds * 1000 });
    longest = Math.max(longest, (performance.now() - runStarted) / 1000);
    checked += report.ordersChecked;
    complete = report.complete;
    onProgress?.(0.6 + 0.4 * Math.min(1, checked / options.orders));
  }
  return { endedOrders: full.ordersChecked, fullPass: { seconds, ordersPerSecond: full.ordersChecked / seconds }, budgeted: { budgetSeconds: options.budgetSeconds, runs, longestRunSeconds: longest, ordersChecked: checked } };
}

import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventSchemas } from '../functions/platform/domain';
import { createEventStore } from '../functions/platform/eventstore';
import { stockLevels } from '../functions/orders/stock/stock-levels';
import { paymentGatewayFromEnv } from '../functions/orders/payments/gateway-from-env';
import { reconcile } from '../functions/orders/reconcile/reconcile';
import { ORDER_INDEXES, TRANSFER_INDEXES } from '../lib/orders/read-models';
import { clientSettings, readStackTarget } from './stack-target';

const USAGE = `usage: npm run reconcile -- [--runtime .local/runtime.json] [--outputs cdk-outputs.json --stack Orderline-dev] [--grace-minutes 5] [--lookback-days 7] [--order <id> …] [--transfer <id> …]

Finds and repairs what slipped through: placed orders without a saga, cancelled or rejected
orders with a charge not refunded or stock still held, requested transfers without a saga.
Prints what it found and did as JSON; exits 1 if anything could not be repaired; --order and
--transfer limit it to some orders and transfers (giving only one kind checks only that kind). Against \`npm start\` it reads .local/runtime.json;
against AWS give the stack outputs (cdk deploy --outputs-file) and the usual AWS credentials.
The same code runs in AWS every 15 minutes (the Reconciler function).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runtime: { type: 'string' },
      outputs: { type: 'string' },
      stack: { type: 'string', default: 'Orderline-dev' },
      'grace-minutes': { type: 'string', default: '5' },
      'lookback-days': { type: 'string', default: '7' },
      order: { type: 'string', multiple: true },
      transfer: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const target = readStackTarget(values);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientSettings(target.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
  const output = (name: string) => {
    const value = target.outputs[name];
    if (!value) throw new Error(`the stack outputs have no ${name}`);
    return value;
  };
  const report = await reconcile({
    store: createEventStore({ client, tableName: output('EventsTableName'), schemas: eventSchemas }),
    levels: stockLevels(client, output('StockLevelsTableName')),
    client,
    sfn: new SFNClient(clientSettings(target.edge)),
    gateway: paymentGatewayFromEnv(),
    ordersTable: output('OrdersTableName'),
    ordersByStatusIndex: ORDER_INDEXES.byStatus,
    stateMachineArn: output('OrderSagaArn'),
    sagaGraceMs: Number(values['grace-minutes']) * 60_000,
    lookbackMs: Number(values['lookback-days']) * 24 * 3_600_000,
    // Only transfers asked for: no order is checked (and the reverse).
    orderIds: values.transfer && !values.order ? [] : values.order,
    transfers: {
      transfersTable: output('TransfersTableName'),
      transfersByStatusIndex: TRANSFER_INDEXES.byStatus,
      stateMachineArn: output('TransferSagaArn'),
      transferIds: values.order && !values.transfer ? [] : values.transfer,
    },
  });
  console.log(JSON.stringify(report, null, 2));
  if (report.findings.some((finding) => !finding.repaired)) process.exitCode = 1;
}


main().catch((error: Error) => {
  console.error(`reconcile: ${error.message}`);
  process.exit(1);
});

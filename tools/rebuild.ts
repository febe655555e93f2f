import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { createEventStore, type EventSchemas, type StoredEvent } from '../functions/platform/eventstore';
import type { EventParking } from '../functions/platform/projections/parking/parked-events';
import { contextOperations } from './contexts';

const usage = (views: string[]) => `usage: npm run rebuild -- <${views.join('|')}> [--events-table NAME --view-table NAME] [--into EMPTY_TABLE]

Replays a view's context's events table into a fresh copy of the view's read table and reports
how it compares with the live one. Against the system of \`npm start\` it finds everything in
.local/runtime.json; against AWS give the table names (the stack outputs) and the usual
AWS_REGION / credentials. With --into it fills that (new, empty) table instead of creating one.`;

/** Rebuilds one projection from the events table into a fresh table; the live system keeps serving. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'events-table': { type: 'string' }, 'view-table': { type: 'string' }, into: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  const name = positionals[0] ?? '';
  const contexts = await contextOperations();
  const context = contexts.find((c) => Object.hasOwn(c.views, name));
  const projection = context?.views[name];
  if (values.help || !context || !projection) return void console.error(usage(contexts.flatMap((c) => Object.keys(c.views))));

  const local = values['events-table'] ? undefined : readRuntime();
  const client = new DynamoDBClient(local ? { endpoint: local.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const eventsTable = values['events-table'] ?? local!.outputs[context.eventsOutput]!;
  const liveTable = values['view-table'] ?? local!.outputs[projection.output]!;

  const freshTable = values.into ?? `${liveTable}-rebuild-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  if (!values.into) await createLike(client, liveTable, freshTable);
  // An event the projection cannot apply is skipped and reported: the live function parks it in
  // its parked-events queue instead, but a rebuild has no queue to park in, and needs none.
  const skipped: string[] = [];
  const parking: EventParking = { park: async ({ event, reason }) => void skipped.push(`${event.streamId} v${event.version} (${event.type}): ${reason}`) };
  const store = createEventStore({ client: documents, tableName: eventsTable, schemas: context.schemas });
  const { project } = projection.projection({ client: documents, tableName: freshTable, store, parking });

  const total = await countItems(documents, eventsTable);
  const progress = progressBar(total);
  let replayed = 0;
  const failed: string[] = [];
  // A scan returns each stream's events together and in version order, so the projection applies
  // them one by one (a gap would be healed from the store all the same).
  for await (const events of scanPages(documents, eventsTable, context.schemas)) {
    for (const event of events) {
      try {
        await project(event);
      } catch (error) {
        failed.push(`${event.streamId} v${event.version} (${event.type}): ${(error as Error).message}`);
      }
      progress(++replayed);
    }
  }
  process.stderr.write('\n');
  for (const line of skipped) console.error(`could not apply ${line}`);
  for (const line of failed) console.error(`failed on ${line} (a transient error: run the rebuild again)`);
  const rows = await countItems(documents, freshTable);
  const liveRows = await countItems(documents, liveTable);
  console.log(
    `rebuilt ${name}: ${replayed} events replayed into ${freshTable}: ${rows} rows (the live table ${liveTable} has ${liveRows}); ` +
      `${skipped.length} event(s) could not be applied` + (failed.length ? `; ${failed.length} failed for a transient reason` : ''),
  );
}

function readRuntime(): { dynamodbEndpoint: string; outputs: Record<string, string> } {
  const file = join(__dirname, '..', '.local', 'runtime.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`no running local system found (${file}); start it with npm start, or give --events-table and --view-table for AWS`);
  }
}

async function createLike(client: DynamoDBClient, source: string, target: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: source }));
  await client.send(
    new CreateTableCommand({
      TableName: target,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: Table?.KeySchema,
      AttributeDefinitions: Table?.AttributeDefinitions,
      GlobalSecondaryIndexes: Table?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 300 }, { TableName: target });
}

async function* scanPages(client: DynamoDBDocumentClient, tableName: string, schemas: EventSchemas): AsyncGenerator<StoredEvent[]> {
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page: ScanCommandOutput = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    // Raw items, as old as the table: upcast like every other read, so projections see today's shapes only.
    yield ((page.Items ?? []) as StoredEvent[]).map(schemas.upcast);
    start = page.LastEvaluatedKey;
  } while (start);
}

async function countItems(client: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let count = 0;
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page: ScanCommandOutput = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function progressBar(total: number): (done: number) => void {
  let last = -1;
  return (done) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent === last && done !== total) return;
    last = percent;
    const filled = Math.round(percent / 4);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(25 - filled)}] ${percent}% ${done}/${total} events`);
  };
}

main().catch((error: Error) => {
  console.error(`rebuild failed: ${error.message}`);
  process.exit(1);
});

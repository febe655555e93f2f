import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** A table to create from the assembly: its key (`<stackName>/<logicalId>`), its local name and its resolved properties. */
export type TableSpec = { key: string; tableName: string; properties: Record<string, unknown> };

/**
 * Creates the assembly's tables in DynamoDB Local and returns their stream ARNs by key. Streamed tables
 * go first: in one DynamoDB Local instance, writes to a streamed table slow down as stream records
 * of other tables pile up, so the events table should be the oldest.
 */
export async function createTables(client: DynamoDBClient, tables: TableSpec[]): Promise<Record<string, string | undefined>> {
  const streamArns: Record<string, string | undefined> = {};
  const ordered = [...tables].sort((a, b) => Number(Boolean(b.properties.StreamSpecification)) - Number(Boolean(a.properties.StreamSpecification)));
  for (const table of ordered) {
    await client.send(new CreateTableCommand(createTableInput(table)));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
    streamArns[table.key] = Table?.LatestStreamArn;
  }
  return streamArns;
}

function createTableInput({ tableName, properties: p }: TableSpec): CreateTableCommandInput {
  const stream = p.StreamSpecification as { StreamViewType: string } | undefined;
  const gsis = p.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'];
  return {
    TableName: tableName,
    KeySchema: p.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: p.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    // DynamoDB Local ignores capacity, but the API wants one or the other.
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: gsis?.map(({ ProvisionedThroughput: _ignored, ...gsi }) => gsi),
    StreamSpecification: stream ? { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_IMAGE' } : undefined,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { loadOrCreateSigningKey, mintToken } from '../../../local/oidc';
import { startLocalSystem, type LocalSystem } from '../../../local/system';
import { BANK, MULTI_STACK_ASSEMBLY, ORDERS, PLATFORM } from './multi-stack-fixture';

/**
 * The whole local system started from the three-stack fixture assembly (DynamoDB Local, the
 * functions in worker threads, IAM enforced), exercised where its stacks meet: a context's route
 * on the platform's API and authorizer, a grant on another stack's table, another stack's stream,
 * a rule on the platform's bus.
 */
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const ORDERS_TABLE = `${ORDERS}-EventStoreEvents67C89B68`;
const BANK_TABLE = `${BANK}-EventStoreEvents67C89B68`;

/** Polls `probe` until it gives a value, or fails at the deadline. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the local system running an assembly of several stacks', () => {
  let system: LocalSystem;
  let stateDir: string;
  let token: string;
  let dynamodb: DynamoDBClient;
  const log: string[] = [];

  const call = async (method: string, path: string, body?: unknown, authorization: string | undefined = token) => {
    const res = await fetch(`${system.apiUrl}${path}`, {
      method,
      headers: { ...(authorization ? { authorization: `Bearer ${authorization}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const item = async (tableName: string, streamId: string) => {
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: { streamId: { S: streamId }, version: { N: '1' } } }));
    return Item;
  };

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'orderline-multi-stack-'));
    system = await startLocalSystem({ assemblyDir: MULTI_STACK_ASSEMBLY, apiPort: 0, edgePort: 0, stateDir, log: (line) => log.push(line) });
    dynamodb = new DynamoDBClient({ endpoint: system.dynamodbEndpoint, region: 'us-east-1', credentials: CREDENTIALS });
    const auth = system.auth!;
    token = await mintToken(await loadOrCreateSigningKey(auth.keyFile), { sub: 'c-7', issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds: 600 });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }, 30_000);

  it('runs every stack, each after those it depends on, and says so', () => {
    expect(system.stackNames).toEqual([PLATFORM, ORDERS, BANK]);
    expect(log).toContain(`stacks: ${PLATFORM}, ${ORDERS}, ${BANK}`);
  });

  it("creates every stack's tables under their own names, though they share a logical id, and merges the outputs", async () => {
    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining([ORDERS_TABLE, BANK_TABLE]));
    expect(system.outputs).toMatchObject({ ApiUrl: system.apiUrl, OrdersEventsTableName: ORDERS_TABLE, BankEventsTableName: BANK_TABLE });
    expect(system.stackOutputs[ORDERS]?.ExportOrdersEventsStreamArn).toMatch(/^arn:aws:dynamodb:.*\/stream\//);
    expect(system.physicalNames).toMatchObject({ [`${ORDERS}/EventStoreEvents67C89B68`]: ORDERS_TABLE, [`${BANK}/EventStoreEvents67C89B68`]: BANK_TABLE, Projector1A2B3C4D: `${BANK}-Projector1A2B3C4D` });
  });

  it("serves a context's route on the platform's API behind the platform's authorizer, both imported", async () => {
    expect((await call('POST', '/orders', undefined, '')).status).toBe(401);
    expect(await call('POST', '/orders')).toEqual({ status: 200, body: { function: `${ORDERS}-ApiHandler5B8E3B2A`, busName: 'orderline-test-events', sub: 'c-7' } });
    expect((await call('GET', '/health', undefined, '')).status).toBe(200);
  });

  it('lets a function write the table of another stack its policy names, and refuses it its own table, which no policy grants', async () => {
    expect(await call('POST', '/accounts', { into: 'ORDERS_TABLE', id: 'granted-1' })).toEqual({ status: 201, body: { table: ORDERS_TABLE } });
    expect(await item(ORDERS_TABLE, 'granted-1')).toBeDefined();
    expect(await call('POST', '/accounts', { into: 'TABLE', id: 'refused-1' })).toEqual({ status: 403, body: { error: 'AccessDeniedException' } });
    expect(log).toContain(
      `iam: AccessDeniedException: ${BANK}-ApiHandler5B8E3B2A (role ${BANK}-ApiHandlerServiceRoleE6D5C4B3) may not dynamodb:PutItem on arn:aws:dynamodb:us-east-1:000000000000:table/${BANK_TABLE}: no identity-based policy allows it`,
    );
  });

  it("feeds one stack's table stream to another stack's function", async () => {
    await call('POST', '/accounts', { into: 'ORDERS_TABLE', id: 'streamed-1' });
    const copy = await eventually('the copy of the orders event in the bank table', () => item(BANK_TABLE, 'copy-streamed-1'));
    expect(copy.via).toEqual({ S: 'stream' });
  });

  it("delivers events on the platform's bus to a context's rule on it", async () => {
    const events = new EventBridgeClient({ endpoint: system.edgeUrl, region: 'us-east-1', credentials: CREDENTIALS });
    const { FailedEntryCount } = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'orderline-test-events', Source: 'orderline.bank', DetailType: 'PaymentTaken', Detail: JSON.stringify({ id: 'paid-1' }) }] }),
    );
    expect(FailedEntryCount).toBe(0);
    const delivered = await eventually('the event written by the rule target', () => item(ORDERS_TABLE, 'paid-1'));
    expect(delivered.via).toEqual({ S: 'bus' });
  });

  it("names functions in usage without their stack's name, and by their stack too where two stacks share a logical id", () => {
    expect(Object.keys(system.usage().lambda).sort()).toEqual(['Bank-ApiHandler5B8E3B2A', 'Health9A8B7C6D', 'Orders-ApiHandler5B8E3B2A', 'Projector1A2B3C4D']);
  });
});

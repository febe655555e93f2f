import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callerBudget, ensureWithinBudget } from '../../../../functions/platform/http/caller-budget';
import { problemErrors } from '../../../../functions/platform/http/problem-errors';
import type { Budgets } from '../../../../functions/platform/http/caller-budgets';
import { createViewTable, localDatabase, type LocalDatabase } from '../../../support/projections/local-database';

/** The caller-budget middleware on a real counters table (DynamoDB Local), in front of a handler that records what reached it. */
describe('callerBudget', () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await localDatabase();
  });
  afterAll(() => database?.stop());

  function event(method: string, caller: { sub?: string; groups?: string; ip?: string }): APIGatewayProxyEventV2 {
    const claims = caller.sub ? { sub: caller.sub, ...(caller.groups ? { 'cognito:groups': caller.groups } : {}) } : undefined;
    return {
      headers: {},
      requestContext: { requestId: randomUUID(), http: { method, sourceIp: caller.ip ?? '203.0.113.9' }, ...(claims ? { authorizer: { jwt: { claims } } } : {}) },
    } as unknown as APIGatewayProxyEventV2;
  }

  async function limited(budgets: Budgets, tableName?: string) {
    const table = tableName ?? (await createViewTable(database.client, [['pk', 'HASH']]));
    let clock = Date.parse('2026-12-02T10:00:05Z');
    const reached: string[] = [];
    const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(callerBudget({ client: database.client, tableName: table, budgets, now: () => clock }))
      .handler(async (e) => {
        reached.push(e.requestContext.requestId);
        return { statusCode: 200, body: '{}' };
      });
    return { call: (e: APIGatewayProxyEventV2) => handler(e, {} as never), reached, later: (ms: number) => (clock += ms) };
  }

  it("lets a caller spend its budget per minute and route group, answers 429 past it without running the handler, and counts each caller on its own", async () => {
    const { call, reached, later } = await limited({ default: { commands: 3, queries: 5 } });
    const a = { sub: 'a' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(event('POST', a))).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(reached).toHaveLength(3);

    const refused = await call(event('POST', a));
    expect(refused.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '55' });
    expect(JSON.parse(String(refused.body))).toMatchObject({ status: 429, title: 'Too many requests', detail: 'this caller has used its budget of 3 commands a minute; try again in 55 s' });
    // Its queries have a budget of their own; another caller has its own.
    expect((await call(event('GET', a))).statusCode).toBe(200);
    expect((await call(event('POST', { sub: 'b' }))).statusCode).toBe(200);
    // The next minute, a fresh budget.
    later(60_000);
    expect((await call(event('POST', a))).statusCode).toBe(200);
  });

  it("gives a caller its group's budget, counts a caller without a token by source address, and leaves unbudgeted groups alone", async () => {
    const { call } = await limited({ default: { commands: 1000 }, free: { commands: 1 } });
    expect((await call(event('POST', { sub: 'f', groups: '[free]' }))).statusCode).toBe(200);
    expect((await call(event('POST', { sub: 'f', groups: '[free]' }))).statusCode).toBe(429);
    expect((await call(event('POST', { sub: 'g' }))).statusCode).toBe(200);
    // Queries have no budget here: never counted, never refused.
    for (let i = 0; i < 3; i++) expect((await call(event('GET', { sub: 'f', groups: '[free]' }))).statusCode).toBe(200);

    const { call: anonymous } = await limited({ default: { queries: 1 } });
    expect((await anonymous(event('GET', { ip: '198.51.100.1' }))).statusCode).toBe(200);
    expect((await anonymous(event('GET', { ip: '198.51.100.1' }))).statusCode).toBe(429);
    expect((await anonymous(event('GET', { ip: '198.51.100.2' }))).statusCode).toBe(200);
  });

  it('lets the request through when the counter cannot be written: the limiter never takes the API down', async () => {
    const { call, reached } = await limited({ default: { commands: 1 } }, `no-such-table-${randomUUID()}`);
    expect((await call(event('POST', { sub: 'a' }))).statusCode).toBe(200);
    expect((await call(event('POST', { sub: 'a' }))).statusCode).toBe(200);
    expect(reached).toHaveLength(2);
  });

  it('counts a command route that waits for the count before writing while it reads, and past the budget it writes nothing; a query is counted while it reads and refused all the same', async () => {
    const table = await createViewTable(database.client, [['pk', 'HASH']]);
    // The count answers only when the handler says it has read: it cannot have waited for the count first.
    let readDone!: () => void;
    const read = new Promise<void>((resolve) => (readDone = resolve));
    const slowCount = {
      send: async (command: unknown) => {
        if (command instanceof UpdateCommand) await read;
        return database.client.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const writes: string[] = [];
    const route = (countedBeforeWriting: boolean) =>
      middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
        .use(problemErrors())
        .use(callerBudget({ client: slowCount, tableName: table, budgets: { default: { commands: 1, queries: 1 } }, countedBeforeWriting }))
        .handler(async (e) => {
          readDone();
          await ensureWithinBudget(e);
          writes.push(e.requestContext.requestId);
          return { statusCode: 200, body: '{}' };
        });
    const command = route(true);
    const a = { sub: `a-${randomUUID()}` };
    expect((await command(event('POST', a), {} as never)).statusCode).toBe(200);
    const refused = await command(event('POST', a), {} as never);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': expect.any(String) });
    expect(writes).toHaveLength(1);

    // A query (it writes nothing) reads while it is counted; past the budget its answer is the 429.
    const answered: string[] = [];
    const query = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
      .use(problemErrors())
      .use(callerBudget({ client: database.client, tableName: table, budgets: { default: { queries: 1 } } }))
      .handler(async (e) => {
        answered.push(e.requestContext.requestId);
        return { statusCode: 200, body: '{}' };
      });
    expect((await query(event('GET', a), {} as never)).statusCode).toBe(200);
    const late = await query(event('GET', a), {} as never);
    expect(late.statusCode).toBe(429);
    expect(JSON.parse(String(late.body))).toMatchObject({ status: 429, detail: expect.stringMatching(/budget of 1 queries a minute/) });
    expect(answered).toHaveLength(2);
  });

  it('counts each request with one UpdateItem: 12 requests of one caller at once against a budget of 10: exactly 10 served', async () => {
    const { call } = await limited({ default: { commands: 10 } });
    const results = await Promise.all(Array.from({ length: 12 }, () => call(event('POST', { sub: 'hot' }))));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(2);
  });
});

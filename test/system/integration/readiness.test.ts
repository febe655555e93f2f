import { as, asAdmin, api } from '../../support/api';
import { describeLocal } from '../../support/local-only';
import { injectFault } from '../../support/saga';

const anonymous = as('anonymous');
type Check = { name: string; ok: boolean; detail?: string };

describe('GET /health/ready', () => {
  it('says only ready to a caller without a token or with a customer token; an admin sees one check per dependency, all ok', async () => {
    for (const call of [anonymous, api]) {
      const res = await call('GET', '/health/ready');
      expect([res.status, res.body]).toEqual([200, { status: 'ready' }]);
    }
    const admin = await asAdmin<{ status: string; checks: Check[] }>('GET', '/health/ready');
    expect(admin.status).toBe(200);
    const names = admin.body.checks.map((check) => check.name);
    // Every context's events table and saga, the platform's figures and the bus, each once.
    for (const expected of [/^table Orderline-\w+-Orders-EventStoreEvents/, /^table Orderline-\w+-Bank-EventStoreEvents/, /^table Orderline-\w+-Orders-ReadModelsOrders/, /^table Orderline-\w+-Platform-StoreFigures/, /^state machine Orderline-\w+-saga-order$/, /^state machine Orderline-\w+-saga-transfer$/, /^event bus /]) {
      expect([expected, names.filter((name) => expected.test(name)).length]).toEqual([expected, 1]);
    }
    expect(admin.body.checks.filter((check) => !check.ok)).toEqual([]);
  });
});

describeLocal('GET /health/ready with a dependency down', "makes the orders events table unreachable through the local runtime's fault hook", () => {
  it('answers 503 problem+json: naming the table to an admin, only "not ready" to anyone else; ready again once it answers', async () => {
    await injectFault({
      kind: 'dependency',
      dependency: 'dynamodb',
      function: 'HealthReady',
      operation: 'DescribeTable',
      table: 'Orders-EventStoreEvents',
      error: { name: 'InternalServerError', message: 'the table is unreachable (a test)' },
      times: 2,
    });

    const open = await anonymous('GET', '/health/ready');
    expect(open.status).toBe(503);
    expect(open.headers.get('content-type')).toBe('application/problem+json');
    expect(open.headers.get('retry-after')).toBe('1');
    expect(open.body).toMatchObject({ title: 'Not ready', status: 503 });
    expect(JSON.stringify(open.body)).not.toContain('EventStoreEvents');

    const admin = await asAdmin<{ detail: string; checks: Check[] }>('GET', '/health/ready');
    expect(admin.status).toBe(503);
    expect(admin.body.detail).toMatch(/^not ready: table Orderline-\w+-Orders-EventStoreEvents\w+ \(InternalServerError: the table is unreachable \(a test\)\)$/);
    expect(admin.body.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual([expect.stringMatching(/Orders-EventStoreEvents/)]);

    // The fault is used up: the table answers again.
    expect((await anonymous('GET', '/health/ready')).status).toBe(200);
  });
});

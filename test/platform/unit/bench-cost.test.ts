import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { costPerMillionOrders, perOrder, type Prices } from '../../../bench/cost';
import { percentile } from '../../../bench/stats';
import type { SystemUsage } from '../../../local/system';

const prices = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'bench', 'prices.json'), 'utf8')) as Prices;

const usage = (n: number): SystemUsage => ({
  lambda: { Create: { invocations: 2 * n, billedMs: 100 * n, memoryMb: 256 }, Saga: { invocations: 4 * n, billedMs: 400 * n, memoryMb: 512 } },
  dynamodb: {
    readUnits: 10 * n,
    writeUnits: 26 * n,
    calls: {},
    byTable: { 'Orderline-dev-Orders-EventStoreEvents67C89B68': { readUnits: 10 * n, writeUnits: 20 * n, itemWrites: 5 * n }, Stats: { readUnits: 0, writeUnits: 6 * n, itemWrites: 2 * n } },
  },
  stepFunctions: { OrderSaga: { type: 'STANDARD', executions: n, transitions: 6 * n, durationMs: 250 * n } },
  eventBridge: { entries: 5 * n, deliveries: n },
  httpApi: { requests: 2 * n },
  logs: { ingestedBytes: 3 * 1024 * n },
});

describe('bench: calls and cost per order', () => {
  it('divides the usage between two snapshots by the orders placed', () => {
    const order = perOrder(usage(10), usage(30), 20);
    expect(order).toMatchObject({ httpRequests: 2, lambdaInvocations: 6, readUnits: 10, writeUnits: 26, sagaExecutions: 1, stateTransitions: 6, sagaDurationMs: 250, busEvents: 5, logBytes: 3072, sagaType: 'STANDARD' });
    // The events as written (20 units), and one unit per stats item written (2).
    expect(order.floorWriteUnits).toBe(22);
    // 0.1 s at 0.25 GB + 0.4 s at 0.5 GB
    expect(order.lambdaGbSeconds).toBeCloseTo(0.225);
    expect(order.lambdaByFunction).toEqual({ Create: 2, Saga: 4 });
    expect(order.capacityByTable).toEqual({ 'Orderline-dev-Orders-EventStoreEvents67C89B68': { readUnits: 10, writeUnits: 20, itemWrites: 5 }, Stats: { readUnits: 0, writeUnits: 6, itemWrites: 2 } });
  });

  it('prices a million orders from the prices file, Standard per transition and Express per request and duration', () => {
    const { lines, standardTotal, expressTotal, floorTotal, measured } = costPerMillionOrders(perOrder(usage(0), usage(1), 1), prices);
    expect(measured).toBe('standard');
    const line = (item: string) => lines.find((l) => l.item.startsWith(item))!.usdPerMillionOrders;
    expect(line('Step Functions Standard')).toBeCloseTo(6 * prices.stepFunctions.standardPerThousandTransitions * 1000);
    // 250 ms is billed as 300 ms at 64 MB.
    const express = prices.stepFunctions.expressPerMillionRequests + 1_000_000 * 0.3 * (64 / 1024) * prices.stepFunctions.expressPerGbSecond;
    expect(line('Step Functions Express')).toBeCloseTo(express, 2);
    expect(line('DynamoDB writes')).toBeCloseTo(26 * prices.dynamodb.perMillionWriteRequestUnits);
    expect(line('CloudWatch Logs')).toBeCloseTo((3072 / 1024 ** 3) * 1_000_000 * prices.cloudWatchLogs.perGbIngested);
    expect(line('API Gateway')).toBeCloseTo(2 * prices.apiGateway.perMillionHttpApiRequests);
    const common = lines.filter((l) => !l.item.startsWith('Step Functions')).reduce((sum, l) => sum + l.usdPerMillionOrders, 0);
    expect(standardTotal).toBeCloseTo(common + line('Step Functions Standard'), 1);
    expect(expressTotal).toBeCloseTo(common + line('Step Functions Express'), 1);
    // The floor writes 22 units where the run wrote 26.
    expect(floorTotal).toBeCloseTo(standardTotal - 4 * prices.dynamodb.perMillionWriteRequestUnits, 1);
  });

  it('dates its prices', () => {
    expect(prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(samples, 50), percentile(samples, 99), percentile([7], 99)]).toEqual([50, 99, 7]);
    expect(percentile([], 50)).toBeNaN();
  });
});

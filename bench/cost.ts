import type { SystemUsage } from '../local/system';

export type Prices = {
  asOf: string;
  lambda: { perMillionRequests: number; perGbSecondArm64: number };
  dynamodb: { perMillionWriteRequestUnits: number; perMillionReadRequestUnits: number };
  stepFunctions: {
    standardPerThousandTransitions: number;
    expressPerMillionRequests: number;
    expressPerGbSecond: number;
    expressBilledMemoryMb: number;
    expressBillingIncrementMs: number;
  };
  eventBridge: { perMillionCustomEvents: number };
  apiGateway: { perMillionHttpApiRequests: number };
  cloudWatchLogs: { perGbIngested: number };
};

/** What one order used, on average, between two usage snapshots. */
export type PerOrder = {
  httpRequests: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  readUnits: number;
  writeUnits: number;
  sagaExecutions: number;
  stateTransitions: number;
  /** Express bills each execution's duration rounded up to its increment. */
  sagaDurationMs: number;
  busEvents: number;
  /** Bytes the state machines logged (CloudWatch Logs ingestion). */
  logBytes: number;
  /** The workflow type the sagas ran as. */
  sagaType: 'STANDARD' | 'EXPRESS';
  /**
   * The least this design writes: the events table's units as measured, and one unit for each
   * item written anywhere else (as if no write were transactional or over 1 KB).
   */
  floorWriteUnits: number;
  lambdaByFunction: Record<string, number>;
  /** Write and read units, and items written, by table. */
  capacityByTable: Record<string, { readUnits: number; writeUnits: number; itemWrites: number }>;
};

export type CostLine = { item: string; perOrder: string; usdPerMillionOrders: number };

/** Per-order usage from two snapshots taken around `orders` orders. */
export function perOrder(before: SystemUsage, after: SystemUsage, orders: number): PerOrder {
  const lambdaByFunction: Record<string, number> = {};
  let invocations = 0;
  let gbSeconds = 0;
  for (const [name, fn] of Object.entries(after.lambda)) {
    const was = before.lambda[name] ?? { invocations: 0, billedMs: 0, memoryMb: fn.memoryMb };
    const calls = fn.invocations - was.invocations;
    if (calls > 0) lambdaByFunction[name] = calls / orders;
    invocations += calls;
    gbSeconds += ((fn.billedMs - was.billedMs) / 1000) * (fn.memoryMb / 1024);
  }
  const machines = Object.keys(after.stepFunctions);
  const sum = (pick: (u: SystemUsage['stepFunctions'][string]) => number, usage: SystemUsage) =>
    machines.reduce((total, m) => total + (usage.stepFunctions[m] ? pick(usage.stepFunctions[m]) : 0), 0);
  const executions = sum((m) => m.executions, after) - sum((m) => m.executions, before);
  const capacityByTable = Object.fromEntries(
    Object.entries(after.dynamodb.byTable).map(([table, units]) => {
      const was = before.dynamodb.byTable[table] ?? { readUnits: 0, writeUnits: 0, itemWrites: 0 };
      return [table, { readUnits: (units.readUnits - was.readUnits) / orders, writeUnits: (units.writeUnits - was.writeUnits) / orders, itemWrites: ((units.itemWrites ?? 0) - (was.itemWrites ?? 0)) / orders }];
    }),
  );
  const floorWriteUnits = Object.entries(capacityByTable).reduce((sum, [table, units]) => sum + (/EventStoreEvents/.test(table) ? units.writeUnits : units.itemWrites), 0);
  return {
    httpRequests: (after.httpApi.requests - before.httpApi.requests) / orders,
    lambdaInvocations: invocations / orders,
    lambdaGbSeconds: gbSeconds / orders,
    readUnits: (after.dynamodb.readUnits - before.dynamodb.readUnits) / orders,
    writeUnits: (after.dynamodb.writeUnits - before.dynamodb.writeUnits) / orders,
    sagaExecutions: executions / orders,
    stateTransitions: (sum((m) => m.transitions, after) - sum((m) => m.transitions, before)) / orders,
    sagaDurationMs: executions ? (sum((m) => m.durationMs, after) - sum((m) => m.durationMs, before)) / executions : 0,
    busEvents: (after.eventBridge.entries - before.eventBridge.entries) / orders,
    logBytes: ((after.logs?.ingestedBytes ?? 0) - (before.logs?.ingestedBytes ?? 0)) / orders,
    sagaType: machines.some((m) => after.stepFunctions[m]?.type === 'EXPRESS') ? 'EXPRESS' : 'STANDARD',
    floorWriteUnits,
    lambdaByFunction,
    capacityByTable,
  };
}

const MILLION = 1_000_000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/**
 * The cost of a million orders, line by line, with the saga as a Standard or an Express workflow:
 * the type the sagas ran as is measured, the other computed from the same run (its transitions,
 * or its executions' durations). `floor` prices the floor's writes in place of the measured ones.
 */
export function costPerMillionOrders(usage: PerOrder, prices: Prices): { lines: CostLine[]; standardTotal: number; expressTotal: number; floorTotal: number; measured: 'standard' | 'express' } {
  const sfn = prices.stepFunctions;
  const billedSagaMs = Math.ceil(usage.sagaDurationMs / sfn.expressBillingIncrementMs) * sfn.expressBillingIncrementMs;
  const expressPerOrder =
    usage.sagaExecutions * (sfn.expressPerMillionRequests / MILLION + (billedSagaMs / 1000) * (sfn.expressBilledMemoryMb / 1024) * sfn.expressPerGbSecond);
  const lines: CostLine[] = [
    { item: 'API Gateway HTTP API', perOrder: `${round(usage.httpRequests)} requests`, usdPerMillionOrders: usage.httpRequests * prices.apiGateway.perMillionHttpApiRequests },
    { item: 'Lambda requests', perOrder: `${round(usage.lambdaInvocations)} invocations`, usdPerMillionOrders: usage.lambdaInvocations * prices.lambda.perMillionRequests },
    { item: 'Lambda duration (arm64)', perOrder: `${round(usage.lambdaGbSeconds, 4)} GB-s`, usdPerMillionOrders: usage.lambdaGbSeconds * MILLION * prices.lambda.perGbSecondArm64 },
    { item: 'DynamoDB writes (on-demand)', perOrder: `${round(usage.writeUnits)} WRU`, usdPerMillionOrders: usage.writeUnits * prices.dynamodb.perMillionWriteRequestUnits },
    { item: 'DynamoDB reads (on-demand)', perOrder: `${round(usage.readUnits)} RRU`, usdPerMillionOrders: usage.readUnits * prices.dynamodb.perMillionReadRequestUnits },
    { item: 'EventBridge custom events', perOrder: `${round(usage.busEvents)} events`, usdPerMillionOrders: usage.busEvents * prices.eventBridge.perMillionCustomEvents },
    { item: 'CloudWatch Logs (state machines)', perOrder: `${round(usage.logBytes / 1024, 1)} KB`, usdPerMillionOrders: (usage.logBytes / 1024 ** 3) * MILLION * prices.cloudWatchLogs.perGbIngested },
  ];
  const base = lines.reduce((total, line) => total + line.usdPerMillionOrders, 0);
  const standard = usage.stateTransitions * (sfn.standardPerThousandTransitions / 1000) * MILLION;
  const express = expressPerOrder * MILLION;
  const ran = usage.sagaType === 'EXPRESS' ? 'express' : 'standard';
  const how = (type: 'standard' | 'express') => (type === ran ? 'measured' : 'computed from this run');
  lines.push(
    { item: `Step Functions Standard (${how('standard')})`, perOrder: `${round(usage.stateTransitions)} transitions`, usdPerMillionOrders: standard },
    { item: `Step Functions Express (${how('express')})`, perOrder: `${round(usage.sagaExecutions)} × ${billedSagaMs} ms at ${sfn.expressBilledMemoryMb} MB`, usdPerMillionOrders: express },
  );
  const floorWrites = usage.floorWriteUnits * prices.dynamodb.perMillionWriteRequestUnits;
  const measuredWrites = usage.writeUnits * prices.dynamodb.perMillionWriteRequestUnits;
  return {
    lines: lines.map((l) => ({ ...l, usdPerMillionOrders: round(l.usdPerMillionOrders) })),
    standardTotal: round(base + standard),
    expressTotal: round(base + express),
    floorTotal: round(base - measuredWrites + floorWrites + (ran === 'express' ? express : standard)),
    measured: ran,
  };
}

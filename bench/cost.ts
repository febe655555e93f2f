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
  lambdaByFunction: Record<string, number>;
  /** Write and read units by table. */
  capacityByTable: Record<string, { readUnits: number; writeUnits: number }>;
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
    lambdaByFunction,
    capacityByTable: Object.fromEntries(
      Object.entries(after.dynamodb.byTable).map(([table, units]) => {
        const was = before.dynamodb.byTable[table] ?? { readUnits: 0, writeUnits: 0 };
        return [table, { readUnits: (units.readUnits - was.readUnits) / orders, writeUnits: (units.writeUnits - was.writeUnits) / orders }];
      }),
    ),
  };
}

const MILLION = 1_000_000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The cost of a million orders, line by line, with the saga as a Standard or an Express workflow. */
export function costPerMillionOrders(usage: PerOrder, prices: Prices): { lines: CostLine[]; standardTotal: number; expressTotal: number } {
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
  ];
  const base = lines.reduce((total, line) => total + line.usdPerMillionOrders, 0);
  const standard = usage.stateTransitions * (sfn.standardPerThousandTransitions / 1000) * MILLION;
  const express = expressPerOrder * MILLION;
  lines.push(
    { item: 'Step Functions Standard (chosen)', perOrder: `${round(usage.stateTransitions)} transitions`, usdPerMillionOrders: standard },
    { item: 'Step Functions Express (compared)', perOrder: `${round(usage.sagaExecutions)} × ${billedSagaMs} ms at ${sfn.expressBilledMemoryMb} MB`, usdPerMillionOrders: express },
  );
  return { lines: lines.map((l) => ({ ...l, usdPerMillionOrders: round(l.usdPerMillionOrders) })), standardTotal: round(base + standard), expressTotal: round(base + express) };
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CountedMetric } from '../local/logs/emf-metrics';
import { spawnLocalSystem } from '../local/spawn-system';
import { BUNDLE_LIMIT_BYTES, bundleFigures, bundleVerdict } from './bundles';
import { costPerMillionOrders, type Prices } from './cost';
import { quiet, usagePerOrder } from './cost-run';
import { benchApi, benchProduct, createOrders } from './http-commands';
import { projectionLag, sagaLatency } from './latency';
import { Progress } from './progress';
import { hotProductRun, reservationCost } from './hot-product';
import { rawTransactWrites } from './raw-dynamodb';
import { reloadFigures } from './reload';
import { startFigures } from './start';
import { suiteFigures } from './suite';
import { chaosFigures } from './chaos';
import { reconcileRun } from './reconcile-run';
import { transferRun } from './transfers';

const USAGE = 'usage: npm run bench -- [--quick] [--suite | --no-suite] [--chaos | --no-chaos] [--reload-runs 3] [--concurrency 1,8,32] [--seconds 5] [--samples 50] [--orders 50] [--init-runs 3] [--start-runs 3] [--histories 0,1000,10000,50000] [--hot-orders 500] [--transfers 100] [--ended-orders 10000] [--saga-type standard|express] [--json .local/bench.json]';
const root = join(__dirname, '..');

/**
 * `npm run bench`: measures the inner loop — how long `npm start` takes (fresh and warm), how
 * soon a saved handler answers, and how long `npm test` takes (not with --quick) — then starts the
 * local system as `npm start` does and measures, in one run, the raw
 * DynamoDB Local ceiling, commands through the HTTP API (and their ratio to that ceiling),
 * projection lag, saga latency, bundle sizes and init times, and the calls and cost per order.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      suite: { type: 'boolean' },
      'no-suite': { type: 'boolean', default: false },
      chaos: { type: 'boolean' },
      'no-chaos': { type: 'boolean', default: false },
      'reload-runs': { type: 'string' },
      concurrency: { type: 'string' },
      seconds: { type: 'string' },
      samples: { type: 'string' },
      orders: { type: 'string' },
      'init-runs': { type: 'string' },
      'start-runs': { type: 'string' },
      histories: { type: 'string' },
      'hot-orders': { type: 'string' },
      transfers: { type: 'string' },
      'ended-orders': { type: 'string' },
      // The sagas' workflow type for the system measured (-c sagaType): the cost table measures it and computes the other.
      'saga-type': { type: 'string', default: 'standard' },
      json: { type: 'string', default: join(root, '.local', 'bench.json') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const quick = values.quick === true;
  const number = (value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${value} is not a positive number\n${USAGE}`);
    return n;
  };
  const options = {
    concurrency: (values.concurrency ?? '1,8,32').split(',').map((c) => number(c, 1)),
    seconds: number(values.seconds, quick ? 1 : 5),
    samples: number(values.samples, quick ? 10 : 60),
    orders: number(values.orders, quick ? 10 : 60),
    initRuns: number(values['init-runs'], quick ? 1 : 3),
    /** Starts of the local system measured from a fresh clone's state, and as many warm. */
    startRuns: number(values['start-runs'], quick ? 1 : 3),
    /** Saves of a handler timed until the API answers with the new code. */
    reloadRuns: number(values['reload-runs'], quick ? 1 : 3),
    /** Whether `npm test` is run and timed (minutes: not with --quick unless asked). */
    suite: values['no-suite'] ? false : (values.suite ?? !quick),
    /** Whether the seeded chaos run (200 orders, 100 transfers, faults at every step) is run and its counts printed. */
    chaos: values['no-chaos'] ? false : (values.chaos ?? !quick),
    /** Earlier orders of the product before its reservations are measured. */
    histories: (values.histories ?? (quick ? '0,1000' : '0,1000,10000,50000')).split(',').map(Number),
    /** Orders placed at once on one product with half as many units. */
    hotOrders: number(values['hot-orders'], quick ? 200 : 500),
    /** Transfers asked for at once among 10 accounts. */
    transfers: number(values.transfers, quick ? 30 : 100),
    /** Ended orders the reconciler checks, in one run and in runs of a few seconds' budget. */
    endedOrders: number(values['ended-orders'], quick ? 1_000 : 10_000),
  };
  const prices = JSON.parse(readFileSync(join(__dirname, 'prices.json'), 'utf8')) as Prices;

  const phases = options.concurrency.length * 2 + 12 + (options.suite ? 1 : 0) + (options.chaos ? 1 : 0);
  const progress = new Progress(phases);
  let done = 0;
  const phase = async <T>(label: string, run: (onProgress: (fraction: number) => void) => Promise<T> | T): Promise<T> => {
    progress.update(done, label);
    const result = await run((fraction) => progress.update(done, label, fraction));
    done++;
    return result;
  };

  const started = Date.now();
  // First, before anything else loads the machine: how long npm start takes, fresh and warm.
  const start = await phase(`npm start, ${options.startRuns} times fresh and ${options.startRuns} times warm`, (p) => startFigures(root, options.startRuns, p));
  const reload = await phase(`live reload: ${options.reloadRuns} saves of a handler until the API answers with each`, (p) => reloadFigures(options.reloadRuns, p));
  const suite = options.suite ? await phase('npm test', () => suiteFigures(root)) : undefined;
  const chaos = options.chaos ? await phase('the seeded chaos run (200 orders, 100 transfers)', () => chaosFigures(root)) : undefined;
  const system = await phase('starting the local system (npm start)', () =>
    spawnLocalSystem({
      projectDir: root,
      readyFile: join(root, '.local', 'bench-system.json'),
      logFile: join(root, '.local', 'bench-system.log'),
      // The bench's one customer places hundreds of orders a minute: far over a real caller's budget.
      callerBudgets: { default: { commands: 1_000_000, queries: 1_000_000 } },
      sagaType: values['saga-type'],
    }),
  );
  try {
    const { apiUrl, edgeUrl, dynamodbEndpoint, auth } = system.ready;
    if (!auth) throw new Error('the system under measurement has no JWT authorizer to mint tokens for');
    const api = await benchApi(apiUrl, auth);
    const sku = await benchProduct(api);
    const raw: Record<number, Awaited<ReturnType<typeof rawTransactWrites>>> = {};
    const commands: Record<number, Awaited<ReturnType<typeof createOrders>>> = {};
    for (const c of options.concurrency) {
      raw[c] = await phase(`raw DynamoDB Local, concurrency ${c}`, (p) => rawTransactWrites(dynamodbEndpoint, c, options.seconds, p));
      commands[c] = await phase(`POST /orders through the HTTP API, concurrency ${c}`, (p) => createOrders(api, sku, c, options.seconds, p));
    }
    // The write phases leave a backlog on the stream: latency is measured once it has drained.
    await phase('waiting for the stream backlog to drain', () => quiet(edgeUrl));
    const lag = await phase('projection lag', (p) => projectionLag(api, sku, options.samples, p));
    const saga = await phase('saga latency', (p) => sagaLatency(api, sku, Math.ceil(options.samples / 2), p));
    const perOrder = await phase('calls per order', (p) => usagePerOrder(api, edgeUrl, options.orders, 5, p));
    const reservations = await phase(`a reservation on a product with ${options.histories.join(', ')} earlier orders`, (p) => reservationCost(dynamodbEndpoint, options.histories, options.samples, p));
    const hot = await phase(`${options.hotOrders} orders placed at once on ${options.hotOrders / 2} units`, (p) => hotProductRun(api, auth, options.hotOrders, Math.floor(options.hotOrders / 2), p));
    const bank = await phase(`${options.transfers} transfers at once among 10 accounts`, (p) => transferRun(api, options.transfers, 10, p));
    const reconciler = await phase(`the reconciler over ${options.endedOrders} ended orders`, (p) =>
      reconcileRun({ dynamodbEndpoint, edgeUrl, stateMachineArn: system.ready.outputs.OrderSagaArn!, runsTable: system.ready.outputs.OrderSagaRunsTableName, orders: options.endedOrders, budgetSeconds: 2 }, p),
    );
    // What the functions emitted over the whole run (EMF lines the local runtime counted). Read
    // before the bundle figures, which block this process for a minute: a kept-alive connection
    // to the edge would be closed by then without this process seeing it.
    const metrics = (await (await fetch(`${edgeUrl}/_local/metrics`)).json()) as CountedMetric[];
    const bundles = await phase('bundle sizes and init times', (p) => bundleFigures(join(root, 'cdk.out'), options.initRuns, p));
    progress.done();

    const cost = costPerMillionOrders(perOrder, prices);
    const results = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
      options,
      start,
      reload,
      suite,
      chaos,
      throughput: options.concurrency.map((c) => ({
        concurrency: c,
        rawOpsPerSecond: raw[c]!.opsPerSecond,
        rawLatency: raw[c]!.latency,
        commandOpsPerSecond: commands[c]!.opsPerSecond,
        commandLatency: commands[c]!.latency,
        commandErrors: commands[c]!.errors,
        ratio: commands[c]!.opsPerSecond / raw[c]!.opsPerSecond,
      })),
      projectionLag: lag,
      saga,
      perOrder,
      reservations,
      hot,
      bank,
      reconciler,
      cost: { pricesAsOf: prices.asOf, ...cost },
      bundles,
      metrics,
      seconds: (Date.now() - started) / 1000,
    };
    mkdirSync(dirname(values.json!), { recursive: true });
    writeFileSync(values.json!, `${JSON.stringify(results, null, 2)}\n`);
    console.log(report(results));
    console.log(`\nwritten to ${values.json} in ${results.seconds.toFixed(0)} s`);
  } finally {
    await system.stop();
  }
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const table = (head: string[], rows: (string | number)[][]) => {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
};

function report(r: any): string {
  const out: string[] = [];
  out.push(`\nOrderline bench — ${r.date}, Node ${r.machine.node}, ${r.machine.cpus} CPUs, ${r.options.seconds} s per level`);
  out.push(`\nnpm start until it serves (median of ${r.start.fresh.length}): from a fresh clone's state ${r.start.freshMedian.toFixed(1)} s (${r.start.fresh.map((s: number) => s.toFixed(1)).join(', ')}), warm ${r.start.warmMedian.toFixed(1)} s (${r.start.warm.map((s: number) => s.toFixed(1)).join(', ')})`);
  out.push(`live reload, from a handler's save to the API answering with the new code (median of ${r.reload.ms.length}): ${ms(r.reload.median)} (${r.reload.ms.map(ms).join(', ')})`);
  out.push(r.suite ? `npm test: ${r.suite.seconds.toFixed(0)} s, ${r.suite.passed ? 'passed' : 'FAILED'} (${r.suite.summary})` : 'npm test: not run (--quick or --no-suite; --suite runs it)');
  out.push(
    r.chaos
      ? `chaos run: ${r.chaos.passed ? 'passed' : `FAILED (${r.chaos.failure})`} in ${r.chaos.seconds.toFixed(0)} s; ${r.chaos.summary ? JSON.stringify(r.chaos.summary) : 'no counts printed'}`
      : 'chaos run: not run (--quick or --no-chaos; --chaos runs it)',
  );
  out.push('\nWrites: raw TransactWriteItems (3 puts) on DynamoDB Local vs POST /orders through the HTTP API');
  out.push(
    table(
      ['concurrency', 'raw ops/s', 'raw p50', 'raw p99', 'command ops/s', 'cmd p50', 'cmd p99', 'ops/s ratio', 'p50 cmd/raw'],
      r.throughput.map((t: any) => [
        t.concurrency,
        t.rawOpsPerSecond.toFixed(0),
        ms(t.rawLatency.p50),
        ms(t.rawLatency.p99),
        t.commandOpsPerSecond.toFixed(0),
        ms(t.commandLatency.p50),
        ms(t.commandLatency.p99),
        `${(t.ratio * 100).toFixed(0)}%`,
        `${(t.commandLatency.p50 / t.rawLatency.p50).toFixed(1)}×`,
      ]),
    ),
  );
  out.push('\nLatency');
  out.push(
    table(
      ['what', 'samples', 'p50', 'p99', 'max'],
      [
        ['projection lag (append → row visible)', r.projectionLag.samples, ms(r.projectionLag.p50), ms(r.projectionLag.p99), ms(r.projectionLag.max)],
        ['saga: place → OrderConfirmed (execution ended)', r.saga.placeToConfirmed.samples, ms(r.saga.placeToConfirmed.p50), ms(r.saga.placeToConfirmed.p99), ms(r.saga.placeToConfirmed.max)],
        ['saga: place → confirmed in the orders view', r.saga.placeToView.samples, ms(r.saga.placeToView.p50), ms(r.saga.placeToView.p99), ms(r.saga.placeToView.max)],
        ['saga: execution start → end', r.saga.execution.samples, ms(r.saga.execution.p50), ms(r.saga.execution.p99), ms(r.saga.execution.max)],
      ],
    ),
  );
  out.push('\nA reservation on a product with a history (the ReserveStock step\'s work: load the order\'s reservation, one transaction with the stock level)');
  const fresh = r.reservations[0]?.latency.p50 ?? Number.NaN;
  out.push(
    table(
      ['earlier orders', 'samples', 'RRU', 'WRU', 'p50', 'p99', 'p50 vs fresh'],
      r.reservations.map((c: any) => [c.earlierOrders, c.samples, c.readUnits.toFixed(1), c.writeUnits.toFixed(1), ms(c.latency.p50), ms(c.latency.p99), `${(c.latency.p50 / fresh).toFixed(2)}×`]),
    ),
  );
  out.push(`\nHot product: ${r.hot.orders} orders placed at once on ${r.hot.stock} units`);
  out.push(
    table(
      ['confirmed', 'rejected', 'failed', 'sold', 'placing took', 'last saga ended after'],
      [[r.hot.confirmed, r.hot.rejected, r.hot.failed, r.hot.sold, `${r.hot.placeSeconds.toFixed(1)} s`, `${r.hot.lastSagaEndSeconds.toFixed(1)} s`]],
    ),
  );
  out.push(`\nBank: ${r.bank.transfers} transfers asked for at once among ${r.bank.accounts} accounts (amounts up to 3000 of 10000 each, so some overdraw)`);
  out.push(
    table(
      ['completed', 'rejected', 'failed', 'asking took', 'last ended after', 'request → end p50', 'p99', 'money before', 'after'],
      [[r.bank.completed, r.bank.rejected, r.bank.failed, `${r.bank.requestSeconds.toFixed(1)} s`, `${r.bank.lastEndedSeconds.toFixed(1)} s`, ms(r.bank.requestToEnd.p50), ms(r.bank.requestToEnd.p99), r.bank.moneyBefore, r.bank.moneyAfter]],
    ),
  );
  out.push(
    `\nReconciler: ${r.reconciler.endedOrders} ended orders checked in one run in ${r.reconciler.fullPass.seconds.toFixed(1)} s (${r.reconciler.fullPass.ordersPerSecond.toFixed(0)} orders/s); ` +
      `with a ${r.reconciler.budgeted.budgetSeconds} s budget per run, ${r.reconciler.budgeted.runs} runs (the longest ${r.reconciler.budgeted.longestRunSeconds.toFixed(1)} s), each going on from the last one's checkpoint`,
  );
  out.push(`\nCalls per placed-and-confirmed order (${r.options.orders} orders over 10 products, 5 in flight) and cost per million orders (us-east-1 prices of ${r.cost.pricesAsOf})`);
  out.push(table(['item', 'per order', 'USD per 1M orders'], r.cost.lines.map((l: any) => [l.item, l.perOrder, l.usdPerMillionOrders.toFixed(2)])));
  out.push(
    `total with Standard: $${r.cost.standardTotal.toFixed(2)} per million orders; with Express: $${r.cost.expressTotal.toFixed(2)} (the sagas ran as ${r.cost.measured}: measured; the other type computed from the same run)`,
  );
  out.push(
    `floor: $${r.cost.floorTotal.toFixed(2)} per million orders with ${r.cost.measured}, writing ${r.perOrder.floorWriteUnits.toFixed(1)} WRU per order (the events as written, one unit per other item written) where this run wrote ${r.perOrder.writeUnits.toFixed(1)}`,
  );
  out.push('\nDynamoDB units per order, by table');
  out.push(
    table(
      ['table', 'WRU', 'items written', 'RRU'],
      Object.entries(r.perOrder.capacityByTable as Record<string, { readUnits: number; writeUnits: number; itemWrites: number }>)
        .filter(([, u]) => u.readUnits + u.writeUnits > 0)
        .map(([t, u]) => [t.replace(/^Orderline-\w+-/, ''), u.writeUnits.toFixed(1), u.itemWrites.toFixed(1), u.readUnits.toFixed(1)]),
    ),
  );
  out.push('\nLambda invocations per order');
  out.push(table(['function', 'invocations'], Object.entries(r.perOrder.lambdaByFunction).map(([f, n]) => [f, (n as number).toFixed(2)])));
  out.push('\nBundles (minified, AWS SDK external) and module init in a fresh process');
  out.push(table(['function', 'KB', 'init', 'loads an SDK client'], r.bundles.map((b: any) => [b.function, (b.bytes / 1024).toFixed(0), ms(b.initMs), b.loadsSdk ? 'yes' : 'no'])));
  const verdict = bundleVerdict(r.bundles);
  out.push(`largest: ${verdict.largest.function} ${(verdict.largest.bytes / 1024).toFixed(0)} KB (limit ${BUNDLE_LIMIT_BYTES / 1024} KB)`);
  out.push(`HTTP functions' init over the fastest SDK-loading function (${verdict.baseline.function}, ${ms(verdict.baseline.initMs)}): p50 ${ms(verdict.httpOverBaselineMs.p50)}, max ${ms(verdict.httpOverBaselineMs.max)} (goal: within 10 ms)`);
  out.push('\nBusiness metrics the functions emitted during the run (counted by the local runtime from their EMF lines)');
  out.push(
    table(
      ['metric', 'dimensions', 'count', 'avg', 'max'],
      r.metrics.map((m: any) => {
        const { service: _service, ...dimensions } = m.dimensions;
        return [m.name, Object.entries(dimensions).map(([k, v]) => `${k}=${v}`).join(' ') || '-', m.count, m.unit === 'Count' ? '' : ms(m.sum / m.count), m.unit === 'Count' ? '' : ms(m.max)];
      }),
    ),
  );
  return out.join('\n');
}

main().catch((error: Error) => {
  console.error(`\nbench failed: ${error.message}`);
  process.exit(1);
});

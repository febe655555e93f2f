import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { api, asAdmin } from '../../support/api';
import { accountFromStore, newCustomer, openAccount, requestTransfer } from '../../support/bank-api';
import type { TestCaller } from '../../support/callers';
import { inBatches } from '../../support/batches';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { runTool } from '../../support/local-tools';
import { rebuildView } from '../../support/rebuild';
import { eventTypes, injectFault, paymentEvents, type Fault, type SagaView } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

/**
 * A seeded chaos run: hundreds of orders and transfers at once, a fault drawn for about half of
 * the sagas from every step × {before, after its effect} × {crash, timeout, throttle}, injected
 * through the local runtime's test hooks (a crash is an error, a timeout Lambda's, a throttle
 * DynamoDB's own answer to the step's calls; most pass after a try or two, some never do). Then
 * the reconciler runs as it would on its schedule, and the invariants must hold: every saga
 * ended, every order and transfer final, money and stock accounted for to the unit, the views
 * equal to a rebuild from the events. The seed is printed; `CHAOS_SEED=<seed> npm run test:load
 * -- test/system/integration/chaos.load.test.ts` replays a failure.
 */
const SEED = Number(process.env.CHAOS_SEED ?? randomInt(2 ** 31));
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 200);
const TRANSFERS = Number(process.env.CHAOS_TRANSFERS ?? 100);
const PRODUCTS = 4;
const STOCK = 90;
const ACCOUNTS = 10;
const START = 10_000;
const FAULT_RATE = 0.5;

const ORDER_STEPS = ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'RefundPayment', 'ReleaseStock', 'CancelOrder'] as const;
const TRANSFER_STEPS = ['DebitSource', 'CreditTarget', 'CompleteTransfer', 'RefundSource', 'EndTransfer'] as const;
const KINDS = ['crash', 'timeout', 'throttle'] as const;
const TIMINGS = ['before', 'after'] as const;
type Drawn = { step: string; kind: (typeof KINDS)[number]; when: (typeof TIMINGS)[number]; times: number };

/** mulberry32: a small seeded generator, so a run can be replayed from its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = generator(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Mostly a fault the retries get past (1 or 2 failures), sometimes one that never lets go. */
const drawTimes = () => (random() < 0.75 ? 1 + Math.floor(random() * 2) : 99);
/**
 * The faults of `n` sagas: every step × kind × timing once (so that none is left out by the
 * draw), on sagas drawn at random, then about half of the others a fault drawn at random.
 */
function drawFaults(steps: readonly string[], n: number): (Drawn | undefined)[] {
  const every = steps.flatMap((step) => KINDS.flatMap((kind) => TIMINGS.map((when) => ({ step, kind, when }))));
  const faults: (Drawn | undefined)[] = Array.from({ length: n }, () => (random() < FAULT_RATE ? { step: pick(steps), kind: pick(KINDS), when: pick(TIMINGS), times: drawTimes() } : undefined));
  const sagas = Array.from({ length: n }, (_, i) => i).sort(() => random() - 0.5);
  every.slice(0, n).forEach((combination, i) => (faults[sagas[i]!] = { ...combination, times: drawTimes() }));
  return faults;
}

/** The fault the runtime injects for a drawn one, scoped to one order or one transfer's request. */
function faultOf(drawn: Drawn, scope: { orderId: string } | { correlationId: string }): Fault {
  const fn = `${drawn.step}Function`;
  const message = `chaos: ${drawn.step} ${drawn.kind} ${drawn.when}`;
  if (drawn.kind === 'throttle') {
    // DynamoDB's answer to every call of the step about it; the SDK tries each call 3 times.
    const error = { name: 'ProvisionedThroughputExceededException', message };
    return { kind: 'dependency', dependency: 'dynamodb', function: fn, ...scope, when: drawn.when, error, times: drawn.times === 99 ? 99 : drawn.times * 3 };
  }
  if (drawn.kind === 'timeout' && drawn.step === 'ChargePayment' && drawn.when === 'after') {
    // The one that matters most: the step dies as the gateway (its simulator's ledger) charges.
    return { kind: 'dependency', dependency: 'dynamodb', function: fn, ...scope, table: 'PaymentGatewayLedger', operation: 'PutItem', when: 'after', error: { name: 'Sandbox.Timedout', message }, times: drawn.times };
  }
  const name = drawn.kind === 'timeout' ? 'Sandbox.Timedout' : 'Error';
  return { kind: 'function', function: fn, ...scope, when: drawn.when, error: { name, message }, times: drawn.times };
}

/** Polls every id until `ended` says so of each, a few at a time; fails with the ids left after `timeoutMs`. */
async function untilAll(ids: string[], status: (id: string) => Promise<string | undefined>, ended: (status: string | undefined) => boolean, what: string, timeoutMs = 600_000): Promise<void> {
  let left = ids;
  const deadline = Date.now() + timeoutMs;
  while (left.length > 0) {
    const statuses = await inBatches(left, 20, status);
    left = left.filter((_, i) => !ended(statuses[i]));
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`seed ${SEED}: ${left.length} ${what} still not ended: ${left.slice(0, 5).join(', ')}…`);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}

const started = Date.now();
/** Says where the run is, for whoever watches it (and for a replay). */
const phase = (what: string) => console.log(`chaos ${SEED} +${Math.round((Date.now() - started) / 1000)} s: ${what}`);

const count = <T extends string>(values: T[]) => values.reduce<Record<string, number>>((c, v) => ({ ...c, [v]: (c[v] ?? 0) + 1 }), {});

// A load test (`*.load.test.ts`): minutes of sagas on a shared system, so `npm run test:load` runs it, alone.
describeLocal('a seeded chaos run', "injects faults through the local runtime's test hooks and runs the reconciler and the rebuild tools", () => {
  it(`${ORDERS} orders and ${TRANSFERS} transfers with faults drawn at every step: every saga ends, nothing lost or made, the views equal a rebuild`, async () => {
    console.log(`chaos seed ${SEED}: replay with CHAOS_SEED=${SEED}`);
    const skus = await inBatches(Array.from({ length: PRODUCTS }), PRODUCTS, () => addProduct(STOCK, 1_500));
    const orderFaults = drawFaults(ORDER_STEPS, ORDERS);
    const transferFaults = drawFaults(TRANSFER_STEPS, TRANSFERS);
    const orders = Array.from({ length: ORDERS }, (_, i) => ({
      sku: pick(skus),
      quantity: 1 + Math.floor(random() * 3),
      paymentMethod: random() < 0.08 ? 'tok_declined' : random() < 0.1 ? 'tok_unavailable_2' : 'tok_visa',
      fault: orderFaults[i],
    }));
    const owners: TestCaller[] = Array.from({ length: 5 }, newCustomer);
    const accounts = await inBatches(Array.from({ length: ACCOUNTS }, (_, i) => i), 5, (i) => openAccount(owners[i % owners.length]!, START));
    const transfers = Array.from({ length: TRANSFERS }, (_, i) => {
      const from = Math.floor(random() * ACCOUNTS);
      const to = (from + 1 + Math.floor(random() * (ACCOUNTS - 1))) % ACCOUNTS;
      return { from, to, amount: 100 + Math.floor(random() * 3_900), correlationId: `chaos-${randomUUID()}`, fault: transferFaults[i] };
    });

    // Draft orders and the faults first, then everything at once.
    const orderIds = await inBatches(orders, 25, async (order) => {
      const orderId = await createOrder([{ sku: order.sku, quantity: order.quantity }]);
      if (order.fault) await injectFault(faultOf(order.fault, { orderId }));
      return orderId;
    });
    for (const transfer of transfers) if (transfer.fault) await injectFault(faultOf(transfer.fault, { correlationId: transfer.correlationId }));
    const [placed, asked] = await Promise.all([
      Promise.all(orderIds.map((orderId, i) => api('POST', `/orders/${orderId}/place`, { paymentMethod: orders[i]!.paymentMethod }))),
      Promise.all(transfers.map((t) => requestTransfer(owners[t.from % owners.length]!, accounts[t.from]!, accounts[t.to]!, t.amount, randomUUID(), t.correlationId))),
    ]);
    expect(placed.map((r) => r.status)).toEqual(orderIds.map(() => 202));
    expect(asked.map((r) => r.status)).toEqual(transfers.map(() => 202));
    const transferIds: string[] = asked.map((r) => r.body.transferId);

    phase('all placed and asked for');
    // 1. Every saga ends.
    await untilAll(orderIds, async (id) => (await asAdmin('GET', `/orders/${id}/saga`)).body?.status, (s) => s !== undefined && s !== 'RUNNING', 'order sagas');
    await untilAll(transferIds, async (id) => (await asAdmin('GET', `/transfers/${id}`)).body?.saga?.status, (s) => s !== undefined && s !== 'RUNNING', 'transfer sagas');
    const sagas = await inBatches(orderIds, 20, async (id) => (await asAdmin<SagaView & { compensationFailure?: { failedSteps?: string[] } }>('GET', `/orders/${id}/saga`)).body);
    const sagaOutcomes = count(sagas.map((saga) => saga.status));
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
    const { outputs } = testEnv();
    /** What the gateway itself did with an order's charge (its ledger, not our events): charged, and the charge kept (not refunded). */
    const atGateway = async (orderId: string) => {
      const { Item } = await client.send(new GetCommand({ TableName: outputs!.PaymentGatewayLedgerTableName, Key: { idempotencyKey: `charge-${orderId}` }, ConsistentRead: true }));
      return { charged: Item?.outcome?.status === 'charged', kept: Item?.outcome?.status === 'charged' && Item?.refundId === undefined };
    };
    /** Whether the order still holds stock: a product whose last reservation event reserved or sold it. */
    const holdsStock = async (orderId: string) => {
      const types = await eventTypes(`reservation#${orderId}`);
      const held = types.filter((t) => t === 'StockReserved' || t === 'StockCommitted').length > 0 && !types.some((t) => t === 'StockReleased' || t === 'StockReturned');
      return held;
    };

    // 1b. Before any reconciler: a saga that gave up ran its compensation to the end. What it left
    //     undone (the order not ended, a charge kept, stock held) its failure record names.
    const givenUp = orderIds.map((orderId, i) => ({ orderId, saga: sagas[i]! })).filter(({ saga }) => saga.status === 'FAILED' || saga.output?.outcome === 'rejected');
    const unrecorded = await inBatches(givenUp, 20, async ({ orderId, saga }) => {
      const events = await history(orderId);
      const last = events.at(-1)?.type;
      const undone = [
        ...(last === 'OrderRejected' || last === 'OrderCancelled' ? [] : ['CancelOrder']),
        ...((await atGateway(orderId)).kept ? ['RefundPayment'] : []),
        ...((await holdsStock(orderId)) ? ['ReleaseStock'] : []),
      ];
      const recorded = saga.compensationFailure?.failedSteps ?? [];
      const missing = undone.filter((step) => !recorded.includes(step));
      return missing.length > 0 ? { orderId, undone, recorded } : undefined;
    });
    expect(unrecorded.filter(Boolean)).toEqual([]);

    phase(`sagas ended: ${JSON.stringify(sagaOutcomes)}`);
    // The reconciler, as its schedule would run it, over this run's orders and transfers.
    const reconciled = JSON.parse(await runTool('reconcile', ['--grace-minutes', '0', ...orderIds.flatMap((id) => ['--order', id]), ...transferIds.flatMap((id) => ['--transfer', id])])) as {
      findings: { kind: string; repaired: boolean }[];
    };
    expect(reconciled.findings.filter((f) => !f.repaired)).toEqual([]);

    phase(`reconciled: ${JSON.stringify(count(reconciled.findings.map((f) => f.kind)))}`);
    // 2. Every order final; a confirmed one charged once with its stock sold, any other charged
    //    and refunded alike (at most once), at the gateway as in its events, and holding no stock.
    const finals = await inBatches(orderIds, 20, async (orderId) => {
      const events = await history(orderId);
      const status = { OrderConfirmed: 'confirmed', OrderRejected: 'rejected', OrderCancelled: 'cancelled' }[events.at(-1)?.type ?? ''] ?? events.at(-1)?.type;
      const payments = await paymentEvents(orderId);
      return { orderId, status: String(status), charges: payments.filter((t) => t === 'PaymentCharged').length, refunds: payments.filter((t) => t === 'PaymentRefunded').length };
    });
    const orderOutcomes = count(finals.map((o) => o.status));
    // At the gateway as in our events: a confirmed order's charge stands, any other's, if made, was refunded.
    const money = await inBatches(finals, 20, async ({ orderId, status }) => ({ orderId, status, ...(await atGateway(orderId)) }));
    expect(money.filter((o) => (o.status === 'confirmed' ? !o.kept : o.kept))).toEqual([]);
    expect(finals.filter((o) => !['confirmed', 'rejected', 'cancelled'].includes(o.status))).toEqual([]);
    expect(finals.filter((o) => (o.status === 'confirmed' ? o.charges !== 1 || o.refunds !== 0 : o.charges !== o.refunds || o.charges > 1))).toEqual([]);
    // A stock status at odds with the order's: held by an order that did not go through, or not sold by one that did.
    const stockAtOdds = (o: { status: string; stockStatus: Record<string, string> }) =>
      Object.values(o.stockStatus).some((s) => (o.status === 'confirmed' ? s !== 'committed' : s === 'reserved' || s === 'committed'));
    // The reconciler may have just released stock (stock-held): its event reaches the effects view a moment later.
    const effects = await inBatches(orderIds, 20, async (orderId) =>
      (
        await eventually(
          () => api('GET', `/orders/${orderId}`),
          (r) => r.status === 200 && r.body.status === finals.find((o) => o.orderId === orderId)!.status && !stockAtOdds(r.body),
          { what: `order ${orderId} in its view, its stock settled`, timeoutMs: 20_000 },
        ).catch(() => api('GET', `/orders/${orderId}`))
      ).body,
    );
    expect(effects.filter(stockAtOdds)).toEqual([]);

    // 3. Stock: per product, sold = the confirmed quantities, on hand = what there was less that, nothing reserved.
    for (const sku of skus) {
      const sold = orders.reduce((sum, order, i) => sum + (order.sku === sku && finals[i]!.status === 'confirmed' ? order.quantity : 0), 0);
      const product = await eventually(() => asAdmin('GET', `/products/${sku}`), (r) => r.body?.sold === sold && r.body?.reserved === 0, {
        what: `seed ${SEED}: product ${sku} to show ${sold} sold and nothing reserved`,
        timeoutMs: 60_000,
      });
      expect(product.body.onHand).toBe(STOCK - sold);
    }

    // 4. Money: every transfer final, no account negative, the total kept to the cent.
    const transferOutcomes = count(await inBatches(transferIds, 20, async (id) => String((await asAdmin('GET', `/transfers/${id}`)).body.status)));
    await untilAll(transferIds, async (id) => (await asAdmin('GET', `/transfers/${id}`)).body?.status, (s) => s === 'completed' || s === 'rejected' || s === 'failed', 'transfers (final in their view)', 60_000);
    const balances = await inBatches(accounts, 10, async (id) => (await accountFromStore(id)).balance);
    expect(balances.filter((b) => b < 0)).toEqual([]);
    expect(balances.reduce((sum, b) => sum + b, 0)).toBe(ACCOUNTS * START);

    phase('orders, stock and money checked');
    // 5. The views equal a rebuild from the events.
    const sameRows = async (live: string, rebuilt: string, key: string, ids: string[]) => {
      const differing = await inBatches(ids, 20, async (id) => {
        const [a, b] = await Promise.all([live, rebuilt].map((table) => client.send(new GetCommand({ TableName: table, Key: { [key]: id } }))));
        return isDeepStrictEqual(a!.Item, b!.Item) ? undefined : { id, live: a!.Item, rebuilt: b!.Item };
      });
      return differing.filter(Boolean);
    };
    await eventually(() => inBatches(accounts, 10, async (id) => (await asAdmin('GET', `/accounts/${id}`)).body?.balance), (b) => b.every((v, i) => v === balances[i]), { what: 'the accounts view to catch up' });
    const [ordersRebuilt, accountsRebuilt, transfersRebuilt] = [
      await rebuildView('orders', 'OrdersEventsTableName', 'OrdersTableName'),
      await rebuildView('accounts', 'BankEventsTableName', 'AccountsTableName'),
      await rebuildView('transfers', 'BankEventsTableName', 'TransfersTableName'),
    ];
    expect(await sameRows(outputs!.OrdersTableName!, ordersRebuilt, 'orderId', orderIds)).toEqual([]);
    expect(await sameRows(outputs!.AccountsTableName!, accountsRebuilt, 'accountId', accounts)).toEqual([]);
    expect(await sameRows(outputs!.TransfersTableName!, transfersRebuilt, 'transferId', transferIds)).toEqual([]);

    const faults = count([...orders, ...transfers].flatMap((x) => (x.fault ? [`${x.fault.kind}/${x.fault.when}${x.fault.times === 99 ? '/permanent' : ''}`] : [])));
    console.log(
      JSON.stringify({ seed: SEED, faults, orderSagas: sagaOutcomes, orders: orderOutcomes, transfers: transferOutcomes, reconciled: count(reconciled.findings.map((f) => f.kind)) }),
    );
  }, 1_200_000);
});

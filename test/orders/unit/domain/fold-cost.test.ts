import { orderDecider, productDecider, reservationDecider, type Decider } from '../../../../functions/orders/domain';

const now = '2026-11-23T10:00:00.000Z';

/**
 * The work of folding a history, counted instead of timed (tests never assert wall-clock times):
 * an immutable `evolve` copies its state at every event, so the work is the sum of the states'
 * sizes along the way. A state that grows with the history makes this quadratic (10× the events,
 * ~100× the work: the product that kept every order's reservation did); a bounded one, linear.
 */
function foldWork<C, E, S>(decider: Decider<C, E, S>, events: E[]): number {
  let work = 0;
  events.reduce((state, event) => {
    const next = decider.evolve(state, event);
    work += JSON.stringify(next).length;
    return next;
  }, decider.initialState);
  return work;
}

/** A history made by the decider itself: each command decided on the state so far. */
function historyOf<C, E, S>(decider: Decider<C, E, S>, commands: C[]): E[] {
  const events: E[] = [];
  let state = decider.initialState;
  for (const command of commands) {
    const decided = decider.decide(command, state);
    events.push(...decided);
    state = decided.reduce(decider.evolve, state);
  }
  return events;
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const HISTORIES: [string, (n: number) => number][] = [
  [
    'a product restocked n times',
    (n) =>
      foldWork(
        productDecider,
        historyOf(productDecider, [
          { type: 'AddProduct', data: { sku: 'A', name: 'A', price: eur(100), initialStock: 0 }, metadata: { now } },
          ...Array.from({ length: n }, () => ({ type: 'Restock' as const, data: { sku: 'A', quantity: 1 }, metadata: { now } })),
        ]),
      ),
  ],
  [
    'an order whose customer adds and removes a line n times',
    (n) =>
      foldWork(
        orderDecider,
        historyOf(orderDecider, [
          { type: 'CreateOrder', data: { orderId: 'o', customerId: 'c', currency: 'EUR', items: [] }, metadata: { now } },
          ...Array.from({ length: n }, (_, i) =>
            i % 2 === 0
              ? { type: 'AddItem' as const, data: { orderId: 'o', line: { sku: 'A', quantity: 1, unitPrice: eur(100) } }, metadata: { now } }
              : { type: 'RemoveItem' as const, data: { orderId: 'o', sku: 'A' }, metadata: { now } },
          ),
        ]),
      ),
  ],
];

describe('the cost of loading an aggregate grows with its history, not faster', () => {
  it.each(HISTORIES)('%s: 10× the events is about 10× the work, not 100×', (_name, work) => {
    const ratio = work(10_000) / work(1_000);
    expect(ratio).toBeGreaterThan(8);
    expect(ratio).toBeLessThan(12);
  });

  it('keeps a reservation as small as its order, whatever else happens to the product', () => {
    const lines = Array.from({ length: 50 }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
    const events = historyOf(reservationDecider, [
      { type: 'ReserveStock', data: { orderId: 'o', lines }, metadata: { now } },
      { type: 'CommitStock', data: { orderId: 'o' }, metadata: { now } },
      { type: 'ReleaseStock', data: { orderId: 'o' }, metadata: { now } },
    ]);
    expect(events).toHaveLength(150);
    const state = events.reduce(reservationDecider.evolve, reservationDecider.initialState);
    expect(Object.keys(state.status === 'made' ? state.holds : {})).toHaveLength(50);
  });
});

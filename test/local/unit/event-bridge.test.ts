import { putAllEvents } from '../../../functions/platform/events-out/put-all-events';
import { LocalEventBridge, type LocalRule } from '../../../local/event-bridge/event-bridge';
import { handleEventBridgeCall } from '../../../local/event-bridge/event-bridge-api';

type Delivery = { arn: string; input: unknown };

function bus(options: { failEntries?: number; failingTargets?: Set<string> } = {}) {
  const deliveries: Delivery[] = [];
  const deadLetters: { queue: string; message: unknown }[] = [];
  let toFail = options.failEntries ?? 0;
  const bridge = new LocalEventBridge({
    region: 'us-east-1',
    accountId: '000000000000',
    deliver: async (arn, input) => {
      if (options.failingTargets?.has(arn)) throw new Error(`${arn} is down`);
      deliveries.push({ arn, input });
    },
    deadLetter: (queue, message) => deadLetters.push({ queue, message }),
    failEntry: () => toFail-- > 0,
    retryDelayMs: 1,
  });
  return { bridge, deliveries, deadLetters };
}

const rule = (overrides: Partial<LocalRule> = {}): LocalRule => ({
  name: 'notify',
  busName: 'orderline',
  pattern: { source: ['orderline.order'], 'detail-type': ['OrderConfirmed'] },
  enabled: true,
  targets: [{ Id: 't', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:notify', InputPath: '$.detail' }],
  ...overrides,
});
const entry = (detailType: string, detail: unknown = { orderId: 'o-1' }) => ({ EventBusName: 'orderline', Source: 'orderline.order', DetailType: detailType, Detail: JSON.stringify(detail) });

describe('the local EventBridge', () => {
  it('delivers an event to the targets of the rules it matches on its bus, shaped by the target input', async () => {
    const { bridge, deliveries } = bus();
    bridge.addRule(rule());
    bridge.addRule(rule({ name: 'other-bus', busName: 'default' }));
    bridge.addRule(rule({ name: 'disabled', enabled: false }));
    const result = bridge.putEvents([entry('OrderConfirmed'), entry('OrderPlaced')]);
    await bridge.idle();
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries).toHaveLength(2);
    expect(deliveries).toEqual([{ arn: 'arn:aws:lambda:us-east-1:000000000000:function:notify', input: { orderId: 'o-1' } }]);
  });

  it('wraps the entry in the envelope rules match on', async () => {
    const { bridge, deliveries } = bus();
    bridge.addRule(rule({ pattern: { account: ['000000000000'], region: ['us-east-1'], detail: { total: [{ numeric: ['>', 100] }] } }, targets: [{ Id: 't', Arn: 'arn:x' }] }));
    bridge.putEvents([entry('OrderPlaced', { total: 150 }), entry('OrderPlaced', { total: 50 })]);
    await bridge.idle();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.input).toMatchObject({ version: '0', source: 'orderline.order', 'detail-type': 'OrderPlaced', detail: { total: 150 }, id: expect.any(String) });
  });

  it("refuses a PutEvents whose entries pass EventBridge's 1 MB together, and takes one just under it", async () => {
    const { bridge, deliveries } = bus();
    const entry = (bytes: number) => ({ Source: 'orderline.order', DetailType: 'OrderConfirmed', Detail: JSON.stringify({ pad: 'x'.repeat(bytes) }), EventBusName: 'orderline' });
    const refused = await handleEventBridgeCall(bridge, 'PutEvents', { Entries: [entry(600_000), entry(600_000)] });
    expect(refused).toMatchObject({ status: 400, body: { __type: 'ValidationException', message: expect.stringContaining('over the limit') } });
    expect(await handleEventBridgeCall(bridge, 'PutEvents', { Entries: [entry(1_000_000)] })).toMatchObject({ status: 200, body: { FailedEntryCount: 0 } });
    expect(deliveries).toEqual([]);
  });

  it('fails entries it cannot take, each on its own', () => {
    const { bridge } = bus();
    const result = bridge.putEvents([entry('OrderConfirmed'), { EventBusName: 'orderline', Source: 'x', DetailType: 'y', Detail: '{not json' }, { Source: 'x' }]);
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries.map((e) => ('ErrorCode' in e ? e.ErrorCode : 'ok'))).toEqual(['ok', 'MalformedDetail', 'InvalidArgument']);
  });

  it('retries a failing target, then sends the event itself to its dead-letter queue, with why in the attributes EventBridge sets', async () => {
    const { bridge, deadLetters } = bus({ failingTargets: new Set(['arn:down']) });
    bridge.addRule(rule({ targets: [{ Id: 'down', Arn: 'arn:down', InputPath: '$.detail', RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:0:dlq' } }] }));
    const [accepted] = bridge.putEvents([entry('OrderConfirmed')]).Entries;
    await bridge.idle();
    // The body is the whole event, not the target's input ($.detail).
    expect(deadLetters).toEqual([
      {
        queue: 'arn:aws:sqs:us-east-1:0:dlq',
        message: {
          body: expect.objectContaining({ id: (accepted as { EventId: string }).EventId, 'detail-type': 'OrderConfirmed', source: 'orderline.order', detail: { orderId: 'o-1' } }),
          attributes: {
            RULE_ARN: 'arn:aws:events:us-east-1:000000000000:rule/orderline/notify',
            TARGET_ARN: 'arn:down',
            ERROR_CODE: 'ERROR_FROM_TARGET',
            ERROR_MESSAGE: 'arn:down is down',
            EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
            RETRY_ATTEMPTS: '1',
          },
        },
      },
    ]);
  });

  it('refuses a rule it cannot evaluate at startup', () => {
    const { bridge } = bus();
    expect(() => bridge.addRule(rule({ pattern: { source: [{ 'starts-with': 'x' }] } }))).toThrow(/starts-with/);
    expect(() => bridge.addRule(rule({ targets: [{ Id: 't', Arn: 'arn:x', InputPath: '$.detail[0]' }] }))).toThrow(/not supported/);
  });
});

describe('putting every event on the bus (the forwarder)', () => {
  it('resends only the entries the bus failed, so each event is accepted exactly once', async () => {
    // The bus fails the first 3 entries it sees: some of the first call of 10.
    const { bridge, deliveries } = bus({ failEntries: 3 });
    bridge.addRule(rule({ pattern: { source: ['orderline.order'] }, targets: [{ Id: 't', Arn: 'arn:x', InputPath: '$.detail' }] }));
    const entries = Array.from({ length: 23 }, (_, i) => entry('OrderConfirmed', { n: i }));
    const calls: number[] = [];
    const { failed, refused } = await putAllEvents(
      async (batch) => {
        calls.push(batch.length);
        return bridge.putEvents(batch.map((e) => ({ ...e, Time: undefined })));
      },
      entries,
      { sleep: async () => undefined },
    );
    await bridge.idle();
    expect(failed).toEqual([]);
    expect(refused).toEqual([]);
    expect(calls).toEqual([10, 10, 3, 3]);
    expect(deliveries.map((d) => (d.input as { n: number }).n).sort((a, b) => a - b)).toEqual(entries.map((_, i) => i));
  });

  it('gives back the entries still failing after its attempts, and treats a failed call as all of its entries failing', async () => {
    const { bridge } = bus({ failEntries: 100 });
    const entries = Array.from({ length: 12 }, (_, i) => entry('OrderConfirmed', { n: i }));
    expect((await putAllEvents(async (batch) => bridge.putEvents(batch.map((e) => ({ ...e, Time: undefined }))), entries, { attempts: 2, sleep: async () => undefined })).failed).toEqual(
      entries.map((_, i) => i),
    );
    let calls = 0;
    const down = async () => {
      calls++;
      throw new Error('network down');
    };
    expect((await putAllEvents(down, entries.slice(0, 3), { attempts: 3, sleep: async () => undefined })).failed).toEqual([0, 1, 2]);
    expect(calls).toBe(3);
  });

  it('does not retry an entry the bus refuses for good, and gives it back to be parked', async () => {
    const { bridge } = bus({});
    const good = entry('OrderConfirmed', { n: 1 });
    const malformed = { ...entry('OrderConfirmed', { n: 2 }), Detail: '{not json' };
    let calls = 0;
    const result = await putAllEvents(async (batch) => (calls++, bridge.putEvents(batch.map((e) => ({ ...e, Time: undefined })))), [good, malformed], { sleep: async () => undefined });
    expect(result).toEqual({ failed: [], refused: [{ index: 1, code: 'MalformedDetail', message: 'Detail is not valid JSON' }] });
    expect(calls).toBe(1);
  });
});

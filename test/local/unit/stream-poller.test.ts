import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { StreamPoller, type DynamoDbStreamRecord, type FailedBatch, type StreamInvokeEvent, type StreamMapping } from '../../../local/dynamodb/stream-poller';
import { eventually } from '../../support/eventually';
import { dynamoDbLocalConfig } from '../../support/test-env';

/**
 * The stream is DynamoDB Local's own; the "function" is a test function, because what is under
 * test is the poller's delivery semantics. One streamed table for the whole file: streamed tables
 * in one DynamoDB Local instance slow each other down.
 */
const config = () => dynamoDbLocalConfig();
let dynamo: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let tableName: string;
let streamArn: string;

beforeAll(async () => {
  dynamo = new DynamoDBClient(config());
  streams = new DynamoDBStreamsClient(config());
  tableName = `poller-${randomUUID()}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  streamArn = Table!.LatestStreamArn!;
});

const mapping = (overrides: Partial<StreamMapping> = {}): StreamMapping => ({
  id: 'test',
  functionName: 'test',
  batchSize: 10,
  maximumRetryAttempts: 2,
  bisectBatchOnFunctionError: true,
  reportBatchItemFailures: true,
  filters: [],
  startingPosition: 'LATEST',
  tumblingWindowSeconds: 0,
  ...overrides,
});

/** Puts items with a run-unique kind, so each test sees only its own records. */
async function put(kind: string, ids: string[]): Promise<void> {
  for (const id of ids) await dynamo.send(new PutItemCommand({ TableName: tableName, Item: { id: { S: `${kind}-${id}` }, kind: { S: kind }, n: { S: id } } }));
}

function startPoller(kind: string, m: StreamMapping, invoke: (records: DynamoDbStreamRecord[]) => Promise<unknown>, idlePollIntervalMs?: number, pollIntervalMs = 20) {
  const failures: FailedBatch[] = [];
  const poller = new StreamPoller({
    streams,
    streamArn,
    eventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/local',
    // Every test's poller reads the whole stream: without filters of its own, a test sees its records only.
    mapping: m.filters.length ? m : { ...m, filters: [{ dynamodb: { NewImage: { kind: { S: [kind] } } } }] },
    invoke: ({ Records }) => invoke(Records),
    sendToFailureDestination: async (failure) => void failures.push(failure),
    pollIntervalMs,
    idlePollIntervalMs,
  });
  poller.start();
  return { poller, failures };
}

const ids = (records: DynamoDbStreamRecord[]) => records.map((r) => r.dynamodb?.NewImage?.n?.S);

describe('the stream poller on DynamoDB Local', () => {
  it('polls a quiet stream seldom, and reads at once when woken (the runtime wakes it on each write to the table)', async () => {
    const kind = randomUUID();
    const seen: DynamoDbStreamRecord[] = [];
    const { poller } = startPoller(kind, mapping(), async (records) => void seen.push(...records), 600_000);
    try {
      await poller.drained();
      await put(kind, ['1', '2']);
      // Quiet for ten minutes: without a wake, nothing is read in the meantime.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(seen).toEqual([]);
      poller.wake();
      await eventually(async () => seen.length, (n) => n === 2, { what: 'the two records, once woken' });
    } finally {
      await poller.stop();
    }
    expect(ids(seen)).toEqual(['1', '2']);
  });

  it('polls no more often than its interval while records flow, as Lambda polls a shard 4 times a second: a busy stream comes in batches, not a record at a time', async () => {
    const kind = randomUUID();
    const invokedAt: number[] = [];
    const seen: DynamoDbStreamRecord[] = [];
    const interval = 250;
    const { poller } = startPoller(kind, mapping({ batchSize: 100 }), async (records) => void (invokedAt.push(Date.now()), seen.push(...records)), undefined, interval);
    try {
      await poller.drained();
      // A write every 10 ms or so for about a second and a half.
      const written = Array.from({ length: 60 }, (_, i) => String(i));
      for (const id of written) {
        await put(kind, [id]);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await eventually(async () => seen.length, (n) => n === written.length, { what: 'every record' });
      expect(ids(seen)).toEqual(written);
      // Polls start at least `interval` apart (timers never fire early) and each invocation comes
      // between its poll and the next, so n invocations span more than (n - 2) intervals, however
      // slow the machine is. Polling again at once after a batch gave about one invocation a record.
      const span = invokedAt.at(-1)! - invokedAt[0]!;
      expect(invokedAt.length).toBeLessThan(span / interval + 2);
      expect(invokedAt.length).toBeLessThan(written.length / 3);
    } finally {
      await poller.stop();
    }
  });

  it('delivers records in order, in batches, with the event source ARN set', async () => {
    const kind = randomUUID();
    const seen: DynamoDbStreamRecord[][] = [];
    const { poller } = startPoller(kind, mapping({ batchSize: 3 }), async (records) => void seen.push(records));
    await poller.drained();
    await put(kind, ['1', '2', '3', '4', '5']);
    await eventually(async () => seen.flat().length, (n) => n === 5, { what: 'five records' });
    await poller.stop();

    expect(ids(seen.flat())).toEqual(['1', '2', '3', '4', '5']);
    expect(seen.every((batch) => batch.length <= 3)).toBe(true);
    expect(seen[0]?.[0]).toMatchObject({ eventName: 'INSERT', eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/local' });
    expect(typeof seen[0]?.[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  });

  it('drops records that match no filter before invoking', async () => {
    const kind = randomUUID();
    const seen: DynamoDbStreamRecord[] = [];
    const onlyEven = mapping({ filters: [{ dynamodb: { NewImage: { kind: { S: [kind] }, n: { S: ['2', '4'] } } } }] });
    const { poller } = startPoller(kind, onlyEven, async (records) => void seen.push(...records));
    await poller.drained();
    await put(kind, ['1', '2', '3', '4', '5']);
    await eventually(async () => seen.length, (n) => n === 2, { what: 'the two matching records' });
    await put(kind, ['6']);
    await poller.drained();
    await poller.stop();
    expect(ids(seen)).toEqual(['2', '4']);
  });

  it('sends a poison record to the failure destination after the retries and delivers the rest', async () => {
    const kind = randomUUID();
    const delivered: string[] = [];
    let poisonAttempts = 0;
    const { poller, failures } = startPoller(kind, mapping({ reportBatchItemFailures: false, maximumRetryAttempts: 2 }), async (records) => {
      if (ids(records).includes('3')) {
        if (records.length === 1) poisonAttempts++;
        throw new Error('cannot apply record 3');
      }
      delivered.push(...(ids(records) as string[]));
    });
    await poller.drained();
    await put(kind, ['1', '2', '3', '4', '5']);
    await eventually(async () => failures.length, (n) => n === 1, { what: 'the poison record in the failure destination' });
    await eventually(async () => delivered.length, (n) => n === 4, { what: 'the other records' });
    await poller.stop();

    expect(delivered).toEqual(['1', '2', '4', '5']);
    expect(ids(failures[0]!.records)).toEqual(['3']);
    expect(failures[0]).toMatchObject({ error: 'cannot apply record 3', attempts: 3 });
    expect(poisonAttempts).toBe(3);
  });

  it('retries a partial batch failure from the failed record on, not before it', async () => {
    const kind = randomUUID();
    const calls: string[][] = [];
    let failedOnce = false;
    const { poller, failures } = startPoller(kind, mapping({ bisectBatchOnFunctionError: false }), async (records) => {
      calls.push(ids(records) as string[]);
      const third = records.find((r) => r.dynamodb?.NewImage?.n?.S === '3');
      if (third && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: third.dynamodb?.SequenceNumber }] };
      }
      return { batchItemFailures: [] };
    });
    await poller.drained();
    await put(kind, ['1', '2', '3', '4']);
    // The four records may come in one batch or, when a poll falls between the puts, in several:
    // what matters is that the retry starts at record 3 and everything before it is not sent again.
    await eventually(async () => calls.flat(), (seen) => seen.filter((n) => n === '3').length === 2 && seen.lastIndexOf('4') > seen.lastIndexOf('3'), { what: 'the retry from record 3' });
    await poller.stop();

    expect(calls.flat().filter((n) => n === '1' || n === '2')).toEqual(['1', '2']);
    // The batch that failed holds record 3; the retry is the next call, and it starts at 3.
    const failed = calls.findIndex((call) => call.includes('3'));
    const retry = failed + 1;
    expect(calls[retry]?.[0]).toBe('3');
    expect(calls.flat().slice(calls.slice(0, retry).flat().length)).toEqual(['3', '4']);
    expect(failures).toEqual([]);
  });

  it('bisects what a partial failure leaves, so only the poison record ends in the failure destination', async () => {
    const kind = randomUUID();
    const applied: string[] = [];
    const { poller, failures } = startPoller(kind, mapping({ maximumRetryAttempts: 1 }), async (records) => {
      for (const record of records) {
        if (record.dynamodb?.NewImage?.n?.S === '2') return { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber }] };
        if (!applied.includes(record.dynamodb?.NewImage?.n?.S ?? '')) applied.push(record.dynamodb?.NewImage?.n?.S ?? '');
      }
      return { batchItemFailures: [] };
    });
    await poller.drained();
    await put(kind, ['1', '2', '3', '4', '5']);
    await eventually(async () => failures.length, (n) => n === 1, { what: 'the poison record in the failure destination' });
    await eventually(async () => applied.length, (n) => n === 4, { what: 'the records around it' });
    await poller.stop();
    expect(ids(failures[0]!.records)).toEqual(['2']);
    expect(applied).toEqual(['1', '3', '4', '5']);
  });

  it('treats an unknown item identifier as a failure of the whole batch', async () => {
    const kind = randomUUID();
    // Both records there before the poller reads from the stream's start, so they come in one
    // batch (put while it polls, a poll between the two puts would split them).
    await put(kind, ['1', '2']);
    const { poller, failures } = startPoller(kind, mapping({ startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 1, bisectBatchOnFunctionError: false }), async () => ({ batchItemFailures: [{ itemIdentifier: 'no-such-record' }] }));
    await eventually(async () => failures.length, (n) => n === 1, { what: 'the batch in the failure destination' });
    await poller.stop();
    expect(ids(failures[0]!.records)).toEqual(['1', '2']);
  });

  it("carries a tumbling window's state between invocations, ends the window with a final one holding it, and takes an answer without state as a failure", async () => {
    const kind = randomUUID();
    const events: StreamInvokeEvent[] = [];
    let answerWithoutState = 1;
    const poller = new StreamPoller({
      streams,
      streamArn,
      eventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/local',
      mapping: mapping({ tumblingWindowSeconds: 2, batchSize: 2, filters: [{ dynamodb: { NewImage: { kind: { S: [kind] } } } }] }),
      invoke: async (event) => {
        events.push(event);
        if (event.Records.length > 0 && answerWithoutState-- > 0) return { batchItemFailures: [] };
        const seen = ((event.state as { seen?: string[] }).seen ?? []).concat(ids(event.Records) as string[]);
        return { state: { seen }, batchItemFailures: [] };
      },
      sendToFailureDestination: async () => undefined,
      pollIntervalMs: 20,
    });
    poller.start();
    try {
      await poller.drained();
      await put(kind, ['1', '2', '3', '4', '5']);
      const finals = () => events.filter((e) => e.isFinalInvokeForWindow);
      const all = await eventually(
        async () => finals().flatMap((e) => (e.state as { seen?: string[] }).seen ?? []),
        (seen) => seen.length >= 5,
        { what: 'every record in the state of a window ended by its final invocation', timeoutMs: 10_000 },
      );
      // Each record once: the batch answered without a state came again with the state it had before.
      expect(all).toEqual(['1', '2', '3', '4', '5']);
      for (const final of finals()) {
        expect(final).toMatchObject({ Records: [], shardId: expect.any(String), eventSourceARN: expect.stringContaining(':table/test/stream/') });
        expect(Date.parse(final.window!.end) - Date.parse(final.window!.start)).toBe(2000);
        expect(Date.parse(final.window!.start) % 2000).toBe(0);
      }
      const first = events.find((e) => e.Records.length > 0)!;
      expect(events.filter((e) => e.Records.length > 0 && e.Records[0]!.dynamodb!.SequenceNumber === first.Records[0]!.dynamodb!.SequenceNumber)).toHaveLength(2);
      expect(events.filter((e) => !e.isFinalInvokeForWindow).every((e) => e.isFinalInvokeForWindow === false && e.shardId !== undefined)).toBe(true);
    } finally {
      await poller.stop();
    }
  });
});

import type { SQSRecord } from 'aws-lambda';
import { deadLetterItem, type DeadLetterSource } from '../../../../functions/platform/inbox/dead-letter-item';
import { withheld } from '../../../../functions/platform/inbox/withheld';

const NOW = '2026-12-02T10:00:00.000Z';

function record(body: unknown, attributes: Record<string, string> = {}): SQSRecord {
  return {
    messageId: 'm-1',
    receiptHandle: 'r',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { stringValue: value, dataType: 'String', stringListValues: [], binaryListValues: [] }])),
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:1:q',
    awsRegion: 'us-east-1',
  };
}

const effect: DeadLetterSource = { arn: 'arn:aws:sqs:us-east-1:1:q', kind: 'effect', source: 'StartSaga', attempts: 1000, redriveUrl: 'https://sqs/StartSagaQueue' };
const busEvent = { 'detail-type': 'OrderPlaced', detail: { eventId: 'e-1', streamId: 'order#o-1', version: 3, data: { orderId: 'o-1', paymentMethod: 'tok_visa', customerName: 'Ada Lovelace' } } };

describe('a dead letter as an inbox item', () => {
  it('names what it concerns from the stream id, keeps the message without personal data or tokens, and the raw body for its retry', () => {
    const item = deadLetterItem(record(busEvent), effect, NOW);
    expect(item).toMatchObject({ itemId: 'dl-m-1', state: 'open', kind: 'effect', source: 'StartSaga', concerns: { type: 'order', id: 'o-1' }, at: NOW, attempts: 1000, history: [{ type: 'Opened', at: NOW }] });
    expect(item.message).toEqual({ 'detail-type': 'OrderPlaced', detail: { eventId: 'e-1', streamId: 'order#o-1', version: 3, data: { orderId: 'o-1', paymentMethod: '[withheld]', customerName: '[withheld]' } } });
    expect(item.retry).toEqual({ kind: 'send', queueUrl: 'https://sqs/StartSagaQueue', body: JSON.stringify(busEvent) });
  });

  it('says why: a redrive policy gave up, a consumer parked it, or the bus could not deliver it', () => {
    expect(deadLetterItem(record(busEvent), effect, NOW)).toMatchObject({ error: 'RetriesExhausted', cause: expect.stringContaining('StartSaga failed on it 1000 time(s)') });
    expect(deadLetterItem(record(busEvent, { ParkedBecause: 'not an EventBridge event' }), effect, NOW)).toMatchObject({ error: 'UnreadableMessage', cause: 'not an EventBridge event', attempts: 1 });
    const parked = deadLetterItem(record({ streamId: 'account#a-1', version: 2, type: 'Deposited' }, { ParkedBecause: 'currency mismatch' }), { arn: 'x', kind: 'parked-event', source: 'ProjectAccounts' }, NOW);
    expect(parked).toMatchObject({ error: 'Parked', cause: 'currency mismatch', concerns: { type: 'account', id: 'a-1' } });
    expect(parked.retry).toBeUndefined();
    const undelivered = deadLetterItem(record(busEvent, { ERROR_CODE: 'ERROR_FROM_TARGET', ERROR_MESSAGE: 'the function failed', RETRY_ATTEMPTS: '4' }), { arn: 'x', kind: 'bus-target', source: 'NotifyCustomers', attempts: 5 }, NOW);
    expect(undelivered).toMatchObject({ error: 'ERROR_FROM_TARGET', cause: 'the function failed', attempts: 5 });
  });

  it('turns a failed stream batch (a pointer into the stream) into an item that says to rebuild, and cannot be retried', () => {
    const failure = { requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 }, responseContext: { functionError: 'Unhandled' }, DDBStreamBatchInfo: { shardId: 'shard-1', startSequenceNumber: '10', endSequenceNumber: '19' } };
    const item = deadLetterItem(record(failure), { arn: 'x', kind: 'stream-batch', source: 'ProjectViews', attempts: 4 }, NOW);
    expect(item).toMatchObject({ error: 'Unhandled', attempts: 4, cause: expect.stringMatching(/10–19 of shard shard-1.*npm run rebuild/) });
    expect(item.retry).toBeUndefined();
  });

  it('shows a large message cut (with its personal data withheld first), and keeps the whole body for the retry', () => {
    const large = { streamId: 'order#o-1', email: 'a@b.c', data: 'x'.repeat(100_000) };
    const item = deadLetterItem(record(large), effect, NOW);
    expect(typeof item.message).toBe('string');
    expect((item.message as string).length).toBeLessThan(33_000);
    expect(item.message).toMatch(/^\{"streamId":"order#o-1","email":"\[withheld\]"/);
    expect(item.retry).toMatchObject({ body: JSON.stringify(large) });
  });

  it('keeps a body that is not JSON as text, cut to a readable length', () => {
    const item = deadLetterItem(record('x'.repeat(5000)), effect, NOW);
    expect(item.message).toBe('x'.repeat(2000));
    expect(item.concerns).toBeUndefined();
  });
});

describe('withheld', () => {
  it('replaces the values of personal and secret keys at any depth, and keeps the rest', () => {
    expect(withheld({ a: [{ email: 'a@b.c', amount: 5 }], nested: { token: 't', iban: 'DE00', id: 'x' } })).toEqual({ a: [{ email: '[withheld]', amount: 5 }], nested: { token: '[withheld]', iban: '[withheld]', id: 'x' } });
  });
});

import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { InvalidMoney } from '../../../../functions/platform/domain';
import { parkedMessage } from '../../../../functions/platform/projections/parking/parked-events';
import { attempt } from '../../../../functions/platform/projections/parking/poison';
import { storedEventOf, UnreadableRepairMessage } from '../../../../functions/platform/projections/parking/repair-message';
import { isTransientError } from '../../../../functions/platform/projections/parking/transient-error';
import { isRepairEvent } from '../../../../functions/platform/projections/projection-handler';
import { repairBatch, storedEvent, streamBatch } from '../../../support/projections/deliveries';

describe('poison or transient', () => {
  it('takes what the AWS SDK raises, DynamoDB-named retryable errors and network failures for transient', () => {
    expect(isTransientError(new ProvisionedThroughputExceededException({ $metadata: {}, message: 'slow down' }))).toBe(true);
    expect(isTransientError(new ConditionalCheckFailedException({ $metadata: {}, message: 'lost the race' }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('takes what a pure step throws about the event for poison', () => {
    expect(isTransientError(new InvalidMoney({ amount: Number.MAX_SAFE_INTEGER * 2, currency: 'EUR' }))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'slice')"))).toBe(false);
    expect(isTransientError('a string')).toBe(false);
  });

  it('turns what a step throws into a reason, but throws a transient error on so it is retried', () => {
    expect(attempt(() => 42)).toEqual({ ok: true, value: 42 });
    expect(
      attempt(() => {
        throw new InvalidMoney({ amount: -1, currency: 'EUR' });
      }),
    ).toEqual({ ok: false, reason: expect.stringMatching(/^InvalidMoney: -1 EUR is not an amount/) });
    const throttled = new ProvisionedThroughputExceededException({ $metadata: {}, message: 'slow down' });
    expect(() =>
      attempt(() => {
        throw throttled;
      }),
    ).toThrow(throttled);
  });

  it('parks the stored event itself as the body, which the repair path reads back', () => {
    const event = storedEvent('order#o-1', 2, 'ItemAdded', { orderId: 'o-1' });
    const message = parkedMessage({ event, reason: `InvalidMoney: ${'x'.repeat(5000)}` });
    expect(JSON.parse(message.body)).toEqual(event);
    expect(message.reason.length).toBe(1000);
    expect(storedEventOf('m-1', message.body)).toEqual(event);
  });

  it('refuses a repair message that does not locate a stored event', () => {
    expect(() => storedEventOf('m-1', '{')).toThrow(UnreadableRepairMessage);
    expect(() => storedEventOf('m-1', JSON.stringify({ streamId: 'order#o-1', version: '2', type: 'ItemAdded', meta: { eventId: 'e' } }))).toThrow(/not a stored event/);
  });

  it('tells a repair batch (SQS) from a stream batch by the records’ event source', () => {
    const event = storedEvent('order#o-1', 1, 'OrderCreated', {});
    expect(isRepairEvent(repairBatch([JSON.stringify(event)]))).toBe(true);
    expect(isRepairEvent(streamBatch([event]))).toBe(false);
    expect(isRepairEvent({ Records: [] })).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import type { StoredEvent } from '../../../functions/platform/eventstore';

/** A stored event as the projections get it: fixed time, fresh event id. */
export function storedEvent(streamId: string, version: number, type: string, data: unknown): StoredEvent {
  return { streamId, version, type, data, meta: { eventId: randomUUID(), correlationId: 'projection-test', schemaVersion: 1 }, at: `2026-11-2${version % 10}T10:00:00.000Z` };
}

let sequence = 1000;

/** A stream batch, shaped as Lambda delivers the events table's stream (new images). */
export function streamBatch(events: StoredEvent[]): DynamoDBStreamEvent {
  return {
    Records: events.map((event) => {
      const SequenceNumber = String(++sequence);
      // The SDK's AttributeValue and aws-lambda's are the same wire shape, typed separately.
      const NewImage = marshall(event, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
      return { eventID: `e-${SequenceNumber}`, eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', dynamodb: { Keys: {}, NewImage, SequenceNumber, StreamViewType: 'NEW_IMAGE' } };
    }),
  };
}

/** A batch of the repair queue, as Lambda delivers it: each body is a parked message's body. */
export function repairBatch(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${++sequence}-${i}`,
      receiptHandle: 'receipt',
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'redrive', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:ProjectOrdersRepairs',
      awsRegion: 'us-east-1',
    })),
  };
}

/** A seeded source of randomness (mulberry32) for histories and delivery orders a failing run can replay. */
export function seeded(seed: number) {
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const shuffle = <T>(items: T[]): T[] => items.map((item) => [rnd(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  return { rnd, pick, shuffle };
}

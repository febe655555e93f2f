import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { eachMessage } from '../../../../functions/platform/batch/each-message';
import { inOrder } from '../../../../functions/platform/batch/in-order';
import { correlationIdFrom } from '../../../../functions/platform/observability/correlation';

const streamRecord = (sequence: string): DynamoDBRecord => ({ eventID: `e-${sequence}`, dynamodb: { SequenceNumber: sequence } });
const message = (id: string): SQSRecord => ({ messageId: id }) as SQSRecord;

describe('partial batch helpers', () => {
  it('stream: stops at the first failure and reports it, so nothing after it is handled out of order', async () => {
    const handled: string[] = [];
    const failed: string[] = [];
    const response = await inOrder(
      ['1', '2', '3', '4'].map(streamRecord),
      async (record) => {
        if (record.dynamodb?.SequenceNumber === '2') throw new Error('transient');
        handled.push(record.dynamodb!.SequenceNumber!);
      },
      (record) => void failed.push(record.eventID!),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual(['1']);
    expect(failed).toEqual(['e-2']);
  });

  it('stream: a batch without failures reports none', async () => {
    expect(await inOrder(['1', '2'].map(streamRecord), async () => undefined, () => undefined)).toEqual({ batchItemFailures: [] });
  });

  it('queue: handles every message on its own and reports each one that failed, after its failure hook ran', async () => {
    const hooked: string[] = [];
    const response = await eachMessage(
      ['a', 'b', 'c', 'd'].map(message),
      async (record) => {
        if (record.messageId === 'b' || record.messageId === 'd') throw new Error('down');
      },
      async (record) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        hooked.push(record.messageId);
      },
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'd' }] });
    expect(hooked).toEqual(['b', 'd']);
  });
});

describe('correlation ids', () => {
  it('keeps a caller’s id it can carry safely, and makes a new one otherwise', () => {
    expect(correlationIdFrom('req-42:retry.1_A')).toBe('req-42:retry.1_A');
    for (const unusable of [undefined, '', 'two words', 'x'.repeat(129), 'line\nbreak', '{"$gt":""}']) {
      expect(correlationIdFrom(unusable)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

/**
 * Works through a stream batch in order. The first record that fails is reported (partial batch
 * response, from its sequence number) and nothing after it is tried: Lambda retries the batch
 * from it, so no record of a shard is handled before the ones ahead of it. Powertools' batch
 * processor would go on past a failure and so apply later events of a key before an earlier one.
 */
export async function inOrder(records: DynamoDBRecord[], work: (record: DynamoDBRecord) => Promise<void>, onFailure: (record: DynamoDBRecord, error: unknown) => void | Promise<void>): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      await work(record);
    } catch (error) {
      await onFailure(record, error);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';

/**
 * Works through a queue batch one message at a time, each on its own (a queue keeps no order):
 * the messages whose work throws are reported (partial batch response) and come back later; the
 * others are deleted.
 */
export async function eachMessage(records: SQSRecord[], work: (record: SQSRecord) => Promise<void>, onFailure: (record: SQSRecord, error: unknown) => void | Promise<void>): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    try {
      await work(record);
    } catch (error) {
      await onFailure(record, error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

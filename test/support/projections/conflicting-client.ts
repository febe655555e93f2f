import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A real client whose first TransactWriteItems is cancelled as DynamoDB cancels one for another
 * transaction in flight on the same item (TransactionConflict), before it reaches the table; every
 * other call goes through. DynamoDB Local serialises transactions and rarely cancels one, so a
 * test of what a conflict does needs this. `cancelled()` says whether the cancellation happened.
 */
export function firstTransactionConflicts(client: DynamoDBDocumentClient): { client: DynamoDBDocumentClient; cancelled: () => boolean } {
  let pending = true;
  const conflicting = {
    send: (command: unknown) => {
      if (command instanceof TransactWriteCommand && pending) {
        pending = false;
        return Promise.reject(new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }));
      }
      return client.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client: conflicting, cancelled: () => !pending };
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttemptOutcome, Money } from '../domain';

/** What the simulated processor keeps per idempotency key, as a real one does. */
export type LedgerEntry = { idempotencyKey: string; outcome: AttemptOutcome; amount?: Money; refundId?: string };

/** The simulated processor's own records: the first outcome written for a key is the one that stands. */
export type SimulatorLedger = {
  /** Records `entry` unless the key has an outcome already, and returns the one that stands. */
  record(entry: LedgerEntry): Promise<LedgerEntry>;
  find(idempotencyKey: string): Promise<LedgerEntry | undefined>;
  /** Records a refund of the charge under the key once, and returns the refund id that stands. */
  refund(idempotencyKey: string, refundId: string): Promise<string>;
};

/**
 * The ledger in a DynamoDB table (keyed by `idempotencyKey`): the processor's side of the charge,
 * apart from our events, so a test can lose its answer (a fault on this table) and the refund path
 * can ask it afterwards. Consistent reads: the processor answers from what it did.
 */
export function dynamoDbLedger(client: DynamoDBDocumentClient, tableName: string): SimulatorLedger {
  const find = async (idempotencyKey: string) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { idempotencyKey }, ConsistentRead: true }));
    return Item as LedgerEntry | undefined;
  };
  return {
    find,
    async record(entry) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: entry, ConditionExpression: 'attribute_not_exists(idempotencyKey)' }));
        return entry;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const standing = await find(entry.idempotencyKey);
        if (!standing) throw error;
        return standing;
      }
    },
    async refund(idempotencyKey, refundId) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { idempotencyKey },
            UpdateExpression: 'SET refundId = if_not_exists(refundId, :refundId)',
            ConditionExpression: 'outcome.#status = :charged',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':refundId': refundId, ':charged': 'charged' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return String(Attributes?.refundId ?? refundId);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new Error(`the processor has no charge under ${idempotencyKey} to refund`);
        throw error;
      }
    },
  };
}

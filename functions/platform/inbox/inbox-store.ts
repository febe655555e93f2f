import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INBOX_BY_STATE, type InboxItem, type InboxKind, type InboxRecord, type InboxState } from './inbox-item';

/** One page of a listing: `next` is DynamoDB's LastEvaluatedKey, for the cursor. */
export type InboxPage = { items: InboxItem[]; next?: Record<string, string> };

/**
 * The inbox table: one row per item, its history appended in place. Every change is one
 * conditional write, so two operators (or two tabs) acting at once cannot both retry an item,
 * and a redelivered dead letter opens its item once.
 */
export class InboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Opens `item` unless it is already there (a redelivery). Says whether it was new. */
  async open(item: InboxItem): Promise<boolean> {
    return this.conditional(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(itemId)' })));
  }

  /**
   * Opens `item`, or, when its saga already has one, records that it failed again: the latest
   * error, one more attempt, and open again if a person had closed it.
   */
  async openOrFailAgain(item: InboxItem): Promise<void> {
    if (await this.open(item)) return;
    const again: InboxRecord = { type: 'FailedAgain', at: item.at, error: item.error };
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { itemId: item.itemId },
        UpdateExpression: 'SET #state = :open, #error = :error, #cause = :cause, #history = list_append(#history, :again) ADD #attempts :one',
        ExpressionAttributeNames: { '#state': 'state', '#error': 'error', '#cause': 'cause', '#history': 'history', '#attempts': 'attempts' },
        ExpressionAttributeValues: { ':open': 'open', ':error': item.error, ':cause': item.cause, ':again': [again], ':one': 1 },
      }),
    );
  }

  async get(itemId: string): Promise<InboxItem | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { itemId }, ConsistentRead: true }));
    return Item as InboxItem | undefined;
  }

  /** Items in `state`, newest first, optionally of one kind. */
  async list(state: InboxState, options: { kind?: InboxKind; limit: number; after?: Record<string, string> }): Promise<InboxPage> {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INBOX_BY_STATE,
        KeyConditionExpression: '#state = :state',
        ...(options.kind ? { FilterExpression: '#kind = :kind' } : {}),
        ExpressionAttributeNames: { '#state': 'state', ...(options.kind ? { '#kind': 'kind' } : {}) },
        ExpressionAttributeValues: { ':state': state, ...(options.kind ? { ':kind': options.kind } : {}) },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.after,
      }),
    );
    return { items: Items as InboxItem[], next: LastEvaluatedKey as Record<string, string> | undefined };
  }

  /**
   * Claims an open, retryable item for one retry until `until`: the one caller that gets the item
   * back does the retry; anyone else (at the same time, or after it is done) gets undefined.
   */
  async claimRetry(itemId: string, now: string, until: string): Promise<InboxItem | undefined> {
    let claimed: InboxItem | undefined;
    await this.conditional(async () => {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { itemId },
          UpdateExpression: 'SET #until = :until',
          ConditionExpression: '#state = :open AND attribute_exists(#retry) AND (attribute_not_exists(#until) OR #until < :now)',
          ExpressionAttributeNames: { '#until': 'retryingUntil', '#state': 'state', '#retry': 'retry' },
          ExpressionAttributeValues: { ':until': until, ':open': 'open', ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      claimed = Attributes as InboxItem;
    });
    return claimed;
  }

  /**
   * Records how a claimed retry went: `done` closes the item; otherwise its state stays as it is
   * (open, or done if a person resolved it meanwhile) and an open item may be retried again at once
   * (`keepClaim` keeps it claimed while a context finishes the work).
   */
  async settleRetry(itemId: string, record: InboxRecord, outcome: { done: boolean; keepClaim?: boolean }): Promise<InboxItem> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { itemId },
        UpdateExpression: `SET ${outcome.done ? '#state = :done, ' : ''}#history = list_append(#history, :record)${outcome.keepClaim ? '' : ' REMOVE #until'}`,
        ConditionExpression: 'attribute_exists(itemId)',
        ExpressionAttributeNames: { '#history': 'history', ...(outcome.done ? { '#state': 'state' } : {}), ...(outcome.keepClaim ? {} : { '#until': 'retryingUntil' }) },
        ExpressionAttributeValues: { ':record': [record], ...(outcome.done ? { ':done': 'done' } : {}) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as InboxItem;
  }

  /** Closes an open item with a person's note. Undefined when it is not open (already done: nothing changes). */
  async resolve(itemId: string, record: Extract<InboxRecord, { type: 'Resolved' }>): Promise<InboxItem | undefined> {
    let resolved: InboxItem | undefined;
    await this.conditional(async () => {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { itemId },
          UpdateExpression: 'SET #state = :done, #history = list_append(#history, :record) REMOVE #until',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#state': 'state', '#history': 'history', '#until': 'retryingUntil' },
          ExpressionAttributeValues: { ':done': 'done', ':open': 'open', ':record': [record] },
          ReturnValues: 'ALL_NEW',
        }),
      );
      resolved = Attributes as InboxItem;
    });
    return resolved;
  }

  /** Runs a conditional write: false when its condition failed, true when it wrote. */
  private async conditional(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { INBOX_BY_STATE, type InboxItem, type InboxKind, type InboxRecord, type InboxState } from './inbox-item';

/** What an update of an item says, besides the table, the key and what it answers. */
type UpdateExpressionParts = Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

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
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(itemId)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Opens `item`, or, when its saga already has one, records that it failed again: the latest
   * error, one more attempt, and open again if a person had closed it.
   */
  async openOrFailAgain(item: InboxItem): Promise<void> {
    if (await this.open(item)) return;
    const again: InboxRecord = { type: 'FailedAgain', at: item.at, error: item.error };
    await this.update(item.itemId, {
      UpdateExpression: 'SET #state = :open, #error = :error, #cause = :cause, #history = list_append(#history, :again) ADD #attempts :one',
      ExpressionAttributeNames: { '#state': 'state', '#error': 'error', '#cause': 'cause', '#history': 'history', '#attempts': 'attempts' },
      ExpressionAttributeValues: { ':open': 'open', ':error': item.error, ':cause': item.cause, ':again': [again], ':one': 1 },
    });
  }

  async get(itemId: string): Promise<InboxItem | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { itemId }, ConsistentRead: true }));
    return Item as InboxItem | undefined;
  }

  /**
   * Items in `state`, newest first, optionally of one kind: a full page whenever there are that
   * many (DynamoDB applies a filter after its Limit, so a page of one kind is read until it is
   * full), and the key of its last item to go on from.
   */
  async list(state: InboxState, options: { kind?: InboxKind; limit: number; after?: Record<string, string> }): Promise<InboxPage> {
    const items: InboxItem[] = [];
    let after = options.after;
    do {
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
          ExclusiveStartKey: after,
        }),
      );
      items.push(...(Items as InboxItem[]));
      after = LastEvaluatedKey as Record<string, string> | undefined;
    } while (after && items.length < options.limit);
    if (items.length > options.limit) items.length = options.limit;
    const last = items.at(-1);
    // More may follow only if DynamoDB said so or the page was cut: then from the last item shown.
    const more = after !== undefined || items.length === options.limit;
    return { items, next: more && last ? { itemId: last.itemId, state: last.state, at: last.at } : undefined };
  }

  /**
   * Claims an open, retryable item for one retry until `until`: the one caller that gets the item
   * back does the retry; anyone else (at the same time, or after it is done) gets undefined.
   * `record` goes in the history with the claim (a retry whose outcome someone else records
   * later: it must come first).
   */
  async claimRetry(itemId: string, now: string, until: string, record?: InboxRecord): Promise<InboxItem | undefined> {
    return this.conditionalUpdate(itemId, {
      UpdateExpression: record ? 'SET #until = :until, #history = list_append(#history, :record)' : 'SET #until = :until',
      ConditionExpression: '#state = :open AND attribute_exists(#retry) AND (attribute_not_exists(#until) OR #until < :now)',
      ExpressionAttributeNames: { '#until': 'retryingUntil', '#state': 'state', '#retry': 'retry', ...(record ? { '#history': 'history' } : {}) },
      ExpressionAttributeValues: { ':until': until, ':open': 'open', ':now': now, ...(record ? { ':record': [record] } : {}) },
    });
  }

  /**
   * Records how a claimed retry went and ends the claim: `done` closes the item (and drops how to
   * retry it: the raw message is not kept once it is no longer needed); otherwise its state stays as
   * it is (open, or done if a person resolved it meanwhile) and an open item may be retried again.
   */
  async settleRetry(itemId: string, record: InboxRecord, outcome: { done: boolean }): Promise<InboxItem> {
    return this.update(itemId, {
      UpdateExpression: outcome.done ? 'SET #state = :done, #history = list_append(#history, :record) REMOVE #until, #retry' : 'SET #history = list_append(#history, :record) REMOVE #until',
      ConditionExpression: 'attribute_exists(itemId)',
      ExpressionAttributeNames: { '#history': 'history', '#until': 'retryingUntil', ...(outcome.done ? { '#state': 'state', '#retry': 'retry' } : {}) },
      ExpressionAttributeValues: { ':record': [record], ...(outcome.done ? { ':done': 'done' } : {}) },
    });
  }

  /** Closes an open item with a person's note (and drops how to retry it). Undefined when it is not open (already done: nothing changes). */
  async resolve(itemId: string, record: Extract<InboxRecord, { type: 'Resolved' }>): Promise<InboxItem | undefined> {
    return this.conditionalUpdate(itemId, {
      UpdateExpression: 'SET #state = :done, #history = list_append(#history, :record) REMOVE #until, #retry',
      ConditionExpression: '#state = :open',
      ExpressionAttributeNames: { '#state': 'state', '#history': 'history', '#until': 'retryingUntil', '#retry': 'retry' },
      ExpressionAttributeValues: { ':done': 'done', ':open': 'open', ':record': [record] },
    });
  }

  /** One update of an item, answered with the item as it now is. */
  private async update(itemId: string, expression: UpdateExpressionParts): Promise<InboxItem> {
    const { Attributes } = await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: { itemId }, ...expression, ReturnValues: 'ALL_NEW' }));
    return Attributes as InboxItem;
  }

  /** One update whose condition may fail: the item as it now is, or undefined when the condition failed (nothing written). */
  private async conditionalUpdate(itemId: string, expression: UpdateExpressionParts): Promise<InboxItem | undefined> {
    try {
      return await this.update(itemId, expression);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}

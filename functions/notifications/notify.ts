import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { notificationFor, type NotificationRequest } from './notification';

const client = documentClient();
const tableName = requireEnv('NOTIFICATIONS_TABLE');

/**
 * Target of the notifications rule: records one notification per domain event. EventBridge
 * delivers at least once and the forwarder may resend, so the event id is the key and a second
 * delivery writes nothing.
 */
export async function handler(request: NotificationRequest): Promise<{ recorded: boolean }> {
  const notification = notificationFor(request);
  if (!notification) return { recorded: false };
  try {
    await client.send(new PutCommand({ TableName: tableName, Item: notification, ConditionExpression: 'attribute_not_exists(eventId)' }));
    return { recorded: true };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { recorded: false };
    throw error;
  }
}

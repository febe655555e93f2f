import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { logger } from '../../platform/observability/logger';
import { observed } from '../../platform/observability/observed';
import { notificationFor, type NotificationRequest } from './notification';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.notificationsTable);

/**
 * Target of the notifications rule: records one notification per domain event. EventBridge
 * delivers at least once and the forwarder may resend, so the event id is the key and a second
 * delivery writes nothing.
 */
export const handler = observed<NotificationRequest, { recorded: boolean }>(({ correlationId, orderId }) => ({ correlationId, orderId }), async (request) => {
  const notification = notificationFor(request);
  if (!notification) return { recorded: false };
  try {
    await client.send(new PutCommand({ TableName: tableName, Item: notification, ConditionExpression: 'attribute_not_exists(eventId)' }));
    logger.info('notification recorded', { eventId: notification.eventId, eventType: notification.eventType });
    return { recorded: true };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { recorded: false };
    throw error;
  }
});

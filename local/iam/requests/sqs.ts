import { text, UnmappableRequest, type ResourceNaming, type ServiceAccessMap } from './types';

/** The IAM action of each SQS call: a batch is authorized as its single form. */
const ACTIONS: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/** A queue given by URL (`…/<account>/<name>`, as the SDK sends it), ARN or name, as its ARN. */
function queueArn(queue: string, naming: ResourceNaming): string {
  if (queue.startsWith('arn:')) return queue;
  const [account, name] = queue.includes('/') ? new URL(queue).pathname.split('/').filter(Boolean).slice(-2) : [naming.accountId, queue];
  if (!account || !name) throw new UnmappableRequest(`${queue} is not a queue URL`);
  return `arn:${naming.partition}:sqs:${naming.region}:${account}:${name}`;
}

/**
 * SQS (the AWS JSON protocol of SDK v3): each call on the queue's ARN (SendMessage,
 * ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes, their batches,
 * GetQueueUrl by queue name); ListQueues on `*`.
 */
export const sqsAccess: ServiceAccessMap = {
  service: 'sqs',
  targetPrefixes: ['AmazonSQS'],
  accessDeniedType: 'com.amazon.coral.service#AccessDeniedException',
  contextKeys: [],
  requiredAccess(operation, body, naming) {
    const action = `sqs:${ACTIONS[operation] ?? operation}`;
    if (operation === 'ListQueues') return [{ action, resource: '*' }];
    if (operation === 'GetQueueUrl') {
      const name = text(body.QueueName);
      if (!name) throw new UnmappableRequest('GetQueueUrl without a QueueName');
      const account = text(body.QueueOwnerAWSAccountId) ?? naming.accountId;
      return [{ action, resource: `arn:${naming.partition}:sqs:${naming.region}:${account}:${name}` }];
    }
    const queue = text(body.QueueUrl);
    if (!queue) throw new UnmappableRequest(`${operation} without a QueueUrl`);
    return [{ action, resource: queueArn(queue, naming) }];
  },
  // SQS writes the action in lower case in its AccessDenied message (`sqs:sendmessage`).
  messageAction: (action) => action.toLowerCase(),
};

import type { RequiredAccess } from './requests';

/** An event source mapping as far as IAM is concerned: where it reads, where failures go. */
export type EventSourceMappingAccess = { eventSourceArn: string; onFailureDestinationArn?: string };

const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const QUEUE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

/**
 * What the function's role must allow for Lambda to run the mapping, as AWS checks when the
 * mapping is created: reading the source (a DynamoDB stream's four actions, a queue's receive,
 * delete and attributes) and sending to the on-failure destination (a queue or a topic).
 */
export function eventSourceMappingAccess(mapping: EventSourceMappingAccess): RequiredAccess[] {
  const service = mapping.eventSourceArn.split(':')[2];
  const source = service === 'sqs' ? QUEUE_ACTIONS : service === 'dynamodb' ? STREAM_ACTIONS : [];
  const accesses = source.map((action) => ({ action, resource: mapping.eventSourceArn }));
  const destination = mapping.onFailureDestinationArn;
  const destinationService = destination?.split(':')[2];
  if (destination && destinationService === 'sqs') accesses.push({ action: 'sqs:SendMessage', resource: destination });
  if (destination && destinationService === 'sns') accesses.push({ action: 'sns:Publish', resource: destination });
  return accesses;
}

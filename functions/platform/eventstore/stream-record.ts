import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { EventSchemas } from './event-schemas';
import type { StoredEvent } from './types';

/**
 * The stored event carried by a stream record of the events table (new image), upcast to the
 * current shape of its type as the store's reads are: a stream consumer sees what a load would.
 * The schemas are required so that no consumer can forget them.
 */
export function eventFromRecord(record: DynamoDBRecord, schemas: Pick<EventSchemas, 'upcast'>): StoredEvent {
  const image = record.dynamodb?.NewImage;
  if (!image) throw new Error(`stream record ${record.eventID ?? '?'} has no new image: is the stream view NEW_IMAGE?`);
  // aws-lambda's AttributeValue type and the SDK's are the same wire shape, typed separately.
  return schemas.upcast(unmarshall(image as Record<string, AttributeValue>) as StoredEvent);
}

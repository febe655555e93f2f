import { SQSClient } from '@aws-sdk/client-sqs';
import { documentClient, eventStoreFromEnv } from '../clients';
import { requireEnv } from '../config';
import { ENV, type EnvName } from '../contract/environment';
import { sqsParking } from './parking/sqs-parking';
import type { EventSchemas } from '../eventstore';
import type { ProjectionPorts } from './projection';

/** A projection function's ports, as the stack names them in its environment: its table, the events table, the parked queue. */
export function projectionPortsFromEnv(tableVariable: EnvName, schemas: EventSchemas): ProjectionPorts {
  const client = documentClient();
  return {
    client,
    tableName: requireEnv(tableVariable),
    store: eventStoreFromEnv(schemas, client),
    parking: sqsParking(new SQSClient({}), requireEnv(ENV.parkedEventsQueueUrl)),
  };
}

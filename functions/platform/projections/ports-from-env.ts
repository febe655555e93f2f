import { SQSClient } from '@aws-sdk/client-sqs';
import { documentClient, eventStoreFromEnv } from '../clients';
import { requireEnv } from '../config';
import { parkedQueueVariable, type EnvName } from '../contract/environment';
import { sqsParking } from './parking/sqs-parking';
import type { EventSchemas } from '../eventstore';
import type { ProjectionPorts } from './projection';

/** A projection's ports, as the stack names them in its function's environment: its table, the events table, its parked queue (named after its table's variable). */
export function projectionPortsFromEnv(tableVariable: EnvName, schemas: EventSchemas): ProjectionPorts {
  const client = documentClient();
  return {
    client,
    tableName: requireEnv(tableVariable),
    store: eventStoreFromEnv(schemas, client),
    parking: sqsParking(new SQSClient({}), requireEnv(parkedQueueVariable(tableVariable))),
  };
}

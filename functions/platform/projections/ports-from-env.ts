import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, eventStoreFromEnv } from '../clients';
import { requireEnv } from '../config';
import { parkedQueueVariable, type EnvName } from '../contract/environment';
import { sqsParking } from './parking/sqs-parking';
import type { EventSchemas } from '../eventstore';
import type { ProjectionPorts } from './projection';

/** The SDK clients a projection's ports use; a function keeping several views gives them all the same ones. */
export type ProjectionClients = { client: DynamoDBDocumentClient; sqs: SQSClient };

/**
 * A projection's ports, as the stack names them in its function's environment: its table, the
 * events table, its parked queue (named after its table's variable). `clients` are shared by the
 * views of one function (one set per container, not one per view at cold start).
 */
export function projectionPortsFromEnv(tableVariable: EnvName, schemas: EventSchemas, clients: ProjectionClients = { client: documentClient(), sqs: new SQSClient({}) }): ProjectionPorts {
  return {
    client: clients.client,
    tableName: requireEnv(tableVariable),
    store: eventStoreFromEnv(schemas, clients.client),
    parking: sqsParking(clients.sqs, requireEnv(parkedQueueVariable(tableVariable))),
  };
}

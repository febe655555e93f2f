import { dynamoDbAccess } from './dynamodb';
import { eventBridgeAccess } from './event-bridge';
import { logsAccess } from './logs';
import { sqsAccess } from './sqs';
import { stepFunctionsAccess } from './step-functions';
import type { ServiceAccessMap } from './types';

export { invokeFunctionAccess } from './lambda';
export { dynamoDbAccess } from './dynamodb';
export { UnmappableRequest, type RequiredAccess, type ResourceNaming, type ServiceAccessMap, type TableKeys } from './types';

/** Every service whose calls the runtime authorizes; a new service is one more map here. */
export const SERVICE_ACCESS_MAPS: readonly ServiceAccessMap[] = [dynamoDbAccess, stepFunctionsAccess, eventBridgeAccess, sqsAccess, logsAccess];

const byPrefix = new Map(SERVICE_ACCESS_MAPS.flatMap((map) => map.targetPrefixes.map((prefix) => [prefix, map] as const)));

/** The map for a call's `X-Amz-Target` prefix (`DynamoDB_20120810`…), if the runtime authorizes that service. */
export function accessMapFor(targetPrefix: string): ServiceAccessMap | undefined {
  return byPrefix.get(targetPrefix);
}

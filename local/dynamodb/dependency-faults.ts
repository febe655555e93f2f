import { sigV4Credential } from '../iam/sigv4';
import { concerns, type LocalFaults } from '../faults';
import { tablesNamed, type CallFaults } from './dynamodb-metering';

/** DynamoDB answers these with 500; every other error it names with 400. */
const SERVER_ERRORS = new Set(['InternalServerError', 'ServiceUnavailable']);

/**
 * The test's dependency faults on DynamoDB calls (see LocalFaults), for the metering proxy: the
 * calling function is known by the key it signs with; a fault that times out ends that function's
 * invocation about the fault's order, transfer or request (or any of its running ones, with no id).
 */
export function dynamoDbCallFaults(faults: LocalFaults, functionByAccessKey: (accessKeyId: string) => string | undefined, timeOut: (functionName: string, matches: (event: unknown) => boolean) => void): CallFaults {
  return (headers, operation, body, url) => {
    if (!faults.any('dependency')) return undefined;
    const functionName = functionByAccessKey(sigV4Credential(headers, url)?.accessKeyId ?? '');
    if (!functionName) return undefined;
    const fault = faults.takeDependencyFault({ functionName, dependency: 'dynamodb', operation, tables: tablesNamed(body), request: JSON.stringify(body) });
    if (!fault) return undefined;
    if (fault.timesOut) {
      const ids = [fault.scope.orderId, fault.scope.transferId, fault.scope.correlationId].filter((id): id is string => id !== undefined);
      return { when: fault.when, onFire: () => timeOut(functionName, (event) => ids.every((id) => concerns(event, id))) };
    }
    const { name, message } = fault.error;
    return { when: fault.when, answer: { status: SERVER_ERRORS.has(name) ? 500 : 400, body: { __type: `com.amazonaws.dynamodb.v20120810#${name}`, message } } };
  };
}

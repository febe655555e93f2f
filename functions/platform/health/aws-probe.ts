import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Probe } from './readiness';

class NotUsable extends Error {
  override readonly name = 'NotUsable';
}

/** Tables that serve requests: ACTIVE, or UPDATING (an index or capacity change). */
const USABLE_TABLE = new Set(['ACTIVE', 'UPDATING']);

/**
 * One control-plane read per dependency, the cheapest call that proves it is there and usable:
 * DescribeTable, DescribeStateMachine, DescribeEventBus. None reads or writes data. Each client
 * tries once: the check's own deadline bounds it, and a retry would only hide an outage.
 */
export function awsProbe(): Probe {
  const dynamodb = new DynamoDBClient({ maxAttempts: 1 });
  const sfn = new SFNClient({ maxAttempts: 1 });
  const events = new EventBridgeClient({ maxAttempts: 1 });
  return async (dependency, abortSignal) => {
    switch (dependency.kind) {
      case 'table': {
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: dependency.name }), { abortSignal });
        if (!USABLE_TABLE.has(Table?.TableStatus ?? '')) throw new NotUsable(`the table is ${Table?.TableStatus ?? 'unknown'}`);
        return;
      }
      case 'state-machine': {
        const { status } = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: dependency.arn }), { abortSignal });
        if (status !== undefined && status !== 'ACTIVE') throw new NotUsable(`the state machine is ${status}`);
        return;
      }
      case 'bus':
        await events.send(new DescribeEventBusCommand({ Name: dependency.name }), { abortSignal });
        return;
      default: {
        const unknown: never = dependency;
        throw new Error(`unknown dependency ${JSON.stringify(unknown)}`);
      }
    }
  };
}

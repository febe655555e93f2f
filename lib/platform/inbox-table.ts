import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { INBOX_BY_STATE } from '../../functions/platform/inbox/inbox-item';

/**
 * The operator's inbox: one item per thing that needs a person, with its history; listed by
 * state, newest first. Kept (RETAIN, point-in-time recovery): it is the record of who did what.
 */
export function inboxTable(scope: Construct, id: string): Table {
  const table = new Table(scope, id, {
    partitionKey: { name: 'itemId', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.RETAIN,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  table.addGlobalSecondaryIndex({ indexName: INBOX_BY_STATE, partitionKey: { name: 'state', type: AttributeType.STRING }, sortKey: { name: 'at', type: AttributeType.STRING } });
  return table;
}

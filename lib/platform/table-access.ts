import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

/** The DynamoDB item actions our functions use; a transaction's parts are authorized as these. */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem';

/**
 * Grants exactly these actions on a table (and on the named indexes, for Query), nothing more:
 * no `index/*` wildcard, no DescribeTable, no batch or delete actions a function does not call.
 * CDK's `grantReadData`/`grantReadWriteData` give far more than a handler needs.
 */
export function grantTable(grantee: IGrantable, table: ITable, actions: TableAction[], indexes: string[] = []): void {
  Grant.addToPrincipal({
    grantee,
    actions: actions.map((action) => `dynamodb:${action}`),
    resourceArns: [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)],
  });
}

import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { grantTable } from '../platform/table-access';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';

/**
 * One stock level per product (on hand, reserved, sold, available), moved only in the same
 * transaction as the event that moves it, and never below zero available: the guard that lets
 * many orders reserve one product without contending for its stream (functions/stock). It is
 * write-side state, not a view: kept, protected from deletion, with point-in-time recovery.
 */
export class StockLevels extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'sku', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Lets a query read levels (the products routes show them). */
  bindRead(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['BatchGetItem']);
    fn.addEnvironment(ORDERS_ENV.stockLevelsTable, this.table.tableName);
  }

  /** Lets a function move levels in its appends (reserve, commit, release, restock), and read them. */
  bindMove(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['BatchGetItem', 'UpdateItem']);
    fn.addEnvironment(ORDERS_ENV.stockLevelsTable, this.table.tableName);
  }

  /** Lets a function create a product's level (adding a product) and move it. */
  bindCreate(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['BatchGetItem', 'PutItem', 'UpdateItem']);
    fn.addEnvironment(ORDERS_ENV.stockLevelsTable, this.table.tableName);
  }
}

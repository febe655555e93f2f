import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { grantTable } from '../platform/table-access';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';

/**
 * Payment method tokens, kept apart from the events (an order carries only a reference) and
 * expired by TTL. One function may write them (placing an order), one may read them (the charge).
 */
export class PaymentMethods extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'PaymentMethods', {
      partitionKey: { name: 'ref', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /** Lets the place-order route keep a token (a conditional put in its transaction). */
  bindKeep(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['PutItem']);
    fn.addEnvironment(ORDERS_ENV.paymentMethodsTable, this.table.tableName);
  }

  /** Lets the charge step take a token for an attempt (it counts the attempts on the kept method). */
  bindCharge(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['UpdateItem']);
    fn.addEnvironment(ORDERS_ENV.paymentMethodsTable, this.table.tableName);
  }
}

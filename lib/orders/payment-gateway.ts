import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { grantTable } from '../platform/table-access';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';

/**
 * The simulated card processor's own records, one item per idempotency key (what it charged,
 * declined, voided or refunded), as a real processor keeps them: the refund path asks it about an
 * attempt whose answer was lost. A real processor replaces this table with its API.
 */
export class PaymentGatewaySimulator extends Construct {
  readonly ledger: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.ledger = new Table(this, 'Ledger', {
      partitionKey: { name: 'idempotencyKey', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /** Lets a function call the gateway: charge, settle and refund are reads and conditional writes of its records. */
  bind(fn: LambdaFunction): void {
    grantTable(fn, this.ledger, ['GetItem', 'PutItem', 'UpdateItem']);
    fn.addEnvironment(ORDERS_ENV.paymentGatewayLedgerTable, this.ledger.tableName);
  }
}

import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EventStore } from './event-store';
import { OrderlineHttpApi } from './http-api';
import { OrderSaga } from './order-saga';
import { ReadModels } from './read-models';

export type OrderlineStackProps = StackProps & { stage: string };

/** Composes the parts; each part's details live in its own construct. */
export class OrderlineStack extends Stack {
  constructor(scope: Construct, id: string, props: OrderlineStackProps) {
    super(scope, id, props);
    const eventStore = new EventStore(this, 'EventStore');
    const readModels = new ReadModels(this, 'ReadModels', { events: eventStore.table });
    const saga = new OrderSaga(this, 'OrderSaga', { eventStore });
    new OrderlineHttpApi(this, 'Http', { eventStore, readModels });

    new CfnOutput(this, 'EventsTableName', { value: eventStore.table.tableName });
    new CfnOutput(this, 'OrdersTableName', { value: readModels.orders.tableName });
    new CfnOutput(this, 'ProductsTableName', { value: readModels.products.tableName });
    new CfnOutput(this, 'StatsTableName', { value: readModels.stats.tableName });
    new CfnOutput(this, 'OrderSagaArn', { value: saga.stateMachine.stateMachineArn });
  }
}

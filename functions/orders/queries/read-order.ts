import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mayAccessOrder, type Caller } from '../domain';
import { readView, type ViewRow } from '../../platform/queries/read-view';

/** An order's row of the orders view, if the caller may see it; a 404 as for a missing order otherwise. */
export function readOrder(client: DynamoDBDocumentClient, ordersTable: string, orderId: string, caller: Caller): Promise<ViewRow> {
  return readView(client, ordersTable, { orderId }, `order ${orderId}`, (row) => mayAccessOrder(caller, String(row.customerId)));
}

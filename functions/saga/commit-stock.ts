import type { Context } from 'aws-lambda';
import { deadlineOf } from '../stock/deadline';
import { commitOrderStock } from '../stock/order-stock';
import { orderStockFromEnv } from '../stock/stock-from-env';
import { sagaContext, type SagaLines } from './saga-context';

const stock = orderStockFromEnv();

/** Saga step: the confirmed order's reservations become sales, in one transaction; twice is a no-op. */
export async function handler(input: SagaLines, context?: Context): Promise<{ committed: string[] }> {
  await commitOrderStock(stock, input.orderId, sagaContext(input.orderId, 'CommitStock'), deadlineOf(context));
  return { committed: input.lines.map((line) => line.sku) };
}

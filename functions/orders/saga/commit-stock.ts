import type { Context } from 'aws-lambda';
import { deadlineOf } from '../../platform/contention/deadline';
import { commitOrderStock } from '../stock/order-stock';
import { orderStockFromEnv } from '../stock/stock-from-env';
import { sagaContext, type SagaLines } from './saga-context';
import { sagaStep } from './order-saga-step';

const stock = orderStockFromEnv();

/** Saga step: the confirmed order's reservations become sales, in one transaction; twice is a no-op. */
export const handler = sagaStep('CommitStock', async (input: SagaLines, context: Context): Promise<{ committed: string[] }> => {
  await commitOrderStock(stock, input.orderId, sagaContext(input, 'CommitStock'), deadlineOf(context));
  return { committed: input.lines.map((line) => line.sku) };
});

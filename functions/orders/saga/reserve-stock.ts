import type { Context } from 'aws-lambda';
import { deadlineOf } from '../../platform/contention/deadline';
import { reserveOrderStock } from '../stock/order-stock';
import { orderStockFromEnv } from '../stock/stock-from-env';
import { sagaContext, type SagaLines } from './saga-context';
import { sagaStep } from './order-saga-step';

const stock = orderStockFromEnv();

/**
 * Saga step: reserves every line of the order, all or nothing. Throws InsufficientStock (naming
 * the short skus) or ProductNotFound for the state machine to catch; a lost race is tried again
 * until it wins; reserving again for the same order is a no-op.
 */
export const handler = sagaStep('ReserveStock', async (input: SagaLines, context: Context): Promise<{ reserved: SagaLines['lines'] }> => {
  await reserveOrderStock(stock, input.orderId, input.lines, sagaContext(input, 'ReserveStock'), deadlineOf(context));
  return { reserved: input.lines };
});

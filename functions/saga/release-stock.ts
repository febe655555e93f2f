import type { Context } from 'aws-lambda';
import { deadlineOf } from '../stock/deadline';
import { releaseOrderStock } from '../stock/order-stock';
import { orderStockFromEnv } from '../stock/stock-from-env';
import { sagaContext, type SagaLines } from './saga-context';

const stock = orderStockFromEnv();

/** Saga compensation: gives back whatever the order holds, reserved or already sold; nothing held is a no-op. */
export async function handler(input: SagaLines, context?: Context): Promise<{ released: string[] }> {
  await releaseOrderStock(stock, input.orderId, sagaContext(input.orderId, 'ReleaseStock'), deadlineOf(context));
  return { released: input.lines.map((line) => line.sku) };
}

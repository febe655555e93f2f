import type { Context } from 'aws-lambda';
import { deadlineOf } from '../../platform/contention/deadline';
import { releaseOrderStock } from '../stock/order-stock';
import { orderStockFromEnv } from '../stock/stock-from-env';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { sagaContext, type SagaLines } from './saga-context';
import { sagaStep } from './order-saga-step';

const stock = orderStockFromEnv();

/**
 * Saga compensation: gives back whatever the order holds, reserved or already sold; nothing held is
 * a no-op. Counted as a compensation (SagaCompensations, step ReleaseStock) only when it released something.
 */
export const handler = sagaStep('ReleaseStock', async (input: SagaLines, context: Context): Promise<{ released: string[] }> => {
  if (await releaseOrderStock(stock, input.orderId, sagaContext(input, 'ReleaseStock'), deadlineOf(context))) emitBusinessMetric('SagaCompensations', { step: 'ReleaseStock' });
  return { released: input.lines.map((line) => line.sku) };
});

import { eventStoreFromEnv } from '../clients';
import { releaseOrderStock } from './give-back';
import { sagaContext, type SagaLines } from './saga-context';

const store = eventStoreFromEnv();

/** Saga compensation: gives back whatever the order holds, reserved or already sold; nothing held is a no-op. */
export async function handler(input: SagaLines): Promise<{ released: string[] }> {
  const skus = input.lines.map((line) => line.sku);
  await releaseOrderStock(store, input.orderId, skus, sagaContext(input.orderId, 'ReleaseStock'));
  return { released: skus };
}

import { emitBusinessMetric } from '../../../../functions/platform/observability/business-metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../../../functions/platform/observability/metric-names';
import { writtenLines } from '../../../support/written-lines';

/** The embedded-metric-format lines written while `run` runs. */
async function emitted(run: () => void): Promise<Record<string, any>[]> {
  return (await writtenLines(run)).filter((line) => '_aws' in line);
}

describe('business metrics in the embedded metric format', () => {
  it('writes the metric with the contract’s namespace, the service and its own dimensions, which the alarms read', async () => {
    const [line] = await emitted(() => emitBusinessMetric('OrdersRejected', { reason: 'InsufficientStock' }));
    expect(line?._aws.CloudWatchMetrics).toEqual([{ Namespace: METRICS_NAMESPACE, Dimensions: [expect.arrayContaining(['service', 'reason'])], Metrics: [{ Name: 'OrdersRejected', Unit: 'Count' }] }]);
    expect(line).toMatchObject({ service: METRICS_SERVICE, reason: 'InsufficientStock', OrdersRejected: 1 });
  });

  it('writes a metric without dimensions but the service (the CompensationFailed alarm watches exactly that set)', async () => {
    const [line] = await emitted(() => emitBusinessMetric('CompensationFailed', {}));
    expect(line?._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(line).toMatchObject({ CompensationFailed: 1 });
  });
});

import { emitBusinessMetric } from '../../../functions/observability/business-metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../../functions/observability/metric-names';

/** The embedded-metric-format lines written to stdout while `run` runs. */
function emitted(run: () => void): Record<string, any>[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line));
}

describe('business metrics in the embedded metric format', () => {
  it('writes the metric with the contract’s namespace, the service and its own dimensions, which the alarms read', () => {
    const [line] = emitted(() => emitBusinessMetric('OrdersRejected', { reason: 'InsufficientStock' }));
    expect(line?._aws.CloudWatchMetrics).toEqual([{ Namespace: METRICS_NAMESPACE, Dimensions: [expect.arrayContaining(['service', 'reason'])], Metrics: [{ Name: 'OrdersRejected', Unit: 'Count' }] }]);
    expect(line).toMatchObject({ service: METRICS_SERVICE, reason: 'InsufficientStock', OrdersRejected: 1 });
  });

  it('writes a metric without dimensions but the service (the CompensationFailed alarm watches exactly that set)', () => {
    const [line] = emitted(() => emitBusinessMetric('CompensationFailed', {}));
    expect(line?._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(line).toMatchObject({ CompensationFailed: 1 });
  });
});

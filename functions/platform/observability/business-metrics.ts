import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS, METRICS_NAMESPACE, METRICS_SERVICE, type MetricDimensions, type MetricName, type MetricUnit as ContractUnit } from './metric-names';

const UNITS: Record<ContractUnit, (typeof MetricUnit)[keyof typeof MetricUnit]> = { Count: MetricUnit.Count, Milliseconds: MetricUnit.Milliseconds };

/** One Powertools Metrics per container, on the contract's namespace and service. */
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/**
 * Emits one business metric now (CloudWatch embedded metric format, on stdout), with exactly the
 * dimensions the contract gives it, so the alarms and the dashboard of lib/platform/monitoring.ts see it.
 */
export function emitBusinessMetric<M extends MetricName>(name: M, dimensions: MetricDimensions<M>, value = 1): void {
  const single = metrics.singleMetric();
  for (const [dimension, dimensionValue] of Object.entries(dimensions) as [string, string][]) single.addDimension(dimension, dimensionValue);
  single.addMetric(METRICS[name].name, UNITS[METRICS[name].unit], value);
}

/** One metric as the runtime has counted it from the functions' embedded metric format lines. */
export type CountedMetric = {
  namespace: string;
  name: string;
  unit: string;
  /** The metric's dimensions and their values (CloudWatch tells metrics apart by the whole set). */
  dimensions: Record<string, string>;
  /** Data points received, and their sum, minimum and maximum. */
  count: number;
  sum: number;
  min: number;
  max: number;
};

type EmfDirective = { Namespace?: unknown; Dimensions?: unknown; Metrics?: unknown };

/**
 * Counts the CloudWatch embedded metric format (EMF) lines the functions write, as CloudWatch
 * would turn them into metrics: per namespace, metric name and set of dimension values.
 * `npm start` shows them at `<edge>/_local/metrics`; `npm run bench` prints them.
 */
export class EmfMetrics {
  private readonly metrics = new Map<string, CountedMetric>();

  /** Counts the metrics of a log entry if it is an EMF document; false if it is not one. */
  record(entry: Record<string, unknown>): boolean {
    const aws = entry._aws as { CloudWatchMetrics?: EmfDirective[] } | undefined;
    if (!aws || !Array.isArray(aws.CloudWatchMetrics)) return false;
    for (const directive of aws.CloudWatchMetrics) {
      const namespace = String(directive.Namespace ?? '');
      const dimensionSets = Array.isArray(directive.Dimensions) ? (directive.Dimensions as unknown[][]) : [[]];
      const definitions = Array.isArray(directive.Metrics) ? (directive.Metrics as { Name?: unknown; Unit?: unknown }[]) : [];
      for (const definition of definitions) {
        const name = String(definition.Name ?? '');
        const values = ([] as unknown[]).concat(entry[name]).filter((v): v is number => typeof v === 'number');
        for (const set of dimensionSets) {
          const dimensions = Object.fromEntries(set.map((d) => [String(d), String(entry[String(d)] ?? '')]));
          for (const value of values) this.add({ namespace, name, unit: String(definition.Unit ?? 'None'), dimensions }, value);
        }
      }
    }
    return true;
  }

  /** Every metric counted so far, sorted by namespace, name and dimensions. */
  snapshot(): CountedMetric[] {
    return [...this.metrics.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, metric]) => ({ ...metric, dimensions: { ...metric.dimensions } }));
  }

  private add(metric: Pick<CountedMetric, 'namespace' | 'name' | 'unit' | 'dimensions'>, value: number): void {
    const key = JSON.stringify([metric.namespace, metric.name, Object.entries(metric.dimensions).sort(([a], [b]) => a.localeCompare(b))]);
    const known = this.metrics.get(key);
    if (!known) {
      this.metrics.set(key, { ...metric, count: 1, sum: value, min: value, max: value });
      return;
    }
    known.count += 1;
    known.sum += value;
    known.min = Math.min(known.min, value);
    known.max = Math.max(known.max, value);
  }
}

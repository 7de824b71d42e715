import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMESPACE, METRIC_SERVICE, type MetricName } from './metric-names.ts';

/**
 * The one logger of the service. Structured keys only: never an email address, a name or a
 * token in a log line (log account ids and counts instead).
 */
export const logger = new Logger({ serviceName: METRIC_SERVICE });

/**
 * The service's business metrics, written to stdout in CloudWatch's embedded metric format (no API
 * call, nothing to grant). Off on a developer's machine: `POWERTOOLS_DEV` (set by `npm start` and
 * the tests) or `POWERTOOLS_METRICS_DISABLED` (set by the CLI, and by `-c businessMetrics=false`).
 */
export const metrics = new Metrics({ serviceName: METRIC_SERVICE, namespace: METRIC_NAMESPACE });

/** Where counts go; `metrics` in a function, a recording fake in tests. */
export interface MetricsSink {
  addMetric(name: string, unit: typeof MetricUnit.Count, value: number): void;
  publishStoredMetrics(): void;
}

/**
 * Publishes one run's (or one request's) counts as one EMF record. Zeros are left out: CloudWatch
 * charges a custom metric only for the hours it receives data, so a quiet hour costs nothing (and
 * shows as a gap on the dashboard rather than as 0).
 */
export function publishCounts(
  counts: Partial<Record<MetricName, number>>,
  sink: MetricsSink = metrics,
): void {
  let any = false;
  for (const [name, value] of Object.entries(counts)) {
    if (value === undefined || !Number.isFinite(value) || value === 0) continue;
    sink.addMetric(name, MetricUnit.Count, value);
    any = true;
  }
  if (any) sink.publishStoredMetrics();
}

import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRIC, METRIC_NAMESPACE, METRIC_SERVICE } from '../../functions/shared/metric-names.ts';
import { publishCounts } from '../../functions/shared/observability.ts';

interface EmfRecord {
  _aws: {
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [key: string]: unknown;
}

/** A Metrics instance as a deployed function has it (metrics on), its EMF lines captured from stdout. */
function deployedMetrics() {
  vi.stubEnv('POWERTOOLS_DEV', '');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const metrics = new Metrics({ serviceName: METRIC_SERVICE, namespace: METRIC_NAMESPACE });
  return { metrics, records: () => lines.map((l) => JSON.parse(l) as EmfRecord), write };
}

describe('publishCounts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('publishes one EMF record with every non-zero count, under the service dimension', () => {
    const { metrics, records } = deployedMetrics();

    publishCounts({ [METRIC.checkInsSent]: 3, [METRIC.surveysSent]: 1, [METRIC.scanFailures]: 0 }, metrics);

    const emf = records();
    expect(emf).toHaveLength(1);
    const [record] = emf;
    const [directive] = record?._aws.CloudWatchMetrics ?? [];
    expect(directive?.Namespace).toBe('AccountHealth');
    expect(directive?.Dimensions).toEqual([['service']]);
    expect(directive?.Metrics.map((m) => [m.Name, m.Unit])).toEqual([
      ['CheckInsSent', 'Count'],
      ['SurveysSent', 'Count'],
    ]);
    expect(record).toMatchObject({ service: 'account-health', CheckInsSent: 3, SurveysSent: 1 });
    expect(record).not.toHaveProperty('ScanFailures');
  });

  it('writes nothing when every count is zero or missing (a quiet hour costs nothing)', () => {
    const { metrics, records } = deployedMetrics();

    publishCounts({ [METRIC.checkInsSent]: undefined, [METRIC.surveysSent]: 0 }, metrics);

    expect(records()).toEqual([]);
  });

  it('stays silent on a developer machine (POWERTOOLS_DEV)', () => {
    const { records } = deployedMetrics();
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', undefined);
    const local = new Metrics({ serviceName: METRIC_SERVICE, namespace: METRIC_NAMESPACE });

    publishCounts({ [METRIC.digestsSent]: 2 }, local);

    expect(records()).toEqual([]);
  });
});

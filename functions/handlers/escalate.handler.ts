import * as z from 'zod/mini';
import { readRuntime } from '../config/runtime.ts';
import '../config/zod-messages.ts';
import { readDeployedSettings } from '../config/deployed-settings.ts';
import { type EscalationReport, escalateAndRecover } from '../core/health/escalation.ts';
import type { HealthDeps } from '../core/health/ports.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createHealthDeps } from './wiring/health.ts';

const invocationSchema = z.object({
  job: z.optional(z.string()),
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
});

export class EscalationIncompleteError extends Error {
  constructor(readonly report: EscalationReport) {
    super(`escalation finished with ${report.failed} failure(s); they stay due and the run may be retried`);
    this.name = 'EscalationIncompleteError';
  }
}

/** One hourly run: escalate unacknowledged alerts, recover accounts whose signals aged out. */
export async function runEscalate(event: unknown, deps: HealthDeps): Promise<EscalationReport> {
  const input = invocationSchema.parse(event ?? {});
  const now = input.scheduledTime ? new Date(input.scheduledTime) : deps.clock();
  const report = await escalateAndRecover(deps, now);
  logger.info('escalate finished', { now: now.toISOString(), ...report });
  publishCounts({
    [METRIC.alertsEscalated]: report.escalated,
    [METRIC.accountsRecovered]: report.recovered,
    [METRIC.escalateFailures]: report.failed,
  });
  if (report.failed > 0) throw new EscalationIncompleteError(report);
  return report;
}

let deps: HealthDeps | undefined;

export const handler = async (event: unknown): Promise<EscalationReport> => {
  deps ??= createHealthDeps(readRuntime(), readDeployedSettings());
  return runEscalate(event, deps);
};

import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { readRuntime } from '../config/runtime.ts';
import '../config/zod-messages.ts';
import { readDeployedSettings } from '../config/deployed-settings.ts';
import { type ScanDeps, type ScanReport, scanDueAccounts } from '../core/outreach/scan-due-accounts.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createScanDeps } from './wiring/outreach.ts';

/** What EventBridge Scheduler (or `account-health run scan --now`) passes. */
const invocationSchema = z.object({
  job: z.optional(z.string()),
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
});

/** Leaves this much of the Lambda's time to finish in-flight sends and report. */
const SAFETY_MS = 15_000;

export class ScanIncompleteError extends Error {
  constructor(readonly report: ScanReport) {
    super(
      `scan finished with ${report.failed} failure(s); the affected accounts stay due and the run may be retried`,
    );
    this.name = 'ScanIncompleteError';
  }
}

/** The use case behind the handler: parse the invocation, run one tick, fail loudly if anything failed. */
export async function runScan(event: unknown, deps: ScanDeps, remainingMs?: number): Promise<ScanReport> {
  const input = invocationSchema.parse(event ?? {});
  const now = input.scheduledTime ? new Date(input.scheduledTime) : new Date();
  const deadline = remainingMs === undefined ? undefined : Date.now() + remainingMs - SAFETY_MS;
  const report = await scanDueAccounts(deps, { now, deadline });
  logger.info('scan finished', { now: now.toISOString(), ...report });
  publishCounts({
    [METRIC.dueFound]: report.due,
    [METRIC.checkInsSent]: report.sent.checkIn,
    [METRIC.surveysSent]: report.sent.survey,
    [METRIC.remindersSent]: report.sent.reminder,
    [METRIC.ownerNotesSent]: report.sent.ownerNote,
    [METRIC.touchesSent]: report.touches.sent,
    [METRIC.sendsDeferred]:
      report.deferred.businessHours + report.deferred.fatigue + report.deferred.alertOpen,
    [METRIC.scanFailures]: report.failed,
  });
  if (report.failed > 0) throw new ScanIncompleteError(report);
  return report;
}

let deps: ScanDeps | undefined;

export const handler = async (event: unknown, context?: Context): Promise<ScanReport> => {
  deps ??= createScanDeps(readRuntime(), readDeployedSettings());
  return runScan(event, deps, context?.getRemainingTimeInMillis?.());
};

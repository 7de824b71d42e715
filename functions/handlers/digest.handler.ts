import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { readRuntime } from '../config/runtime.ts';
import '../config/zod-messages.ts';
import { readDeployedSettings } from '../config/deployed-settings.ts';
import { type DigestDeps, type DigestRunReport, sendDigests } from '../core/digest/send-digests.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createDigestDeps } from './wiring/digest.ts';

/** What EventBridge Scheduler (or `account-health run digest --now --owner`) passes. */
const invocationSchema = z.object({
  job: z.optional(z.string()),
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
  /** One owner only, at once (the CLI's --owner); the schedule's day and time are not checked. */
  owner: z.optional(z.email()),
});

export class DigestIncompleteError extends Error {
  constructor(readonly report: DigestRunReport) {
    super(`digest run finished with ${report.failed} failure(s); those owners get theirs on the next tick`);
    this.name = 'DigestIncompleteError';
  }
}

/** The use case behind the handler: parse the invocation, run one tick, fail loudly if anything failed. */
export async function runDigest(event: unknown, deps: DigestDeps): Promise<DigestRunReport> {
  const input = invocationSchema.parse(event ?? {});
  const now = input.scheduledTime ? new Date(input.scheduledTime) : new Date();
  const report = await sendDigests(deps, { now, ownerEmail: input.owner });
  logger.info('digest finished', { now: now.toISOString(), oneOwner: !!input.owner, ...report });
  publishCounts({ [METRIC.digestsSent]: report.sent, [METRIC.digestFailures]: report.failed });
  if (report.failed > 0) throw new DigestIncompleteError(report);
  return report;
}

let deps: DigestDeps | undefined;

export const handler = async (event: unknown, _context?: Context): Promise<DigestRunReport> => {
  deps ??= createDigestDeps(readRuntime(), readDeployedSettings());
  return runDigest(event, deps);
};

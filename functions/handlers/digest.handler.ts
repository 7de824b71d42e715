import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { ActionLinks } from '../adapters/dynamodb/action-links.ts';
import { DigestStateStore } from '../adapters/dynamodb/digest-state.entity.ts';
import { type Runtime, readRuntime, required } from '../config/runtime.ts';
import type { Publisher } from '../core/events/ports.ts';
import '../config/zod-messages.ts';
import { readDeployedSettings } from '../config/deployed-settings.ts';
import type { Settings } from '../config/settings.ts';
import { type DigestDeps, type DigestRunReport, sendDigests } from '../core/digest/send-digests.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createOutreachWiring, type OutreachWiring, publisherFor } from './outreach-wiring.ts';

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

/** The digest's adapters, on top of the send path's (same table, ledger, mailer, bus). */
export function createDigestWiring(
  runtime: Runtime,
  settings: Settings,
  base: OutreachWiring = createOutreachWiring(runtime, settings),
  overrides: { actionLinks?: DigestDeps['actionLinks']; events?: Publisher } = {},
): DigestDeps {
  return {
    book: base.store,
    responses: base.surveys,
    state: new DigestStateStore(base.db, runtime.tableName),
    ledger: base.ledger,
    actionLinks:
      overrides.actionLinks ??
      new ActionLinks(base.db, runtime.tableName, required(runtime, 'publicBaseUrl')),
    mailer: base.mailer,
    events: overrides.events ?? publisherFor(runtime),
    settings,
    onError: (where, ownerKey, error) =>
      logger.error('digest step failed', {
        where,
        ownerKey,
        errorName: (error as Error)?.name,
        error: error as Error,
      }),
  };
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

let wiring: DigestDeps | undefined;

export const handler = async (event: unknown, _context?: Context): Promise<DigestRunReport> => {
  const runtime = readRuntime();
  wiring ??= createDigestWiring(runtime, readDeployedSettings());
  return runDigest(event, wiring);
};

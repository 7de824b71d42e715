import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../adapters/dynamodb/client.ts';
import { SendLedger } from '../../adapters/dynamodb/send-ledger.ts';
import { publisherFromEnv } from '../../adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../adapters/ses/mailer.ts';
import { type Runtime, required } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { Publisher } from '../../core/events/ports.ts';
import type { Mailer } from '../../core/ports.ts';
import { leaseForTimeout } from '../../core/send/send-claimed.ts';
import { jobNamed } from '../../jobs.ts';
import { logger } from '../../shared/observability.ts';

/**
 * The adapters every job's dependencies are built from, one way: `createXDeps(runtime, settings,
 * overrides)` in this folder takes what `overrides` gives (tests, the CLI, the local runtime) and
 * builds the rest from the runtime. Each function is small so a handler's bundle carries only the
 * adapters its job uses.
 */

/** What tests, the CLI and the local runtime may hand a wiring instead of what it would build. */
export interface WiringOverrides {
  db?: DynamoDBDocumentClient;
  ses?: SESv2Client;
  mailer?: Mailer;
  events?: Publisher;
  clock?: () => Date;
}

/**
 * The lease of a send claim taken by these jobs: the longest of their timeouts and a margin, so a
 * claim outlives the run that took it (a killed Lambda is gone by then) and no longer.
 */
export function claimLeaseOf(...jobNames: string[]): number {
  return leaseForTimeout(Math.max(...jobNames.map((name) => jobNamed(name)?.timeoutSeconds ?? 30)));
}

/** The send path's adapters for jobs of these names: the ledger, the claim lease, the mailer. */
export function sendPathOf(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides & { db: DynamoDBDocumentClient },
  ...jobNames: string[]
) {
  return {
    ledger: new SendLedger(overrides.db, runtime.tableName, settings.dueShards),
    leaseMs: claimLeaseOf(...jobNames),
    mailer: mailerOf(runtime, settings, overrides),
  };
}

export function dbOf(runtime: Runtime, overrides: WiringOverrides): DynamoDBDocumentClient {
  return overrides.db ?? createDocumentClient(runtime);
}

/** The SES mailer every sending job uses: the configured sender, set and rate. */
export function mailerOf(runtime: Runtime, settings: Settings, overrides: WiringOverrides): Mailer {
  return (
    overrides.mailer ??
    new SesMailer(overrides.ses ?? createSesClient(runtime.region, runtime.sesEndpoint), {
      sender: required(runtime, 'sender'),
      configurationSet: runtime.configurationSet,
      maxPerSecond: settings.sending.maxPerSecond,
    })
  );
}

/** EventBridge when the runtime names a bus (deployed), else the process's own bus (local). */
export function publisherOf(runtime: Runtime, overrides: WiringOverrides): Publisher {
  return (
    overrides.events ??
    publisherFromEnv(runtime.busName ? { AH_BUS_NAME: runtime.busName, AWS_REGION: runtime.region } : {})
  );
}

export function clockOf(overrides: WiringOverrides): () => Date {
  return overrides.clock ?? (() => new Date());
}

/** Reports a failed step of a job: where, which account or owner, the error; no personal data. */
export function reportFailures(what: string) {
  return (where: string, accountId: string | undefined, error: unknown) =>
    logger.error(`${what} step failed`, {
      where,
      ...(accountId !== undefined ? { accountId } : {}),
      errorName: (error as Error)?.name,
      error: error as Error,
    });
}

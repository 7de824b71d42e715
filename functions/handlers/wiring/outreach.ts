import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountStore } from '../adapters/dynamodb/account-store.ts';
import { AddressStore } from '../adapters/dynamodb/address.entity.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { DueIndex } from '../adapters/dynamodb/due-index.ts';
import { ReminderStore } from '../adapters/dynamodb/reminder.entity.ts';
import { SendLedger } from '../adapters/dynamodb/send-ledger.ts';
import { SurveyStore } from '../adapters/dynamodb/survey-store.ts';
import { TouchDateStore } from '../adapters/dynamodb/touch-date.entity.ts';
import { publisherFromEnv } from '../adapters/eventbridge/publisher.ts';
import { StoreLinkMinter } from '../adapters/link-minter.ts';
import { createSesClient, type Mailer, SesMailer } from '../adapters/ses/mailer.ts';
import { type Runtime, required } from '../config/runtime.ts';
import type { Settings } from '../config/settings.ts';
import type { Publisher } from '../core/events/ports.ts';
import type { ScanDeps } from '../core/outreach/scan-due-accounts.ts';
import { logger } from '../shared/observability.ts';

/** What tests (and the CLI) may hand a wiring instead of what it would build from the runtime. */
export interface WiringOverrides {
  db?: DynamoDBDocumentClient;
  ses?: SESv2Client;
  mailer?: Mailer;
  events?: Publisher;
}

export interface OutreachWiring extends ScanDeps {
  db: DynamoDBDocumentClient;
  store: AccountStore;
  surveys: SurveyStore;
}

/**
 * Builds the send path from a runtime and settings: the one place adapters are put together, used
 * by the scheduled handler, `account-health run`, the local runtime and the tests.
 */
export function createOutreachWiring(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides = {},
): OutreachWiring {
  const db = overrides.db ?? createDocumentClient(runtime);
  const store = new AccountStore(db, runtime.tableName, settings);
  const surveys = new SurveyStore(db, runtime.tableName);
  const mailer = overrides.mailer ?? createMailer(runtime, settings, overrides.ses);
  const dueIndex = new DueIndex(db, runtime.tableName, settings);
  return {
    db,
    store,
    surveys,
    accounts: {
      queryDueShard: (shard, now, startKey, limit) => dueIndex.queryDueShard(shard, now, startKey, limit),
      getAccount: (accountId) => store.getAccount(accountId),
      getContacts: (accountId) => store.getContacts(accountId),
      updateAccount: (accountId, change, now) => store.updateAccount(accountId, change, now),
    },
    addresses: new AddressStore(db, runtime.tableName),
    ledger: new SendLedger(db, runtime.tableName, settings.dueShards),
    reminders: new ReminderStore(db, runtime.tableName, settings.dueShards, surveys),
    touchDates: new TouchDateStore(db, runtime.tableName, settings.dueShards),
    mailer,
    links: new StoreLinkMinter(surveys, required(runtime, 'publicBaseUrl'), settings),
    events: overrides.events ?? publisherFor(runtime),
    settings,
    onError: (where, accountId, error) =>
      logger.error('outreach step failed', {
        where,
        accountId,
        errorName: (error as Error)?.name,
        error: error as Error,
      }),
  };
}

/** The SES mailer every sending job uses: the configured sender, set and rate. */
export function createMailer(runtime: Runtime, settings: Settings, ses?: SESv2Client): Mailer {
  return new SesMailer(ses ?? createSesClient(runtime.region, runtime.sesEndpoint), {
    sender: required(runtime, 'sender'),
    configurationSet: runtime.configurationSet,
    maxPerSecond: settings.sending.maxPerSecond,
  });
}

/** EventBridge when the runtime names a bus (deployed), else the process's own bus (local). */
export function publisherFor(runtime: Runtime): Publisher {
  return publisherFromEnv(
    runtime.busName ? { AH_BUS_NAME: runtime.busName, AWS_REGION: runtime.region } : {},
  );
}

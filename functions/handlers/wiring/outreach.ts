import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountStore } from '../../adapters/dynamodb/account-store.ts';
import { ActionLinks } from '../../adapters/dynamodb/action-links.ts';
import { AddressStore } from '../../adapters/dynamodb/address.entity.ts';
import { DueIndex } from '../../adapters/dynamodb/due-index.ts';
import { ReminderStore } from '../../adapters/dynamodb/reminder.entity.ts';
import { SurveyStore } from '../../adapters/dynamodb/survey-store.ts';
import { TouchDateStore } from '../../adapters/dynamodb/touch-date.entity.ts';
import { StoreLinkMinter } from '../../adapters/link-minter.ts';
import { type Runtime, required } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { ScanDeps } from '../../core/outreach/scan-due-accounts.ts';
import { clockOf, dbOf, publisherOf, reportFailures, sendPathOf, type WiringOverrides } from './adapters.ts';

export interface ScanWiring extends ScanDeps {
  db: DynamoDBDocumentClient;
  store: AccountStore;
  surveys: SurveyStore;
}

/** The send path (the scan job): due index, ledger, mailer, link minter, bus. */
export function createScanDeps(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides = {},
): ScanWiring {
  const db = dbOf(runtime, overrides);
  const store = new AccountStore(db, runtime.tableName, settings);
  const surveys = new SurveyStore(db, runtime.tableName);
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
    ...sendPathOf(runtime, settings, { ...overrides, db }, 'scan'),
    reminders: new ReminderStore(db, runtime.tableName, settings.dueShards, surveys),
    touchDates: new TouchDateStore(db, runtime.tableName, settings.dueShards),
    links: new StoreLinkMinter(
      surveys,
      required(runtime, 'publicBaseUrl'),
      settings,
      new ActionLinks(db, runtime.tableName, required(runtime, 'publicBaseUrl')),
    ),
    events: publisherOf(runtime, overrides),
    settings,
    clock: clockOf(overrides),
    onError: reportFailures('outreach'),
  };
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importRecords } from '../../adapters/dynamodb/account-import.ts';
import { AccountStore } from '../../adapters/dynamodb/account-store.ts';
import { DeadLetterStore } from '../../adapters/dynamodb/dead-letter.entity.ts';
import type { Runtime } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { CrmEventDeps } from '../../core/crm/apply-crm-event.ts';
import { recordComplaintSignal } from '../../core/crm/record-complaint.ts';
import type { HealthDeps } from '../../core/health/ports.ts';
import { dbOf, type WiringOverrides } from './adapters.ts';
import { createHealthDeps } from './health.ts';

export interface CrmEventWiring extends CrmEventDeps {
  db: DynamoDBDocumentClient;
  store: AccountStore;
  deadLetters: DeadLetterStore;
}

/** The CRM consumer (the crm-events job, `account-health send-event`): accounts, touches, complaints. */
export function createCrmEventDeps(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides = {},
): CrmEventWiring {
  const db = dbOf(runtime, overrides);
  const store = new AccountStore(db, runtime.tableName, settings);
  const deadLetters = new DeadLetterStore(db, runtime.tableName);
  // Built on the first complaint: the alert path needs the sender and link base, the rest does not.
  let health: HealthDeps | undefined;
  const healthDeps = () => {
    health ??= createHealthDeps(runtime, settings, { ...overrides, db });
    return health;
  };
  return {
    db,
    store,
    deadLetters,
    accountExists: async (accountId) => (await store.getAccount(accountId)) !== undefined,
    importAccount: async (record, now) => {
      const counts = await importRecords(store, [record], { now });
      return counts.created ? 'created' : counts.updated ? 'updated' : 'unchanged';
    },
    hasTouch: (accountId, at, kind) => store.hasTouch(accountId, at, kind),
    recordTouch: (touch, now) => store.recordTouch(touch, now),
    recordComplaint: (complaint, now) => recordComplaintSignal(healthDeps(), complaint, now),
    pauses: store,
    deadLetter: (letter) => deadLetters.put(letter),
  };
}

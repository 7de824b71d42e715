import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountStore } from '../adapters/dynamodb/account-store.ts';
import { ActionLinks } from '../adapters/dynamodb/action-links.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { HealthStore } from '../adapters/dynamodb/health-store.ts';
import { SendLedger } from '../adapters/dynamodb/send-ledger.ts';
import { SurveyStore } from '../adapters/dynamodb/survey-store.ts';
import { type Runtime, required } from '../config/runtime.ts';
import type { Settings } from '../config/settings.ts';
import type { HealthDeps } from '../core/health/ports.ts';
import { logger } from '../shared/observability.ts';
import { createMailer, publisherFor, type WiringOverrides } from './outreach-wiring.ts';

export interface HealthWiring extends HealthDeps {
  db: DynamoDBDocumentClient;
  store: AccountStore;
  health: HealthStore;
  surveys: SurveyStore;
  actionLinks: ActionLinks;
}

/**
 * Builds the health and risk path (signals, owner alerts, escalation, recovery) from a runtime and
 * settings: used by the health-signals and escalate handlers, the CRM consumer, the CLI and tests.
 */
export function createHealthWiring(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides & { clock?: () => Date } = {},
): HealthWiring {
  const db = overrides.db ?? createDocumentClient(runtime);
  const store = new AccountStore(db, runtime.tableName, settings);
  const actionLinks = new ActionLinks(db, runtime.tableName, required(runtime, 'publicBaseUrl'));
  const health = new HealthStore(db, runtime.tableName, settings);
  return {
    db,
    store,
    health,
    surveys: new SurveyStore(db, runtime.tableName),
    actionLinks,
    accounts: store,
    records: health,
    ledger: new SendLedger(db, runtime.tableName, settings.dueShards),
    mailer: overrides.mailer ?? createMailer(runtime, settings, overrides.ses),
    links: actionLinks,
    events: overrides.events ?? publisherFor(runtime),
    settings,
    clock: overrides.clock ?? (() => new Date()),
    onError: (where, accountId, error) =>
      logger.error('health step failed', {
        where,
        accountId,
        errorName: (error as Error)?.name,
        error: error as Error,
      }),
  };
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountStore } from '../../adapters/dynamodb/account-store.ts';
import { ActionLinks } from '../../adapters/dynamodb/action-links.ts';
import { HealthStore } from '../../adapters/dynamodb/health-store.ts';
import { SurveyStore } from '../../adapters/dynamodb/survey-store.ts';
import { type Runtime, required } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { SurveyAnswerDeps } from '../../core/health/apply-survey-answer.ts';
import { clockOf, dbOf, publisherOf, reportFailures, sendPathOf, type WiringOverrides } from './adapters.ts';

export interface HealthWiring extends SurveyAnswerDeps {
  db: DynamoDBDocumentClient;
  store: AccountStore;
  health: HealthStore;
  surveys: SurveyStore;
  actionLinks: ActionLinks;
}

/**
 * The health and risk path (signals, owner alerts, escalation, recovery): the health-signals and
 * escalate jobs, and complaints in the CRM consumer.
 */
export function createHealthDeps(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides = {},
): HealthWiring {
  const db = dbOf(runtime, overrides);
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
    // Owner alerts are sent by the event consumers and by the hourly escalation.
    ...sendPathOf(
      runtime,
      settings,
      { ...overrides, db },
      'crm-events',
      'health-signals',
      'http',
      'escalate',
    ),
    links: actionLinks,
    events: publisherOf(runtime, overrides),
    settings,
    clock: clockOf(overrides),
    onError: reportFailures('health'),
  };
}

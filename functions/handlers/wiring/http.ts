import { AccountStore } from '../../adapters/dynamodb/account-store.ts';
import { ActionLinks } from '../../adapters/dynamodb/action-links.ts';
import { AddressStore } from '../../adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../adapters/dynamodb/survey-store.ts';
import type { Runtime } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { HttpDeps } from '../http-routes.ts';
import { clockOf, dbOf, publisherOf, type WiringOverrides } from './adapters.ts';

/** The public HTTP function: surveys, unsubscribes, owner actions (when links have a base URL). */
export function createHttpDeps(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides = {},
): HttpDeps {
  const db = dbOf(runtime, overrides);
  return {
    surveys: new SurveyStore(db, runtime.tableName),
    accounts: new AccountStore(db, runtime.tableName, settings),
    addresses: new AddressStore(db, runtime.tableName),
    events: publisherOf(runtime, overrides),
    clock: clockOf(overrides),
    maxRevisions: settings.surveys.maxRevisions,
    voice: settings,
    publicBaseUrl: runtime.publicBaseUrl,
    actionLinks: runtime.publicBaseUrl
      ? new ActionLinks(db, runtime.tableName, runtime.publicBaseUrl)
      : undefined,
  };
}

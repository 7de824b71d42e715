import { AccountStore } from '../../adapters/dynamodb/account-store.ts';
import { ActionLinks } from '../../adapters/dynamodb/action-links.ts';
import { DigestStateStore } from '../../adapters/dynamodb/digest-state.entity.ts';
import { SurveyStore } from '../../adapters/dynamodb/survey-store.ts';
import { type Runtime, required } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { DigestDeps } from '../../core/digest/send-digests.ts';
import { dbOf, publisherOf, reportFailures, sendPathOf, type WiringOverrides } from './adapters.ts';

/** The digest job: owners' books, responses, digest state, ledger, mailer, action links, bus. */
export function createDigestDeps(
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides & { actionLinks?: DigestDeps['actionLinks'] } = {},
): DigestDeps {
  const db = dbOf(runtime, overrides);
  return {
    book: new AccountStore(db, runtime.tableName, settings),
    responses: new SurveyStore(db, runtime.tableName),
    state: new DigestStateStore(db, runtime.tableName),
    ...sendPathOf(runtime, settings, { ...overrides, db }, 'digest'),
    actionLinks:
      overrides.actionLinks ?? new ActionLinks(db, runtime.tableName, required(runtime, 'publicBaseUrl')),
    events: publisherOf(runtime, overrides),
    settings,
    onError: reportFailures('digest'),
  };
}

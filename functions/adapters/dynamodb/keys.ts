import type { Tier } from '../../core/domain/vocabulary.ts';
import { fnv1a } from '../../core/hash.ts';
import type { CohortDimension, OpenAlert } from '../../core/health/ports.ts';
import type { TouchDate } from '../../core/touches/touch-dates.ts';

/**
 * Key builders for every entity. The only place key strings are spelled; each entity file keeps
 * its key layout table as documentation.
 */

export { fnv1a };

export const accountPk = (accountId: string) => `ACCT#${accountId}`;
export const ACCOUNT_SK = 'ACCOUNT';
export const CONTACT_SK_PREFIX = 'CONTACT#';
export const contactSk = (email: string) => `${CONTACT_SK_PREFIX}${email.toLowerCase()}`;
export const TOUCH_SK_PREFIX = 'TOUCH#';
/** Every touch at the instant `at` (a begins_with prefix). */
export const touchSkAt = (at: string) => `${TOUCH_SK_PREFIX}${at}#`;
export const touchSk = (at: string, nonce: string) => `${touchSkAt(at)}${nonce}`;
export const OWNERS_PK = 'OWNERS';
export const ownerSk = (email: string) => `OWNER#${email.toLowerCase()}`;
export const ownerGsiPk = (email: string) => `OWNER#${email.toLowerCase()}`;
export const ownerGsiSk = (name: string, accountId: string) => `${name.toLowerCase()}#${accountId}`;

export const dueShardOf = (accountId: string, shards: number) => fnv1a(accountId) % shards;
export const dueShardPk = (shard: number) => `DUE#${String(shard).padStart(3, '0')}`;
export const dueSk = (nextDueAt: string, accountId: string) => `${nextDueAt}#${accountId}`;
/** Upper bound for "due at or before `now`": '$' sorts after '#', so every `<now>#<id>` is included. */
export const dueSkUpTo = (now: string) => `${now}$`;
export const reminderSk = (surveyId: string) => `REMIND#${surveyId}`;
/** A reminder's place in the due index, beside the accounts. */
export const reminderDueSk = (remindAt: string, accountId: string, surveyId: string) =>
  dueSk(remindAt, `${accountId}#R#${surveyId}`);

const TOUCH_DATE_SK_PREFIX = 'TOUCHDATE#';
const touchDateSuffix = (t: Pick<TouchDate, 'kind' | 'contactEmail'>) =>
  t.contactEmail ? `${t.kind}#${t.contactEmail}` : t.kind;
export const touchDateSk = (t: Pick<TouchDate, 'kind' | 'contactEmail'>) =>
  `${TOUCH_DATE_SK_PREFIX}${touchDateSuffix(t)}`;
/** A touch date's place in the due index, beside the accounts. */
export const touchDateDueSk = (t: Pick<TouchDate, 'dueAt' | 'accountId' | 'kind' | 'contactEmail'>) =>
  dueSk(t.dueAt, `${t.accountId}#T#${touchDateSuffix(t)}`);

// Surveys, link tokens, response listings (survey.entity.ts)
export const SURVEY_SK_PREFIX = 'SURVEY#';
export const surveySk = (surveyId: string) => `${SURVEY_SK_PREFIX}${surveyId}`;
export const tokenPk = (tokenHash: string) => `TOKEN#${tokenHash}`;
export const TOKEN_SK = 'TOKEN';
export const responsePk = (month: string, shard: number) => `RESP#${month}#${shard}`;
export const responseSk = (answeredAt: string, surveyId: string) => `${answeredAt}#${surveyId}`;
export const RESPONSE_MONTHS_PK = 'RESPMONTHS';
export const sentPk = (day: string) => `SENT#${day}`;
export const sentSk = (sentAt: string, surveyId: string) => `${sentAt}#${surveyId}`;

// Health and risk (health.entity.ts)
export const SIGNAL_SK_PREFIX = 'SIGNAL#';
export const signalSk = (signalId: string) => `${SIGNAL_SK_PREFIX}${signalId}`;
export const normaliseValue = (value: string) => value.trim().toLowerCase();
export const cohortPk = (dimension: CohortDimension, value: string) =>
  `COHORT#${dimension}#${normaliseValue(value)}`;
export const cohortSk = (at: string, accountId: string, signalId: string) => `${at}#${accountId}#${signalId}`;
export const EPISODE_SK = 'EPISODE';
export const memberPk = (dimension: CohortDimension, value: string) =>
  `MEMBER#${dimension}#${normaliseValue(value)}`;
export const memberSk = (tier: Tier, accountId: string) => `${tier}#${accountId}`;
export const OPEN_ALERTS_PK = 'ALERTS#OPEN';
export const openAlertSk = (a: Pick<OpenAlert, 'escalateAt' | 'accountId' | 'signalId'>) =>
  `${a.escalateAt}#${a.accountId}#${a.signalId}`;
export const RISK_PK = 'RISK';
export const riskSk = (until: string, accountId: string) => `${until}#${accountId}`;

// Send ledger, address state, digest state, dead letters
export const sendPk = (accountId: string) => `SEND#${accountId}`;
export const sendSk = (kind: string, cycle: string) => `${kind}#${cycle}`;
export const addressPk = (email: string) => `ADDR#${email.toLowerCase()}`;
export const ADDRESS_SK = 'STATE';
export const digestStatePk = (ownerKey: string) => `DIGEST#${ownerKey}`;
export const DIGEST_STATE_SK = 'STATE';
export const deadLetterPk = (month: string) => `DEADLETTER#${month}`;
export const deadLetterSk = (receivedAt: string, eventId: string) => `${receivedAt}#${eventId}`;

/** The marker item the local runtime writes once the demo book is seeded. */
export const DEMO_MARKER_KEY = { pk: 'META', sk: 'DEMO' } as const;

import type { LinkToken, Survey, SurveyResponse } from '../../core/survey/survey.ts';
import { touchToItem } from './account.entity.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import {
  accountPk,
  fnv1a,
  RESPONSE_MONTHS_PK,
  responsePk,
  responseSk,
  sentPk,
  sentSk,
  surveySk,
  TOKEN_SK,
  tokenPk,
} from './keys.ts';

/**
 * Surveys, link tokens and the response listings in the single table. Entity version 1.
 *
 * | item             | pk                            | sk                         | TTL (`expiresAt`)        |
 * |------------------|-------------------------------|----------------------------|--------------------------|
 * | survey           | ACCT#<accountId>              | SURVEY#<surveyId>          | none (history)           |
 * | link token       | TOKEN#<sha256(token)>         | TOKEN                      | link expiry + 30 days    |
 * | response (time)  | RESP#<YYYY-MM>#<shard>        | <answeredAt>#<surveyId>    | none                     |
 * | response months  | RESPMONTHS                    | <YYYY-MM>                  | none                     |
 * | sent (reminders) | SENT#<YYYY-MM-DD>             | <sentAt>#<surveyId>        | sent + 60 days           |
 *
 * - The survey item holds the latest answer (score, comment, answeredAt). Responses of one account:
 *   Query its partition on `SURVEY#`, keep the answered ones (an account has few surveys).
 * - "Responses since": a copy of each answer sits in a month partition, write-sharded by surveyId
 *   (RESPONSE_SHARDS, fixed for the life of a table) because the sort key grows with time and a
 *   burst of answers after a campaign would otherwise all land on one partition. Answering again
 *   moves the copy (delete old key, put new key, in the same transaction as the survey update).
 *   RESPMONTHS lists the months that have any response, so "all responses" needs no Scan and no
 *   guessed start date; each process writes a month's marker once.
 * - A token item is the only read of a survey page GET: it carries what the page shows (kind,
 *   owner and contact name). Only the hash is stored. Its TTL runs 30 days past the link's expiry,
 *   so a late click still gets the "expired" page rather than "unknown link".
 * - SENT#<day> lists the surveys sent that day, so the reminder job reads one or two day partitions.
 * - `answerVersion` on the survey counts its stored answers (absent before the first; 1 + the
 *   revisions after): every answer write is conditional on it. The survey's one timeline entry
 *   (a touch item keyed by the first answer's time and the survey id) is written in the same
 *   transaction, so a revision rewrites it instead of adding one.
 */
export const SURVEY_ENTITY_VERSION = 1;

export const RESPONSE_SHARDS = 4;
export const LINK_TTL_GRACE_DAYS = 30;
export const SENT_INDEX_TTL_DAYS = 60;

export const responseMonth = (answeredAt: string) => answeredAt.slice(0, 7);
export const responseShardOf = (surveyId: string) => fnv1a(surveyId) % RESPONSE_SHARDS;

type Item = Record<string, unknown>;
const KEY_ATTRIBUTES = ['pk', 'sk', 'entity', 'ev', 'expiresAt'] as const;

const SURVEY_SHAPE: ItemShape = {
  entity: 'survey',
  storage: KEY_ATTRIBUTES,
  required: {
    surveyId: 'string',
    accountId: 'string',
    contactEmail: 'string',
    kind: 'string',
    ownerEmail: 'string',
    sentAt: 'string',
    linkExpiresAt: 'string',
    status: ['sent', 'answered'],
  },
  optional: { score: 'number', answeredAt: 'string' },
};
/** Survey links and owner-action links share the token partition: only what both have is required. */
const LINK_SHAPE: ItemShape = {
  entity: 'link token',
  storage: KEY_ATTRIBUTES,
  required: { purpose: 'string', accountId: 'string', validUntil: 'string' },
};
const RESPONSE_SHAPE: ItemShape = {
  entity: 'response',
  storage: KEY_ATTRIBUTES,
  required: {
    surveyId: 'string',
    accountId: 'string',
    contactEmail: 'string',
    ownerEmail: 'string',
    kind: 'string',
    score: 'number',
    sentAt: 'string',
    answeredAt: 'string',
  },
};

const epochSeconds = (iso: string, plusDays = 0) => Math.floor(Date.parse(iso) / 1000) + plusDays * 86_400;

export function surveyToItem(survey: Survey): Item {
  return {
    pk: accountPk(survey.accountId),
    sk: surveySk(survey.surveyId),
    entity: 'survey',
    ev: SURVEY_ENTITY_VERSION,
    ...survey,
  };
}

export const itemToSurvey = (item: Item) => readItem<Survey>(SURVEY_SHAPE, item);

export function linkToItem(tokenHash: string, link: LinkToken): Item {
  return {
    pk: tokenPk(tokenHash),
    sk: TOKEN_SK,
    entity: 'link',
    ev: SURVEY_ENTITY_VERSION,
    ...link,
    expiresAt: epochSeconds(link.validUntil, LINK_TTL_GRACE_DAYS),
  };
}

export { linkVoiceOf } from '../../core/survey/survey.ts';

export const itemToLink = (item: Item) => readItem<LinkToken>(LINK_SHAPE, item);

export function responseToItem(response: SurveyResponse): Item {
  return {
    pk: responsePk(responseMonth(response.answeredAt), responseShardOf(response.surveyId)),
    sk: responseSk(response.answeredAt, response.surveyId),
    entity: 'response',
    ev: SURVEY_ENTITY_VERSION,
    ...response,
  };
}

export const itemToResponse = (item: Item) => readItem<SurveyResponse>(RESPONSE_SHAPE, item);

export function responseMonthToItem(month: string): Item {
  return { pk: RESPONSE_MONTHS_PK, sk: month, entity: 'response-month', ev: SURVEY_ENTITY_VERSION, month };
}

export function sentToItem(survey: Pick<Survey, 'accountId' | 'surveyId' | 'sentAt'>): Item {
  return {
    pk: sentPk(survey.sentAt.slice(0, 10)),
    sk: sentSk(survey.sentAt, survey.surveyId),
    entity: 'survey-sent',
    ev: SURVEY_ENTITY_VERSION,
    accountId: survey.accountId,
    surveyId: survey.surveyId,
    sentAt: survey.sentAt,
    expiresAt: epochSeconds(survey.sentAt, SENT_INDEX_TTL_DAYS),
  };
}

/** The answered survey as a response; undefined while unanswered. */
export function responseOf(survey: Survey): SurveyResponse | undefined {
  if (survey.status !== 'answered' || survey.score === undefined || !survey.answeredAt) return undefined;
  return {
    surveyId: survey.surveyId,
    accountId: survey.accountId,
    contactEmail: survey.contactEmail,
    contactName: survey.contactName,
    ownerEmail: survey.ownerEmail,
    ownerName: survey.ownerName,
    kind: survey.kind,
    score: survey.score,
    comment: survey.comment,
    sentAt: survey.sentAt,
    answeredAt: survey.answeredAt,
  };
}

/** How many answers a survey item has stored (0 before the first; a pre-version answered item counts as 1). */
export function answerVersionOf(item: Item): number {
  if (typeof item.answerVersion === 'number') return item.answerVersion;
  return item.status === 'answered' ? 1 : 0;
}

/**
 * The condition of the next answer write: the version read, or for a survey answered before
 * versions existed (no `answerVersion`), the answer time read.
 */
export function answerGuardOf(item: Item): { expression: string; values: Item } {
  if (typeof item.answerVersion === 'number')
    return {
      expression: 'attribute_exists(pk) AND answerVersion = :v',
      values: { ':v': item.answerVersion },
    };
  if (typeof item.answeredAt === 'string')
    return {
      expression: 'attribute_exists(pk) AND attribute_not_exists(answerVersion) AND answeredAt = :prev',
      values: { ':prev': item.answeredAt },
    };
  return {
    expression:
      'attribute_exists(pk) AND attribute_not_exists(answerVersion) AND attribute_not_exists(answeredAt)',
    values: {},
  };
}

/** The survey's one timeline entry: its key depends only on the survey, so revisions overwrite it. */
export function surveyTimelineItem(
  accountId: string,
  surveyId: string,
  firstAnsweredAt: string,
  note: string,
): Item {
  return touchToItem(
    { accountId, at: firstAnsweredAt, kind: 'survey-answer', note, source: 'survey' },
    `survey-${surveyId}`,
  );
}

/** The UTC days (YYYY-MM-DD) that [from, to) touches. */
export function daysCovering(from: Date, to: Date): string[] {
  const days: string[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  if (to.getTime() - start > 400 * 86_400_000) throw new Error('listSurveysSent reads at most 400 days');
  for (let t = start; t < to.getTime(); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

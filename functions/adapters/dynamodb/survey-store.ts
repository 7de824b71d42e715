import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SurveyKind } from '../../core/domain/vocabulary.ts';
import type {
  RecordResponseResult,
  ResponseInput,
  SurveyAnswerStore,
} from '../../core/survey/answer-survey.ts';
import type { LinkToken, LinkVoice, Survey, SurveyResponse } from '../../core/survey/survey.ts';
import { hashToken, mintToken } from '../../core/survey/tokens.ts';
import { retry } from '../../shared/retry.ts';
import { ConcurrentUpdateError } from './account-store.ts';
import { batchGetItems } from './batch.ts';
import {
  accountPk,
  RESPONSE_MONTHS_PK,
  responsePk,
  SURVEY_SK_PREFIX,
  sentPk,
  surveySk,
  TOKEN_SK,
  tokenPk,
} from './keys.ts';
import {
  answerGuardOf,
  answerVersionOf,
  daysCovering,
  itemToLink,
  itemToResponse,
  itemToSurvey,
  linkToItem,
  linkVoiceOf,
  RESPONSE_SHARDS,
  responseMonth,
  responseMonthToItem,
  responseOf,
  responseToItem,
  sentToItem,
  surveyTimelineItem,
  surveyToItem,
} from './survey.entity.ts';

/** What the send path knows when it sends a survey. */
export interface IssueSurveyInput extends LinkVoice {
  /** Stable per (account, contact, send): a retried send passes the same id. */
  surveyId: string;
  accountId: string;
  contactEmail: string;
  contactName?: string | undefined;
  kind: SurveyKind;
  sentAt: Date;
  /** When the link stops working (settings.surveys.expiryDays after sending). */
  expiresAt: Date;
  ownerEmail: string;
  ownerName?: string | undefined;
}

/** `scope: 'surveys'` (a survey email's link) opts out of surveys only. */
export type IssueUnsubscribeInput = Pick<LinkToken, 'accountId' | 'contactEmail' | 'scope'> &
  LinkVoice & { expiresAt: Date };

type Item = Record<string, unknown>;

const isConditionFailure = (e: unknown) =>
  e instanceof TransactionCanceledException &&
  (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

/** Surveys, link tokens and responses (key layout in survey.entity.ts). One instance per process. */
export class SurveyStore implements SurveyAnswerStore {
  /** Months whose RESPMONTHS marker this process has written: one write per month per process. */
  private readonly knownMonths = new Set<string>();

  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /**
   * Records a survey as sent and mints a link token for it. Idempotent on surveyId: later calls (a
   * retry, a reminder) leave the survey (and its answer) as it is and only add a token, so every link works.
   */
  async issueSurvey(input: IssueSurveyInput): Promise<{ token: string }> {
    const token = mintToken(randomBytes);
    const sentAt = input.sentAt.toISOString();
    const survey: Survey = {
      surveyId: input.surveyId,
      accountId: input.accountId,
      contactEmail: input.contactEmail.toLowerCase(),
      contactName: input.contactName,
      kind: input.kind,
      ownerEmail: input.ownerEmail.toLowerCase(),
      ownerName: input.ownerName,
      sentAt,
      linkExpiresAt: input.expiresAt.toISOString(),
      status: 'sent',
    };
    const tokenItem = linkToItem(hashToken(token), {
      purpose: 'survey',
      accountId: survey.accountId,
      contactEmail: survey.contactEmail,
      surveyId: survey.surveyId,
      kind: survey.kind,
      ownerName: survey.ownerName,
      contactName: survey.contactName,
      ...linkVoiceOf(input),
      validUntil: survey.linkExpiresAt,
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: surveyToItem(survey),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.tableName, Item: sentToItem(survey) } },
            { Put: { TableName: this.tableName, Item: tokenItem } },
          ],
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      // The survey exists already: keep it, add this token.
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: tokenItem }));
    }
    return { token };
  }

  /** Mints a token for a List-Unsubscribe link (https and RFC 8058 one-click). */
  async issueUnsubscribeToken(input: IssueUnsubscribeInput): Promise<{ token: string }> {
    const token = mintToken(randomBytes);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: linkToItem(hashToken(token), {
          purpose: 'unsubscribe',
          accountId: input.accountId,
          contactEmail: input.contactEmail.toLowerCase(),
          ...linkVoiceOf(input),
          validUntil: input.expiresAt.toISOString(),
          scope: input.scope === 'surveys' ? 'surveys' : undefined,
        }),
      }),
    );
    return { token };
  }

  /** The token item for a token hash: the only read of a survey page GET. */
  async findLink(tokenHash: string, options: { consistent?: boolean } = {}): Promise<LinkToken | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tokenPk(tokenHash), sk: TOKEN_SK },
        ConsistentRead: options.consistent ?? false,
      }),
    );
    return r.Item ? itemToLink(r.Item) : undefined;
  }

  async getSurvey(accountId: string, surveyId: string): Promise<Survey | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(accountId), sk: surveySk(surveyId) },
        ConsistentRead: true,
      }),
    );
    return r.Item ? itemToSurvey(r.Item) : undefined;
  }

  async hasAnswered(accountId: string, surveyId: string): Promise<boolean> {
    return (await this.getSurvey(accountId, surveyId))?.status === 'answered';
  }

  /**
   * Marks the one reminder of a survey as sent. False (and nothing written) when the survey is
   * unknown, answered, or already reminded: call it before sending, and send only on true.
   */
  async markReminderSent(accountId: string, surveyId: string, at: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: accountPk(accountId), sk: surveySk(surveyId) },
          UpdateExpression: 'SET reminderSentAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND #status = :sent AND attribute_not_exists(reminderSentAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at.toISOString(), ':sent': 'sent' },
        }),
      );
      return true;
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return false;
      throw e;
    }
  }

  /**
   * Surveys sent in [from, to), with their current state (answered, reminded): what the reminder
   * job reads. Reads one day partition per day in the range, then the surveys themselves.
   */
  async listSurveysSent(from: Date, to: Date): Promise<Survey[]> {
    const days = daysCovering(from, to);
    const refs = new Map<string, { accountId: string; surveyId: string }>();
    for (const day of days) {
      for await (const item of this.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': sentPk(day),
          ':from': from.toISOString(),
          ':to': to.toISOString(),
        },
      })) {
        const ref = { accountId: String(item.accountId), surveyId: String(item.surveyId) };
        refs.set(`${ref.accountId}\n${ref.surveyId}`, ref);
      }
    }
    const surveys = await this.batchGetSurveys([...refs.values()]);
    return surveys.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }

  /**
   * Stores an answer on its survey, replacing an earlier one at most `maxRevisions` times, moves the
   * survey's entry in the time listing and writes the survey's one timeline entry (keyed by the
   * first answer's time and the survey id, so a revision rewrites it), in one transaction
   * conditional on the survey's `answerVersion` (0 before the first answer): racing answers
   * serialise, and the loser re-reads and decides again (unchanged, final, or on top). A lost race
   * costs one attempt per stored write, and at most 1 + maxRevisions writes happen, so
   * maxRevisions + 2 attempts always suffice. Undefined when the survey does not exist.
   */
  async recordResponse(input: ResponseInput): Promise<RecordResponseResult | undefined> {
    return retry(
      async () => {
        const r = await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { pk: accountPk(input.accountId), sk: surveySk(input.surveyId) },
            ConsistentRead: true,
          }),
        );
        if (!r.Item) return undefined;
        const survey = itemToSurvey(r.Item);
        const version = answerVersionOf(r.Item);
        const previous = responseOf(survey);
        if (previous && previous.score === input.score && previous.comment === input.comment)
          return { outcome: 'unchanged' as const, response: previous, revised: version > 1 };
        if (previous && version > input.maxRevisions)
          return { outcome: 'final' as const, response: previous, revised: version > 1 };
        const firstAnsweredAt =
          typeof r.Item.firstAnsweredAt === 'string' ? r.Item.firstAnsweredAt : input.answeredAt;
        const response = responseOf({
          ...survey,
          status: 'answered',
          score: input.score,
          comment: input.comment,
          answeredAt: input.answeredAt,
        }) as SurveyResponse;
        const month = responseMonth(input.answeredAt);
        const newItem = responseToItem(response);
        const oldItem = previous ? responseToItem(previous) : undefined;
        const guard = answerGuardOf(r.Item);
        const values: Item = {
          ':answered': 'answered',
          ':score': input.score,
          ':at': input.answeredAt,
          ':first': firstAnsweredAt,
          ':next': version + 1,
          ...(input.comment !== undefined ? { ':comment': input.comment } : {}),
          ...guard.values,
        };
        const transactItems: NonNullable<
          ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
        > = [
          {
            Update: {
              TableName: this.tableName,
              Key: { pk: accountPk(input.accountId), sk: surveySk(input.surveyId) },
              UpdateExpression:
                'SET #status = :answered, score = :score, answeredAt = :at, ' +
                'firstAnsweredAt = :first, answerVersion = :next' +
                (input.comment !== undefined ? ', #comment = :comment' : ' REMOVE #comment'),
              ConditionExpression: guard.expression,
              ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
              ExpressionAttributeValues: values,
            },
          },
          { Put: { TableName: this.tableName, Item: newItem } },
          {
            Put: {
              TableName: this.tableName,
              Item: surveyTimelineItem(input.accountId, input.surveyId, firstAnsweredAt, input.timelineNote),
            },
          },
        ];
        if (oldItem && (oldItem.pk !== newItem.pk || oldItem.sk !== newItem.sk))
          transactItems.push({
            Delete: { TableName: this.tableName, Key: { pk: oldItem.pk, sk: oldItem.sk } },
          });
        if (!this.knownMonths.has(month))
          transactItems.push({ Put: { TableName: this.tableName, Item: responseMonthToItem(month) } });
        await this.db.send(new TransactWriteCommand({ TransactItems: transactItems }));
        this.knownMonths.add(month);
        return { outcome: 'recorded' as const, response, revised: previous !== undefined };
      },
      {
        attempts: input.maxRevisions + 2,
        baseDelayMs: 0,
        retryOn: isConditionFailure,
        // Maps to 409: the person can simply send again.
        exhausted: () => new ConcurrentUpdateError(input.accountId),
      },
    );
  }

  /** Responses of one account (latest answer per survey), oldest first. */
  async listResponsesByAccount(accountId: string): Promise<SurveyResponse[]> {
    const out: SurveyResponse[] = [];
    for await (const item of this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      FilterExpression: '#status = :answered',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': accountPk(accountId),
        ':s': SURVEY_SK_PREFIX,
        ':answered': 'answered',
      },
    })) {
      const r = responseOf(itemToSurvey(item));
      if (r) out.push(r);
    }
    return out.sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  }

  /**
   * Responses answered at or after `since` (all of them when omitted), oldest first: the month
   * registry names the months, then every shard of each month is read in parallel.
   */
  async listResponsesSince(since?: Date): Promise<SurveyResponse[]> {
    const sinceIso = since?.toISOString();
    const months: string[] = [];
    for await (const item of this.queryAll({
      KeyConditionExpression: sinceIso ? 'pk = :pk AND sk >= :m' : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': RESPONSE_MONTHS_PK,
        ...(sinceIso ? { ':m': responseMonth(sinceIso) } : {}),
      },
    }))
      months.push(String(item.sk));
    const partitions = months.flatMap((m) =>
      Array.from({ length: RESPONSE_SHARDS }, (_, s) => responsePk(m, s)),
    );
    const lists = await Promise.all(
      partitions.map(async (pk) => {
        const out: SurveyResponse[] = [];
        for await (const item of this.queryAll({
          KeyConditionExpression: sinceIso ? 'pk = :pk AND sk >= :since' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(sinceIso ? { ':since': sinceIso } : {}) },
        }))
          out.push(itemToResponse(item));
        return out;
      }),
    );
    return lists.flat().sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  }

  private async *queryAll(params: {
    KeyConditionExpression: string;
    FilterExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues: Item;
  }): AsyncGenerator<Item> {
    let ExclusiveStartKey: Item | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({ TableName: this.tableName, ...params, ExclusiveStartKey }),
      );
      yield* r.Items ?? [];
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  private async batchGetSurveys(refs: { accountId: string; surveyId: string }[]): Promise<Survey[]> {
    const keys = refs.map((r) => ({ pk: accountPk(r.accountId), sk: surveySk(r.surveyId) }));
    const out = (await batchGetItems(this, keys)).map(itemToSurvey);
    return out;
  }
}

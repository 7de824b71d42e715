import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Settings } from '../../config/settings.ts';
import type { Account } from '../../core/account.ts';
import type { HealthInput, ScoredAnswer, SignalFact } from '../../core/health/health-score.ts';
import type {
  AtRiskRef,
  CohortDimension,
  CohortEntry,
  HealthRecords,
  MemberRef,
  NegativeSignal,
  OpenAlert,
} from '../../core/health/ports.ts';
import type { Survey } from '../../core/survey/survey.ts';
import { itemToOwner } from './account.entity.ts';
import {
  cohortSignalToItem,
  itemToCohortEntry,
  itemToOpenAlert,
  itemToSignal,
  openAlertToItem,
  signalToItem,
} from './health.entity.ts';
import {
  accountPk,
  cohortPk,
  EPISODE_SK,
  memberPk,
  OPEN_ALERTS_PK,
  OWNERS_PK,
  openAlertSk,
  ownerSk,
  RISK_PK,
  riskSk,
  SIGNAL_SK_PREFIX,
  SURVEY_SK_PREFIX,
  signalSk,
} from './keys.ts';
import { itemToSurvey } from './survey.entity.ts';

type Item = Record<string, unknown>;
const DAY = 86_400_000;
/** Unanswered surveys count against health for this long after they were sent. */
const UNANSWERED_LOOKBACK_DAYS = 180;

/** Signals, cohort partitions, memberships, open alerts and the at-risk listing (health.entity.ts). */
export class HealthStore implements HealthRecords {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly settings: Settings,
  ) {}

  private async *queryAll(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<Item> {
    let ExclusiveStartKey: Item | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }),
      );
      for (const item of r.Items ?? []) yield item;
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  private async all(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const out: Item[] = [];
    for await (const item of this.queryAll(input)) out.push(item);
    return out;
  }

  async putSignal(signal: NegativeSignal): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: signalToItem(signal),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  async getSignal(accountId: string, signalId: string): Promise<NegativeSignal | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(accountId), sk: signalSk(signalId) },
        ConsistentRead: true,
      }),
    );
    return r.Item ? itemToSignal(r.Item) : undefined;
  }

  /** One Query over the account's SIGNAL# and SURVEY# items (adjacent in sort order). */
  async loadHealthInput(account: Account, now: Date): Promise<HealthInput> {
    const items = await this.all({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': accountPk(account.accountId),
        ':from': SIGNAL_SK_PREFIX,
        ':to': `${SURVEY_SK_PREFIX}\uffff`,
      },
      ConsistentRead: true,
    });
    const answers: ScoredAnswer[] = [];
    const signals: SignalFact[] = [];
    let unansweredSurveys = 0;
    for (const item of items) {
      const sk = String(item.sk);
      if (sk.startsWith(SIGNAL_SK_PREFIX)) {
        const s = itemToSignal(item);
        signals.push({ kind: s.kind, at: s.at, score: s.score, surveyKind: s.surveyKind });
      } else if (sk.startsWith(SURVEY_SK_PREFIX)) {
        const s: Survey = itemToSurvey(item);
        if (s.status === 'answered' && s.score !== undefined && s.answeredAt)
          answers.push({ kind: s.kind, score: s.score, answeredAt: s.answeredAt });
        else if (
          s.status === 'sent' &&
          Date.parse(s.linkExpiresAt) <= now.getTime() &&
          now.getTime() - Date.parse(s.sentAt) < UNANSWERED_LOOKBACK_DAYS * DAY
        )
          unansweredSurveys++;
      }
    }
    return { account, answers, signals, unansweredSurveys };
  }

  async putCohortSignal(dimension: CohortDimension, value: string, entry: CohortEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: cohortSignalToItem(dimension, value, entry, this.settings.cohort.windowDays),
      }),
    );
  }

  async listCohortSignals(
    dimension: CohortDimension,
    value: string,
    from: Date,
    to: Date,
  ): Promise<CohortEntry[]> {
    const items = await this.all({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': cohortPk(dimension, value),
        ':from': from.toISOString(),
        ':to': `${to.toISOString()}$`,
      },
      ConsistentRead: true,
    });
    return items.map((i) => {
      const { accountId, signalId, kind, at } = itemToCohortEntry(i);
      return { accountId, signalId, kind, at };
    });
  }

  async currentEpisode(dimension: CohortDimension, value: string, now: Date): Promise<{ openedAt: string }> {
    const key = { pk: cohortPk(dimension, value), sk: EPISODE_SK };
    const staleBefore = new Date(now.getTime() - this.settings.cohort.windowDays * DAY).toISOString();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, entity: 'cohort-episode', openedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR openedAt <= :stale',
          ExpressionAttributeValues: { ':stale': staleBefore },
        }),
      );
      return { openedAt: now.toISOString() };
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      const r = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      return { openedAt: String(r.Item?.openedAt) };
    }
  }

  async listKeyMembers(dimension: CohortDimension, value: string): Promise<MemberRef[]> {
    const items = await this.all({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :key)',
      ExpressionAttributeValues: { ':pk': memberPk(dimension, value), ':key': 'key#' },
    });
    return items.map((i) => ({ accountId: String(i.accountId), tier: String(i.tier) }));
  }

  async putOpenAlert(alert: OpenAlert): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: openAlertToItem(alert) }));
  }

  async listDueAlerts(now: Date): Promise<OpenAlert[]> {
    const items = await this.all({
      KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
      ExpressionAttributeValues: { ':pk': OPEN_ALERTS_PK, ':upTo': `${now.toISOString()}$` },
      ConsistentRead: true,
    });
    return items.map(itemToOpenAlert);
  }

  async deleteOpenAlert(alert: OpenAlert): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: OPEN_ALERTS_PK, sk: openAlertSk(alert) } }),
    );
  }

  async setAtRisk(accountId: string, until: string, previousUntil?: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: RISK_PK, sk: riskSk(until, accountId), entity: 'at-risk', accountId, until },
      }),
    );
    if (previousUntil && previousUntil !== until) await this.clearAtRisk(accountId, previousUntil);
  }

  async clearAtRisk(accountId: string, until: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: RISK_PK, sk: riskSk(until, accountId) } }),
    );
  }

  async listRiskDue(now: Date): Promise<AtRiskRef[]> {
    const items = await this.all({
      KeyConditionExpression: 'pk = :pk AND sk <= :upTo',
      ExpressionAttributeValues: { ':pk': RISK_PK, ':upTo': `${now.toISOString()}$` },
      ConsistentRead: true,
    });
    return items.map((i) => ({ accountId: String(i.accountId), until: String(i.until) }));
  }

  async listAtRisk(): Promise<AtRiskRef[]> {
    const items = await this.all({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': RISK_PK },
    });
    const byAccount = new Map<string, AtRiskRef>();
    for (const i of items)
      byAccount.set(String(i.accountId), { accountId: String(i.accountId), until: String(i.until) });
    return [...byAccount.values()];
  }

  async getOwner(email: string) {
    const r = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: OWNERS_PK, sk: ownerSk(email) } }),
    );
    return r.Item ? itemToOwner(r.Item) : undefined;
  }
}

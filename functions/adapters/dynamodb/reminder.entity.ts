import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReminderPort, SurveyReminder } from '../../core/outreach/ports.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import { accountPk, dueShardOf, dueShardPk, reminderDueSk, reminderSk } from './keys.ts';
import type { SurveyStore } from './survey-store.ts';

/**
 * A survey's reminder waits in the same sparse, sharded due index as the accounts, keyed by its
 * time, so one tick finds both without reading anything that is not due.
 *
 * pk = ACCT#<accountId>, sk = REMIND#<surveyId>, gsi1pk = DUE#<shard>, gsi1sk = <remindAt>#<accountId>#R#<surveyId>
 */
export const REMINDER_ENTITY = 'reminder';

export function reminderToItem(r: SurveyReminder, dueShards: number): Record<string, unknown> {
  return {
    pk: accountPk(r.accountId),
    sk: reminderSk(r.surveyId),
    entity: REMINDER_ENTITY,
    ev: 1,
    gsi1pk: dueShardPk(dueShardOf(r.accountId, dueShards)),
    gsi1sk: reminderDueSk(r.remindAt, r.accountId, r.surveyId),
    ...r,
  };
}

const REMINDER_SHAPE: ItemShape = {
  entity: REMINDER_ENTITY,
  storage: ['pk', 'sk', 'entity', 'ev', 'gsi1pk', 'gsi1sk'],
  required: {
    accountId: 'string',
    surveyId: 'string',
    contactEmail: 'string',
    kind: 'string',
    remindAt: 'string',
    surveySentAt: 'string',
  },
};

export const itemToReminder = (item: Record<string, unknown>) =>
  readItem<SurveyReminder>(REMINDER_SHAPE, item);

export class ReminderStore implements ReminderPort {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly dueShards: number,
    private readonly surveys: Pick<SurveyStore, 'hasAnswered' | 'markReminderSent'>,
  ) {}

  isAnswered(accountId: string, surveyId: string): Promise<boolean> {
    return this.surveys.hasAnswered(accountId, surveyId);
  }

  async reschedule(reminder: SurveyReminder, until: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: reminderToItem({ ...reminder, remindAt: until.toISOString() }, this.dueShards),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  async markSent(reminder: SurveyReminder, at: Date): Promise<void> {
    await this.surveys.markReminderSent(reminder.accountId, reminder.surveyId, at);
  }

  async remove(reminder: SurveyReminder): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(reminder.accountId), sk: reminderSk(reminder.surveyId) },
      }),
    );
  }
}

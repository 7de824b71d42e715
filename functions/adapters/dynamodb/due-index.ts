import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Settings } from '../../config/settings.ts';
import type { Account } from '../../core/account.ts';
import type { SurveyReminder } from '../../core/outreach/ports.ts';
import type { TouchDate } from '../../core/touches/touch-dates.ts';
import { itemToAccount } from './account.entity.ts';
import { dueShardPk, dueSkUpTo } from './keys.ts';
import { itemToReminder, REMINDER_ENTITY } from './reminder.entity.ts';
import { DUE_INDEX } from './table-design.ts';
import { itemToTouchDate, TOUCH_DATE_ENTITY } from './touch-date.entity.ts';

/**
 * The reader of the sparse, sharded due index (gsi1): accounts, survey reminders and touch dates
 * wait in it under their due time, so a tick reads only what is due. The writers are the entities
 * themselves (account, reminder, touch date); this module only reads.
 */

export interface DuePage {
  accounts: Account[];
  reminders: SurveyReminder[];
  /** Due personal touches (birthdays, anniversaries, quarterly-review reminders). */
  touches: TouchDate[];
  /** Index items read for this page, for read-amplification accounting. */
  itemsRead: number;
  next?: Record<string, unknown> | undefined;
}

export class DueIndex {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly settings: Pick<Settings, 'dueShards'>,
  ) {}

  /** One page of one due shard: accounts whose next-due time is at or before `now`, oldest first. */
  async queryDueShard(
    shard: number,
    now: Date,
    startKey?: Record<string, unknown>,
    limit?: number,
  ): Promise<DuePage> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: DUE_INDEX.name,
        KeyConditionExpression: `${DUE_INDEX.partition} = :s AND ${DUE_INDEX.sort} <= :upTo`,
        ExpressionAttributeValues: { ':s': dueShardPk(shard), ':upTo': dueSkUpTo(now.toISOString()) },
        ExclusiveStartKey: startKey,
        Limit: limit,
      }),
    );
    const items = r.Items ?? [];
    return {
      accounts: items
        .filter((i) => i.entity !== REMINDER_ENTITY && i.entity !== TOUCH_DATE_ENTITY)
        .map(itemToAccount),
      reminders: items.filter((i) => i.entity === REMINDER_ENTITY).map(itemToReminder),
      touches: items.filter((i) => i.entity === TOUCH_DATE_ENTITY).map(itemToTouchDate),
      itemsRead: items.length,
      next: r.LastEvaluatedKey,
    };
  }

  /** Every due account across all shards and pages. */
  async listDue(now: Date): Promise<Account[]> {
    const shards = Array.from({ length: this.settings.dueShards }, (_, s) => s);
    const perShard = await Promise.all(
      shards.map(async (s) => {
        const out: Account[] = [];
        let next: Record<string, unknown> | undefined;
        do {
          const page = await this.queryDueShard(s, now, next);
          out.push(...page.accounts);
          next = page.next;
        } while (next);
        return out;
      }),
    );
    return perShard.flat().sort((a, b) => a.nextDueAt.localeCompare(b.nextDueAt));
  }
}

import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Settings } from '../../config/settings.ts';
import type { Account, Contact } from '../../core/account.ts';
import { type TouchDate, touchDatesFor } from '../../core/touches/touch-dates.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import { accountPk, dueShardOf, dueShardPk, touchDateDueSk, touchDateSk } from './keys.ts';

/**
 * A personal touch (birthday, anniversary, quarterly-review reminder) waits in the same sparse,
 * sharded due index as accounts and survey reminders, keyed by its time, so the scan finds it
 * without a Scan; after it is handled it moves to its next occurrence.
 *
 * pk = ACCT#<accountId>, sk = TOUCHDATE#<kind>[#<contactEmail>],
 * gsi1pk = DUE#<shard>, gsi1sk = <dueAt>#<accountId>#T#<kind>[#<contactEmail>]
 */
export const TOUCH_DATE_ENTITY = 'touch-date';

export function touchDateToItem(t: TouchDate, dueShards: number): Record<string, unknown> {
  return {
    pk: accountPk(t.accountId),
    sk: touchDateSk(t),
    entity: TOUCH_DATE_ENTITY,
    ev: 1,
    gsi1pk: dueShardPk(dueShardOf(t.accountId, dueShards)),
    gsi1sk: touchDateDueSk(t),
    ...t,
  };
}

const TOUCH_DATE_SHAPE: ItemShape = {
  entity: TOUCH_DATE_ENTITY,
  storage: ['pk', 'sk', 'entity', 'ev', 'gsi1pk', 'gsi1sk'],
  required: { accountId: 'string', kind: 'string', anchor: 'string', on: 'string', dueAt: 'string' },
};

export const itemToTouchDate = (item: Record<string, unknown>) => readItem<TouchDate>(TOUCH_DATE_SHAPE, item);

export class TouchDateStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly dueShards: number,
  ) {}

  /** Moves a touch to another time (its next occurrence, or later the same day). */
  async reschedule(touch: TouchDate): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: touchDateToItem(touch, this.dueShards) }),
    );
  }

  async remove(touch: TouchDate): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(touch.accountId), sk: touchDateSk(touch) },
      }),
    );
  }
}

/**
 * The touches imported accounts should have waiting (birthdays; anniversaries and reviews of key
 * accounts) as BatchWrite puts, and deletes of the anniversary and review of accounts that existed
 * before and are no longer key (a new account has none to delete).
 */
export function touchDateRequests(
  settings: Settings,
  accounts: Array<{
    account: Pick<Account, 'accountId' | 'tier' | 'customerSince' | 'timeZone'>;
    contacts: Contact[];
    existed: boolean;
  }>,
  now: Date,
): Array<
  { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } }
> {
  const requests: Array<
    { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } }
  > = [];
  for (const { account, contacts, existed } of accounts) {
    const touches = touchDatesFor(account, contacts, settings, now);
    for (const t of touches) requests.push({ PutRequest: { Item: touchDateToItem(t, settings.dueShards) } });
    if (existed && !touches.some((t) => t.kind === 'anniversary'))
      for (const kind of ['anniversary', 'qbr-reminder'] as const)
        requests.push({
          DeleteRequest: { Key: { pk: accountPk(account.accountId), sk: touchDateSk({ kind }) } },
        });
  }
  return requests;
}

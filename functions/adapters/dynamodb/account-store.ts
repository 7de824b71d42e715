import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Settings } from '../../config/settings.ts';
import { type Account, type Contact, nextDueAt, type Touch, type TouchKind } from '../../core/account.ts';
import type { SurveyReminder } from '../../core/outreach/ports.ts';
import type { TouchDate } from '../../core/touches/touch-dates.ts';
import { retry } from '../../shared/retry.ts';
import {
  accountToItem,
  itemToAccount,
  itemToContact,
  itemToOwner,
  itemToTouch,
  type Owner,
  touchToItem,
} from './account.entity.ts';
import {
  ACCOUNT_SK,
  accountPk,
  CONTACT_SK_PREFIX,
  dueShardPk,
  dueSkUpTo,
  OWNERS_PK,
  ownerGsiPk,
  TOUCH_SK_PREFIX,
} from './keys.ts';
import { itemToReminder, REMINDER_ENTITY } from './reminder.entity.ts';
import { DUE_INDEX, OWNER_INDEX } from './table-design.ts';
import { itemToTouchDate, TOUCH_DATE_ENTITY } from './touch-date.entity.ts';

export class AccountNotFoundError extends Error {
  constructor(readonly accountId: string) {
    super(`No account with id ${accountId}`);
    this.name = 'AccountNotFoundError';
  }
}

export class ConcurrentUpdateError extends Error {
  constructor(readonly accountId: string) {
    super(`Account ${accountId} kept changing while it was being updated; try again`);
    this.name = 'ConcurrentUpdateError';
  }
}

export interface AccountView {
  account: Account;
  contacts: Contact[];
  /** Newest first. */
  timeline: Touch[];
}

/** A page of due accounts from one shard of the due index. */
/** A page of one shard of the due index: due accounts and due survey reminders. */
export interface DuePage {
  accounts: Account[];
  reminders: SurveyReminder[];
  /** Due personal touches (birthdays, anniversaries, quarterly-review reminders). */
  touches: TouchDate[];
  /** Index items read for this page, for read-amplification accounting. */
  itemsRead: number;
  next?: Record<string, unknown> | undefined;
}

/** Reads and writes of the account aggregate. One instance per process, shared by handlers. */
export class AccountStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly settings: Settings,
  ) {}

  async getAccount(accountId: string, consistent = true): Promise<Account | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(accountId), sk: ACCOUNT_SK },
        ConsistentRead: consistent,
      }),
    );
    return r.Item ? itemToAccount(r.Item) : undefined;
  }

  /** The account with its contacts and timeline: one Query over its partition. */
  async getAccountView(accountId: string): Promise<AccountView> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': accountPk(accountId) },
          ExclusiveStartKey,
        }),
      );
      items.push(...(r.Items ?? []));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const accountItem = items.find((i) => i.sk === ACCOUNT_SK);
    if (!accountItem) throw new AccountNotFoundError(accountId);
    const sk = (i: Record<string, unknown>) => String(i.sk);
    return {
      account: itemToAccount(accountItem),
      contacts: items.filter((i) => sk(i).startsWith(CONTACT_SK_PREFIX)).map(itemToContact),
      timeline: items
        .filter((i) => sk(i).startsWith(TOUCH_SK_PREFIX))
        .map(itemToTouch)
        .sort((a, b) => b.at.localeCompare(a.at)),
    };
  }

  async getContacts(accountId: string): Promise<Contact[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': accountPk(accountId), ':c': CONTACT_SK_PREFIX },
      }),
    );
    return (r.Items ?? []).map(itemToContact);
  }

  async listOwners(): Promise<Owner[]> {
    const owners: Owner[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': OWNERS_PK },
          ExclusiveStartKey,
        }),
      );
      owners.push(...(r.Items ?? []).map(itemToOwner));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return owners;
  }

  /** Every account of one owner, by name, through the owner index. */
  async listAccountsByOwner(ownerEmail: string): Promise<Account[]> {
    const accounts: Account[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: OWNER_INDEX.name,
          KeyConditionExpression: `${OWNER_INDEX.partition} = :o`,
          ExpressionAttributeValues: { ':o': ownerGsiPk(ownerEmail) },
          ExclusiveStartKey,
        }),
      );
      accounts.push(...(r.Items ?? []).map(itemToAccount));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return accounts;
  }

  /** Every account, owner by owner (no table Scan: the owner registry names the partitions to read). */
  async listAllAccounts(): Promise<Account[]> {
    const owners = await this.listOwners();
    const books = await Promise.all(owners.map((o) => this.listAccountsByOwner(o.email)));
    return books.flat();
  }

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

  /**
   * Changes an account under its version guard: re-reads and re-applies `change` when another
   * writer got there first. The due time is derived again after every change.
   */
  updateAccount(
    accountId: string,
    change: (current: Account) => Partial<Account>,
    now: Date,
  ): Promise<Account> {
    return this.writeGuarded(accountId, now, change);
  }

  /**
   * Records a touch on the timeline and, when it is the newest contact, moves the account's last
   * contact and next-due time. Both in one transaction, guarded by the account's version.
   */
  recordTouch(touch: Touch, now: Date): Promise<Account> {
    const touchItem = touchToItem(touch, randomBytes(4).toString('hex'));
    return this.writeGuarded(
      touch.accountId,
      now,
      (current) =>
        !current.lastContactAt || Date.parse(touch.at) >= Date.parse(current.lastContactAt)
          ? { lastContactAt: touch.at, lastContactKind: touch.kind }
          : {},
      touchItem,
    );
  }

  /**
   * The optimistic write every account change goes through: read, apply, derive the due time,
   * put on `version = read version` (with `alongside` in the same transaction); on a lost race,
   * read again and retry.
   */
  private async writeGuarded(
    accountId: string,
    now: Date,
    change: (current: Account) => Partial<Account>,
    alongside?: Record<string, unknown>,
  ): Promise<Account> {
    return retry(
      async () => {
        const current = await this.getAccount(accountId);
        if (!current) throw new AccountNotFoundError(accountId);
        const updated: Account = {
          ...current,
          ...change(current),
          updatedAt: now.toISOString(),
          version: current.version + 1,
        };
        updated.nextDueAt = nextDueAt(updated, this.settings, now).toISOString();
        const put = {
          TableName: this.tableName,
          Item: accountToItem(updated, this.settings.dueShards),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': current.version },
        };
        if (alongside) {
          await this.db.send(
            new TransactWriteCommand({
              TransactItems: [{ Put: { TableName: this.tableName, Item: alongside } }, { Put: put }],
            }),
          );
        } else {
          await this.db.send(new PutCommand(put));
        }
        return updated;
      },
      {
        attempts: 5,
        baseDelayMs: 0,
        retryOn: (e) =>
          e instanceof ConditionalCheckFailedException || e instanceof TransactionCanceledException,
        exhausted: () => new ConcurrentUpdateError(accountId),
      },
    );
  }
}

export type { TouchKind };

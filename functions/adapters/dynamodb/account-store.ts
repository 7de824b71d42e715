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
import { type Account, type Contact, changedAccount, type Touch } from '../../core/account.ts';
import type { TouchKind } from '../../core/domain/vocabulary.ts';
import { applyTouch } from '../../core/health/acknowledge.ts';
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
  OWNERS_PK,
  ownerGsiPk,
  TOUCH_SK_PREFIX,
  touchSkAt,
} from './keys.ts';
import { OWNER_INDEX } from './table-design.ts';

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

  /** The account's latest timeline entries, newest first: one Query backwards over its touches. */
  async recentTouches(accountId: string, limit: number): Promise<Touch[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
        ExpressionAttributeValues: { ':pk': accountPk(accountId), ':t': TOUCH_SK_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map(itemToTouch);
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

  /**
   * Changes an account under its version guard: re-reads and re-applies `change` when another
   * writer got there first. The due time is derived again after every change.
   */
  updateAccount(
    accountId: string,
    change: (current: Account) => Partial<Account>,
    now: Date,
  ): Promise<Account> {
    return this.writeGuarded(accountId, now, (current) => ({ change: change(current) }));
  }

  /**
   * Changes an account and puts the timeline entry that records the change in the same transaction,
   * under the version guard; `decide` returning undefined writes nothing (`changed: false`).
   */
  async changeWithTouch(
    accountId: string,
    decide: (current: Account) => { change: Partial<Account>; touch: Touch } | undefined,
    now: Date,
  ): Promise<{ account: Account; changed: boolean }> {
    let changed = false;
    const account = await this.writeGuarded(accountId, now, (current) => {
      const step = decide(current);
      changed = step !== undefined;
      return (
        step && { change: step.change, alongside: touchToItem(step.touch, randomBytes(4).toString('hex')) }
      );
    });
    return { account, changed };
  }

  /**
   * Records a touch on the timeline and applies it (`applyTouch`: the last contact and next-due
   * time when it is the newest; an owner contact acknowledges an open alert). Both in one
   * transaction, guarded by the account's version.
   */
  recordTouch(touch: Touch, now: Date): Promise<Account> {
    const touchItem = touchToItem(touch, randomBytes(4).toString('hex'));
    return this.writeGuarded(touch.accountId, now, (current) => ({
      change: applyTouch(current, touch),
      alongside: touchItem,
    }));
  }

  /**
   * Moves the account's last contact and next-due time for a touch whose timeline entry another
   * store writes (a survey answer: SurveyStore keeps one entry per survey).
   */
  recordContact(touch: Touch, now: Date): Promise<Account> {
    return this.writeGuarded(touch.accountId, now, (current) => ({
      change:
        !current.lastContactAt || Date.parse(touch.at) >= Date.parse(current.lastContactAt)
          ? { lastContactAt: touch.at, lastContactKind: touch.kind }
          : {},
    }));
  }

  /** True when the timeline holds a touch of this kind at exactly `at` (a redelivered CRM contact). */
  async hasTouch(accountId: string, at: string, kind: TouchKind): Promise<boolean> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :at)',
        FilterExpression: 'kind = :kind',
        ExpressionAttributeValues: { ':pk': accountPk(accountId), ':at': touchSkAt(at), ':kind': kind },
        ConsistentRead: true,
      }),
    );
    return (r.Items ?? []).length > 0;
  }

  /**
   * The optimistic write every account change goes through: read, apply, derive the due time,
   * put on `version = read version` (with `alongside` in the same transaction); on a lost race,
   * read again and retry. A step that returns undefined writes nothing.
   */
  private async writeGuarded(
    accountId: string,
    now: Date,
    step: (current: Account) => { change: Partial<Account>; alongside?: Record<string, unknown> } | undefined,
  ): Promise<Account> {
    return retry(
      async () => {
        const current = await this.getAccount(accountId);
        if (!current) throw new AccountNotFoundError(accountId);
        const planned = step(current);
        if (!planned) return current;
        const { change, alongside } = planned;
        const updated = changedAccount(current, change, this.settings, now);
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
        // Writers that lost together would collide again at once: a short jittered backoff spreads
        // them (20 deliveries of one answer all updating the account meet here).
        attempts: 8,
        baseDelayMs: 10,
        retryOn: (e) =>
          e instanceof ConditionalCheckFailedException || e instanceof TransactionCanceledException,
        exhausted: () => new ConcurrentUpdateError(accountId),
      },
    );
  }
}

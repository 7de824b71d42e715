import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BudgetReservation,
  ClaimLostError,
  type ClaimResult,
  type Completion,
  type CompletionResult,
  type Ledger,
  type MintedLink,
  type SendKey,
} from '../../core/ports.ts';
import { retry } from '../../shared/retry.ts';
import { accountToItem, touchToItem } from './account.entity.ts';
import { ADDRESS_SK, addressPk, sendPk, sendSk } from './keys.ts';
import { reminderToItem } from './reminder.entity.ts';
import { linkToItem } from './survey.entity.ts';
import { TTL_ATTRIBUTE } from './table-design.ts';

/**
 * The send ledger makes every send happen once. Before SES is called, a run claims the send's
 * deterministic key (account, cycle, kind) with a conditional write, in the same transaction that
 * spends the recipient's fatigue budget; after SES accepts the email, the claim is completed with
 * the message id together with the timeline entry. A claim that never completes (crash, timeout)
 * can be taken over once its lease has expired, so nothing is lost either; the retry may reuse the
 * budget its own claim reserved.
 *
 * Ledger item: pk = SEND#<accountId>, sk = <kind>#<cycle>; TTL after a year.
 * The address item (address.entity.ts) carries lastMessageAt / lastSurveyAt and lastSendKey.
 */
const sendKeyText = (key: SendKey) => `${key.accountId}|${key.kind}|${key.cycle}`;

/** The send key an address's budget was last spent by (its `lastSendKey`), as written by `claim`. */
export function parseSendKeyText(text: unknown): SendKey | undefined {
  if (typeof text !== 'string') return undefined;
  const [accountId, kind, ...cycle] = text.split('|');
  if (!accountId || !kind || cycle.length === 0) return undefined;
  return { accountId, kind, cycle: cycle.join('|') };
}

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

const YEAR_S = 366 * 86_400;

/** Tries of a completing write after SES accepted: 0.2 s doubling to 2 s a wait, about 15 s in all, far inside any lease. */
const COMPLETE_ATTEMPTS = 10;

/** Store errors that pass: throttles, conflicts with another transaction, 5xx, a connection lost. */
export function isPassing(error: unknown): boolean {
  if (error instanceof TransactionCanceledException)
    return (error.CancellationReasons ?? []).some(
      (r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError',
    );
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e?.$retryable) return true;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return (
    status >= 500 ||
    status === 429 ||
    [
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
      'TransactionConflictException',
      'TimeoutError',
    ].includes(e?.name ?? '') ||
    ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(e?.code ?? '')
  );
}

export class SendLedger implements Ledger {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    /** For the due-index shard of a survey's reminder. */
    readonly dueShards: number,
  ) {}

  async claim(
    key: SendKey,
    now: Date,
    leaseMs: number,
    recipient: string,
    budget?: BudgetReservation,
    links?: (recipient: string) => readonly MintedLink[],
  ): Promise<ClaimResult> {
    const attempt = (to: string) =>
      this.tryClaim(key, now, leaseMs, to, budget && { ...budget, recipient: to }, links);
    const first = await attempt(recipient);
    if (first.outcome === 'unreachable') return { outcome: 'fatigued' }; // opted out since planning
    if (first.outcome !== 'stranded-for') return first;
    // An expired claim for someone else: take it over for the person it recorded (who may have been
    // mailed already), with the budget it spent, never for the newly chosen recipient.
    const again = await attempt(first.recipient);
    if (again.outcome === 'unreachable') {
      // That person has unsubscribed or bounced since: they are never mailed again, so the stranded
      // claim is given up and the send goes to whom planning chose now.
      await this.dropStranded(key, first.recipient, now);
      const fresh = await attempt(recipient);
      return fresh.outcome === 'claimed' || fresh.outcome === 'already-sent' || fresh.outcome === 'fatigued'
        ? fresh
        : { outcome: 'in-flight', leaseExpiresAt: '' };
    }
    if (again.outcome === 'stranded-for') return { outcome: 'in-flight', leaseExpiresAt: '' };
    return again;
  }

  /** Deletes an expired, never completed claim for `recipient` (one nobody may mail any more). */
  private async dropStranded(key: SendKey, recipient: string, now: Date): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: { pk: sendPk(key.accountId), sk: sendSk(key.kind, key.cycle) },
                ConditionExpression: '#s = :claimed AND leaseExpiresAt < :now AND recipient = :r',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: {
                  ':claimed': 'claimed',
                  ':now': now.toISOString(),
                  ':r': recipient,
                },
              },
            },
          ],
        }),
      );
    } catch (e) {
      // Another run took it over or dropped it first: the claim that follows sees what it did.
      if (!(e instanceof TransactionCanceledException)) throw e;
    }
  }

  private async tryClaim(
    key: SendKey,
    now: Date,
    leaseMs: number,
    recipientIn: string,
    budget?: BudgetReservation,
    links?: (recipient: string) => readonly MintedLink[],
  ): Promise<ClaimResult | { outcome: 'stranded-for'; recipient: string } | { outcome: 'unreachable' }> {
    const recipient = recipientIn.toLowerCase();
    const claimId = randomUUID();
    const at = now.toISOString();
    const items: TransactItems = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: sendPk(key.accountId),
            sk: sendSk(key.kind, key.cycle),
            entity: 'send',
            ...key,
            status: 'claimed',
            claimId,
            claimedAt: at,
            leaseExpiresAt: new Date(now.getTime() + leaseMs).toISOString(),
            recipient,
            [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + YEAR_S,
          },
          // A stranded claim (lease expired, never completed) is taken over, for its own recipient only.
          ConditionExpression:
            'attribute_not_exists(pk) OR (#s = :claimed AND leaseExpiresAt < :now AND (attribute_not_exists(recipient) OR recipient = :r))',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': at, ':r': recipient },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ];
    if (budget) {
      const survey = budget.surveyCutoff !== undefined;
      items.push({
        Update: {
          TableName: this.tableName,
          Key: { pk: addressPk(budget.recipient), sk: ADDRESS_SK },
          UpdateExpression: `SET email = :e, entity = :entity, lastMessageAt = :at, lastSendKey = :key${survey ? ', lastSurveyAt = :at' : ''}`,
          // DynamoDB rejects redundant parentheses, so the expression is built without them.
          ConditionExpression: `attribute_not_exists(optedOutAt) AND attribute_not_exists(suppressedAt) AND (${
            survey
              ? 'lastSendKey = :key OR ((attribute_not_exists(lastMessageAt) OR lastMessageAt <= :mcut) AND (attribute_not_exists(lastSurveyAt) OR lastSurveyAt <= :scut))'
              : 'lastSendKey = :key OR attribute_not_exists(lastMessageAt) OR lastMessageAt <= :mcut'
          })`,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ExpressionAttributeValues: {
            ':e': budget.recipient.toLowerCase(),
            ':entity': 'address',
            ':at': at,
            ':key': sendKeyText(key),
            ':mcut': budget.messageCutoff.toISOString(),
            ...(survey ? { ':scut': budget.surveyCutoff?.toISOString() } : {}),
          },
        },
      });
    }
    // The email's link tokens, after the ledger and address items (cancellation reasons are read by position).
    for (const minted of links?.(recipient) ?? [])
      items.push({ Put: { TableName: this.tableName, Item: linkToItem(minted.tokenHash, minted.link) } });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'claimed', claimId, recipient };
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const [ledger, address] = e.CancellationReasons ?? [];
      if (ledger?.Code === 'ConditionalCheckFailed') {
        const old = (ledger.Item ?? {}) as Record<string, { S?: string }>;
        if (old.status?.S === 'sent')
          return { outcome: 'already-sent', messageId: old.messageId?.S, sentAt: old.sentAt?.S };
        const expired = (old.leaseExpiresAt?.S ?? '') < at;
        if (expired && old.recipient?.S && old.recipient.S !== recipient)
          return { outcome: 'stranded-for', recipient: old.recipient.S };
        return { outcome: 'in-flight', leaseExpiresAt: old.leaseExpiresAt?.S ?? '' };
      }
      if (address?.Code === 'ConditionalCheckFailed') {
        const state = (address.Item ?? {}) as Record<string, unknown>;
        return state.optedOutAt || state.suppressedAt ? { outcome: 'unreachable' } : { outcome: 'fatigued' };
      }
      throw e;
    }
  }

  /**
   * Marks the claim sent and writes the timeline entry, a survey's reminder and the account's next
   * cycle, atomically. The account is written only at the version the send read; when another
   * writer changed it meanwhile, the rest completes without it (`accountWritten: false`). Fails
   * only if the claim was taken over.
   */
  async complete(key: SendKey, claimId: string, c: Completion): Promise<CompletionResult> {
    const withAccount = c.account !== undefined;
    try {
      // The email is out: a completion lost to a passing store error would let the takeover after
      // the lease send it again, so it is retried well past the SDK's own few tries, inside the lease.
      await retry(
        () =>
          this.db.send(new TransactWriteCommand({ TransactItems: this.completionItems(key, claimId, c) })),
        { attempts: COMPLETE_ATTEMPTS, baseDelayMs: 200, retryOn: isPassing },
      );
      return { accountWritten: withAccount };
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const [ledger] = e.CancellationReasons ?? [];
      if (ledger?.Code === 'ConditionalCheckFailed') throw new ClaimLostError(key);
      if (!withAccount) throw e;
      // The account moved on under another writer: complete the send alone; the caller moves the account.
      return this.complete(key, claimId, { ...c, account: undefined });
    }
  }

  private completionItems(key: SendKey, claimId: string, c: Completion): TransactItems {
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: sendPk(key.accountId), sk: sendSk(key.kind, key.cycle) },
          UpdateExpression: 'SET #s = :sent, messageId = :m, sentAt = :at REMOVE leaseExpiresAt',
          ConditionExpression: 'claimId = :c',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':m': c.messageId,
            ':at': c.sentAt.toISOString(),
            ':c': claimId,
          },
        },
      },
      ...(c.touch
        ? [{ Put: { TableName: this.tableName, Item: touchToItem(c.touch, claimId.slice(0, 8)) } }]
        : []),
      ...(c.reminder
        ? [{ Put: { TableName: this.tableName, Item: reminderToItem(c.reminder, this.dueShards) } }]
        : []),
      ...(c.account
        ? [
            {
              Put: {
                TableName: this.tableName,
                Item: accountToItem(c.account.next, this.dueShards),
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': c.account.expectedVersion },
              },
            },
          ]
        : []),
    ];
  }

  /**
   * Gives a claim back after a definite failure (nothing was sent), so the next run retries at
   * once. The reserved budget stays with the send key: the retry reuses it, nobody else gets it.
   */
  async release(key: SendKey, claimId: string): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: { pk: sendPk(key.accountId), sk: sendSk(key.kind, key.cycle) },
                ConditionExpression: 'claimId = :c AND #s = :claimed',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':c': claimId, ':claimed': 'claimed' },
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
    }
  }
}

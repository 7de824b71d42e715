import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SendKey } from '../../core/ports.ts';
import { batchGetItems } from './batch.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import { ADDRESS_SK, addressPk } from './keys.ts';
import { parseSendKeyText } from './send-ledger.ts';

/**
 * The state of one email address across every account it is a contact of: opt-out, suppression
 * (bounce, complaint) and the fatigue budget (when it last got mail, and a survey). Keyed by the
 * address, because a person on two accounts still has one inbox.
 *
 * pk = ADDR#<lower-cased email>, sk = STATE
 */

export interface AddressState {
  email: string;
  /** Set by an unsubscribe; never mailed again while set. */
  optedOutAt?: string | undefined;
  /** Set by a survey email's unsubscribe: no surveys or survey reminders; check-ins still go. */
  surveyOptedOutAt?: string | undefined;
  /** Set by a hard bounce or a complaint. */
  suppressedAt?: string | undefined;
  suppressedReason?: 'bounce' | 'complaint' | undefined;
  lastMessageAt?: string | undefined;
  lastSurveyAt?: string | undefined;
  /** The send whose claim spent the budget last (a stranded claim's retry may reuse it). */
  budgetHeldBy?: SendKey | undefined;
}

/** Written by updates (opt-out, suppression, sends), so only the address itself is always there. */
const ADDRESS_SHAPE: ItemShape = {
  entity: 'address',
  storage: ['pk', 'sk', 'entity'],
  required: { email: 'string' },
  optional: { suppressedReason: ['bounce', 'complaint'] },
};

export class AddressStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(email: string): Promise<AddressState> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: addressPk(email), sk: ADDRESS_SK },
        ConsistentRead: true,
      }),
    );
    // An address never mailed has no item: its state is empty.
    const state = r.Item ? readItem<Partial<AddressState>>(ADDRESS_SHAPE, r.Item) : {};
    return { ...state, email: email.toLowerCase() };
  }

  /** The state of several addresses in one BatchGet per 100; addresses never seen are absent. */
  async getMany(emails: string[]): Promise<Map<string, AddressState>> {
    const out = new Map<string, AddressState>();
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    const keys = unique.map((e) => ({ pk: addressPk(e), sk: ADDRESS_SK }));
    for (const item of await batchGetItems(this, keys)) {
      const { lastSendKey, ...state } = readItem<AddressState & { lastSendKey?: unknown }>(
        ADDRESS_SHAPE,
        item,
      );
      out.set(state.email, { ...state, budgetHeldBy: parseSendKeyText(lastSendKey) });
    }
    return out;
  }

  /** Opts the address out of all mail from this tool. Idempotent: the first opt-out time is kept. */
  async optOut(email: string, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: addressPk(email), sk: ADDRESS_SK },
        UpdateExpression: 'SET optedOutAt = if_not_exists(optedOutAt, :at), email = :e, entity = :entity',
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':e': email.toLowerCase(),
          ':entity': 'address',
        },
      }),
    );
  }

  /** Opts the address out of surveys only. Idempotent: the first time is kept. */
  async optOutOfSurveys(email: string, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: addressPk(email), sk: ADDRESS_SK },
        UpdateExpression:
          'SET surveyOptedOutAt = if_not_exists(surveyOptedOutAt, :at), email = :e, entity = :entity',
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':e': email.toLowerCase(),
          ':entity': 'address',
        },
      }),
    );
  }

  async suppress(email: string, reason: 'bounce' | 'complaint', at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: addressPk(email), sk: ADDRESS_SK },
        UpdateExpression:
          'SET suppressedAt = if_not_exists(suppressedAt, :at), suppressedReason = :r, email = :e, entity = :entity',
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':r': reason,
          ':e': email.toLowerCase(),
          ':entity': 'address',
        },
      }),
    );
  }
}

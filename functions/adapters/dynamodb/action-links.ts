import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ActionLink, ActionLinkStore } from '../../core/health/owner-actions.ts';
import type { ActionOrigin, OwnerAction } from '../../core/health/ports.ts';
import { hashToken, mintToken } from '../../core/survey/tokens.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import { TOKEN_SK, tokenPk } from './keys.ts';
import { LINK_TTL_GRACE_DAYS } from './survey.entity.ts';

/**
 * Owner action links (acknowledge, mark contacted, snooze, review held): tokens minted and stored exactly like
 * survey tokens (144 random bits, only the SHA-256 kept, TTL after expiry), under the same
 * `TOKEN#<hash>` key with purpose `owner-action`, so a survey route never accepts one and vice versa.
 *
 * pk = TOKEN#<sha256(token)>, sk = TOKEN; { purpose: 'owner-action', action, accountId, ownerEmail,
 * snoozeDays?, origin? (the email it was sent in; absent on links minted before it was kept), validUntil, usedAt? }
 */
const ACTION_LINK_SHAPE: ItemShape = {
  entity: 'action link',
  storage: ['pk', 'sk', 'entity', 'ev', 'purpose', 'expiresAt'],
  required: {
    action: ['acknowledge', 'mark-contacted', 'snooze', 'review-held'] satisfies OwnerAction[],
    accountId: 'string',
    ownerEmail: 'string',
    validUntil: 'string',
  },
  optional: {
    snoozeDays: 'number',
    usedAt: 'string',
    origin: ['alert', 'cohort-alert', 'escalation', 'digest', 'review-reminder'] satisfies ActionOrigin[],
  },
};

export class ActionLinks implements ActionLinkStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    readonly baseUrl: string,
  ) {}

  /** Mints a link; the token exists in clear only in the returned URL. */
  async issue(input: {
    action: OwnerAction;
    accountId: string;
    ownerEmail: string;
    expiresAt: Date;
    snoozeDays?: number;
    origin: ActionOrigin;
  }): Promise<string> {
    const token = mintToken(randomBytes);
    const validUntil = input.expiresAt.toISOString();
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tokenPk(hashToken(token)),
          sk: TOKEN_SK,
          entity: 'action-link',
          ev: 1,
          purpose: 'owner-action',
          action: input.action,
          accountId: input.accountId,
          ownerEmail: input.ownerEmail.toLowerCase(),
          ...(input.snoozeDays !== undefined ? { snoozeDays: input.snoozeDays } : {}),
          origin: input.origin,
          validUntil,
          expiresAt: Math.floor(input.expiresAt.getTime() / 1000) + LINK_TTL_GRACE_DAYS * 86_400,
        },
      }),
    );
    return `${this.baseUrl.replace(/\/+$/, '')}/a/${token}`;
  }

  async findAction(
    tokenHash: string,
    options: { consistent?: boolean } = {},
  ): Promise<ActionLink | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tokenPk(tokenHash), sk: TOKEN_SK },
        ConsistentRead: options.consistent ?? false,
      }),
    );
    if (r.Item?.purpose !== 'owner-action') return undefined;
    const i = readItem<ActionLink>(ACTION_LINK_SHAPE, r.Item);
    return {
      action: i.action,
      accountId: i.accountId,
      ownerEmail: i.ownerEmail,
      snoozeDays: i.snoozeDays,
      origin: i.origin,
      validUntil: i.validUntil,
      usedAt: i.usedAt,
    };
  }

  /** Marks the link used; false when it was used before (the action is not repeated). */
  async markUsed(tokenHash: string, at: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tokenPk(tokenHash), sk: TOKEN_SK },
          UpdateExpression: 'SET usedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }
}

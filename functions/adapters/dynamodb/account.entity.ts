import type { Account, Contact, Touch } from '../../core/account.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import {
  ACCOUNT_SK,
  accountPk,
  contactSk,
  dueShardOf,
  dueShardPk,
  dueSk,
  OWNERS_PK,
  ownerGsiPk,
  ownerGsiSk,
  ownerSk,
  touchSk,
} from './keys.ts';

/**
 * Item shapes of the account aggregate (account, its contacts, its timeline) and the owner
 * registry. Entity version 1; key layout in table-design.ts.
 */
export const ENTITY_VERSION = 1;

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'ev'] as const;
type Item = Record<string, unknown>;

const ACCOUNT_SHAPE: ItemShape = {
  entity: 'account',
  storage: KEY_ATTRIBUTES,
  required: {
    accountId: 'string',
    name: 'string',
    ownerEmail: 'string',
    strategic: 'boolean',
    products: 'array',
    tier: 'string',
    tierReason: 'string',
    nextDueAt: 'string',
    createdAt: 'string',
    updatedAt: 'string',
    version: 'number',
  },
  optional: {
    annualRevenue: 'number',
    marginPct: 'number',
    employees: 'number',
    health: 'object',
    risk: 'object',
    lastContactAt: 'string',
    lastSurveySentAt: 'string',
    pause: 'object',
    importHash: 'string',
  },
};
const CONTACT_SHAPE: ItemShape = {
  entity: 'contact',
  storage: KEY_ATTRIBUTES,
  required: { accountId: 'string', email: 'string', primary: 'boolean' },
};
const TOUCH_SHAPE: ItemShape = {
  entity: 'touch',
  storage: KEY_ATTRIBUTES,
  required: { accountId: 'string', at: 'string', kind: 'string' },
};
const OWNER_SHAPE: ItemShape = { entity: 'owner', storage: KEY_ATTRIBUTES, required: { email: 'string' } };

export interface AccountItemExtras {
  /** Hash of the imported profile and contacts, so a re-import of the same data writes nothing. */
  importHash?: string | undefined;
}

/**
 * A paused account leaves the due index (no due keys: the index is sparse), so no tick reads it
 * while it waits; resuming writes the keys back under its due time, which may be past: due at once.
 */
export function accountToItem(account: Account & AccountItemExtras, dueShards: number): Item {
  const paused = account.pause !== undefined;
  return {
    pk: accountPk(account.accountId),
    sk: ACCOUNT_SK,
    entity: 'account',
    ev: ENTITY_VERSION,
    gsi1pk: paused ? undefined : dueShardPk(dueShardOf(account.accountId, dueShards)),
    gsi1sk: paused ? undefined : dueSk(account.nextDueAt, account.accountId),
    gsi2pk: ownerGsiPk(account.ownerEmail),
    gsi2sk: ownerGsiSk(account.name, account.accountId),
    ...account,
  };
}

export const itemToAccount = (item: Item) => readItem<Account & AccountItemExtras>(ACCOUNT_SHAPE, item);

export function contactToItem(contact: Contact): Item {
  return {
    pk: accountPk(contact.accountId),
    sk: contactSk(contact.email),
    entity: 'contact',
    ev: ENTITY_VERSION,
    ...contact,
  };
}

export const itemToContact = (item: Item) => readItem<Contact>(CONTACT_SHAPE, item);

export function touchToItem(touch: Touch, nonce: string): Item {
  return {
    pk: accountPk(touch.accountId),
    sk: touchSk(touch.at, nonce),
    entity: 'touch',
    ev: ENTITY_VERSION,
    ...touch,
  };
}

export const itemToTouch = (item: Item) => readItem<Touch>(TOUCH_SHAPE, item);

export interface Owner {
  email: string;
  name?: string | undefined;
  managerEmail?: string | undefined;
}

export function ownerToItem(owner: Owner): Item {
  return {
    pk: OWNERS_PK,
    sk: ownerSk(owner.email),
    entity: 'owner',
    ev: ENTITY_VERSION,
    ...owner,
    email: owner.email.toLowerCase(),
  };
}

export const itemToOwner = (item: Item) => readItem<Owner>(OWNER_SHAPE, item);

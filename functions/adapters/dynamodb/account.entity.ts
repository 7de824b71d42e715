import type { Account, Contact, Touch } from '../../core/account.ts';
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

function stripKeys<T>(item: Item): T {
  const out: Item = { ...item };
  for (const k of KEY_ATTRIBUTES) delete out[k];
  return out as T;
}

export interface AccountItemExtras {
  /** Hash of the imported profile and contacts, so a re-import of the same data writes nothing. */
  importHash?: string | undefined;
}

export function accountToItem(account: Account & AccountItemExtras, dueShards: number): Item {
  return {
    pk: accountPk(account.accountId),
    sk: ACCOUNT_SK,
    entity: 'account',
    ev: ENTITY_VERSION,
    gsi1pk: dueShardPk(dueShardOf(account.accountId, dueShards)),
    gsi1sk: dueSk(account.nextDueAt, account.accountId),
    gsi2pk: ownerGsiPk(account.ownerEmail),
    gsi2sk: ownerGsiSk(account.name, account.accountId),
    ...account,
  };
}

export const itemToAccount = (item: Item) => stripKeys<Account & AccountItemExtras>(item);

export function contactToItem(contact: Contact): Item {
  return {
    pk: accountPk(contact.accountId),
    sk: contactSk(contact.email),
    entity: 'contact',
    ev: ENTITY_VERSION,
    ...contact,
  };
}

export const itemToContact = (item: Item) => stripKeys<Contact>(item);

export function touchToItem(touch: Touch, nonce: string): Item {
  return {
    pk: accountPk(touch.accountId),
    sk: touchSk(touch.at, nonce),
    entity: 'touch',
    ev: ENTITY_VERSION,
    ...touch,
  };
}

export const itemToTouch = (item: Item) => stripKeys<Touch>(item);

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

export const itemToOwner = (item: Item) => stripKeys<Owner>(item);

import { fnv1a } from '../../core/hash.ts';

/** Key builders for every entity. The only place key strings are spelled. */

export { fnv1a };

export const accountPk = (accountId: string) => `ACCT#${accountId}`;
export const ACCOUNT_SK = 'ACCOUNT';
export const CONTACT_SK_PREFIX = 'CONTACT#';
export const contactSk = (email: string) => `${CONTACT_SK_PREFIX}${email.toLowerCase()}`;
export const TOUCH_SK_PREFIX = 'TOUCH#';
export const touchSk = (at: string, nonce: string) => `${TOUCH_SK_PREFIX}${at}#${nonce}`;
export const OWNERS_PK = 'OWNERS';
export const ownerSk = (email: string) => `OWNER#${email.toLowerCase()}`;
export const ownerGsiPk = (email: string) => `OWNER#${email.toLowerCase()}`;

export const dueShardOf = (accountId: string, shards: number) => fnv1a(accountId) % shards;
export const dueShardPk = (shard: number) => `DUE#${String(shard).padStart(3, '0')}`;
export const dueSk = (nextDueAt: string, accountId: string) => `${nextDueAt}#${accountId}`;
/** Upper bound for "due at or before `now`": '$' sorts after '#', so every `<now>#<id>` is included. */
export const dueSkUpTo = (now: string) => `${now}$`;

/**
 * The single table, its keys and indexes. Read by the CDK stack and by the local runtime, so the
 * deployed table and the local one cannot drift.
 *
 * | item            | pk                 | sk                     | gsi1 (due, sparse)              | gsi2 (owner)                 |
 * |-----------------|--------------------|------------------------|---------------------------------|------------------------------|
 * | account         | ACCT#<accountId>   | ACCOUNT                | DUE#<shard> / <nextDueAt>#<id>  | OWNER#<email> / <name>#<id>  |
 * | contact         | ACCT#<accountId>   | CONTACT#<email>        |                                 |                              |
 * | touch (timeline)| ACCT#<accountId>   | TOUCH#<at>#<nonce>     |                                 |                              |
 * | owner registry  | OWNERS             | OWNER#<email>          |                                 |                              |
 *
 * The due index is sparse: only accounts that are scheduled carry gsi1pk/gsi1sk, and it is
 * write-sharded (shard = FNV-1a(accountId) mod dueShards) so a tick reads every shard in parallel
 * and no partition takes all the writes of a busy import.
 */
export const TABLE_KEY = { partition: 'pk', sort: 'sk' } as const;

export const DUE_INDEX = { name: 'gsi1-due', partition: 'gsi1pk', sort: 'gsi1sk' } as const;
export const OWNER_INDEX = { name: 'gsi2-owner', partition: 'gsi2pk', sort: 'gsi2sk' } as const;
export const GLOBAL_INDEXES = [DUE_INDEX, OWNER_INDEX] as const;

/** Epoch seconds after which DynamoDB's TTL deletes an item (ledger entries, expired tokens). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** The local default (config/runtime.ts owns it: the runtime falls back to it). */
export { LOCAL_TABLE_NAME } from '../../config/runtime.ts';

import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tier } from '../../config/settings.ts';
import { membershipKeys, memberToItem } from './health.entity.ts';

type Item = Record<string, unknown>;
type AccountFacts = {
  accountId: string;
  tier: Tier;
  products?: string[] | undefined;
  segment?: string | undefined;
};

/**
 * The membership changes an import makes: items for the products and segment the account has now
 * (under its current tier), deletes for the ones it left (or held under another tier).
 */
export function membershipChanges(previous: AccountFacts | undefined, next: AccountFacts) {
  const now = membershipKeys(next);
  const keep = new Set(now.map((k) => `${k.pk}\u0000${k.sk}`));
  const before = previous ? membershipKeys(previous) : [];
  const had = new Set(before.map((k) => `${k.pk}\u0000${k.sk}`));
  return {
    puts: now
      .filter((k) => !had.has(`${k.pk}\u0000${k.sk}`))
      .map((k) => memberToItem(k.dimension, k.value, next.tier, next.accountId)),
    deletes: before.filter((k) => !keep.has(`${k.pk}\u0000${k.sk}`)).map((k) => ({ pk: k.pk, sk: k.sk })),
  };
}

/** Writes membership changes in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function writeMembershipChanges(
  store: { db: DynamoDBDocumentClient; tableName: string },
  changes: { puts: Item[]; deletes: Item[] },
): Promise<void> {
  const requests = [
    ...changes.puts.map((Item) => ({ PutRequest: { Item } })),
    ...changes.deletes.map((Key) => ({ DeleteRequest: { Key } })),
  ];
  for (let i = 0; i < requests.length; i += 25) {
    let batch: typeof requests = requests.slice(i, i + 25);
    for (let attempt = 1; batch.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`BatchWriteItem left ${batch.length} membership items unprocessed`);
      if (attempt > 1)
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(2000, 25 * 2 ** attempt)));
      const r = await store.db.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: batch } }));
      batch = (r.UnprocessedItems?.[store.tableName] ?? []) as typeof batch;
    }
  }
}

import type { Tier } from '../../core/domain/vocabulary.ts';
import type { WriteRequest } from './batch.ts';
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

/** The membership changes as BatchWrite requests (the importer writes them with everything else). */
export function membershipRequests(changes: { puts: Item[]; deletes: Item[] }): WriteRequest[] {
  return [
    ...changes.puts.map((Item) => ({ PutRequest: { Item } })),
    ...changes.deletes.map((Key) => ({ DeleteRequest: { Key } })),
  ];
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../../shared/concurrency.ts';
import { retry } from '../../shared/retry.ts';

/**
 * BatchGetItem and BatchWriteItem over any number of keys or requests: split to DynamoDB's limits,
 * and what DynamoDB hands back unprocessed (under load it may) is sent again with backoff until
 * nothing is left, or the call fails naming how much was left.
 */

type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

export interface Table {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

const GET_LIMIT = 100;
const WRITE_LIMIT = 25;
const TRANSACT_LIMIT = 100;
const MAX_ATTEMPTS = 10;

class Unprocessed extends Error {
  constructor(
    readonly operation: string,
    readonly left: number,
  ) {
    super(`${operation} left ${left} items unprocessed after ${MAX_ATTEMPTS} tries`);
    this.name = 'UnprocessedItemsError';
  }
}

/** Sends `send(pending)` until it reports nothing pending. */
function untilProcessed<T>(operation: string, first: T[], send: (pending: T[]) => Promise<T[]>) {
  let pending = first;
  return retry(
    async () => {
      pending = await send(pending);
      if (pending.length > 0) throw new Unprocessed(operation, pending.length);
    },
    { attempts: MAX_ATTEMPTS, retryOn: (e) => e instanceof Unprocessed },
  );
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Reads items by key (strongly consistent), 100 keys per request, one request at a time; absent keys are absent. */
export async function batchGetItems(table: Table, keys: readonly Item[]): Promise<Item[]> {
  const found: Item[] = [];
  for (const chunk of chunks(keys, GET_LIMIT)) {
    await untilProcessed('BatchGetItem', chunk, async (pending) => {
      const r = await table.db.send(
        new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(r.Responses?.[table.tableName] ?? []));
      return r.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    });
  }
  return found;
}

/**
 * Writes puts and deletes, 25 per request, `inFlight` requests at once. A request may not name one
 * key twice, so the last request for a key wins.
 */
export async function batchWriteItems(
  table: Table,
  requests: readonly WriteRequest[],
  inFlight = 1,
): Promise<void> {
  await forEachConcurrently(chunks(lastPerKey(requests), WRITE_LIMIT), inFlight, (batch) =>
    untilProcessed('BatchWriteItem', batch, async (pending) => {
      const r = await table.db.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      return (r.UnprocessedItems?.[table.tableName] ?? []) as WriteRequest[];
    }),
  );
}

/** The last request for each key, in order. */
function lastPerKey(requests: readonly WriteRequest[]): WriteRequest[] {
  const byKey = new Map<string, WriteRequest>();
  for (const r of requests) {
    const key = 'PutRequest' in r ? r.PutRequest.Item : r.DeleteRequest.Key;
    byKey.set(`${key.pk}\u0000${key.sk}`, r);
  }
  return [...byKey.values()];
}

/**
 * The same writes as batchWriteItems, in transactions of up to 100 items. DynamoDB Local persisted on
 * disk commits a BatchWriteItem item by item but a transaction at once, about ten times faster (the
 * local stack's demo seed); in AWS a transaction costs twice the write units, so imports use batches.
 */
export async function transactWriteItems(
  table: Table,
  requests: readonly WriteRequest[],
  inFlight = 1,
): Promise<void> {
  await forEachConcurrently(chunks(lastPerKey(requests), TRANSACT_LIMIT), inFlight, async (batch) => {
    await table.db.send(
      new TransactWriteCommand({
        TransactItems: batch.map((r) =>
          'PutRequest' in r
            ? { Put: { TableName: table.tableName, Item: r.PutRequest.Item } }
            : { Delete: { TableName: table.tableName, Key: r.DeleteRequest.Key } },
        ),
      }),
    );
  });
}

/** Puts items, 25 per request, `inFlight` requests at once. */
export function batchPutItems(table: Table, items: readonly Item[], inFlight = 1): Promise<void> {
  return batchWriteItems(
    table,
    items.map((Item) => ({ PutRequest: { Item } })),
    inFlight,
  );
}

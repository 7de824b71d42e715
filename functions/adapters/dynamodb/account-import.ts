import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportRecord } from '../../core/account.ts';
import {
  assertDistinctAccounts,
  carriedOver,
  type ImportCounts,
  type ImportedAccount,
  importHashOf,
  planUpsert,
  tally,
} from '../../core/import/upsert-policy.ts';
import { forEachConcurrently } from '../../shared/concurrency.ts';
import { retry } from '../../shared/retry.ts';
import { accountToItem, contactToItem, itemToAccount, type Owner, ownerToItem } from './account.entity.ts';
import { type AccountStore, ConcurrentUpdateError } from './account-store.ts';
import { batchGetItems, batchWriteItems, chunks, transactWriteItems, type WriteRequest } from './batch.ts';
import { ACCOUNT_SK, accountPk } from './keys.ts';
import { membershipChanges, membershipRequests } from './membership.ts';
import { touchDateRequests } from './touch-date.entity.ts';

/**
 * Writes imported accounts in bulk (what an upsert means is core/import/upsert-policy.ts). Per
 * chunk of 100 accounts: one BatchGet of the account items, contacts and owners with BatchWrite,
 * then the account items in one TransactWrite whose puts are each conditioned on the version read
 * (or on the item not existing), so a contact logged meanwhile is never overwritten: the chunk is
 * re-read and retried instead.
 *
 * Contacts go before their account item because the account item carries the import hash: an
 * import that dies half-way leaves accounts without the new hash, and the next run redoes them.
 */

export type { ImportCounts };

export interface ImportOptions {
  now: Date;
  /** Called after each chunk with the accounts done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Chunks of 100 accounts in flight at once (each with up to 4 batch writes). @default 8 */
  concurrency?: number;
  /**
   * Write contacts, memberships and touch dates in transactions rather than batches: much
   * faster into DynamoDB Local on disk (the local stack's demo seed), twice the cost in AWS (see
   * transactWriteItems). @default false
   */
  transactions?: boolean;
}

type Item = Record<string, unknown>;

const CHUNK = 100; // TransactWriteItems and BatchGetItem both take at most 100.
const WRITES_IN_FLIGHT_PER_CHUNK = 4;
const MAX_TRANSACTION_ATTEMPTS = 6;

/**
 * Upserts accounts with their contacts (and their owners in the owner registry). An account whose
 * import hash is unchanged is skipped entirely, so re-importing the same data writes nothing.
 */
export async function importRecords(
  store: AccountStore,
  records: ImportRecord[],
  opts: ImportOptions,
): Promise<ImportCounts> {
  return run(store, records, opts, true);
}

/** What importRecords would do (reads the current accounts), without writing anything. */
export async function previewImport(
  store: AccountStore,
  records: ImportRecord[],
  opts: ImportOptions,
): Promise<ImportCounts> {
  return run(store, records, opts, false);
}

interface Run {
  store: AccountStore;
  now: Date;
  write: boolean;
  /**
   * Owners written (or being written) in this run: what was said of each, and the write, which a
   * chunk running at the same time awaits instead of writing the same owner again.
   */
  owners: Map<string, { said: Owner; written: Promise<void> }>;
  transactions: boolean;
}

async function run(
  store: AccountStore,
  records: ImportRecord[],
  opts: ImportOptions,
  write: boolean,
): Promise<ImportCounts> {
  assertDistinctAccounts(records);
  const ctx: Run = {
    store,
    now: opts.now,
    write,
    owners: new Map(),
    transactions: opts.transactions ?? false,
  };
  const total: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  await forEachConcurrently(chunks(records, CHUNK), opts.concurrency ?? 8, async (chunk) => {
    const c = await importChunk(ctx, chunk);
    total.created += c.created;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
    done += chunk.length;
    opts.onProgress?.(done, records.length);
  });
  return total;
}

interface PlannedPut {
  record: ImportRecord;
  account: ImportedAccount;
  item: Item;
  previous: ImportedAccount | undefined;
}

async function importChunk(ctx: Run, chunk: ImportRecord[]): Promise<ImportCounts> {
  const { settings } = ctx.store;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const hashes = new Map(chunk.map((r) => [r.profile.accountId, importHashOf(r, settings)]));
  let pending = chunk;
  let itemsWritten = false;
  let puts: PlannedPut[] = [];
  return retry(
    async () => {
      puts = await plan(ctx, pending, hashes, counts);
      if (!ctx.write || puts.length === 0) return tally(counts, puts);
      if (!itemsWritten) {
        await writeAlongside(ctx, puts);
        itemsWritten = true;
      }
      try {
        await putAccountItems(ctx, puts);
        return tally(counts, puts);
      } catch (e) {
        // Someone wrote one of these accounts since we read it: read them again and re-derive.
        pending = puts.map((p) => p.record);
        throw e;
      }
    },
    {
      attempts: MAX_TRANSACTION_ATTEMPTS,
      retryOn: (e) => e instanceof TransactionCanceledException,
      exhausted: (e) => {
        const reasons = (e as TransactionCanceledException).CancellationReasons;
        const failed = reasons?.findIndex((r) => r.Code === 'ConditionalCheckFailed') ?? -1;
        return new ConcurrentUpdateError(puts[Math.max(0, failed)]?.record.profile.accountId ?? '?');
      },
    },
  );
}

/** Reads the accounts of `records` and plans each upsert; counts the unchanged ones. */
async function plan(
  ctx: Run,
  records: ImportRecord[],
  hashes: Map<string, string>,
  counts: ImportCounts,
): Promise<PlannedPut[]> {
  const { settings } = ctx.store;
  const existing = new Map<string, Item>();
  const keys = records.map((r) => ({ pk: accountPk(r.profile.accountId), sk: ACCOUNT_SK }));
  for (const item of await batchGetItems(ctx.store, keys)) existing.set(String(item.accountId), item);
  const puts: PlannedPut[] = [];
  for (const record of records) {
    const previousItem = existing.get(record.profile.accountId);
    const previous = previousItem ? itemToAccount(previousItem) : undefined;
    const hash = hashes.get(record.profile.accountId) ?? '';
    const upsert = planUpsert(record, previous, hash, settings, ctx.now);
    if (upsert.kind === 'unchanged') {
      counts.unchanged++;
      continue;
    }
    const item = { ...carriedOver(previousItem), ...accountToItem(upsert.account, settings.dueShards) };
    puts.push({ record, account: upsert.account, item, previous });
  }
  return puts;
}

/**
 * Contacts, owners, product and segment memberships (cohort risk reads them) and the touch dates
 * waiting in the due index go first, all at once (the owners beside the batched writes rather than
 * a round trip before them, each owner once per run), so the account item carrying the hash comes
 * last: an import that dies half-way is redone, hash and all.
 */
async function writeAlongside(ctx: Run, puts: PlannedPut[]): Promise<void> {
  const { settings } = ctx.store;
  // The item, not the account: it holds what was carried over too.
  const written = (p: PlannedPut) => itemToAccount(p.item);
  const members = puts.map((p) => membershipChanges(p.previous, written(p)));
  const writes = (ctx.transactions ? transactWriteItems : batchWriteItems)(
    ctx.store,
    [
      ...contactRequests(puts.map((p) => p.record)),
      ...membershipRequests({
        puts: members.flatMap((m) => m.puts),
        deletes: members.flatMap((m) => m.deletes),
      }),
      ...touchDateRequests(
        settings,
        puts.map((p) => ({
          account: written(p),
          contacts: p.record.contacts,
          existed: p.previous !== undefined,
        })),
        ctx.now,
      ),
    ],
    WRITES_IN_FLIGHT_PER_CHUNK,
  );
  // Both settle before either failure is thrown: nothing is left writing, or failing unobserved.
  const results = await Promise.allSettled([
    writeOwners(
      ctx,
      puts.map((p) => p.record),
    ),
    writes,
  ]);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

/** The account items in one transaction, each put conditioned on the version read. */
async function putAccountItems(ctx: Run, puts: PlannedPut[]): Promise<void> {
  await ctx.store.db.send(
    new TransactWriteCommand({
      TransactItems: puts.map((p) => ({
        Put: {
          TableName: ctx.store.tableName,
          Item: p.item,
          ...(p.previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': p.previous.version },
              }),
        },
      })),
    }),
  );
}

function contactRequests(records: ImportRecord[]): WriteRequest[] {
  return records.flatMap((r) =>
    r.contacts.map((c) => ({
      PutRequest: { Item: contactToItem({ ...c, accountId: r.profile.accountId }) },
    })),
  );
}

/**
 * The owner registry: what the records say of each owner, written with SET of the given fields
 * only, so a row without `owner_name` or `manager_email` keeps what an earlier one said (absent
 * means "not given", never "erase"). Each owner once per run unless a later row says more.
 */
async function writeOwners(ctx: Run, records: ImportRecord[]): Promise<void> {
  const said = new Map<string, Owner>();
  for (const r of records) {
    const email = r.profile.ownerEmail.toLowerCase();
    const o = said.get(email) ?? { email };
    if (r.profile.ownerName) o.name = r.profile.ownerName;
    if (r.profile.managerEmail) o.managerEmail = r.profile.managerEmail;
    said.set(email, o);
  }
  const waits: Promise<void>[] = [];
  const fresh: Array<{
    owner: Owner;
    after: Promise<void> | undefined;
    done: () => void;
    failed: (e: unknown) => void;
  }> = [];
  for (const o of said.values()) {
    const seen = ctx.owners.get(o.email);
    const saysMore =
      !seen ||
      (o.name !== undefined && o.name !== seen.said.name) ||
      (o.managerEmail !== undefined && o.managerEmail !== seen.said.managerEmail);
    if (!saysMore) {
      // Written, or being written, by this run already: the account items wait for it all the same.
      waits.push(seen.written);
      continue;
    }
    let done = () => {};
    let failed: (e: unknown) => void = () => {};
    const written = new Promise<void>((ok, fail) => {
      done = ok;
      failed = fail;
    });
    // Observed by whoever awaits it; a rejection nobody else awaits must not end the process.
    written.catch(() => undefined);
    ctx.owners.set(o.email, { said: { ...seen?.said, ...o }, written });
    fresh.push({ owner: o, after: seen?.written, done, failed });
    waits.push(written);
  }
  await forEachConcurrently(fresh, WRITES_IN_FLIGHT_PER_CHUNK, async ({ owner, after, done, failed }) => {
    try {
      // A later row that says more of an owner writes after the earlier write, never beside it.
      await after;
      await updateOwner(ctx, owner);
      done();
    } catch (e) {
      // Not thrown here: every owner gets its write (or its failure), so no chunk waits forever;
      // the failure surfaces below, through the wait on it.
      failed(e);
    }
  });
  await Promise.all(waits);
}

/** SET of the fields given only (absent means "not given", never "erase"). */
async function updateOwner(ctx: Run, o: Owner): Promise<void> {
  const { pk, sk, ...fields } = ownerToItem(o);
  const names = Object.keys(fields).filter((k) => fields[k] !== undefined);
  await ctx.store.db.send(
    new UpdateCommand({
      TableName: ctx.store.tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((k, i) => [`#f${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(names.map((k, i) => [`:f${i}`, fields[k]])),
    }),
  );
}

import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Settings } from '../../config/settings.ts';
import {
  type Account,
  type AccountProfile,
  type Contact,
  deriveAccount,
  type ImportRecord,
} from '../../core/account.ts';
import { forEachConcurrently } from '../../shared/concurrency.ts';
import { accountToItem, contactToItem, itemToAccount, ownerToItem } from './account.entity.ts';
import { type AccountStore, ConcurrentUpdateError } from './account-store.ts';
import { ACCOUNT_SK, accountPk } from './keys.ts';
import { membershipChanges, membershipRequests, type WriteRequest } from './membership.ts';
import { touchDateRequests } from './touch-date.entity.ts';

/**
 * Writes imported accounts in bulk. Per chunk of 100 accounts: one BatchGet of the account items,
 * contacts and owners with BatchWrite, then the account items in one TransactWrite whose puts are
 * each conditioned on the version read (or on the item not existing), so a contact logged
 * meanwhile is never overwritten: the chunk is re-read and retried instead.
 *
 * Contacts go before their account item because the account item carries the import hash: an
 * import that dies half-way leaves accounts without the new hash, and the next run redoes them.
 */

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportOptions {
  now: Date;
  /** Called after each chunk with the accounts done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Chunks of 100 accounts in flight at once (each with up to 4 batch writes). @default 8 */
  concurrency?: number;
}

type Item = Record<string, unknown>;

const CHUNK = 100; // TransactWriteItems and BatchGetItem both take at most 100.
const BATCH_WRITE = 25;
const WRITES_IN_FLIGHT_PER_CHUNK = 4;
const MAX_TRANSACTION_ATTEMPTS = 6;
const MAX_BATCH_ATTEMPTS = 10;

/**
 * Upserts accounts with their contacts (and their owners in the owner registry). An account whose
 * import hash is unchanged is skipped entirely, so re-importing the same data writes nothing.
 */
export async function importRecords(
  store: AccountStore,
  records: ImportRecord[],
  opts: { now: Date; onProgress?: (done: number, total: number) => void; concurrency?: number },
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

/** Every field of a profile and of a contact, in a fixed order (checked complete by the compiler). */
const PROFILE_FIELDS: Record<keyof AccountProfile, true> = {
  accountId: true,
  name: true,
  ownerEmail: true,
  ownerName: true,
  managerEmail: true,
  annualRevenue: true,
  marginPct: true,
  employees: true,
  strategic: true,
  tierOverride: true,
  segment: true,
  products: true,
  timeZone: true,
  customerSince: true,
  renewalDate: true,
};
const PROFILE_KEYS = Object.keys(PROFILE_FIELDS) as (keyof AccountProfile)[];
const CONTACT_FIELDS: Record<keyof Contact, true> = {
  accountId: true,
  email: true,
  name: true,
  role: true,
  birthday: true,
  primary: true,
};
const CONTACT_KEYS = Object.keys(CONTACT_FIELDS) as (keyof Contact)[];

const fingerprints = new WeakMap<Settings, string>();
/** The settings an account's tier and due time derive from. */
function settingsFingerprint(settings: Settings): string {
  let f = fingerprints.get(settings);
  if (f === undefined) {
    const { tiering, cadence, defaultTimeZone, dueShards } = settings;
    f = JSON.stringify({ tiering, cadence, defaultTimeZone, dueShards });
    fingerprints.set(settings, f);
  }
  return f;
}

/**
 * The hash of what an import says about an account, and of the settings its tier and due time
 * derive from: a change of either makes the account be written again. Contacts in any order.
 */
export function importHashOf(record: ImportRecord, settings: Settings): string {
  const contacts = record.contacts
    .map((c) => CONTACT_KEYS.map((k) => c[k] ?? null))
    .sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : String(a[1]) > String(b[1]) ? 1 : 0));
  const text = JSON.stringify([
    1,
    settingsFingerprint(settings),
    PROFILE_KEYS.map((k) => record.profile[k] ?? null),
    contacts,
    record.lastContactAt ?? null,
  ]);
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * Attributes the import decides. Any other attribute on an existing account item (state that other
 * features keep there) is carried over, since a Put replaces the whole item.
 */
const IMPORT_OWNED: Partial<Record<keyof Account, true>> = {
  ...PROFILE_FIELDS,
  lastContactAt: true,
  lastContactKind: true,
};

function carriedOver(previous: Item | undefined): Item {
  if (!previous) return {};
  const out: Item = {};
  for (const [k, v] of Object.entries(previous)) if (!(k in IMPORT_OWNED)) out[k] = v;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Exponential backoff with full jitter, capped at 2 s. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(2000, 25 * 2 ** attempt));

/** Runs `fn` over `items` with at most `limit` in flight; stops taking new items after a failure. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Run {
  store: AccountStore;
  settings: Settings;
  now: Date;
  write: boolean;
  /** Owners already put by this import: each once. */
  owners: Set<string>;
}

async function run(
  store: AccountStore,
  records: ImportRecord[],
  opts: ImportOptions,
  write: boolean,
): Promise<ImportCounts> {
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.profile.accountId))
      throw new Error(`importRecords: account ${r.profile.accountId} is given more than once`);
    seen.add(r.profile.accountId);
  }
  const ctx: Run = { store, settings: store.settings, now: opts.now, write, owners: new Set() };
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
  item: Item;
  previousVersion?: number | undefined;
  previous?: Account | undefined;
}

async function importChunk(ctx: Run, chunk: ImportRecord[]): Promise<ImportCounts> {
  const { settings, now } = ctx;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const hashes = new Map(chunk.map((r) => [r.profile.accountId, importHashOf(r, settings)]));
  let pending = chunk;
  let itemsWritten = false;
  for (let attempt = 1; ; attempt++) {
    const existing = await batchGetAccounts(ctx.store, pending);
    const puts: PlannedPut[] = [];
    for (const record of pending) {
      const id = record.profile.accountId;
      const hash = hashes.get(id);
      const previousItem = existing.get(id);
      const previous = previousItem ? itemToAccount(previousItem) : undefined;
      if (previous && previous.importHash === hash) {
        counts.unchanged++;
        continue;
      }
      const account = deriveAccount(record.profile, previous, settings, now, record.lastContactAt);
      const item = {
        ...carriedOver(previousItem),
        ...accountToItem({ ...account, importHash: hash }, settings.dueShards),
      };
      puts.push({ record, item, previousVersion: previous?.version, previous });
    }
    if (!ctx.write || puts.length === 0) return tally(counts, puts);
    if (!itemsWritten) {
      // Contacts, owners, product and segment memberships (cohort risk reads them) and the touch
      // dates waiting in the due index go first, all in one parallel batched pass, so the account
      // item carrying the hash comes last: an import that dies half-way is redone, hash and all.
      const members = puts.map((p) => membershipChanges(p.previous, p.item as unknown as Account));
      await writeRequests(ctx, [
        ...contactAndOwnerRequests(
          ctx,
          puts.map((p) => p.record),
        ),
        ...membershipRequests({
          puts: members.flatMap((m) => m.puts),
          deletes: members.flatMap((m) => m.deletes),
        }),
        ...touchDateRequests(
          settings,
          puts.map((p) => ({
            account: p.item as unknown as Account,
            contacts: p.record.contacts,
            existed: p.previous !== undefined,
          })),
          now,
        ),
      ]);
      itemsWritten = true;
    }
    try {
      await ctx.store.db.send(
        new TransactWriteCommand({
          TransactItems: puts.map((p) => ({
            Put: {
              TableName: ctx.store.tableName,
              Item: p.item,
              ...(p.previousVersion === undefined
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: 'version = :v',
                    ExpressionAttributeValues: { ':v': p.previousVersion },
                  }),
            },
          })),
        }),
      );
      return tally(counts, puts);
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
        const failed = e.CancellationReasons?.findIndex((r) => r.Code === 'ConditionalCheckFailed') ?? -1;
        throw new ConcurrentUpdateError(puts[Math.max(0, failed)]?.record.profile.accountId ?? '?');
      }
      // Someone wrote one of these accounts since we read it: read them again and re-derive.
      pending = puts.map((p) => p.record);
      await backoff(attempt);
    }
  }
}

function tally(counts: ImportCounts, puts: PlannedPut[]): ImportCounts {
  for (const p of puts) {
    if (p.previousVersion === undefined) counts.created++;
    else counts.updated++;
  }
  return counts;
}

async function batchGetAccounts(store: AccountStore, records: ImportRecord[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  let keys: Item[] = records.map((r) => ({ pk: accountPk(r.profile.accountId), sk: ACCOUNT_SK }));
  for (let attempt = 1; keys.length > 0; attempt++) {
    if (attempt > MAX_BATCH_ATTEMPTS)
      throw new Error(`BatchGetItem left ${keys.length} keys unprocessed after ${MAX_BATCH_ATTEMPTS} tries`);
    const r = await store.db.send(
      new BatchGetCommand({
        RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } },
      }),
    );
    for (const item of r.Responses?.[store.tableName] ?? []) found.set(String(item.accountId), item);
    keys = r.UnprocessedKeys?.[store.tableName]?.Keys ?? [];
    if (keys.length) await backoff(attempt);
  }
  return found;
}

function contactAndOwnerRequests(ctx: Run, records: ImportRecord[]): WriteRequest[] {
  const requests: WriteRequest[] = [];
  for (const r of records) {
    for (const c of r.contacts)
      requests.push({ PutRequest: { Item: contactToItem({ ...c, accountId: r.profile.accountId }) } });
    const owner = r.profile.ownerEmail.toLowerCase();
    if (!ctx.owners.has(owner)) {
      ctx.owners.add(owner);
      requests.push({
        PutRequest: {
          Item: ownerToItem({
            email: owner,
            name: r.profile.ownerName,
            managerEmail: r.profile.managerEmail,
          }),
        },
      });
    }
  }
  return requests;
}

/**
 * Writes puts and deletes in batches of 25, several in flight. A batch may not name one key twice,
 * so the last request for a key wins.
 */
async function writeRequests(ctx: Run, requests: WriteRequest[]): Promise<void> {
  const byKey = new Map<string, WriteRequest>();
  for (const r of requests) {
    const key = 'PutRequest' in r ? r.PutRequest.Item : r.DeleteRequest.Key;
    byKey.set(`${key.pk}\u0000${key.sk}`, r);
  }
  await forEachConcurrently(chunks([...byKey.values()], BATCH_WRITE), WRITES_IN_FLIGHT_PER_CHUNK, (batch) =>
    batchWriteRequests(ctx.store, batch),
  );
}

/** One BatchWriteItem of at most 25 puts, retrying what DynamoDB leaves unprocessed. */
export function batchWrite(store: Pick<AccountStore, 'db' | 'tableName'>, items: Item[]): Promise<void> {
  return batchWriteRequests(
    store,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** One BatchWriteItem of at most 25 puts and deletes, retrying what DynamoDB leaves unprocessed. */
async function batchWriteRequests(
  store: Pick<AccountStore, 'db' | 'tableName'>,
  batch: WriteRequest[],
): Promise<void> {
  let requests = batch;
  for (let attempt = 1; requests.length > 0; attempt++) {
    if (attempt > MAX_BATCH_ATTEMPTS)
      throw new Error(
        `BatchWriteItem left ${requests.length} items unprocessed after ${MAX_BATCH_ATTEMPTS} tries`,
      );
    const r = await store.db.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } }));
    requests = (r.UnprocessedItems?.[store.tableName] ?? []) as WriteRequest[];
    if (requests.length) await backoff(attempt);
  }
}

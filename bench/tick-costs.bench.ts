/**
 * The calls a month of scan ticks actually makes, measured (docs/costs.md multiplies them by prices).
 *
 * Seeds N key accounts (default 10,000; two contacts each, four time zones, last contacts spread
 * evenly over the 30 days before the start, so about N/30 fall due each day) into DynamoDB Local,
 * then runs the scan use case once an hour, as the schedule does, with the clock moved on an hour
 * each time, for 30 days: 720 ticks, into SES local. SDK middleware counts every DynamoDB command by
 * name and prices it in request units with DynamoDB's billing rules, from the sizes of the items it
 * read or wrote: a shadow copy of every item written (read with a separate, uncounted client before
 * and after each write) gives the before and after sizes, so updates, index copies (delete + put when
 * an index key changes) and transactions (2x on the table) are priced as DynamoDB prices them.
 * DynamoDB Local's own ConsumedCapacity is not used: it reports 0 for BatchGetItem and no minimum
 * for an empty Query, so it is no billing system. Also counts SES SendEmail calls, PutEvents calls and
 * entries, the log bytes the handler writes, wall time per tick, and the table's storage at the end.
 *
 *   npx tsx bench/tick-costs.bench.ts [-- --accounts 10000 --days 30]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { accountToItem, contactToItem } from '../functions/adapters/dynamodb/account.entity.ts';
import { batchPutItems } from '../functions/adapters/dynamodb/batch.ts';
import { createSesClient, SesMailer } from '../functions/adapters/ses/mailer.ts';
import { deriveAccount } from '../functions/core/account.ts';
import type { DomainEvent, Publisher as EventPublisher } from '../functions/core/events/ports.ts';
import { runScan } from '../functions/handlers/scan-due.handler.ts';
import { createScanDeps } from '../functions/handlers/wiring/outreach.ts';
import { startBenchStack } from './bench-stack.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The deployed log level: the handler's INFO lines are what CloudWatch Logs ingests.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
delete process.env.POWERTOOLS_DEV;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('accounts', 10_000);
const DAYS = arg('days', 30);
/** A Monday, 00:00 UTC. */
const START = new Date('2026-11-02T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];

const log = (line = '') => process.stdout.write(`${line}\n`);

interface CommandStats {
  calls: number;
  /** Request units, read or write by the command's kind, with DynamoDB's rounding rules. */
  units: number;
}

// ---- DynamoDB item sizes and request units, as the DynamoDB developer guide defines them ----

type Item = Record<string, unknown>;
type AttributeValue = Record<string, unknown>;

/** Bytes of a marshalled value: strings UTF-8, numbers ~1 byte per 2 digits + 1, containers 3 + contents. */
function avSize(av: AttributeValue): number {
  const [type, v] = Object.entries(av)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(v as string);
    case 'N':
      return Math.ceil(String(v).replace(/^-/, '').replace('.', '').length / 2) + 1;
    case 'B':
      return (v as Uint8Array).byteLength;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (v as string[]).reduce((n, x) => n + Buffer.byteLength(x), 0);
    case 'NS':
      return (v as string[]).reduce((n, x) => n + avSize({ N: x }), 0);
    case 'L':
      return 3 + (v as AttributeValue[]).reduce((n, x) => n + 1 + avSize(x), 0);
    case 'M':
      return (
        3 +
        Object.entries(v as Item).reduce(
          (n, [k, x]) => n + 1 + Buffer.byteLength(k) + avSize(x as AttributeValue),
          0,
        )
      );
    default:
      return 0;
  }
}

/** A marshalled item's size: attribute names plus values. */
function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce(
    (n, [k, v]) => n + Buffer.byteLength(k) + avSize(v as AttributeValue),
    0,
  );
}

const GSI_KEYS = [
  ['gsi1pk', 'gsi1sk'],
  ['gsi2pk', 'gsi2sk'],
] as const;

/** Index copies an item has (its GSIs project ALL, so each copy is the whole item). */
const indexCopies = (item: Item) => GSI_KEYS.filter(([pk]) => item[pk] !== undefined).length;

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const reads4k = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Write units of changing one item from `before` to `after` (either may be absent): the table write
 * (sized by the larger of the two, 2x in a transaction), plus each index copy: a put or a delete when
 * the item enters or leaves the index, a delete and a put when its index key changes, one write when
 * only other attributes change.
 */
export function writeUnits(
  before: Item | undefined,
  after: Item | undefined,
  transactional: boolean,
): number {
  const table = kb(Math.max(itemSize(before), itemSize(after))) * (transactional ? 2 : 1);
  if (same(before, after) && !transactional) return table;
  let index = 0;
  for (const [pk, sk] of GSI_KEYS) {
    const was = before?.[pk] !== undefined;
    const is = after?.[pk] !== undefined;
    if (was && is) {
      if (!same(before?.[pk], after?.[pk]) || !same(before?.[sk], after?.[sk]))
        index += kb(itemSize(before)) + kb(itemSize(after));
      else if (!same(before, after)) index += kb(Math.max(itemSize(before), itemSize(after)));
    } else if (was) index += kb(itemSize(before));
    else if (is) index += kb(itemSize(after));
  }
  return table + index;
}

async function main() {
  const stack = await startBenchStack({
    tableName: 'tick-costs',
    sender: 'checkins@costs.test',
    publicBaseUrl: 'https://links.example.com',
  });
  try {
    const { runtime, db, settings } = stack;

    // ---- seed ----
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const accountId = `K${String(i).padStart(6, '0')}`;
      const lastContact = new Date(START.getTime() - ((i + 0.5) / ACCOUNTS) * 30 * DAY);
      const account = deriveAccount(
        {
          accountId,
          name: `Key Account ${i}`,
          ownerEmail: `owner${i % 40}@costs.test`,
          ownerName: `Owner ${i % 40}`,
          annualRevenue: 500_000,
          strategic: false,
          products: ['Ledger', 'Payroll'],
          segment: 'mid-market',
          timeZone: ZONES[i % ZONES.length],
          renewalDate: '2027-03-31',
        },
        undefined,
        settings,
        START,
        lastContact.toISOString(),
      );
      items.push(accountToItem(account, settings.dueShards));
      items.push(
        contactToItem({ accountId, email: `ana${i}@customer.test`, name: `Ana Lima ${i}`, primary: true }),
        contactToItem({
          accountId,
          email: `bo${i}@customer.test`,
          name: `Bo Berg ${i}`,
          role: 'CFO',
          primary: false,
        }),
      );
    }
    for (let i = 0; i < items.length; i += 25)
      await batchPutItems({ db, tableName: runtime.tableName }, items.slice(i, i + 25));
    log(`seeded ${ACCOUNTS.toLocaleString()} key accounts (${items.length.toLocaleString()} items)`);

    // ---- instrument ----
    const stats = new Map<string, CommandStats>();
    const statsOf = (name: string) => {
      const st = stats.get(name) ?? { calls: 0, units: 0 };
      stats.set(name, st);
      return st;
    };
    // An uncounted client for the shadow copies (marshalled items, as the commands carry them).
    const shadowClient = new DynamoDBClient({
      region: runtime.region,
      endpoint: runtime.ddbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const keyOf = (item: Item) => ({ pk: item.pk, sk: item.sk }) as Item;
    const id = (key: Item) => JSON.stringify([key.pk, key.sk]);
    const current = async (key: Item) =>
      (
        await shadowClient.send(
          new GetItemCommand({ TableName: runtime.tableName, Key: key as never, ConsistentRead: true }),
        )
      ).Item as Item | undefined;

    /** The keys a write command touches, and whether it is a transaction. */
    function writtenKeys(name: string, input: Item): { keys: Item[]; transactional: boolean } {
      switch (name) {
        case 'PutItemCommand':
          return { keys: [keyOf(input.Item as Item)], transactional: false };
        case 'UpdateItemCommand':
        case 'DeleteItemCommand':
          return { keys: [input.Key as Item], transactional: false };
        case 'BatchWriteItemCommand':
          return {
            keys: Object.values(input.RequestItems as Record<string, Item[]>)
              .flat()
              .map((r) => {
                const put = r.PutRequest as { Item: Item } | undefined;
                return put ? keyOf(put.Item) : ((r.DeleteRequest as { Key: Item }).Key as Item);
              }),
            transactional: false,
          };
        case 'TransactWriteItemsCommand':
          return {
            keys: (input.TransactItems as Item[]).map((op) => {
              const body = Object.values(op)[0] as { Item?: Item; Key?: Item };
              return body.Item ? keyOf(body.Item) : (body.Key as Item);
            }),
            transactional: true,
          };
        default:
          return { keys: [], transactional: false };
      }
    }

    /** Read units of a read command, from what it returned. */
    function readUnits(name: string, input: Item, output: Item): number {
      switch (name) {
        case 'QueryCommand':
        case 'ScanCommand': {
          const bytes = ((output.Items as Item[]) ?? []).reduce((n, it) => n + itemSize(it), 0);
          // Index reads are always eventually consistent; an empty page still costs the minimum.
          return reads4k(bytes, input.ConsistentRead === true && !input.IndexName);
        }
        case 'GetItemCommand':
          return reads4k(itemSize(output.Item as Item | undefined), input.ConsistentRead === true);
        case 'BatchGetItemCommand': {
          let n = 0;
          for (const [table, req] of Object.entries(
            input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>,
          )) {
            const found = (output.Responses as Record<string, Item[]> | undefined)?.[table] ?? [];
            const unprocessed =
              (output.UnprocessedKeys as Record<string, { Keys: Item[] }> | undefined)?.[table]?.Keys
                .length ?? 0;
            // Every key read costs at least the minimum, found or not.
            n += found.reduce((m, it) => m + reads4k(itemSize(it), req.ConsistentRead === true), 0);
            n +=
              Math.max(0, req.Keys.length - found.length - unprocessed) *
              reads4k(0, req.ConsistentRead === true);
          }
          return n;
        }
        default:
          return 0;
      }
    }

    const shadow = new Map<string, Item | undefined>();
    type Ctx = { commandName?: string };
    type Args = { input: Item };
    type Out = { output: Item };
    // At the low-level client (the document client marshals first), so sizes are DynamoDB's own.
    db.middlewareStack.add(
      ((next: (a: Args) => Promise<Out>, ctx: Ctx) => async (args: Args) => {
        const name = ctx.commandName ?? '?';
        const { keys, transactional } = writtenKeys(name, args.input);
        for (const key of keys) if (!shadow.has(id(key))) shadow.set(id(key), await current(key));
        const st = statsOf(name);
        st.calls++;
        try {
          const result = await next(args);
          if (keys.length === 0) st.units += readUnits(name, args.input, result.output);
          for (const key of keys) {
            const after = await current(key);
            st.units += writeUnits(shadow.get(id(key)), after, transactional);
            shadow.set(id(key), after);
          }
          return result;
        } catch (error) {
          // A refused conditional write or a cancelled transaction still consumes its table writes.
          for (const key of keys) st.units += kb(itemSize(shadow.get(id(key)))) * (transactional ? 2 : 1);
          throw error;
        }
      }) as never,
      { step: 'build', name: 'tick-costs' },
    );

    const sesClient = createSesClient(runtime.region, runtime.sesEndpoint);
    let sesCalls = 0;
    let sesBytes = 0;
    sesClient.middlewareStack.add(
      ((next: (a: Args) => Promise<Out>, ctx: Ctx) => async (args: Args) => {
        if (ctx.commandName === 'SendEmailCommand') {
          sesCalls++;
          sesBytes += Buffer.byteLength(JSON.stringify(args.input.Content ?? {}));
        }
        return next(args);
      }) as never,
      { step: 'initialize', name: 'count-ses' },
    );
    const mailer = new SesMailer(sesClient, { sender: runtime.sender, maxPerSecond: 1000 });
    let putEventsCalls = 0;
    let eventEntries = 0;
    let eventBytes = 0;
    const events: EventPublisher = {
      async publish(batch: DomainEvent[]) {
        // EventBridgePublisher sends one PutEvents per 10 entries.
        putEventsCalls += Math.ceil(batch.length / 10);
        eventEntries += batch.length;
        eventBytes += batch.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.detail)), 0);
      },
    };
    const wiring = createScanDeps(runtime, settings, { db, mailer, events });

    // ---- a month of hourly ticks ----
    const ticks = DAYS * 24;
    const perTick: Array<{ ms: number; sent: number; calls: number; logBytes: number }> = [];
    let logBytes = 0;
    const realWrite = process.stdout.write.bind(process.stdout);
    const totalCalls = () => [...stats.values()].reduce((n, s) => n + s.calls, 0);
    for (let t = 0; t < ticks; t++) {
      const now = new Date(START.getTime() + t * HOUR);
      const callsBefore = totalCalls();
      let tickLog = 0;
      // The handler logs through Powertools to stdout: count those bytes, print nothing.
      process.stdout.write = ((chunk: string | Uint8Array) => {
        tickLog += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        return true;
      }) as typeof process.stdout.write;
      const started = performance.now();
      let report: Awaited<ReturnType<typeof runScan>>;
      try {
        report = await runScan({ scheduledTime: now.toISOString() }, wiring);
      } finally {
        process.stdout.write = realWrite;
      }
      const sent = report.sent.checkIn + report.sent.survey + report.sent.reminder + report.sent.ownerNote;
      perTick.push({
        ms: performance.now() - started,
        sent,
        calls: totalCalls() - callsBefore,
        logBytes: tickLog,
      });
      logBytes += tickLog;
      if (t % 24 === 23) process.stderr.write(`\rday ${(t + 1) / 24}/${DAYS}: ${sesCalls} emails so far`);
    }
    process.stderr.write('\n');

    // ---- storage at the end of the month ----
    let storedItems = 0;
    let storedBytes = 0;
    let indexItems = 0;
    let indexBytes = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const r = await shadowClient.send(
        new ScanCommand({ TableName: runtime.tableName, ExclusiveStartKey: startKey as never }),
      );
      for (const item of (r.Items ?? []) as Item[]) {
        const size = itemSize(item) + 100; // DynamoDB adds 100 bytes of overhead per item (and per index copy)
        storedItems++;
        storedBytes += size;
        const copies = indexCopies(item);
        indexItems += copies;
        indexBytes += copies * size;
      }
      startKey = r.LastEvaluatedKey;
    } while (startKey);

    // ---- report ----
    const idle = perTick.filter((p) => p.sent === 0);
    const busy = perTick.filter((p) => p.sent > 0);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0);
    const reads = ['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand'];
    const rows = [...stats].sort((a, b) => b[1].calls - a[1].calls);
    log('');
    log(`${DAYS} days of hourly ticks over ${ACCOUNTS.toLocaleString()} key accounts: ${ticks} ticks`);
    log(`  ticks with sends ${busy.length}, without ${idle.length}`);
    log('');
    log('DynamoDB, by command              calls    request units   kind');
    for (const [name, st] of rows)
      log(
        `  ${name.padEnd(28)} ${String(st.calls).padStart(8)} ${st.units.toFixed(1).padStart(16)}   ${reads.includes(name) ? 'read' : 'write'}`,
      );
    const unitsOf = (kind: 'read' | 'write') =>
      sum(rows.filter(([n]) => reads.includes(n) === (kind === 'read')).map(([, st]) => st.units));
    log(
      `  total: ${sum(rows.map(([, st]) => st.calls))} calls; ${unitsOf('read').toFixed(1)} read request units, ${unitsOf('write').toFixed(1)} write request units`,
    );
    log('');
    log(
      `SES SendEmail calls      ${sesCalls} (${(sesBytes / sesCalls / 1024).toFixed(1)} kB of content each)`,
    );
    log(
      `PutEvents                ${putEventsCalls} calls, ${eventEntries} entries (${(eventBytes / Math.max(1, eventEntries)).toFixed(0)} B of detail each)`,
    );
    log(`Log output (INFO)        ${logBytes} bytes (${(logBytes / ticks).toFixed(0)} per tick)`);
    log(
      `Wall time per tick       idle ${mean(idle.map((p) => p.ms)).toFixed(0)} ms (${mean(idle.map((p) => p.calls)).toFixed(1)} calls); with sends ${mean(busy.map((p) => p.ms)).toFixed(0)} ms (${mean(busy.map((p) => p.sent)).toFixed(1)} sends, ${mean(busy.map((p) => p.calls)).toFixed(0)} calls); total ${(sum(perTick.map((p) => p.ms)) / 1000).toFixed(1)} s`,
    );
    log(
      `Storage at the end       ${storedItems} items, ${(storedBytes / 1e6).toFixed(2)} MB; index copies ${indexItems}, ${(indexBytes / 1e6).toFixed(2)} MB`,
    );

    const summary = {
      accounts: ACCOUNTS,
      days: DAYS,
      ticks,
      ticksWithSends: busy.length,
      dynamodb: Object.fromEntries(rows),
      readRequestUnits: unitsOf('read'),
      writeRequestUnits: unitsOf('write'),
      ses: { sendEmail: sesCalls, contentBytes: sesBytes },
      events: { putEventsCalls, entries: eventEntries },
      logBytes,
      wallMs: {
        total: sum(perTick.map((p) => p.ms)),
        idleMean: mean(idle.map((p) => p.ms)),
        busyMean: mean(busy.map((p) => p.ms)),
      },
      storage: { items: storedItems, bytes: storedBytes, indexItems, indexBytes },
    };
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/tick-costs.json', `${JSON.stringify(summary, null, 2)}\n`);
    log('\n(written to test-artifacts/tick-costs.json)');
  } finally {
    await stack.stop();
  }
}

await main();

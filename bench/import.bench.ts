/**
 * `npm run bench:import`: imports a generated 50,000-row CSV (about 4 contacts per account) into
 * its own in-memory DynamoDB Local through the real import path (read, parse, validate, write), then
 * writes the same number of items with bare BatchWriteItem calls as a baseline, and prints both.
 * BENCH_ROWS changes the size.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountStore } from '../functions/adapters/dynamodb/account-store.ts';
import { batchPutItems } from '../functions/adapters/dynamodb/batch.ts';
import { createDocumentClient } from '../functions/adapters/dynamodb/client.ts';
import { ensureTable } from '../functions/adapters/dynamodb/table-admin.ts';
import { importFile } from '../functions/cli/commands/import.ts';
import { parseSettings } from '../functions/config/settings.ts';
import { parseImport } from '../functions/core/import/parse-import.ts';
import { freePort, startDynamoDbLocal } from '../functions/local/services.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const CONTACTS_PER_ACCOUNT = 4;
const BASELINE_IN_FLIGHT = 16;

const HEADER =
  'account_id,account_name,owner_email,owner_name,manager_email,annual_revenue,margin_pct,employees,strategic,' +
  'tier_override,segment,products,timezone,customer_since,renewal_date,last_contact_at,' +
  'contact_email,contact_name,contact_role,contact_birthday,contact_primary';
const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Chicago',
  'UTC',
];
const PRODUCTS = ['Fleet Tracker', 'Route Planner', 'Port Sync', 'Shop Insights'];
const SEGMENTS = ['Logistics', 'Retail', 'Healthcare', 'Manufacturing', 'Education'];
const NAMES = ['Åsa Nordström', 'José Álvarez', 'Zoë Fischer', '田中 花子', 'Seán Walsh', 'Maria Santos'];

/** A CRM-style export: account fields repeated on each contact row, quoted names with commas, CRLF. */
function generateCsv(rows: number): string {
  const lines = [HEADER];
  const accounts = Math.ceil(rows / CONTACTS_PER_ACCOUNT);
  for (let a = 0; a < accounts && lines.length <= rows; a++) {
    const id = `BENCH-${String(a).padStart(6, '0')}`;
    const owner = a % 40;
    const account = [
      id,
      `"Company ${a}, Ltd."`,
      `owner${owner}@example.com`,
      `Owner ${owner}`,
      `manager${owner % 5}@example.com`,
      String((a * 7919) % 500_000),
      String((a * 31) % 60),
      String((a * 13) % 1000),
      a % 50 === 0 ? 'true' : 'false',
      a % 97 === 0 ? 'key' : '',
      SEGMENTS[a % SEGMENTS.length],
      `${PRODUCTS[a % 4]};${PRODUCTS[(a + 1) % 4]}`,
      ZONES[a % ZONES.length],
      '2021-03-01',
      '2027-06-30',
      a % 3 === 0 ? '' : `2026-${String((a % 9) + 1).padStart(2, '0')}-15`,
    ].join(',');
    for (let c = 0; c < CONTACTS_PER_ACCOUNT && lines.length <= rows; c++) {
      const contact = [
        `person${c}.${a}@customer${a}.example.com`,
        `"${NAMES[(a + c) % NAMES.length]}"`,
        c === 0 ? 'Buyer' : 'User',
        c === 1 ? '02-29' : '',
        c === 0 ? 'true' : 'false',
      ].join(',');
      lines.push(`${account},${contact}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const WARM_UP_ROWS = 10_000;

function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inFlight<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

const rate = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ah-bench-'));
  const file = join(dir, 'accounts.csv');
  writeFileSync(file, generateCsv(ROWS));
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const db = createDocumentClient({ region: 'us-east-1', ddbEndpoint: ddb.url });
  try {
    const settings = parseSettings({});
    await ensureTable(db, 'bench-import');
    await ensureTable(db, 'bench-baseline');
    await ensureTable(db, 'bench-warm-up');
    const store = new AccountStore(db, 'bench-import', settings);
    // A fresh JVM runs its first writes several times slower: warm up both paths measured below (a
    // small import into a scratch table, and bare batch writes), so both see the steady state of a
    // DynamoDB Local that has been running for a while, as under `npm start`.
    const warmFile = join(dir, 'warm-up.csv');
    writeFileSync(warmFile, generateCsv(WARM_UP_ROWS));
    await importFile(warmFile, { store: new AccountStore(db, 'bench-warm-up', settings), now: new Date() });
    const warm = Array.from({ length: WARM_UP_ROWS }, (_, i) => ({ pk: `W#${i % 500}`, sk: `S#${i}`, n: i }));
    await inFlight(chunked(warm, 25), BASELINE_IN_FLIGHT, (b) =>
      batchPutItems({ db, tableName: 'bench-warm-up' }, b),
    );
    const now = new Date();
    console.log(
      `Import benchmark: ${ROWS.toLocaleString('en-US')} rows (${(statSync(file).size / 1e6).toFixed(1)} MB CSV), DynamoDB Local in memory at ${ddb.url}`,
    );

    const t0 = performance.now();
    const first = await importFile(file, { store, now });
    const importMs = performance.now() - t0;
    if (first.bad.length) throw new Error(`the generated file has bad rows: ${first.bad[0]?.reason}`);
    const items =
      first.accounts + first.rows + new Set(Array.from({ length: first.accounts }, (_, a) => a % 40)).size;
    console.log(
      `import:    ${secs(importMs)}  ${rate(first.rows, importMs)} rows/s  (${first.created} accounts created: ${items.toLocaleString('en-US')} account, contact and owner items, plus key accounts' memberships and touch dates)`,
    );

    const tp = performance.now();
    parseImport(readFileSync(file, 'utf8'), 'csv', { now });
    const parseMs = performance.now() - tp;
    console.log(
      `           of which reading, parsing and checking the rows (measured alone): ${secs(parseMs)}`,
    );

    const t1 = performance.now();
    const again = await importFile(file, { store, now });
    const reMs = performance.now() - t1;
    console.log(
      `re-import: ${secs(reMs)}  ${rate(again.rows, reMs)} rows/s  (${again.unchanged} unchanged, ${again.created + again.updated} written)`,
    );

    // Baseline: the same number of items, no parsing, no reads, no transactions, 16 requests in flight.
    const baselineItems = Array.from({ length: items }, (_, i) => ({
      pk: `ACCT#BASE-${Math.floor(i / 5)}`,
      sk: `CONTACT#person${i}@example.com`,
      accountId: `BASE-${Math.floor(i / 5)}`,
      email: `person${i}@example.com`,
      name: NAMES[i % NAMES.length],
      role: 'User',
      primary: false,
    }));
    const baselineStore = { db, tableName: 'bench-baseline' };
    const t2 = performance.now();
    await inFlight(chunked(baselineItems, 25), BASELINE_IN_FLIGHT, (b) => batchPutItems(baselineStore, b));
    const baseMs = performance.now() - t2;
    console.log(
      `baseline:  ${secs(baseMs)}  ${rate(items, baseMs)} items/s  (bare BatchWriteItem of ${items.toLocaleString('en-US')} items)`,
    );
    console.log(
      `import takes ${(importMs / baseMs).toFixed(2)}x the baseline's time; target ≥ 2,000 rows/s: ${
        (first.rows * 1000) / importMs >= 2000 ? 'met' : 'NOT met'
      }`,
    );
  } finally {
    db.destroy();
    await ddb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords, previewImport } from '../../functions/adapters/dynamodb/account-import.ts';
import { AccountStore } from '../../functions/adapters/dynamodb/account-store.ts';
import { DueIndex } from '../../functions/adapters/dynamodb/due-index.ts';
import { HealthStore } from '../../functions/adapters/dynamodb/health-store.ts';
import { accountPk, dueShardOf, dueShardPk } from '../../functions/adapters/dynamodb/keys.ts';
import { parseImport } from '../../functions/core/import/parse-import.ts';
import { spawnCli, tableEnv } from '../support/cli.ts';
import { createTestTable, scanTable, type TestTable } from '../support/local-aws.ts';

const NOW = new Date('2026-11-22T12:00:00.000Z');

const HEADER =
  'account_id,account_name,owner_email,owner_name,annual_revenue,margin_pct,tier_override,products,timezone,last_contact_at,contact_email,contact_name,contact_birthday,contact_primary,notes';
/** A CRM export as found in the wild: BOM, CRLF, a blank line, quoted commas, unicode, odd case, repeats. */
const MESSY = `\uFEFF${[
  HEADER,
  'ACME-1,"Acme, Inc.",Maria.Santos@Example.com,Maria Santos,"300,000",31,,Fleet;Port Sync,America/Chicago,2026-10-01,Dana@Acme.example.com,"Whitfield, Dana",03-14,true,VIP ',
  '',
  'ACME-1,"Acme, Inc.",maria.santos@example.com,Maria Santos,300000,31,,Port Sync;Fleet,America/Chicago,2026-10-01,raj@acme.example.com,Raj Pátel  ,1984-07-22,false,',
  'ACME-1,"Acme, Inc.",maria.santos@example.com,Maria Santos,300000,31,,Fleet;Port Sync,America/Chicago,2026-10-01,DANA@acme.example.com,"Whitfield, Dana",03-14,true,again',
  'FJD-2,Delta Fjord AS,yuki@example.com,Yuki Tanaka,60000,,,Port Sync,Europe/Oslo,2026-11-01,asa.nordstrom@deltafjord.example.com,Åsa Nordström,,true,',
  'FJD-2,Delta Fjord AS,yuki@example.com,Yuki Tanaka,60000,,,Port Sync,Europe/Oslo,2026-11-01,not-an-email,Bjørn Aas,,false,',
  'FUJ-3,富士精密工業,yuki@example.com,Yuki Tanaka,,,key,,Asia/Tokyo,,hanako@fuji.example.com,田中 花子,,true,',
  'BAD-4,Split Co,james@example.com,James,1000,,,,,,a@split.example.com,,,,',
  'BAD-4,Split Co,james@example.com,James,2000,,,,,,b@split.example.com,,,,',
].join('\r\n')}\r\n`;

const tables: TestTable[] = [];
async function freshTable(): Promise<TestTable> {
  const t = await createTestTable('import');
  tables.push(t);
  return t;
}

afterAll(async () => {
  await Promise.all(tables.map((t) => t.drop()));
});

async function importText(store: AccountStore, text: string, now = NOW) {
  const parsed = parseImport(text, 'csv', { now });
  const counts = await importRecords(store, parsed.records, { now });
  return { ...counts, bad: parsed.bad };
}

const allItems = async (t: TestTable) =>
  (await scanTable(t)).sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));

type Handler = (args: unknown) => Promise<unknown>;
/** The middleware stack typed loosely: each command's stack is generic over its own types. */
interface LooseStack {
  add(
    middleware: (next: Handler, context: { commandName?: string }) => Handler,
    options: { step: 'initialize'; name: string },
  ): void;
}
type BatchRequests = NonNullable<BatchWriteCommandInput['RequestItems']>;

/** A second client on the same table whose commands pass through `hook` first (races, faults). */
function hookedStore(
  t: TestTable,
  hook: (commandName: string, args: { input: Record<string, unknown> }) => Promise<unknown> | undefined,
): AccountStore {
  const client = new DynamoDBClient({
    region: t.runtime.region,
    endpoint: t.runtime.ddbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  (db.middlewareStack as unknown as LooseStack).add(
    (next, context) => async (args) => {
      const replaced = await hook(context.commandName ?? '', args as { input: Record<string, unknown> });
      return replaced ?? next(args);
    },
    { step: 'initialize', name: `hook-${Math.random()}` },
  );
  return new AccountStore(db, t.runtime.tableName, t.settings);
}

describe('importing a messy CSV into DynamoDB', () => {
  let t: TestTable;
  let first: Awaited<ReturnType<typeof importText>>;

  beforeAll(async () => {
    t = await freshTable();
    first = await importText(t.store, MESSY);
  });

  it('creates the good accounts and reports each bad row with its row, line and reason', () => {
    expect({ created: first.created, updated: first.updated, unchanged: first.unchanged }).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(first.bad.map((b) => `${b.where} ${b.accountId}: ${b.reason.split(';')[0]}`)).toEqual([
      'row 3 (line 5) ACME-1: contact_email: the same contact twice in account ACME-1, as on row 1 (line 2)',
      'row 5 (line 7) FJD-2: contact_email: is not a valid email address',
      'row 7 (line 9) BAD-4: the rows of account BAD-4 disagree: annual_revenue differs on row 8 (line 10)',
      'row 8 (line 10) BAD-4: annual_revenue differs from row 7 (line 9), another row of account BAD-4',
    ]);
  });

  it('stores each account with its tier, the reason, and its contacts once, lower-cased', async () => {
    const acme = await t.store.getAccountView('ACME-1');

    expect(acme.account).toMatchObject({
      name: 'Acme, Inc.',
      ownerEmail: 'maria.santos@example.com',
      tier: 'key',
      tierReason: 'key: annual revenue 300,000 ≥ 250,000',
      products: ['Fleet', 'Port Sync'],
      timeZone: 'America/Chicago',
      lastContactAt: '2026-10-01T00:00:00.000Z',
      lastContactKind: 'import',
      version: 1,
    });
    expect(acme.contacts.map((c) => [c.email, c.name, c.birthday, c.primary])).toEqual([
      ['dana@acme.example.com', 'Whitfield, Dana', '03-14', true],
      ['raj@acme.example.com', 'Raj Pátel', '07-22', false],
    ]);
    expect((await t.store.getAccount('FUJ-3'))?.tierReason).toBe('key: manual override');
    expect((await t.store.getAccount('FJD-2'))?.tierReason).toBe('growth: annual revenue 60,000 ≥ 50,000');
  });

  it('writes nothing of the bad rows: not the bad contact, not the account whose rows disagree', async () => {
    const fjord = await t.store.getContacts('FJD-2');
    const split = await t.db.send(
      new QueryCommand({
        TableName: t.runtime.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accountPk('BAD-4') },
      }),
    );

    expect(fjord.map((c) => c.email)).toEqual(['asa.nordstrom@deltafjord.example.com']);
    expect(split.Items).toEqual([]);
  });

  it('fills the owner registry and the sharded due index, so listings and ticks find the accounts', async () => {
    const owners = await t.store.listOwners();
    const all = await t.store.listAllAccounts();
    const due = await new DueIndex(t.db, t.runtime.tableName, t.store.settings).listDue(NOW);
    const fuji = await t.db.send(
      new QueryCommand({
        TableName: t.runtime.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accountPk('FUJ-3') },
      }),
    );

    expect(owners.map((o) => o.email).sort()).toEqual(['maria.santos@example.com', 'yuki@example.com']);
    expect(all.map((a) => a.accountId).sort()).toEqual(['ACME-1', 'FJD-2', 'FUJ-3']);
    // ACME: key, last contact 1 Oct + 30 days; Fuji: never contacted; Fjord: growth, due 31 Dec.
    expect(due.map((a) => a.accountId).sort()).toEqual(['ACME-1', 'FUJ-3']);
    expect(fuji.Items?.find((i) => i.sk === 'ACCOUNT')).toMatchObject({
      gsi1pk: dueShardPk(dueShardOf('FUJ-3', t.settings.dueShards)),
      gsi1sk: `${NOW.toISOString()}#FUJ-3`,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await allItems(t);

    const again = await importText(t.store, MESSY, new Date(NOW.getTime() + 3_600_000));

    expect({ created: again.created, updated: again.updated, unchanged: again.unchanged }).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await allItems(t)).toEqual(before);
  });
});

describe('importing next to other writers', () => {
  it('keeps a contact logged between two imports and still applies the new file', async () => {
    const t = await freshTable();
    await importText(t.store, MESSY);
    await t.store.recordTouch({ accountId: 'ACME-1', at: '2026-11-20T10:00:00.000Z', kind: 'note' }, NOW);

    const second = await importText(
      t.store,
      MESSY.replaceAll('300,000', '90000').replaceAll('300000', '90000'),
    );

    const acme = await t.store.getAccountView('ACME-1');
    expect({ created: second.created, updated: second.updated, unchanged: second.unchanged }).toEqual({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    expect(acme.account).toMatchObject({
      annualRevenue: 90000,
      tier: 'growth',
      lastContactAt: '2026-11-20T10:00:00.000Z',
      lastContactKind: 'note',
      version: 3,
    });
    expect(acme.timeline.map((x) => x.at)).toEqual(['2026-11-20T10:00:00.000Z']);
  });

  it('re-reads and retries when a contact is logged while the import is writing, losing neither', async () => {
    const t = await freshTable();
    await importText(t.store, MESSY);
    let raced = false;
    const racing = hookedStore(t, async (name) => {
      if (!raced && /TransactWrite/.test(name)) {
        raced = true;
        await t.store.recordTouch({ accountId: 'ACME-1', at: '2026-11-21T09:00:00.000Z', kind: 'note' }, NOW);
      }
      return undefined;
    });
    const changed = parseImport(MESSY.replaceAll('Acme, Inc.', 'Acme Group'), 'csv', { now: NOW });

    const counts = await importRecords(racing, changed.records, { now: NOW });

    const acme = await t.store.getAccount('ACME-1');
    expect(raced).toBe(true);
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(acme).toMatchObject({
      name: 'Acme Group',
      lastContactAt: '2026-11-21T09:00:00.000Z',
      lastContactKind: 'note',
      version: 3,
    });
  });

  it('retries the items a batch write leaves unprocessed until every contact is stored', async () => {
    const t = await freshTable();
    let handedBack = 0;
    const flaky = hookedStore(t, async (name, args) => {
      if (handedBack > 0 || !/BatchWrite/.test(name)) return undefined;
      // Send only the first put and hand the rest back as DynamoDB does under load.
      const requests = args.input.RequestItems as BatchRequests;
      const [table, puts] = Object.entries(requests)[0] as [string, BatchRequests[string]];
      handedBack = puts.length - 1;
      await t.db.send(new BatchWriteCommand({ RequestItems: { [table]: puts.slice(0, 1) } }));
      return { output: { UnprocessedItems: { [table]: puts.slice(1) } }, response: {} };
    });
    const parsed = parseImport(MESSY, 'csv', { now: NOW });

    await importRecords(flaky, parsed.records, { now: NOW });

    expect(handedBack).toBeGreaterThan(0);
    expect((await t.store.getContacts('ACME-1')).map((c) => c.email)).toEqual([
      'dana@acme.example.com',
      'raj@acme.example.com',
    ]);
    expect(await t.store.listOwners()).toHaveLength(2);
  });

  it('previews what an import would change without writing anything', async () => {
    const t = await freshTable();
    const parsed = parseImport(MESSY, 'csv', { now: NOW });
    const progress: number[] = [];

    const counts = await previewImport(t.store, parsed.records, {
      now: NOW,
      onProgress: (done) => progress.push(done),
    });

    expect(counts).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(progress).toEqual([3]);
    expect(await allItems(t)).toEqual([]);
  });
});

describe('the import command', () => {
  let t: TestTable;
  let dir: string;

  beforeAll(async () => {
    t = await freshTable();
    dir = mkdtempSync(join(tmpdir(), 'ah-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => spawnCli(args, { ...tableEnv(t), AH_SETTINGS: '{}' });

  it('imports the example CSV with exit code 0, then finds the example JSON unchanged', async () => {
    const csv = await cli('import', 'examples/accounts.csv', '--json');
    const json = await cli('import', 'examples/accounts.json', '--json');

    expect(csv.code).toBe(0);
    expect(JSON.parse(csv.stdout)).toMatchObject({ created: 10, updated: 0, unchanged: 0, bad: [] });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 10, bad: [] });
  });

  it('exits with 1 on bad rows, names them, and still imports the good accounts', async () => {
    const file = join(dir, 'messy.csv');
    writeFileSync(file, MESSY);

    const dry = await cli('import', file, '--dry-run');
    const real = await cli('import', file);

    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Dry run, nothing written: would create 3, update 0, leave 0 unchanged.');
    expect(real.code).toBe(1);
    expect(real.stdout).toContain('Done: 3 created, 0 updated, 0 unchanged.');
    expect(real.stdout).toContain('warning: unknown column "notes" ignored');
    expect(real.stdout).toContain(
      '  row 5 (line 7), account FJD-2: contact_email: is not a valid email address',
    );
    expect(real.stdout).not.toContain('not-an-email');
    expect((await t.store.getAccount('ACME-1'))?.name).toBe('Acme, Inc.');
  });

  it('exits with 1 and writes nothing when the file lacks a required column', async () => {
    const file = join(dir, 'no-owner.csv');
    writeFileSync(file, 'account_id,account_name,contact_email\nZ-1,Zed,z@example.com\n');

    const r = await cli('import', file);

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the header lacks the required column owner_email. Nothing was imported.');
    expect(await t.store.getAccount('Z-1')).toBeUndefined();
  });
});

describe('absent means "not given": a later import never erases an owner\'s name or manager (#14)', () => {
  it('keeps the owner registry and the account as an earlier import left them', async () => {
    const t = await freshTable();
    const health = new HealthStore(t.db, t.runtime.tableName, t.settings);
    const full = 'account_id,account_name,owner_email,owner_name,manager_email,contact_email';
    const bare = 'account_id,account_name,owner_email,contact_email';
    await importText(
      t.store,
      `${full}\nA-1,Alpha,ana@example.com,Ana Lima,max@example.com,c@alpha.example.com\n`,
    );
    await importText(t.store, `${bare}\nB-2,Beta,Ana@Example.com,c@beta.example.com\n`);
    await importText(t.store, `${bare}\nA-1,Alpha Renamed,ana@example.com,c@alpha.example.com\n`);

    expect(await health.getOwner('ana@example.com')).toMatchObject({
      name: 'Ana Lima',
      managerEmail: 'max@example.com',
    });
    expect(await t.store.getAccount('A-1')).toMatchObject({
      name: 'Alpha Renamed',
      ownerName: 'Ana Lima',
      managerEmail: 'max@example.com',
    });

    // A new value given is taken.
    await importText(
      t.store,
      `${full}\nB-2,Beta,ana@example.com,Ana L.,sue@example.com,c@beta.example.com\n`,
    );
    expect(await health.getOwner('ana@example.com')).toMatchObject({
      name: 'Ana L.',
      managerEmail: 'sue@example.com',
    });
  });
});

describe('the owner registry in a large import', () => {
  it('writes each owner once across chunks imported at the same time, keeping what any row says', async () => {
    const t = await freshTable();
    const health = new HealthStore(t.db, t.runtime.tableName, t.settings);
    let ownerWrites = 0;
    t.db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand') ownerWrites++;
        return next(args);
      },
      { step: 'initialize', name: 'countOwnerWrites' },
    );
    // 300 accounts, three chunks of 100 written at once, two owners on every chunk; only the
    // last chunk names Ben's manager.
    const rows = Array.from({ length: 300 }, (_, i) => {
      const owner =
        i % 2 === 0
          ? 'ana@example.com,Ana Lima,'
          : `ben@example.com,Ben Ode,${i >= 200 ? 'max@example.com' : ''}`;
      return `L-${i},Large ${i},${owner},c${i}@large.example.com`;
    });

    const counts = await importText(
      t.store,
      `account_id,account_name,owner_email,owner_name,manager_email,contact_email\n${rows.join('\n')}\n`,
    );

    expect(counts.created).toBe(300);
    // Ana once; Ben once, and once more for the manager the last chunk adds unless that chunk's
    // rows reach the registry first (chunks run at once): never once per chunk (6) as before.
    expect(ownerWrites).toBeGreaterThanOrEqual(2);
    expect(ownerWrites).toBeLessThanOrEqual(3);
    expect(await health.getOwner('ana@example.com')).toMatchObject({ name: 'Ana Lima' });
    expect(await health.getOwner('ben@example.com')).toMatchObject({
      name: 'Ben Ode',
      managerEmail: 'max@example.com',
    });
  });
});

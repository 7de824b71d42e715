import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { contact, DAY, importRecord } from '../support/builders.ts';
import { spawnCli } from '../support/cli.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

/**
 * The CLI killed with SIGKILL while SES hangs (an endpoint that accepts connections and never
 * answers), once its claims are in the ledger: later runs, on a working SES and a clock past the
 * lease, send every email exactly once. Waits by polling the ledger, never by sleeping a guess.
 */

// A Wednesday, 10:00 UTC: inside business hours.
const NOW = Date.parse('2026-11-18T10:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MINUTE = 60_000;

let t: TestTable;
let hanging: Server;
let hangingUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestTable('send-crash-cli');
  hanging = createServer((socket) => {
    sockets.push(socket); // accepted, never answered
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const address = hanging.address();
  hangingUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => hanging?.close(resolve));
  await t?.drop();
});

const env = (ses: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AH_DDB_ENDPOINT: t.runtime.ddbEndpoint,
  AH_SES_ENDPOINT: ses,
  AH_TABLE_NAME: t.runtime.tableName,
  AH_SETTINGS: '{}',
});

/** The ledger's items for accounts whose id starts with `prefix`. */
async function ledger(prefix: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await t.db.send(
      new ScanCommand({
        TableName: t.runtime.tableName,
        FilterExpression: 'entity = :send AND begins_with(accountId, :p)',
        ExpressionAttributeValues: { ':send': 'send', ':p': prefix },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Starts the CLI and kills it with SIGKILL as soon as the ledger holds a claim of `prefix`. */
async function killOnceClaimed(args: string[], prefix: string) {
  const child: ChildProcess = spawn(process.execPath, ['bin/account-health.mjs', ...args], {
    env: env(hangingUrl),
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  let claims: Record<string, unknown>[] = [];
  while (!gone) {
    claims = (await ledger(prefix)).filter((i) => i.status === 'claimed');
    if (claims.length > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(gone, 'the CLI exited before it claimed anything').toBe(false);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return claims;
}

const countPer = (to: string[]) => {
  const counts = new Map<string, number>();
  for (const a of to) counts.set(a, (counts.get(a) ?? 0) + 1);
  return counts;
};

describe('run scan killed while SES hangs', { timeout: 300_000 }, () => {
  const DOMAIN = '@scan-kill.test';
  const ACCOUNTS = 200;

  beforeAll(async () => {
    await importRecords(
      t.store,
      Array.from({ length: ACCOUNTS }, (_, i) => {
        const id = `K${String(i).padStart(3, '0')}`;
        return importRecord(id, {
          profile: { annualRevenue: 500_000, timeZone: 'UTC' },
          contacts: [contact(id, `${id.toLowerCase()}${DOMAIN}`, { name: `Ana ${id}`, primary: true })],
          lastContactAt: new Date(NOW - 70 * DAY).toISOString(),
        });
      }),
      { now: new Date(NOW - DAY) },
    );
  });

  it('later ticks, past the lease, send every account exactly once', async () => {
    const stranded = await killOnceClaimed(['run', 'scan', '--now', at(0)], 'K');
    expect(stranded.length).toBeGreaterThan(0);
    expect(await emailsTo(DOMAIN)).toHaveLength(0);

    // The scan's lease is its timeout (900 s) and a minute: the next tick after it takes the claims over.
    const next = await spawnCli(['run', 'scan', '--now', at(17 * MINUTE)], env(t.runtime.sesEndpoint ?? ''));
    expect(next.code, next.stderr).toBe(0);
    const after = await spawnCli(['run', 'scan', '--now', at(40 * MINUTE)], env(t.runtime.sesEndpoint ?? ''));
    expect(after.code, after.stderr).toBe(0);

    const counts = countPer((await emailsTo(DOMAIN)).flatMap((e) => e.destination.to));
    expect(counts.size).toBe(ACCOUNTS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const left = (await ledger('K')).filter((i) => i.status !== 'sent');
    expect(left).toEqual([]);
    // No account was deferred by the budget its own stranded claim spent.
    const deferred = (await Promise.all(stranded.map((c) => t.store.getAccount(String(c.accountId))))).filter(
      (a) => a?.deferReason,
    );
    expect(deferred).toEqual([]);
  });
});

describe('a complaint alert cut off by SIGKILL', { timeout: 300_000 }, () => {
  const OWNER = 'olga@complaint-kill.test';
  const complaint = JSON.stringify({
    account_id: 'CK-1',
    complaint_id: 'CASE-1',
    at: '2026-11-18T09:00:00Z',
    summary: 'Invoices wrong twice',
    severity: 'high',
  });

  beforeAll(async () => {
    await importRecords(
      t.store,
      [
        importRecord('CK-1', {
          profile: { ownerEmail: OWNER, ownerName: 'Olga', timeZone: 'UTC' },
          contacts: [contact('CK-1', 'ana@ck-1.test')],
          lastContactAt: new Date(NOW - 5 * DAY).toISOString(),
        }),
      ],
      { now: new Date(NOW - DAY) },
    );
  });

  it('fails a redelivery inside the lease, and mails the owner exactly once after it', async () => {
    const claims = await killOnceClaimed(
      ['send-event', 'Complaint Filed', complaint, '--now', at(0)],
      'CK-1',
    );
    expect(claims.map((c) => c.kind)).toEqual(['owner-alert']);

    const ses = env(t.runtime.sesEndpoint ?? '');
    const inside = await spawnCli(
      ['send-event', 'Complaint Filed', complaint, '--json', '--now', at(MINUTE)],
      ses,
    );
    expect(inside.code).not.toBe(0);
    expect(inside.stdout).not.toMatch(/"status":\s*"(unchanged|applied)"/);
    expect(await emailsTo('@complaint-kill.test')).toHaveLength(0);

    // Alerts hold their claim for the longest alerting job's timeout (escalate, 300 s) and a minute.
    const after = await spawnCli(['send-event', 'Complaint Filed', complaint, '--now', at(7 * MINUTE)], ses);
    expect(after.code, after.stderr).toBe(0);
    const again = await spawnCli(['send-event', 'Complaint Filed', complaint, '--now', at(8 * MINUTE)], ses);
    expect(again.code, again.stderr).toBe(0);

    const mail = await emailsTo('@complaint-kill.test');
    expect(mail.map((e) => e.destination.to)).toEqual([[OWNER]]);
    expect((await ledger('CK-1')).map((i) => i.status)).toEqual(['sent']);
  });
});

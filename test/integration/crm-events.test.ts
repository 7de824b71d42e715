import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.ts';
import { accountPk } from '../../functions/adapters/dynamodb/keys.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { parseImport } from '../../functions/core/import/parse-import.ts';
import { processCrmEvent } from '../../functions/handlers/crm-events.handler.ts';
import { type CrmEventWiring, createCrmEventDeps } from '../../functions/handlers/wiring/crm-events.ts';
import { eventEnvelope } from '../support/builders.ts';
import { runCli, tableEnv } from '../support/cli.ts';
import { injectFault } from '../support/faults.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

const NOW = new Date('2026-11-22T12:00:00.000Z');

let t: TestTable;
let deps: CrmEventWiring;
let seq = 0;
const bus = new RecordingPublisher();
const OWNER_DOMAIN = 'crm-events.test';
/** The alert path sends from the sender and links to the public base, as deployed. */
const runtimeOf = (table: TestTable) => ({
  ...table.runtime,
  sender: 'checkins@account-health.localhost',
  publicBaseUrl: 'http://localhost:3000',
});

const envelope = (detailType: string, detail: unknown, over: Record<string, unknown> = {}) =>
  eventEnvelope('crm', detailType, detail, { id: `evt-${++seq}`, ...over });

const ACCOUNT = {
  account_id: 'ACME-1',
  account_name: 'Acme, Inc.',
  owner_email: 'maria.santos@crm-events.test',
  owner_name: 'Maria Santos',
  annual_revenue: 300000,
  products: 'Fleet;Port Sync',
  timezone: 'America/Chicago',
  last_contact_at: '2026-10-01',
  contacts: [
    { contact_email: 'dana@acme.example.com', contact_name: 'Dana Whitfield', contact_primary: true },
    { contact_email: 'raj@acme.example.com', contact_name: 'Raj Patel' },
  ],
};
const ACCOUNT_CSV = [
  'account_id,account_name,owner_email,owner_name,annual_revenue,products,timezone,last_contact_at,contact_email,contact_name,contact_primary',
  'ACME-1,"Acme, Inc.",maria.santos@crm-events.test,Maria Santos,300000,Fleet;Port Sync,America/Chicago,2026-10-01,dana@acme.example.com,Dana Whitfield,true',
  'ACME-1,"Acme, Inc.",maria.santos@crm-events.test,Maria Santos,300000,Fleet;Port Sync,America/Chicago,2026-10-01,raj@acme.example.com,Raj Patel,',
].join('\n');

async function partition(table: TestTable, pk: string): Promise<Record<string, unknown>[]> {
  const r = await table.db.send(
    new QueryCommand({
      TableName: table.runtime.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return r.Items ?? [];
}

const send = (detailType: string, detail: unknown, over: Record<string, unknown> = {}, now = NOW) =>
  processCrmEvent(envelope(detailType, detail, over), deps, now);

const cli = (...args: string[]) => runCli(args, tableEnv(t));

beforeAll(async () => {
  t = await createTestTable('crm-events');
  deps = createCrmEventDeps(runtimeOf(t), t.settings, { db: t.db, events: bus });
});

afterAll(async () => {
  await t.drop();
});

describe('Account Upserted', () => {
  it('creates the account and its contacts exactly as importing the CSV rows does', async () => {
    const outcome = await send('Account Upserted', ACCOUNT);
    expect(outcome).toMatchObject({ status: 'applied', result: 'created', accountId: 'ACME-1' });

    const other = await createTestTable('crm-events-csv');
    try {
      await importRecords(other.store, parseImport(ACCOUNT_CSV, 'csv', { now: NOW }).records, { now: NOW });
      const viaEvent = await t.store.getAccountView('ACME-1');
      const viaCsv = await other.store.getAccountView('ACME-1');
      expect(viaEvent.account).toEqual(viaCsv.account);
      expect(viaEvent.contacts).toEqual(viaCsv.contacts);
      expect(viaEvent.account).toMatchObject({ tier: 'key', lastContactAt: '2026-10-01T00:00:00.000Z' });
    } finally {
      await other.drop();
    }
  });

  it('changes nothing when the same event is delivered again', async () => {
    const before = await partition(t, accountPk('ACME-1'));
    const outcome = await send('Account Upserted', ACCOUNT, {}, new Date(NOW.getTime() + 60_000));
    expect(outcome).toMatchObject({ status: 'unchanged', result: 'unchanged' });
    expect(await partition(t, accountPk('ACME-1'))).toEqual(before);
  });

  it('updates the account when the CRM changes it', async () => {
    const outcome = await send('Account Upserted', { ...ACCOUNT, account_name: 'Acme Logistics' });
    expect(outcome).toMatchObject({ status: 'applied', result: 'updated' });
    expect((await t.store.getAccount('ACME-1'))?.name).toBe('Acme Logistics');
    await send('Account Upserted', ACCOUNT);
  });

  it('writes nothing of an event whose second contact is invalid (no half-apply)', async () => {
    const bad = {
      ...ACCOUNT,
      account_id: 'HALF-1',
      contacts: [ACCOUNT.contacts[0], { contact_email: 'not-an-email' }],
    };
    const outcome = await send('Account Upserted', bad);
    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: 'detail.contacts[1]: contact_email: is not a valid email address',
    });
    expect(await partition(t, accountPk('HALF-1'))).toEqual([]);

    // On an existing account too: the good first part (a new name, a new contact) is not written.
    const before = await partition(t, accountPk('ACME-1'));
    const update = {
      ...ACCOUNT,
      account_name: 'Renamed',
      contacts: [
        { contact_email: 'new@acme.example.com' },
        { contact_email: 'x@acme.example.com', contact_birthday: '13-45' },
      ],
    };
    expect((await send('Account Upserted', update)).status).toBe('rejected');
    expect(await partition(t, accountPk('ACME-1'))).toEqual(before);
  });
});

describe('Contact Logged', () => {
  it('moves the last contact and puts a CRM touch on the timeline', async () => {
    const outcome = await send('Contact Logged', {
      account_id: 'ACME-1',
      at: '2026-11-20T15:30:00Z',
      channel: 'call',
      note: 'Renewal',
    });
    expect(outcome).toMatchObject({ status: 'applied', accountId: 'ACME-1' });
    const view = await t.store.getAccountView('ACME-1');
    expect(view.account).toMatchObject({ lastContactAt: '2026-11-20T15:30:00.000Z', lastContactKind: 'crm' });
    expect(view.timeline).toEqual([
      {
        accountId: 'ACME-1',
        at: '2026-11-20T15:30:00.000Z',
        kind: 'crm',
        note: 'call: Renewal',
        source: 'crm',
      },
    ]);
  });

  it('does not log the same contact twice when the event is delivered again', async () => {
    const outcome = await send('Contact Logged', { account_id: 'ACME-1', at: '2026-11-20T10:30:00-05:00' });
    expect(outcome.status).toBe('unchanged');
    expect((await t.store.getAccountView('ACME-1')).timeline).toHaveLength(1);
  });
});

describe('Complaint Filed', () => {
  const complaint = {
    account_id: 'ACME-1',
    complaint_id: 'CASE-77',
    at: '2026-11-21T16:00:00Z',
    summary: 'Deliveries <b>late</b> three weeks running.',
    severity: 'high',
    product: 'Fleet',
  };

  it('records a negative signal: the account is at risk, the owner alerted once, Account At Risk emitted', async () => {
    const outcome = await send('Complaint Filed', complaint);
    expect(outcome).toMatchObject({ status: 'applied', accountId: 'ACME-1' });

    const account = await t.store.getAccount('ACME-1');
    expect(account?.risk?.reasons.length).toBeGreaterThan(0);
    expect(account?.risk?.since).toBe(NOW.toISOString());
    const atRisk = bus.events.filter((e) => e.detailType === 'Account At Risk');
    expect(atRisk).toHaveLength(1);
    expect(atRisk[0]?.detail).toMatchObject({ accountId: 'ACME-1', kind: 'complaint', source: 'crm' });
    // Events carry ids, never the customer's words.
    expect(JSON.stringify(atRisk[0]?.detail)).not.toContain('Deliveries');
    expect(await emailsTo(OWNER_DOMAIN)).toHaveLength(1);
  });

  it('does not apply the same complaint twice when it is delivered again', async () => {
    const before = await t.store.getAccount('ACME-1');
    const outcome = await send('Complaint Filed', complaint, {}, new Date(NOW.getTime() + 60_000));
    expect(outcome.status).toBe('unchanged');
    expect((await t.store.getAccount('ACME-1'))?.risk).toEqual(before?.risk);
    expect(await emailsTo(OWNER_DOMAIN)).toHaveLength(1);
  });

  it('refuses a repeated complaint_id with a corrected summary into the dead letters, changing nothing', async () => {
    const before = await t.store.getAccountView('ACME-1');
    const events = bus.events.length;
    const corrected = { ...complaint, summary: 'Deliveries late four weeks running.' };
    const outcome = await send('Complaint Filed', corrected, { id: 'evt-corrected' });
    expect(outcome.status).toBe('rejected');
    expect(outcome.reason).toMatch(/^complaint_id "CASE-77" was already filed with another summary or time/);
    expect(outcome.reason).not.toContain('Deliveries');
    expect(await t.store.getAccountView('ACME-1')).toEqual(before);
    expect(bus.events).toHaveLength(events);
    expect(await emailsTo(OWNER_DOMAIN)).toHaveLength(1);
    const letters = await deps.deadLetters.list({ now: NOW });
    expect(letters.find((l) => l.eventId === 'evt-corrected')).toMatchObject({
      detailType: 'Complaint Filed',
    });
  });

  it('dead-letters a complaint about an unknown account', async () => {
    const outcome = await send('Complaint Filed', { ...complaint, account_id: 'NOPE-1' });
    expect(outcome).toMatchObject({ status: 'rejected', accountId: 'NOPE-1' });
    expect(outcome.reason).toMatch(/^account_id: no account "NOPE-1"/);
  });
});

describe('malformed events', () => {
  const cases: [string, ReturnType<typeof envelope>, RegExp][] = [
    ['missing fields', envelope('Contact Logged', { note: 'hi' }), /detail\.account_id: is missing/],
    [
      'a bad email',
      envelope('Account Upserted', { ...ACCOUNT, account_id: 'BAD-1', owner_email: 'nope' }),
      /owner_email: is not a valid email/,
    ],
    [
      'a bad date',
      envelope('Contact Logged', { account_id: 'ACME-1', at: '2026-13-01' }),
      /detail\.at: "2026-13-01" is not an ISO date/,
    ],
    [
      'an unknown account',
      envelope('Contact Logged', { account_id: 'NOPE-9', at: '2026-11-20' }),
      /no account "NOPE-9"/,
    ],
    [
      'wrong types',
      envelope('Account Upserted', { ...ACCOUNT, account_id: 'BAD-2', strategic: { yes: true } }),
      /strategic: expected text/,
    ],
    [
      'a huge payload',
      envelope('Contact Logged', { account_id: 'ACME-1', at: '2026-11-20', note: 'x'.repeat(300_000) }),
      /over the 262144 bytes/,
    ],
    ['a detail that is not JSON', envelope('Contact Logged', '{"account_id": '), /^detail is not JSON$/],
  ];

  it.each(cases)('dead-letters %s, applies nothing and does not throw', async (_name, event, reason) => {
    const before = await t.store.getAccountView('ACME-1');
    const outcome = await processCrmEvent(event, deps, NOW);
    expect(outcome.status).toBe('rejected');
    expect(outcome.reason).toMatch(reason);
    expect(await t.store.getAccountView('ACME-1')).toEqual(before);
    expect(await t.store.getAccount('BAD-1')).toBeUndefined();
    expect(await t.store.getAccount('BAD-2')).toBeUndefined();
    const letters = await deps.deadLetters.list({ now: NOW });
    expect(letters.find((l) => l.eventId === event.id)).toMatchObject({
      eventId: event.id,
      detailType: event['detail-type'],
      receivedAt: NOW.toISOString(),
    });
  });

  it('keeps only the start of a huge raw event', async () => {
    const letters = await deps.deadLetters.list({ now: NOW });
    const huge = letters.find((l) => /262144/.test(l.reason));
    expect(huge).toMatchObject({ rawTruncated: true, accountId: 'ACME-1' });
    expect(Buffer.byteLength(huge?.raw ?? '')).toBeLessThanOrEqual(16 * 1024);
    expect(huge?.rawBytes).toBeGreaterThan(300_000);
  });

  it('lists them with `dead-letters`, reason included, as text and JSON', async () => {
    const json = await cli('dead-letters', '--json');
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.out) as { eventId: string; reason: string; detailType: string }[];
    const ids = listed.map((l) => l.eventId);
    for (const [, event] of cases) expect(ids).toContain(event.id);
    expect(listed.map((l) => l.reason)).toContain('detail is not JSON');

    const text = await cli('dead-letters');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /2026-11-22 12:00:00 {2}Contact Logged {2}\(event evt-\d+, account NOPE-9, source crm\)\n {2}account_id: no account "NOPE-9"/,
    );
    expect(text.out).toContain(`${listed.length} refused events`);
    // No email address of the refused events is printed in the listing.
    expect(text.out).not.toMatch(/@/);

    expect(JSON.parse((await cli('dead-letters', '--since', '2026-11-23', '--json')).out)).toEqual([]);
    expect((await cli('dead-letters', '--since', 'soon')).code).toBe(2);
  });

  it('rethrows a throttled write so Lambda retries it, and dead-letters nothing', async () => {
    const db = createDocumentClient(t.runtime);
    injectFault(
      db,
      (name) => /^TransactWrite/.test(name),
      () => {
        const e = new Error('Rate exceeded (injected)');
        e.name = 'ThrottlingException';
        return e;
      },
    );
    const throttled = createCrmEventDeps(runtimeOf(t), t.settings, {
      db,
      events: new RecordingPublisher(),
    });
    const before = (await deps.deadLetters.list({ now: NOW })).length;
    const event = envelope('Contact Logged', { account_id: 'ACME-1', at: '2026-11-21T09:00:00Z' });
    await expect(processCrmEvent(event, throttled, NOW)).rejects.toThrow(/Rate exceeded/);
    expect((await deps.deadLetters.list({ now: NOW })).length).toBe(before);
    expect((await t.store.getAccount('ACME-1'))?.lastContactAt).toBe('2026-11-20T15:30:00.000Z');
  });
});

describe('account-health send-event', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-events-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts an event on the local bus and prints what the consumer did', async () => {
    const file = join(dir, 'contact.json');
    writeFileSync(file, JSON.stringify({ account_id: 'ACME-1', at: new Date().toISOString().slice(0, 10) }));
    const r = await cli('send-event', 'Contact Logged', `@${file}`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Contact Logged \(event [0-9a-f-]{36}, account ACME-1\) -> crm-events: applied\n$/,
    );
  });

  it('exits 1 with the reason when the event is refused, and the dead letter is listed', async () => {
    const r = await cli('send-event', 'Complaint Filed', '{"account_id": "ACME-1"}', '--json');
    expect(r.code).toBe(1);
    const outcome = JSON.parse(r.out);
    expect(outcome).toMatchObject({ status: 'rejected', detailType: 'Complaint Filed' });
    expect(outcome.reason).toContain('detail.complaint_id: is missing (required)');
    const listed = JSON.parse((await cli('dead-letters', '--json')).out) as { eventId: string }[];
    expect(listed.map((l) => l.eventId)).toContain(outcome.eventId);
  });

  it('refuses text that is not JSON, as PutEvents does, and says when no rule matches', async () => {
    const notJson = await cli('send-event', 'Contact Logged', '{oops');
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/the detail is not JSON/);
    const noRule = await cli('send-event', 'Deal Won', '{}');
    expect(noRule.code).toBe(1);
    expect(noRule.err).toMatch(/No rule matches source "crm" and detail-type "Deal Won"/);
  });
});

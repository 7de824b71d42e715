import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createScanDeps, type ScanWiring } from '../../functions/handlers/wiring/outreach.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, header } from '../support/ses-inbox.ts';

// Tuesday 24 November 2026: the contacts' birthday.
const ON_THE_DAY = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00.000Z`);
const IMPORTED = new Date('2026-11-19T12:00:00.000Z');
const DOMAIN = '@touches-contacts.test';

const record = (id: string, local: string, birthday = '11-24') =>
  importRecord(id, {
    profile: { ownerEmail: 'olivia@touches-owners.test', annualRevenue: 60_000 },
    contacts: [
      contact(id, `${local}${DOMAIN}`, {
        name: `${local[0]?.toUpperCase()}${local.slice(1)} Lima`,
        birthday,
      }),
    ],
    // Contacted recently: no check-in or survey is due, only the birthday.
    lastContactAt: daysBefore(IMPORTED, 1),
  });

describe('birthday greetings', () => {
  let t: TestTable;
  let wiring: ScanWiring;

  beforeAll(async () => {
    t = await createTestTable('touches');
    await importRecords(t.store, [record('BDAY1', 'ana'), record('BDAY2', 'bea'), record('BDAY3', 'cleo')], {
      now: IMPORTED,
    });
    const addresses = new AddressStore(t.db, t.runtime.tableName);
    await addresses.optOut(`cleo${DOMAIN}`, IMPORTED);
    const ses = createSesClient('us-east-1', t.runtime.sesEndpoint);
    const mailer = new SesMailer(ses, { sender: 'hello@sender.test', maxPerSecond: 1000, baseDelayMs: 1 });
    const runtime = { ...t.runtime, sender: 'hello@sender.test', publicBaseUrl: 'http://links.test' };
    wiring = createScanDeps(runtime, t.settings, {
      db: t.db,
      mailer,
      events: new RecordingPublisher(),
    });
    // Bea heard from us two days before her birthday: the fatigue budget (7 days) holds the greeting back.
    const claim = await wiring.ledger.claim(
      { accountId: 'BDAY2', kind: 'check-in', cycle: 'earlier' },
      new Date(ON_THE_DAY('10:00').getTime() - 2 * DAY),
      60_000,
      `bea${DOMAIN}`,
      { recipient: `bea${DOMAIN}`, messageCutoff: new Date(0) },
    );
    expect(claim.outcome).toBe('claimed');
  });
  afterAll(async () => t?.drop());

  it('waits in the due index until the day, and sends nothing before business hours', async () => {
    const before = await runScan({ scheduledTime: ON_THE_DAY('08:30').toISOString() }, wiring);
    expect(before.touches).toEqual({ sent: 0, skipped: 0 });
    expect(await emailsTo(DOMAIN)).toHaveLength(0);
  });

  it('greets on the day in business hours, except the fatigued and the unsubscribed', async () => {
    const report = await runScan({ scheduledTime: ON_THE_DAY('10:00').toISOString() }, wiring);

    expect(report.touches).toEqual({ sent: 1, skipped: 2 });
    const mail = await emailsTo(DOMAIN);
    expect(mail.map((m) => m.destination.to[0])).toEqual([`ana${DOMAIN}`]);
    expect(mail[0]?.subject).toBe('Happy birthday, Ana!');
    expect(mail[0]?.from).toBe('"Olivia Owner" <hello@sender.test>');
    expect(mail[0]?.body.text).toContain('Company BDAY1');
    expect(header(mail[0] as never, 'List-Unsubscribe')).toMatch(/^<http:\/\/links\.test\/u\//);
  });

  it('never greets twice, and waits for next year', async () => {
    const again = await runScan({ scheduledTime: ON_THE_DAY('11:00').toISOString() }, wiring);

    expect(again.touches).toEqual({ sent: 0, skipped: 0 });
    expect(await emailsTo(DOMAIN)).toHaveLength(1);
    const r = await t.db.send(
      new QueryCommand({
        TableName: t.runtime.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': 'ACCT#BDAY1', ':s': 'TOUCHDATE#birthday' },
      }),
    );
    expect(r.Items?.[0]?.dueAt).toBe('2027-11-24T09:00:00.000Z');
  });
});

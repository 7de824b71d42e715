import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { parseImport } from '../../functions/core/import/parse-import.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createScanDeps } from '../../functions/handlers/wiring/outreach.ts';
import { httpEvent } from '../support/http-event.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, type StoredEmail } from '../support/ses-inbox.ts';

// A Wednesday, 10:00 UTC: inside business hours for the UTC accounts below.
const NOW = new Date('2026-11-18T10:00:00.000Z');
const DOMAIN = '@languages.test';
const CSV = [
  'account_id,account_name,owner_email,owner_name,annual_revenue,timezone,products,last_contact_at,contact_email,contact_name,contact_language',
  // A key account (check-in) and a growth account (NPS survey), both with German contacts.
  `L-1,Müller Logistik GmbH,jonas@vendor.example,Jonas Weber,300000,UTC,Ledger,2026-09-01,anja.l1${DOMAIN},Anja Krüger,de`,
  `L-2,Isar Energie AG,jonas@vendor.example,Jonas Weber,60000,UTC,Ledger,2026-09-01,lukas.l2${DOMAIN},Lukas Bäcker,de-AT`,
  // No language given: the default, English.
  `L-3,Harbor Foods Inc.,maya@vendor.example,Maya Chen,300000,UTC,Ledger,2026-09-01,amy.l3${DOMAIN},Amy Jones,`,
].join('\n');

describe('languages: an imported contact_language reaches the email and the page', () => {
  let t: TestTable;
  let mail: StoredEmail[];

  beforeAll(async () => {
    t = await createTestTable('languages', { company: { name: 'Northwind' } });
    const parsed = parseImport(CSV, 'csv', { now: NOW });
    expect(parsed.bad).toEqual([]);
    await importRecords(t.store, parsed.records, { now: NOW });
    const mailer = new SesMailer(createSesClient('us-east-1', t.runtime.sesEndpoint), {
      sender: 'checkins@sender.test',
      maxPerSecond: 1000,
      baseDelayMs: 1,
    });
    const runtime = { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: 'http://links.test' };
    const wiring = createScanDeps(runtime, t.settings, {
      db: t.db,
      mailer,
      events: new RecordingPublisher(),
    });
    await runScan({ scheduledTime: NOW.toISOString() }, wiring);
    mail = await emailsTo(DOMAIN);
  });
  afterAll(() => t?.drop());

  const to = (local: string) => {
    const m = mail.find((e) => e.destination.to.some((a) => a.startsWith(local)));
    if (!m) throw new Error(`no email to ${local}; got ${mail.map((e) => e.destination.to).join(', ')}`);
    return m;
  };

  it('sends the German contact of a key account a German check-in through SES', () => {
    const m = to('anja.l1');
    expect(m.body.html).toMatch(/<html lang="de" dir="ltr">/);
    expect(m.body.text).toMatch(/^Hallo \u2068Anja\u2069,/);
    expect(m.body.text).toContain('Viele Grüße');
    expect(m.body.text).toContain('Abmelden');
  });

  it('sends a de-AT contact a German survey, and its page is German, asking the same question', async () => {
    const m = to('lukas.l2');
    expect(m.subject).toBe(
      'Wie wahrscheinlich ist es, dass Sie Ledger einem Freund oder Kollegen empfehlen?',
    );
    expect(m.body.html).toMatch(/<html lang="de" dir="ltr">/);
    const token = /http:\/\/links\.test\/s\/([A-Za-z0-9_-]+)/.exec(m.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    const route = createRouteHttp({
      surveys: new SurveyStore(t.db, t.runtime.tableName),
      accounts: t.store,
      addresses: new AddressStore(t.db, t.runtime.tableName),
      events: new RecordingPublisher(),
      clock: () => NOW,
      publicBaseUrl: 'http://links.test',
      voice: t.settings,
    });
    const page = await route(httpEvent({ url: `/s/${token}?score=9` }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<html lang="de" dir="ltr">/);
    expect(page.body).toContain(
      '<legend>Wie wahrscheinlich ist es, dass Sie <bdi>Ledger</bdi> einem Freund oder Kollegen empfehlen?</legend>',
    );
    expect(page.body).toContain('nur Mitarbeitende von <bdi>Northwind</bdi>');
    const unsubscribe = /http:\/\/links\.test\/u\/([A-Za-z0-9_-]+)/.exec(m.body.text ?? '')?.[1];
    const confirm = await route(httpEvent({ url: `/u/${unsubscribe}` }));
    expect(confirm.body).toMatch(/<html lang="de" dir="ltr">/);
    // A survey's own link stops surveys only, and its page says so in German.
    expect(confirm.body).toContain('<h1>Umfragen abbestellen?</h1>');
  });

  it('writes to a contact without a language in the default, English', () => {
    const m = to('amy.l3');
    expect(m.body.html).toMatch(/<html lang="en" dir="ltr">/);
    expect(m.body.text).toMatch(/^Hi \u2068Amy\u2069,/);
  });
});

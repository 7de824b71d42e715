import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { ActionLinks } from '../../functions/adapters/dynamodb/action-links.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { runDigest } from '../../functions/handlers/digest.handler.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createDigestDeps } from '../../functions/handlers/wiring/digest.ts';
import { createScanDeps } from '../../functions/handlers/wiring/outreach.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { formPost, httpEvent } from '../support/http-event.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, type StoredEmail } from '../support/ses-inbox.ts';

/**
 * The one-click owner actions of the quarterly-review reminder and the digest, end to end on
 * DynamoDB Local and SES local: the link is minted into the email, a GET only confirms, the POST
 * logs the contact, and the timeline says which email the click came from.
 */

const BASE = 'http://links.test';
// Tuesday 24 November 2026, 10:00 UTC: a quarter on from 24 August, inside business hours.
const REVIEW_DAY = new Date('2026-11-24T10:00:00.000Z');
// Monday 23 November 2026, 09:00 UTC: after the default digest time (Monday 08:00).
const DIGEST_TIME = new Date('2026-11-23T09:00:00.000Z');
const IMPORTED = new Date('2026-11-19T12:00:00.000Z');

const linkIn = (mail: StoredEmail | undefined, label: string): string => {
  const html = mail?.body.html ?? '';
  // The button's href is the link just before its label.
  const at = html.indexOf(`>${label}<`);
  const href = [...html.slice(0, at).matchAll(/href="(http:\/\/links\.test\/a\/[^"]+)"/g)].at(-1)?.[1];
  if (at < 0 || !href) throw new Error(`no "${label}" link in ${mail?.subject ?? 'no email'}`);
  return href.replace(BASE, '');
};

describe('owner action links say where the click came from', () => {
  let t: TestTable;
  let clock = REVIEW_DAY;
  let http: ReturnType<typeof createRouteHttp>;
  let mailer: SesMailer;
  let links: ActionLinks;

  beforeAll(async () => {
    t = await createTestTable('owner-action-origin');
    mailer = new SesMailer(createSesClient('us-east-1', t.runtime.sesEndpoint), {
      sender: 'hello@sender.test',
      maxPerSecond: 1000,
      baseDelayMs: 1,
    });
    links = new ActionLinks(t.db, t.runtime.tableName, BASE);
    http = createRouteHttp({
      surveys: new SurveyStore(t.db, t.runtime.tableName),
      accounts: t.store,
      addresses: new AddressStore(t.db, t.runtime.tableName),
      events: new RecordingPublisher(),
      clock: () => clock,
      publicBaseUrl: BASE,
      actionLinks: links,
    });
  });
  afterAll(async () => t?.drop());

  it('offers "Mark review held" in the quarterly-review reminder: GET confirms, POST logs the review', async () => {
    const owner = 'rita@review-owners.test';
    await importRecords(
      t.store,
      [
        importRecord('QBR1', {
          profile: { ownerEmail: owner, ownerName: 'Rita Reyes', customerSince: '2024-08-24' },
          contacts: [contact('QBR1', 'ana@qbr1.review-contacts.test', { name: 'Ana Lima' })],
          // In touch recently: only the review reminder is due.
          lastContactAt: daysBefore(IMPORTED, 2),
        }),
      ],
      { now: IMPORTED },
    );
    const runtime = { ...t.runtime, sender: 'hello@sender.test', publicBaseUrl: BASE };
    const scan = createScanDeps(runtime, t.settings, { db: t.db, mailer, events: new RecordingPublisher() });
    clock = REVIEW_DAY;

    const report = await runScan({ scheduledTime: REVIEW_DAY.toISOString() }, scan);

    expect(report.touches.sent).toBe(1);
    const [reminder, ...more] = await emailsTo('@review-owners.test');
    expect(more).toHaveLength(0);
    expect(reminder?.subject).toBe('Quarterly review due: Company QBR1');
    expect(reminder?.body.html).not.toContain('npx account-health');
    expect(reminder?.body.text).toMatch(/Mark review held: http:\/\/links\.test\/a\//);
    const url = linkIn(reminder, 'Mark review held');

    clock = new Date(REVIEW_DAY.getTime() + 2 * DAY);
    const page = await http(httpEvent({ url }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mark review held');
    const untouched = await t.store.getAccount('QBR1');
    expect(untouched?.lastContactAt).toBe(daysBefore(IMPORTED, 2));

    const done = await http(formPost(url, {}));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('The quarterly review with Company QBR1 is logged as held today.');
    const view = await t.store.getAccountView('QBR1');
    expect(view.account.lastContactAt).toBe(clock.toISOString());
    expect(view.timeline[0]).toMatchObject({
      kind: 'note',
      source: 'owner-action',
      note: 'Quarterly review held (marked from the quarterly review reminder)',
    });
    expect((await http(formPost(url, {}))).body).toContain('used already');
  });

  it('logs a digest click as "Marked contacted from the digest"', async () => {
    const owner = 'dora@digest-origin-owners.test';
    await importRecords(
      t.store,
      [
        importRecord('DIG1', {
          profile: { ownerEmail: owner, ownerName: 'Dora Dias' },
          contacts: [contact('DIG1', 'ana@dig1.digest-origin-contacts.test', { name: 'Ana Dig' })],
          // A key account (cadence 30 days) not heard from in 50 days: overdue in the digest.
          lastContactAt: daysBefore(DIGEST_TIME, 50),
        }),
      ],
      { now: new Date(DIGEST_TIME.getTime() - 2 * DAY) },
    );
    const runtime = { ...t.runtime, sender: 'hello@sender.test', publicBaseUrl: BASE };
    const digest = createDigestDeps(runtime, t.settings, {
      db: t.db,
      mailer,
      events: new RecordingPublisher(),
      actionLinks: links,
    });
    clock = DIGEST_TIME;

    await runDigest({ scheduledTime: DIGEST_TIME.toISOString(), owner }, digest);

    const [mail] = await emailsTo('@digest-origin-owners.test');
    const url = linkIn(mail, 'Mark contacted');
    clock = new Date(DIGEST_TIME.getTime() + 3_600_000);
    expect((await http(formPost(url, {}))).statusCode).toBe(200);
    const view = await t.store.getAccountView('DIG1');
    expect(view.account.lastContactAt).toBe(clock.toISOString());
    expect(view.timeline[0]).toMatchObject({
      note: 'Marked contacted from the digest',
      source: 'owner-action',
    });
  });
});

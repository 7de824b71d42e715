import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createScanDeps, type ScanWiring } from '../../functions/handlers/wiring/outreach.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { formPost, httpEvent } from '../support/http-event.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, header, type StoredEmail } from '../support/ses-inbox.ts';

const DOMAIN = '@round-trip.test';
const NOW = new Date('2026-11-18T10:00:00.000Z'); // Wednesday
const BASE = 'http://links.test';

const growthAccount = (id: string) =>
  importRecord(id, {
    profile: { annualRevenue: 60_000 },
    contacts: [contact(id, `${id.toLowerCase()}${DOMAIN}`, { name: `Robin ${id}` })],
    lastContactAt: daysBefore(NOW, 70),
  });

const surveyLinks = (mail: StoredEmail) =>
  [...(mail.body.html ?? '').matchAll(/href="(http:\/\/links\.test\/s\/[^"]+)"/g)].map((m) => m[1] ?? '');
const unsubscribeLink = (mail: StoredEmail) =>
  /<(.+)>/.exec(header(mail, 'List-Unsubscribe') ?? '')?.[1] ?? '';

describe('survey round trip: email → link → answer → reminder', () => {
  let t: TestTable;
  let wiring: ScanWiring;
  let events: RecordingPublisher;
  let http: ReturnType<typeof createRouteHttp>;
  let clock = NOW;
  const mailFor = async (id: string) =>
    (await emailsTo(DOMAIN)).filter((m) => m.destination.to[0]?.startsWith(id.toLowerCase()));

  beforeAll(async () => {
    t = await createTestTable('round-trip', {
      fatigue: { minDaysBetweenMessages: 3 },
      surveys: { reminderAfterDays: 4 },
      sending: { maxPerSecond: 500 },
    });
    await importRecords(t.store, ['R1', 'R2', 'R3'].map(growthAccount), { now: NOW });
    events = new RecordingPublisher();
    const mailer = new SesMailer(createSesClient('us-east-1', t.runtime.sesEndpoint), {
      sender: 'checkins@sender.test',
      maxPerSecond: 500,
    });
    wiring = createScanDeps(
      { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: BASE },
      t.settings,
      { db: t.db, mailer, events },
    );
    http = createRouteHttp({
      surveys: wiring.surveys,
      accounts: wiring.store,
      addresses: wiring.addresses as never,
      events,
      clock: () => clock,
      publicBaseUrl: BASE,
    });
  });
  afterAll(async () => t?.drop());

  it('sends each due growth account one NPS survey', async () => {
    const report = await runScan({ scheduledTime: NOW.toISOString() }, wiring);
    expect(report.sent.survey).toBe(3);
    for (const id of ['R1', 'R2', 'R3']) expect(await mailFor(id)).toHaveLength(1);
  });

  it('records nothing when every link in the email is opened five times', async () => {
    const [mail] = await mailFor('R1');
    const links = surveyLinks(mail as StoredEmail);
    expect(links).toHaveLength(11);
    for (let i = 0; i < 5; i++) {
      for (const link of links)
        expect(
          (await http(httpEvent({ url: link.replace(BASE, '').replaceAll('&amp;', '&') }))).statusCode,
        ).toBe(200);
      expect(
        (await http(httpEvent({ url: unsubscribeLink(mail as StoredEmail).replace(BASE, '') }))).statusCode,
      ).toBe(200);
    }
    expect(await wiring.surveys.listResponsesByAccount('R1')).toEqual([]);
    expect((await wiring.addresses.getMany([`r1${DOMAIN}`])).get(`r1${DOMAIN}`)?.optedOutAt).toBeUndefined();
  });

  it('records an answer posted from the page, as contact, with an event', async () => {
    const [mail] = await mailFor('R1');
    const path = (surveyLinks(mail as StoredEmail)[9] ?? '').replace(BASE, '').replace(/\?.*$/, '');
    clock = new Date(NOW.getTime() + DAY);

    const res = await http(formPost(path, { score: '9', comment: 'Great support, <b>thanks</b>!' }));

    expect(res.statusCode).toBe(200);
    const [response] = await wiring.surveys.listResponsesByAccount('R1');
    expect(response).toMatchObject({ score: 9, comment: 'Great support, <b>thanks</b>!', kind: 'nps' });
    expect((await t.store.getAccount('R1'))?.lastContactAt).toBe(clock.toISOString());
    expect(events.events.some((e) => e.detailType === 'Survey Answered' && e.detail.accountId === 'R1')).toBe(
      true,
    );
  });

  it("opts a contact out of surveys with the survey's one-click unsubscribe POST (#14)", async () => {
    const [mail] = await mailFor('R2');
    const res = await http(
      formPost(unsubscribeLink(mail as StoredEmail).replace(BASE, ''), { 'List-Unsubscribe': 'One-Click' }),
    );
    expect(res.statusCode).toBe(200);
    const state = (await wiring.addresses.getMany([`r2${DOMAIN}`])).get(`r2${DOMAIN}`);
    expect(state?.surveyOptedOutAt).toBeDefined();
    // Check-ins still reach them: only surveys stop.
    expect(state?.optedOutAt).toBeUndefined();
  });

  it('reminds only the contact who neither answered nor unsubscribed, once, in business hours', async () => {
    // Four days later is a Sunday: the reminder waits for Monday morning.
    const sunday = await runScan({ scheduledTime: new Date(NOW.getTime() + 4 * DAY).toISOString() }, wiring);
    const monday = await runScan({ scheduledTime: '2026-11-23T09:00:00.000Z' }, wiring);
    const tuesday = await runScan({ scheduledTime: '2026-11-24T09:00:00.000Z' }, wiring);

    expect(sunday.sent.reminder).toBe(0);
    expect(sunday.remindersDropped).toBe(2);
    expect(monday.sent.reminder).toBe(1);
    expect(tuesday.sent.reminder).toBe(0);
    const r3 = await mailFor('R3');
    expect(r3).toHaveLength(2);
    expect(r3[1]?.subject).toBe('How likely are you to recommend Ledger to a friend or colleague?');
    expect(surveyLinks(r3[1] as StoredEmail)).toHaveLength(11);
    expect(await mailFor('R1')).toHaveLength(1);
    expect(await mailFor('R2')).toHaveLength(1);
  });
});

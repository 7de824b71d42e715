import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { ActionLinks } from '../../functions/adapters/dynamodb/action-links.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import type { ImportRecord } from '../../functions/core/account.ts';
import { runDigest } from '../../functions/handlers/digest.handler.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { createDigestDeps } from '../../functions/handlers/wiring/digest.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { formPost, httpEvent } from '../support/http-event.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, type StoredEmail } from '../support/ses-inbox.ts';

// Monday 23 November 2026, 09:00 UTC: after the default digest time (Monday 08:00) in UTC.
const NOW = new Date('2026-11-23T09:00:00.000Z');
const DOMAIN = '@digest-owners.test';
const OLIVIA = `olivia${DOMAIN}`;
const BRUNO = `bruno${DOMAIN}`;
const CARA = `cara${DOMAIN}`;
const daysAgo = (d: number) => daysBefore(NOW, d);

function account(
  id: string,
  owner: string,
  opts: {
    revenue?: number;
    lastContactDaysAgo: number;
    renewalDate?: string;
    customerSince?: string;
    birthday?: string;
  },
): ImportRecord {
  return importRecord(id, {
    profile: {
      ownerEmail: owner,
      ownerName: owner === OLIVIA ? 'Olivia Owner' : owner === BRUNO ? 'Bruno Brandt' : 'Cara Costa',
      annualRevenue: opts.revenue ?? 300_000,
      renewalDate: opts.renewalDate,
      customerSince: opts.customerSince,
    },
    contacts: [
      contact(id, `ana@${id.toLowerCase()}.contacts.test`, {
        name: `Ana ${id}`,
        role: 'CFO',
        birthday: opts.birthday,
      }),
    ],
    lastContactAt: daysAgo(opts.lastContactDaysAgo),
  });
}

describe('owner digest', () => {
  let t: TestTable;
  let surveys: SurveyStore;
  let events: RecordingPublisher;
  let deps: ReturnType<typeof createDigestDeps>;
  let links: ActionLinks;

  beforeAll(async () => {
    t = await createTestTable('digest');
    await importRecords(
      t.store,
      [
        // Olivia: one at risk, two overdue key accounts, answers, a renewal, an anniversary, a birthday.
        account('RISK1', OLIVIA, { lastContactDaysAgo: 5 }),
        account('OVER1', OLIVIA, { lastContactDaysAgo: 50 }),
        account('OVER2', OLIVIA, { lastContactDaysAgo: 80 }),
        account('GROW1', OLIVIA, { revenue: 60_000, lastContactDaysAgo: 5, renewalDate: '2026-12-03' }),
        account('CELEB', OLIVIA, { lastContactDaysAgo: 3, customerSince: '2021-11-26', birthday: '11-27' }),
        // Bruno: one overdue key account.
        account('BRUN1', BRUNO, { lastContactDaysAgo: 45 }),
        // Cara: a healthy book, nothing to report.
        account('CARA1', CARA, { revenue: 60_000, lastContactDaysAgo: 2 }),
      ],
      { now: new Date(NOW.getTime() - 2 * DAY) },
    );
    await t.store.updateAccount(
      'RISK1',
      () => ({ risk: { since: daysAgo(3), reasons: ['Detractor 3/10 on 20 Nov', 'Complaint filed'] } }),
      new Date(NOW.getTime() - 3 * DAY),
    );
    surveys = new SurveyStore(t.db, t.runtime.tableName);
    const answer = async (
      accountId: string,
      surveyId: string,
      kind: 'nps' | 'csat',
      score: number,
      comment?: string,
      at = daysAgo(2),
    ) => {
      await surveys.issueSurvey({
        surveyId,
        accountId,
        contactEmail: `ana@${accountId.toLowerCase()}.contacts.test`,
        contactName: `Ana ${accountId}`,
        kind,
        sentAt: new Date(Date.parse(at) - DAY),
        expiresAt: new Date(NOW.getTime() + 30 * DAY),
        ownerEmail: OLIVIA,
        ownerName: 'Olivia Owner',
      });
      await surveys.recordResponse({
        accountId,
        surveyId,
        score,
        comment,
        answeredAt: at,
        maxRevisions: 5,
        timelineNote: 'Survey answered',
      });
    };
    await answer('GROW1', 's-promoter', 'nps', 10, 'Great support <b>team</b>');
    await answer('RISK1', 's-detractor', 'nps', 3, 'Invoices were wrong twice');
    // Answered before the period: counts for NPS, not as new.
    await answer('CELEB', 's-old', 'nps', 9, undefined, daysAgo(40));

    events = new RecordingPublisher();
    const ses = createSesClient('us-east-1', t.runtime.sesEndpoint);
    const mailer = new SesMailer(ses, { sender: 'digest@sender.test', maxPerSecond: 1000, baseDelayMs: 1 });
    const runtime = { ...t.runtime, sender: 'digest@sender.test', publicBaseUrl: 'http://links.test' };
    links = new ActionLinks(t.db, t.runtime.tableName, 'http://links.test');
    deps = createDigestDeps(runtime, t.settings, { db: t.db, mailer, events, actionLinks: links });
  });
  afterAll(async () => t?.drop());

  const digestOf = (mail: StoredEmail[], owner: string) => mail.filter((m) => m.destination.to[0] === owner);

  it('sends nothing before the digest time in the owner zone', async () => {
    const report = await runDigest({ scheduledTime: '2026-11-23T07:00:00.000Z' }, deps);
    expect(report).toMatchObject({ owners: 3, sent: 0, notDue: 3 });
    expect(await emailsTo(DOMAIN)).toHaveLength(0);
  });

  it('sends each owner with something to report exactly one digest with exactly their items, most urgent first', async () => {
    const report = await runDigest({ scheduledTime: NOW.toISOString() }, deps);

    expect(report).toMatchObject({ owners: 3, sent: 2, empty: 1, failed: 0 });
    const mail = await emailsTo(DOMAIN);
    expect(mail).toHaveLength(2);
    const [olivia] = digestOf(mail, OLIVIA);
    const [bruno] = digestOf(mail, BRUNO);
    expect(digestOf(mail, CARA)).toHaveLength(0);

    const text = olivia?.body.text ?? '';
    const order = [
      '== At risk (1) ==',
      'Company RISK1 (key): Detractor 3/10 on 20 Nov',
      '== Key accounts overdue for contact (2) ==',
      'Company OVER2 (key): 50 days overdue',
      'Company OVER1 (key): 20 days overdue',
      '== New survey answers (2) ==',
      'Company RISK1 (key): NPS 3/10',
      '"Invoices were wrong twice"',
      'Company GROW1 (growth): NPS 10/10',
      '== NPS of your book, last 90 days: +33 (3 answers) ==',
      '== Renewals in the next 30 days (1) ==',
      'Company GROW1 (growth): Renews 3 Dec',
      '== Quarterly reviews due (1) ==',
      'Company CELEB (key): Quarterly review due 26 Nov',
      '== Customer anniversaries (1) ==',
      'Company CELEB (key): 5 years a customer on 26 Nov',
      '== Birthdays (1) ==',
      "Company CELEB (key): Ana CELEB's birthday, 27 Nov",
    ];
    let at = -1;
    for (const line of order) {
      const next = text.indexOf(line);
      expect(next, line).toBeGreaterThan(at);
      at = next;
    }
    expect(text).not.toContain('BRUN1');
    expect(text).not.toContain('CARA1');
    expect(text).not.toContain('Company CELEB (key): NPS'); // answered before the period
    expect(olivia?.subject).toBe(
      'Your accounts, week 48: 1 at risk · 2 overdue · 2 new answers · 1 renewal · 1 review due · 2 to celebrate',
    );
    // The customer's words are escaped in HTML, every item has its actions.
    expect(olivia?.body.html).toContain('Great support &lt;b&gt;team&lt;/b&gt;');
    expect(text).toMatch(/I'm on it: http:\/\/links\.test\/a\/[A-Za-z0-9_-]+/);
    expect(text.match(/Mark contacted: /g)).toHaveLength(9);
    expect(text.match(/Snooze 7 days: /g)).toHaveLength(3);

    expect(bruno?.body.text).toContain('Company BRUN1 (key): 15 days overdue');
    expect(bruno?.body.text).not.toContain('RISK1');

    const sent = events.events.filter((e) => e.detailType === 'Digest Sent');
    expect(sent).toHaveLength(2);
    // No owner in the event, not even a hash (reversible from a staff list): the message id ties it.
    for (const e of sent) expect(e.detail).not.toHaveProperty('owner');
    expect(sent.find((e) => e.detail.messageId === olivia?.messageId)?.detail).toMatchObject({
      period: '2026-W48',
      counts: {
        'at-risk': 1,
        overdue: 2,
        responses: 2,
        renewals: 1,
        reviews: 1,
        anniversaries: 1,
        birthdays: 1,
      },
    });
    expect(JSON.stringify(sent)).not.toContain('@');
  });

  it('sends nothing more in the same period, however often it runs', async () => {
    const later = await runDigest({ scheduledTime: '2026-11-24T15:00:00.000Z' }, deps);
    const forced = await runDigest({ scheduledTime: '2026-11-25T10:00:00.000Z', owner: OLIVIA }, deps);

    expect(later).toMatchObject({ sent: 0, done: 3 });
    expect(forced).toMatchObject({ owners: 1, sent: 0 });
    expect(await emailsTo(DOMAIN)).toHaveLength(2);
  });

  it('a one-click action from the digest changes the account (GET confirms, POST acts)', async () => {
    const [olivia] = digestOf(await emailsTo(DOMAIN), OLIVIA);
    const text = olivia?.body.text ?? '';
    const block = text.slice(text.indexOf('Company OVER2 (key)'));
    const url = /Mark contacted: (\S+)/.exec(block)?.[1] ?? '';
    const path = url.replace('http://links.test', '');
    const at = new Date(NOW.getTime() + 3_600_000);
    const route = createRouteHttp({
      surveys,
      accounts: t.store,
      addresses: new AddressStore(t.db, t.runtime.tableName),
      events,
      clock: () => at,
      publicBaseUrl: 'http://links.test',
      actionLinks: links,
    });

    const confirm = await route(httpEvent({ url: path }));
    const untouched = await t.store.getAccount('OVER2');
    const done = await route(formPost(path, {}, { origin: 'http://links.test' }));

    expect(confirm.statusCode).toBe(200);
    expect(untouched?.lastContactAt).not.toBe(at.toISOString());
    expect(done.statusCode).toBe(200);
    expect((await t.store.getAccount('OVER2'))?.lastContactAt).toBe(at.toISOString());
  });

  it('refuses the old owner’s links once the account has moved (Account Upserted), writing nothing', async () => {
    const [olivia] = digestOf(await emailsTo(DOMAIN), OLIVIA);
    const text = olivia?.body.text ?? '';
    const block = text.slice(text.indexOf('Company OVER1 (key)'));
    const paths = ['Mark contacted', 'Snooze 7 days'].map((label) =>
      (new RegExp(`${label}: (\\S+)`).exec(block)?.[1] ?? '').replace('http://links.test', ''),
    );
    expect(paths.every((p) => p.startsWith('/a/'))).toBe(true);
    const at = new Date(NOW.getTime() + 2 * 3_600_000);
    // The CRM moves OVER1 to Bruno: the same upsert an `Account Upserted` event applies.
    await importRecords(t.store, [account('OVER1', BRUNO, { lastContactDaysAgo: 50 })], { now: at });
    const before = await t.store.getAccount('OVER1');
    const route = createRouteHttp({
      surveys,
      accounts: t.store,
      addresses: new AddressStore(t.db, t.runtime.tableName),
      events,
      clock: () => at,
      publicBaseUrl: 'http://links.test',
      actionLinks: links,
    });

    for (const path of paths) {
      const confirm = await route(httpEvent({ url: path }));
      const post = await route(formPost(path, {}, { origin: 'http://links.test' }));
      for (const r of [confirm, post]) {
        expect(r.statusCode).toBe(410);
        expect(r.body).toContain('This account has a new owner');
      }
    }
    expect(await t.store.getAccount('OVER1')).toEqual(before);
  });

  it('next period, an owner gets only what is new since the last digest', async () => {
    const report = await runDigest({ scheduledTime: '2026-11-30T08:00:00.000Z' }, deps);

    expect(report.sent).toBeGreaterThanOrEqual(1);
    const [, second] = digestOf(await emailsTo(DOMAIN), OLIVIA);
    expect(second?.body.text).not.toContain('== New survey answers');
    expect(second?.body.text).not.toContain('Company OVER2'); // marked contacted
    expect(second?.subject).toMatch(/^Your accounts, week 49/);
  });
});

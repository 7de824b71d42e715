import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import type { ImportRecord } from '../../functions/core/account.ts';
import { localizeDates } from '../../functions/core/health/health-score.ts';
import { recordNegativeSignal } from '../../functions/core/health/negative-signal.ts';
import { runEscalate } from '../../functions/handlers/escalate.handler.ts';
import { handleSurveyAnswered } from '../../functions/handlers/health-signals.handler.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createHealthDeps, type HealthWiring } from '../../functions/handlers/wiring/health.ts';
import { createScanDeps, type ScanWiring } from '../../functions/handlers/wiring/outreach.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { runCli, tableEnv } from '../support/cli.ts';
import { formPost, httpEvent } from '../support/http-event.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, type StoredEmail } from '../support/ses-inbox.ts';

const CONTACTS = '@health-contacts.test';
const OWNERS = '@health-owners.test';
const BASE = 'http://links.test';
const HOUR = 3_600_000;
// A Wednesday, 10:00 UTC: inside business hours.
const NOW = new Date('2026-11-18T10:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

function account(
  id: string,
  o: { revenue: number; owner: string; manager?: string; products: string[]; lastContactDaysAgo: number },
): ImportRecord {
  return importRecord(id, {
    profile: {
      ownerEmail: `${o.owner}${OWNERS}`,
      ownerName: `Owner ${o.owner}`,
      managerEmail: o.manager ? `${o.manager}${OWNERS}` : undefined,
      annualRevenue: o.revenue,
      products: o.products,
    },
    contacts: [
      contact(id, `${id.toLowerCase()}${CONTACTS}`, { name: `Robin ${id}`, phone: '+1 312 555 0142' }),
    ],
    lastContactAt: daysBefore(NOW, o.lastContactDaysAgo),
  });
}

const mailTo = async (local: string, domain = OWNERS) =>
  (await emailsTo(domain)).filter((m) => m.destination.to[0] === `${local}${domain}`);
const actionLinks = (mail: StoredEmail) =>
  [...(mail.body.html ?? '').matchAll(/href="(http:\/\/links\.test\/a\/[^"]+)"/g)].map((m) =>
    (m[1] ?? '').replace(BASE, ''),
  );

describe('health and risk, from a detractor answer to recovery', () => {
  let t: TestTable;
  let outreach: ScanWiring;
  let health: HealthWiring;
  let events: RecordingPublisher;
  let http: ReturnType<typeof createRouteHttp>;
  let clock = NOW;

  beforeAll(async () => {
    t = await createTestTable('health-risk', { sending: { maxPerSecond: 500 } });
    await importRecords(
      t.store,
      [
        // Growth accounts, due: they get an NPS survey.
        account('G1', {
          revenue: 60_000,
          owner: 'olivia',
          manager: 'max',
          products: ['Atlas'],
          lastContactDaysAgo: 70,
        }),
        account('G2', {
          revenue: 60_000,
          owner: 'oscar',
          manager: 'mia',
          products: ['Atlas'],
          lastContactDaysAgo: 70,
        }),
        // Standard accounts on Beacon that will complain; not due.
        ...['C1', 'C2', 'C3', 'C4'].map((id) =>
          account(id, { revenue: 10_000, owner: 'carl', products: ['Beacon'], lastContactDaysAgo: 5 }),
        ),
        // Key accounts on Beacon (two owners), and one on another product; none due.
        account('K1', {
          revenue: 300_000,
          owner: 'kate',
          products: ['Beacon', 'Atlas'],
          lastContactDaysAgo: 5,
        }),
        account('K2', { revenue: 300_000, owner: 'kate', products: ['Beacon'], lastContactDaysAgo: 5 }),
        account('K3', { revenue: 300_000, owner: 'ken', products: ['beacon'], lastContactDaysAgo: 5 }),
        account('K4', { revenue: 300_000, owner: 'ken', products: ['Comet'], lastContactDaysAgo: 5 }),
      ],
      { now: NOW },
    );
    events = new RecordingPublisher();
    const mailer = new SesMailer(createSesClient('us-east-1', t.runtime.sesEndpoint), {
      sender: 'checkins@sender.test',
      maxPerSecond: 500,
    });
    const runtime = { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: BASE };
    outreach = createScanDeps(runtime, t.settings, { db: t.db, mailer, events });
    health = createHealthDeps(runtime, t.settings, { db: t.db, mailer, events, clock: () => clock });
    http = createRouteHttp({
      surveys: outreach.surveys,
      accounts: outreach.store,
      addresses: outreach.addresses as never,
      events,
      clock: () => clock,
      publicBaseUrl: BASE,
      actionLinks: health.actionLinks,
    });
    await runScan({ scheduledTime: NOW.toISOString() }, outreach);
  });
  afterAll(async () => t?.drop());

  async function answerSurvey(id: string, score: number, comment: string) {
    const [survey] = await mailTo(id.toLowerCase(), CONTACTS);
    const link = /href="http:\/\/links\.test(\/s\/[^"?]+)/.exec(survey?.body.html ?? '')?.[1] ?? '';
    expect((await http(formPost(link, { score: String(score), comment }))).statusCode).toBe(200);
    const answered = events.events
      .filter((e) => e.detailType === 'Survey Answered' && e.detail.accountId === id)
      .at(-1);
    return answered as { detail: Record<string, unknown> };
  }

  it('alerts the owner at once on a detractor answer, quoting the comment escaped, with two action links', async () => {
    clock = at(HOUR);
    const answered = await answerSurvey('G1', 3, 'Exports broke <script>alert(1)</script> & "nobody" called');

    await handleSurveyAnswered(answered, health);

    const [alert, ...more] = await mailTo('olivia');
    expect(more).toHaveLength(0);
    expect(alert?.subject).toBe('At risk: Company G1, NPS 3/10 (a detractor) on 18 Nov');
    expect(alert?.body.html).toContain(
      'Exports broke &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;nobody&quot; called',
    );
    expect(alert?.body.html).not.toContain('<script>');
    expect(alert?.body.text).toContain('> Exports broke <script>alert(1)</script>');
    // Who answered, with the phone on record, and what happened lately, from the table (#14).
    expect(alert?.body.text).toContain('From Robin G1, g1@health-contacts.test, +1 312 555 0142.');
    expect(alert?.body.text).toMatch(/- 18 Nov: survey sent/);
    // I'm on it, Mark contacted, Snooze (#14).
    expect(actionLinks(alert as StoredEmail)).toHaveLength(3);
    const g1 = await t.store.getAccount('G1');
    // Stored with the instant, shown in each reader's zone (#14).
    expect(g1?.risk?.reasons.map((r) => localizeDates(r, 'UTC'))).toEqual([
      'NPS 3/10 (a detractor) on 18 Nov',
    ]);
    expect(g1?.health?.band).not.toBe('green');
    expect(localizeDates(g1?.health?.reasons[0] ?? '', 'UTC')).toMatch(/^detractor 3\/10 on 18 Nov/);
    const risk = events.events.filter((e) => e.detailType === 'Account At Risk');
    expect(risk).toHaveLength(1);
    expect(JSON.stringify(risk[0]?.detail)).not.toMatch(/Exports|@/);
  });

  it('does nothing more when the same answer event is delivered again', async () => {
    const answered = events.events.find(
      (e) => e.detailType === 'Survey Answered' && e.detail.accountId === 'G1',
    );
    await handleSurveyAnswered(answered as never, health);
    expect(await mailTo('olivia')).toHaveLength(1);
    expect(events.events.filter((e) => e.detailType === 'Account At Risk')).toHaveLength(1);
  });

  it('escalates to the manager once when the owner has not acknowledged in time', async () => {
    const early = await runEscalate({ scheduledTime: at(HOUR + 23 * HOUR).toISOString() }, health);
    const due = await runEscalate({ scheduledTime: at(HOUR + 25 * HOUR).toISOString() }, health);
    const again = await runEscalate({ scheduledTime: at(HOUR + 26 * HOUR).toISOString() }, health);

    expect(early.escalated).toBe(0);
    expect(due.escalated).toBe(1);
    expect(again.alertsDue).toBe(0);
    const [escalation, ...more] = await mailTo('max');
    expect(more).toHaveLength(0);
    expect(escalation?.subject).toBe('Escalated: Company G1 at risk, not yet acknowledged');
    expect(escalation?.body.html).toContain('&lt;script&gt;');
  });

  it('stops the escalation when the owner acknowledges with POST /a/<token> (a GET only asks)', async () => {
    clock = at(2 * HOUR);
    const answered = await answerSurvey('G2', 1, 'Not good');
    await handleSurveyAnswered(answered, health);
    const [alert] = await mailTo('oscar');
    const [acknowledge = '', markContacted = ''] = actionLinks(alert as StoredEmail);

    const page = await http(httpEvent({ url: acknowledge }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Company G2');
    expect((await t.store.getAccount('G2'))?.risk?.acknowledgedAt).toBeUndefined();
    const foreign = await http(formPost(acknowledge, {}, { origin: 'https://evil.example' }));
    expect(foreign.statusCode).toBe(403);
    const done = await http(formPost(acknowledge, {}));
    expect(done.statusCode).toBe(200);
    expect((await t.store.getAccount('G2'))?.risk?.acknowledgedAt).toBe(clock.toISOString());

    const report = await runEscalate({ scheduledTime: at(30 * HOUR).toISOString() }, health);
    expect(report.closed).toBe(1);
    expect(await mailTo('mia')).toHaveLength(0);

    clock = at(3 * HOUR);
    expect((await http(formPost(markContacted, {}))).statusCode).toBe(200);
    const view = await t.store.getAccountView('G2');
    expect(view.account.lastContactAt).toBe(clock.toISOString());
    expect(view.timeline[0]).toMatchObject({
      kind: 'note',
      source: 'owner-action',
      note: 'Marked contacted from an alert',
    });
    expect((await http(formPost(markContacted, {}))).body).toContain('used already');
  });

  it('answers unknown, damaged and expired action links with a 4xx page', async () => {
    expect((await http(httpEvent({ url: '/a/not-a-token' }))).statusCode).toBe(410);
    expect((await http(httpEvent({ url: `/a/${'A'.repeat(28)}` }))).statusCode).toBe(410);
    const url = await health.actionLinks.issue({
      action: 'snooze',
      accountId: 'K4',
      ownerEmail: `ken${OWNERS}`,
      expiresAt: at(-HOUR),
      origin: 'digest',
    });
    const expired = await http(httpEvent({ url: url.replace(BASE, '') }));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('expired');
  });

  it('flags the other key accounts of a product after three complaints in a week, once per owner', async () => {
    for (const [i, id] of ['C1', 'C2', 'C3'].entries()) {
      clock = at((2 + 2 * i) * DAY);
      await recordNegativeSignal(health, {
        accountId: id,
        kind: 'complaint',
        at: clock,
        comment: `Beacon lost our data (${id})`,
        source: 'crm',
        externalId: `ticket-${id}`,
      });
    }
    // A fourth complaint in the same window, and a redelivery: no new cohort alerts.
    await recordNegativeSignal(health, {
      accountId: 'C4',
      kind: 'complaint',
      at: clock,
      source: 'crm',
      externalId: 'ticket-C4',
    });
    await recordNegativeSignal(health, {
      accountId: 'C3',
      kind: 'complaint',
      at: clock,
      source: 'crm',
      externalId: 'ticket-C3',
    });

    for (const id of ['K1', 'K2', 'K3']) {
      const k = await t.store.getAccount(id);
      expect(k?.risk?.cohort?.[0]).toMatch(/^product Beacon: [34] negative signals in 14 days$/);
      expect(Date.parse(k?.nextDueAt ?? '')).toBeLessThanOrEqual(clock.getTime());
      expect(k?.health?.reasons.join('; ')).toContain('cohort risk');
    }
    expect((await t.store.getAccount('K4'))?.risk).toBeUndefined();
    const kate = await mailTo('kate');
    const ken = await mailTo('ken');
    expect(kate).toHaveLength(1);
    expect(ken).toHaveLength(1);
    expect(kate[0]?.subject).toBe(
      'Cohort risk: 2 of your key accounts (3 negative signals on product Beacon in 14 days)',
    );
    expect(kate[0]?.body.text).toContain('Company K1');
    expect(kate[0]?.body.text).toContain('Company K2');
    expect(ken[0]?.body.text).not.toContain('Company K4');
    expect(await mailTo('carl')).toHaveLength(4);
  });

  it('sends the flagged key accounts a check-in at the next business-hours scan', async () => {
    // 24 Nov 2026, a Tuesday, 10:00 UTC.
    const report = await runScan({ scheduledTime: at(6 * DAY).toISOString() }, outreach);
    expect(report.sent.checkIn).toBe(3);
    for (const id of ['k1', 'k2', 'k3']) expect(await mailTo(id, CONTACTS)).toHaveLength(1);
    expect(await mailTo('k4', CONTACTS)).toHaveLength(0);
    const again = await runScan({ scheduledTime: at(6 * DAY + HOUR).toISOString() }, outreach);
    expect(again.sent.checkIn).toBe(0);
  });

  it('shows at-risk accounts with their reasons, and one account with its health, in the CLI', async () => {
    const cli = (...args: string[]) => runCli(args, tableEnv(t));
    const atRisk = await cli('accounts', '--at-risk');
    expect(atRisk.code).toBe(0);
    expect(atRisk.out).toMatch(/Company K1 .* cohort: [34] negative signals on product Beacon in 14 days/);
    expect(atRisk.out).toContain('NPS 3/10 (a detractor) on 18 Nov');
    expect(atRisk.out).not.toContain('Company K4');
    const json = JSON.parse((await cli('accounts', '--at-risk', '--json')).out) as Array<{
      accountId: string;
    }>;
    expect(json.map((a) => a.accountId).sort()).toEqual([
      'C1',
      'C2',
      'C3',
      'C4',
      'G1',
      'G2',
      'K1',
      'K2',
      'K3',
    ]);
    const all = await cli('accounts');
    expect(all.out).toMatch(/Company G1 .* 3\/10 NPS/);
    const one = await cli('account', 'G1');
    expect(one.out).toMatch(/Health: +(red|yellow|green) \d+\/100/);
    expect(one.out).toContain('- detractor 3/10 on 18 Nov');
    expect(one.out).toMatch(/Risk: +at risk since 2026-11-18/);
  });

  it('clears the risk and emits Account Recovered when the signals age out', async () => {
    const before = await runEscalate({ scheduledTime: at(20 * DAY).toISOString() }, health);
    // The cohort episode (opened on day 6) ends on day 20; the complaints and detractors still hold.
    expect(before.recovered).toBe(3);
    const report = await runEscalate({ scheduledTime: at(60 * DAY).toISOString() }, health);
    const recovered = events.events
      .filter((e) => e.detailType === 'Account Recovered')
      .map((e) => e.detail.accountId);
    expect(report.failed).toBe(0);
    expect(new Set(recovered)).toEqual(new Set(['G1', 'G2', 'C1', 'C2', 'C3', 'C4', 'K1', 'K2', 'K3']));
    expect(recovered).toHaveLength(9);
    expect((await t.store.getAccount('K1'))?.risk).toBeUndefined();
    expect(await health.health.listAtRisk()).toEqual([]);
    const again = await runEscalate({ scheduledTime: at(61 * DAY).toISOString() }, health);
    expect(again.recovered).toBe(0);
  });
});

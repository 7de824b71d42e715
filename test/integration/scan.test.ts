import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import type { ImportRecord } from '../../functions/core/account.ts';
import { isWithinBusinessHours } from '../../functions/core/outreach/business-hours.ts';
import type { OutgoingEmail } from '../../functions/core/ports.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createScanDeps, type ScanWiring } from '../../functions/handlers/wiring/outreach.ts';
import { metrics } from '../../functions/shared/observability.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import {
  dynamoServerError,
  injectFault,
  recordCommands,
  seededRandom,
  sesThrottle,
} from '../support/faults.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, header } from '../support/ses-inbox.ts';

// A Wednesday, 10:00 UTC: inside business hours for the UTC accounts below.
const NOW = new Date('2026-11-18T10:00:00.000Z');
const daysAgo = (d: number, from: Date = NOW) => daysBefore(from, d);

interface Spec {
  id: string;
  domain: string;
  revenue: number;
  lastContactDaysAgo: number;
  timeZone?: string;
  renewalDate?: string;
  /** The clock the last contact is counted back from. @default NOW */
  asOf?: Date;
  contacts?: Array<{ local: string; name?: string; primary?: boolean }>;
}

function record(s: Spec): ImportRecord {
  const contacts = s.contacts ?? [
    { local: `${s.id}-primary`, name: `Ana ${s.id}`, primary: true },
    { local: `${s.id}-other`, name: `Bo ${s.id}` },
  ];
  return importRecord(s.id, {
    profile: {
      annualRevenue: s.revenue,
      products: ['Ledger', 'Payroll'],
      timeZone: s.timeZone ?? 'UTC',
      renewalDate: s.renewalDate,
    },
    contacts: contacts.map((c) =>
      contact(s.id, `${c.local}${s.domain}`.toLowerCase(), { name: c.name, primary: c.primary ?? false }),
    ),
    lastContactAt: daysAgo(s.lastContactDaysAgo, s.asOf),
  });
}

function wiringFor(t: TestTable, opts: { ses?: ReturnType<typeof createSesClient>; sleep?: boolean } = {}) {
  const events = new RecordingPublisher();
  const ses = opts.ses ?? createSesClient('us-east-1', t.runtime.sesEndpoint);
  const mailer = new SesMailer(ses, {
    sender: 'checkins@sender.test',
    maxPerSecond: 1000,
    baseDelayMs: 1,
  });
  const runtime = { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: 'http://links.test' };
  const wiring = createScanDeps(runtime, t.settings, { db: t.db, mailer, events });
  return { wiring, events };
}

describe('scan: 1,000 accounts, 100 due', () => {
  const DOMAIN = '@scan-main.test';
  let t: TestTable;
  let wiring: ScanWiring;
  let events: RecordingPublisher;
  let commands: string[];

  beforeAll(async () => {
    t = await createTestTable('scan-main', { sending: { maxPerSecond: 500 } });
    commands = recordCommands(t.db);
    const records: ImportRecord[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = `A${String(i).padStart(4, '0')}`;
      // 70 due key accounts (cadence 30 days), 30 due growth accounts (60 days), 900 not due.
      if (i < 70)
        records.push(
          record({
            id,
            domain: DOMAIN,
            revenue: 300_000,
            lastContactDaysAgo: 40,
            renewalDate: i < 10 ? '2026-12-20' : undefined,
          }),
        );
      else if (i < 100) records.push(record({ id, domain: DOMAIN, revenue: 60_000, lastContactDaysAgo: 70 }));
      else
        records.push(
          record({ id, domain: DOMAIN, revenue: i % 2 ? 300_000 : 60_000, lastContactDaysAgo: 5 }),
        );
    }
    await importRecords(t.store, records, { now: NOW });
    ({ wiring, events } = wiringFor(t));
  });
  afterAll(async () => t?.drop());

  it('sends exactly one email to each due account and reads only due accounts from the index', async () => {
    const added = vi.spyOn(metrics, 'addMetric');
    const report = await runScan({ scheduledTime: NOW.toISOString() }, wiring);
    const published = Object.fromEntries(added.mock.calls.map(([name, , value]) => [name, value]));
    added.mockRestore();

    expect(report.due).toBe(100);
    expect(report.dueItemsRead).toBe(100);
    expect(report.sent).toEqual({
      checkIn: 70,
      survey: 30,
      reminder: 0,
      ownerNote: 0,
      birthday: 0,
      anniversary: 0,
      reviewReminder: 0,
    });
    const mail = await emailsTo(DOMAIN);
    expect(mail).toHaveLength(100);
    const recipients = mail.map((m) => m.destination.to[0]);
    expect(new Set(recipients).size).toBe(100);
    // The primary contact of each due account, and nobody else.
    const expected = Array.from({ length: 100 }, (_, i) => `a${String(i).padStart(4, '0')}-primary${DOMAIN}`);
    expect(recipients.sort()).toEqual(expected.sort());
    expect(commands).not.toContain('ScanCommand');
    // The run's counts reach the dashboard as metrics.
    expect(published).toEqual({ DueFound: 100, CheckInsSent: 70, SurveysSent: 30 });
  });

  it('personalises check-ins from the owner and addresses the contact by first name', async () => {
    const mail = await emailsTo(DOMAIN);
    const checkIn = mail.find((m) => m.destination.to[0] === `a0003-primary${DOMAIN}`);
    expect(checkIn?.from).toBe('"Olivia Owner" <checkins@sender.test>');
    expect(checkIn?.replyTo).toEqual(['owner@owners.test']);
    // Names sit between bidi isolates in text/plain (U+2068, U+2069) and in <bdi> in HTML.
    const words = checkIn?.body.text?.replace(/[\u2068\u2069]/g, '');
    expect(words).toMatch(/^Hi Ana,/);
    expect(words).toContain('about a month since we were last in touch');
    expect(words?.replace(/\s+/g, ' ')).toMatch(/Ledger and Payroll/);
    expect(words).toContain('renewal comes up on 20 December');
    expect(checkIn?.body.html).toContain('Hi <bdi>Ana</bdi>,');
    expect(header(checkIn as never, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/links\.test\/u\/[A-Za-z0-9_-]+>$/,
    );
    expect(header(checkIn as never, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const noRenewal = mail.find((m) => m.destination.to[0] === `a0050-primary${DOMAIN}`);
    expect(noRenewal?.body.text).not.toContain('renewal');
  });

  it('sends growth accounts an NPS survey with one link per score', async () => {
    const mail = await emailsTo(DOMAIN);
    const survey = mail.find((m) => m.destination.to[0] === `a0080-primary${DOMAIN}`);
    expect(survey?.subject).toBe('How likely are you to recommend us to a friend or colleague?');
    const links = [
      ...(survey?.body.html ?? '').matchAll(/href="(http:\/\/links\.test\/s\/[^"?]+)\?score=(\d+)"/g),
    ];
    expect(links.map((l) => Number(l[2]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(links.map((l) => l[1])).size).toBe(1);
  });

  it('emits one event per send and moves each account to its next cycle', async () => {
    expect(events.events.filter((e) => e.detailType === 'Check-in Sent')).toHaveLength(70);
    expect(events.events.filter((e) => e.detailType === 'Survey Sent')).toHaveLength(30);
    const a = await t.store.getAccount('A0001');
    expect(a?.lastOutreachAt).toBe(NOW.toISOString());
    expect(a?.nextDueAt).toBe('2026-12-18T10:00:00.000Z');
    const view = await t.store.getAccountView('A0001');
    expect(view.timeline[0]?.kind).toBe('check-in');
  });

  it('sends nothing more when the same tick runs again', async () => {
    const report = await runScan({ scheduledTime: NOW.toISOString() }, wiring);
    expect(report.due).toBe(0);
    expect(await emailsTo(DOMAIN)).toHaveLength(100);
  });
});

describe('scan under faults: every due account gets exactly one email after re-runs', () => {
  let t: TestTable;
  afterAll(async () => t?.drop());

  async function seed(domain: string, count: number, label: string) {
    t = await createTestTable(label, { sending: { maxPerSecond: 500 }, dueShards: 4 });
    const records = Array.from({ length: count }, (_, i) =>
      record({ id: `F${String(i).padStart(3, '0')}`, domain, revenue: 300_000, lastContactDaysAgo: 45 }),
    );
    await importRecords(t.store, records, { now: NOW });
  }

  async function runUntilClean(wiring: ScanWiring, now = NOW, maxRuns = 6) {
    for (let run = 1; run <= maxRuns; run++) {
      try {
        await runScan({ scheduledTime: now.toISOString() }, wiring);
        return run;
      } catch (error) {
        if ((error as Error).name !== 'ScanIncompleteError') throw error;
      }
    }
    throw new Error('scan never finished cleanly');
  }

  const countPerRecipient = (mail: Awaited<ReturnType<typeof emailsTo>>) => {
    const counts = new Map<string, number>();
    for (const m of mail)
      counts.set(m.destination.to[0] ?? '', (counts.get(m.destination.to[0] ?? '') ?? 0) + 1);
    return counts;
  };

  it('survives SES throttling on 20% of calls', async () => {
    const domain = '@scan-throttle.test';
    await seed(domain, 150, 'scan-throttle');
    const ses = createSesClient('us-east-1', t.runtime.sesEndpoint);
    const random = seededRandom(42);
    let throttled = 0;
    injectFault(ses, (name) => name === 'SendEmailCommand' && random() < 0.2 && ++throttled > 0, sesThrottle);
    const { wiring } = wiringFor(t, { ses });

    await runUntilClean(wiring);

    const counts = countPerRecipient(await emailsTo(domain));
    expect(throttled).toBeGreaterThan(10);
    expect(counts.size).toBe(150);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('survives a DynamoDB error in the middle of reading the due index', async () => {
    const domain = '@scan-ddbfault.test';
    await seed(domain, 120, 'scan-ddbfault');
    const { wiring } = wiringFor(t);
    let queries = 0;
    injectFault(
      wiring.db,
      (name) => name === 'QueryCommand' && [7, 31].includes(++queries),
      dynamoServerError,
    );

    const runs = await runUntilClean(wiring);

    const counts = countPerRecipient(await emailsTo(domain));
    expect(runs).toBeGreaterThan(1);
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('retries a send whose run crashed after claiming it, once the claim lease has expired', async () => {
    const domain = '@scan-crash.test';
    await seed(domain, 40, 'scan-crash');
    const { wiring } = wiringFor(t);
    // The first run "dies" after claiming ten sends: nothing is sent and the claims are not released.
    const crashed = new Set<string>();
    const realSend = wiring.mailer.send.bind(wiring.mailer);
    const realRelease = wiring.ledger.release.bind(wiring.ledger);
    wiring.mailer.send = async (email) => {
      if (crashed.size < 10 && !crashed.has(email.to)) {
        crashed.add(email.to);
        throw new Error('process crashed');
      }
      return realSend(email);
    };
    wiring.ledger.release = async () => undefined;

    await expect(runScan({ scheduledTime: NOW.toISOString() }, wiring)).rejects.toThrow(/failure/);
    const sameTime = await runScan({ scheduledTime: new Date(NOW.getTime() + 60_000).toISOString() }, wiring);
    wiring.ledger.release = realRelease;
    // The lease is the scan job's timeout and a margin (jobs.ts): a minute after it, the claims are taken over.
    const afterLease = await runScan(
      { scheduledTime: new Date(NOW.getTime() + (wiring.leaseMs ?? 0) + 60_000).toISOString() },
      wiring,
    );

    expect(sameTime.inFlight).toBe(10);
    expect(sameTime.sent.checkIn).toBe(0);
    expect(afterLease.sent.checkIn).toBe(10);
    const counts = countPerRecipient(await emailsTo(domain));
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('repairs an account whose update was lost after its send, without sending again', async () => {
    const domain = '@scan-repair.test';
    await seed(domain, 5, 'scan-repair');
    const { wiring } = wiringFor(t);
    // Another writer changes F002 while its email is in flight, so the completion cannot move the
    // account on with it; the run then dies before it moves the account on by itself.
    const realSend = wiring.mailer.send.bind(wiring.mailer);
    wiring.mailer.send = async (email) => {
      if (email.tags.account === 'F002') await t.store.updateAccount('F002', () => ({}), NOW);
      return realSend(email);
    };
    const realUpdate = wiring.accounts.updateAccount.bind(wiring.accounts);
    let failNext = true;
    wiring.accounts.updateAccount = async (id, change, now) => {
      if (failNext && id === 'F002') {
        failNext = false;
        throw new Error('crash before the account moved on');
      }
      return realUpdate(id, change, now);
    };

    await expect(runScan({ scheduledTime: NOW.toISOString() }, wiring)).rejects.toThrow();
    const second = await runScan({ scheduledTime: NOW.toISOString() }, wiring);

    expect(failNext).toBe(false);
    expect(second.repaired).toBe(1);
    expect(await emailsTo(domain)).toHaveLength(5);
    expect((await t.store.getAccount('F002'))?.lastOutreachAt).toBe(NOW.toISOString());
  });
});

describe('a simulated month of hourly ticks', () => {
  const DOMAIN = '@scan-month.test';
  const ZONES = [
    'Asia/Tokyo',
    'America/New_York',
    'Europe/Berlin',
    'Australia/Sydney',
    'America/Los_Angeles',
  ];
  let t: TestTable;
  afterAll(async () => t?.drop());

  it('sends only inside each contact’s business hours and within every fatigue budget', async () => {
    t = await createTestTable('scan-month', {
      cadence: { key: { days: 3 }, growth: { days: 4 }, standard: { days: 5 } },
      outreach: { standard: { action: 'survey', survey: 'csat' } },
      fatigue: { minDaysBetweenMessages: 7, minDaysBetweenSurveys: 20 },
      sending: { maxPerSecond: 500 },
      dueShards: 2,
    });
    const start = new Date('2026-11-02T00:00:00.000Z');
    const records: ImportRecord[] = [];
    const zoneOf = new Map<string, string>();
    for (let i = 0; i < 25; i++) {
      const id = `M${String(i).padStart(2, '0')}`;
      const zone = ZONES[i % ZONES.length] as string;
      zoneOf.set(id, zone);
      // Pairs of accounts share one contact address: one person, one fatigue budget.
      const shared = `shared-${Math.floor(i / 2)}`;
      records.push(
        record({
          id,
          domain: DOMAIN,
          revenue: [300_000, 60_000, 10_000][i % 3] as number,
          lastContactDaysAgo: i % 4,
          asOf: start,
          timeZone: zone,
          contacts: [{ local: shared, name: `Sam ${shared}`, primary: true }],
        }),
      );
    }
    await importRecords(t.store, records, { now: start });
    const { wiring } = wiringFor(t);
    const sent: Array<{ to: string; at: Date; kind: string; account: string }> = [];
    const realSend = wiring.mailer.send.bind(wiring.mailer);
    let clock = start;
    wiring.mailer.send = async (email: OutgoingEmail) => {
      sent.push({ to: email.to, at: clock, kind: email.tags.kind ?? '', account: email.tags.account ?? '' });
      return realSend(email);
    };

    for (let hour = 0; hour < 30 * 24; hour++) {
      clock = new Date(start.getTime() + hour * 3_600_000);
      await runScan({ scheduledTime: clock.toISOString() }, wiring);
    }

    // Thirteen people (pairs of accounts share one) can each get at most five messages in 30 days.
    expect(new Set(sent.map((s) => s.to)).size).toBe(13);
    expect(sent.length).toBeGreaterThan(13 * 3);
    expect(sent.length).toBeLessThanOrEqual(13 * 5);
    for (const s of sent) {
      expect(isWithinBusinessHours(s.at, zoneOf.get(s.account) ?? 'UTC', t.settings.businessHours)).toBe(
        true,
      );
    }
    const byAddress = new Map<string, typeof sent>();
    for (const s of sent) byAddress.set(s.to, [...(byAddress.get(s.to) ?? []), s]);
    for (const list of byAddress.values()) {
      for (let i = 1; i < list.length; i++) {
        const gapDays = ((list[i]?.at.getTime() ?? 0) - (list[i - 1]?.at.getTime() ?? 0)) / DAY;
        expect(gapDays).toBeGreaterThanOrEqual(7);
      }
      const surveys = list.filter((s) => s.kind === 'survey');
      for (let i = 1; i < surveys.length; i++) {
        expect(
          ((surveys[i]?.at.getTime() ?? 0) - (surveys[i - 1]?.at.getTime() ?? 0)) / DAY,
        ).toBeGreaterThanOrEqual(20);
      }
    }
    expect(await emailsTo(DOMAIN)).toHaveLength(sent.length);
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import type { Contact } from '../../../functions/core/account.ts';
import { type DigestDeps, sendDigests } from '../../../functions/core/digest/send-digests.ts';
import { escalateAndRecover } from '../../../functions/core/health/escalation.ts';
import {
  type NegativeSignalInput,
  recordNegativeSignal,
} from '../../../functions/core/health/negative-signal.ts';
import type { HealthDeps, NegativeSignal, RiskEvent } from '../../../functions/core/health/ports.ts';
import type { EventsPort, ScanDeps, SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { EMAIL_KINDS, type EmailKind } from '../../../functions/core/send/email-kinds.ts';
import { SendInFlightError } from '../../../functions/core/send/send-claimed.ts';
import type { TouchDate } from '../../../functions/core/touches/touch-dates.ts';
import { contact } from '../../support/builders.ts';
import { Crash, CrashSwitch, type Fault } from '../../support/crash.ts';
import {
  anAccount,
  FakeAccounts,
  FakeActionLinks,
  FakeAddresses,
  FakeDueIndex,
  FakeEvents,
  FakeHealthRecords,
  FakeLedger,
  FakeMailer,
  FakeReminders,
  FakeTouchDates,
  fakeLinks,
  frozenClock,
} from '../../support/fakes.ts';

/**
 * Crash at every step, for every kind of email in the registry (`core/send/email-kinds.ts`): a
 * clean run counts the use case's port calls and the emails it sends; then, for every call N, a
 * fresh world runs the use case dying at call N (before the call, or after it did its work with the
 * answer lost), and the next tick / redelivery runs after the lease, and once more after that.
 * Every email of the clean run reaches the same person exactly once, except the one window SES
 * cannot close (a crash after SES accepted an email, before the ledger write): then that email at
 * most once more, to the same person. Nothing stays claimed.
 */

const NOW = new Date('2026-11-18T10:00:00.000Z'); // a Wednesday, inside business hours
const LEASE_MS = 15 * 60_000;
const AFTER_LEASE = new Date(NOW.getTime() + LEASE_MS + 60_000);
const LATER = new Date(AFTER_LEASE.getTime() + LEASE_MS + 60_000);
const HOUR = 3_600_000;

interface World {
  ledger: FakeLedger;
  mailer: FakeMailer;
  /** Runs the use case (one tick, one delivery) at `now`, its ports wrapped by `crash`. */
  run(now: Date, crash?: CrashSwitch): Promise<unknown>;
}

interface Variant {
  name: string;
  world(): Promise<World>;
}

type ScanEvent = Parameters<EventsPort['publish']>[0][number];
const SCAN_PORTS = [
  'accounts',
  'addresses',
  'ledger',
  'reminders',
  'touchDates',
  'mailer',
  'links',
  'events',
] as const;

/** A scan over a fake due index; `setup` puts what is due in it. */
async function scanWorld(setup: (index: FakeDueIndex) => void, contacts: Contact[] = []): Promise<World> {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const index = new FakeDueIndex([], contacts);
  // The completion moves the account on in the same write, as the real ledger does.
  ledger.accounts = index;
  index.dueByTime = true;
  setup(index);
  const deps: ScanDeps = {
    accounts: index,
    addresses: new FakeAddresses(ledger),
    ledger,
    leaseMs: LEASE_MS,
    reminders: new FakeReminders(),
    touchDates: new FakeTouchDates(index),
    mailer,
    links: fakeLinks,
    events: new FakeEvents<ScanEvent>(),
    settings: parseSettings({ dueShards: 1 }),
    clock: frozenClock(NOW),
  };
  return {
    ledger,
    mailer,
    run: (now, crash) => scanDueAccounts(crash ? crash.wrapPorts(deps, SCAN_PORTS) : deps, { now }),
  };
}

const due = (index: FakeDueIndex, ...accounts: ReturnType<typeof anAccount>[]) => {
  for (const a of accounts) index.accounts.set(a.accountId, a);
  index.due.accounts.push(...accounts.map((a) => a.accountId));
};

const touchOn = (accountId: string, kind: TouchDate['kind'], anchor: string, contactEmail?: string) => ({
  accountId,
  kind,
  anchor,
  contactEmail,
  on: '2026-11-18',
  dueAt: '2026-11-18T09:00:00.000Z',
});

const reminder: SurveyReminder = {
  accountId: 'G1',
  surveyId: '20261114090000000-abc',
  contactEmail: 'gil@g1.example',
  contactName: 'Gil',
  kind: 'nps',
  remindAt: '2026-11-18T09:00:00.000Z',
  surveySentAt: '2026-11-14T09:00:00.000Z',
};

const HEALTH_PORTS = ['accounts', 'records', 'ledger', 'mailer', 'links', 'events'] as const;

function healthDeps(store: FakeAccounts, records = new FakeHealthRecords()) {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const deps: HealthDeps = {
    accounts: store,
    records,
    ledger,
    leaseMs: LEASE_MS,
    mailer,
    links: new FakeActionLinks(),
    events: new FakeEvents<RiskEvent>(),
    settings: parseSettings({}),
    clock: frozenClock(NOW),
  };
  return { deps, ledger, mailer, records };
}

const complaint = (accountId: string, externalId: string): NegativeSignalInput => ({
  accountId,
  kind: 'complaint',
  at: new Date(NOW.getTime() - HOUR),
  comment: 'Invoices are wrong',
  source: 'crm',
  externalId,
});

/** A negative signal's delivery (a CRM complaint); the redelivery is the same event again. */
async function signalWorld(
  store: FakeAccounts,
  input: NegativeSignalInput,
  arrange?: (deps: HealthDeps) => Promise<void>,
): Promise<World> {
  const { deps, ledger, mailer, records } = healthDeps(store);
  for (const a of store.accounts.values())
    for (const product of a.products ?? [])
      records.members.push({ dimension: 'product', value: product, accountId: a.accountId, tier: a.tier });
  await arrange?.(deps);
  mailer.sent.length = 0; // what the arrangement sent is not this world's
  return {
    ledger,
    mailer,
    run: (now, crash) =>
      recordNegativeSignal(
        { ...(crash ? crash.wrapPorts(deps, HEALTH_PORTS) : deps), clock: () => now },
        input,
      ),
  };
}

async function escalationWorld(): Promise<World> {
  const alertedAt = new Date(NOW.getTime() - 25 * HOUR).toISOString();
  const account = anAccount('E1', {
    managerEmail: 'max@managers.test',
    risk: { since: alertedAt, reasons: ['complaint'], until: '2026-12-17T08:00:00.000Z' },
  });
  const { deps, ledger, mailer, records } = healthDeps(new FakeAccounts([account]));
  const signal: NegativeSignal = {
    signalId: 'sig-1',
    accountId: 'E1',
    kind: 'complaint',
    at: alertedAt,
    comment: 'Invoices are wrong',
    source: 'crm',
    recordedAt: alertedAt,
  };
  records.signals.set('E1|sig-1', signal);
  records.openAlerts.set('E1|sig-1', {
    accountId: 'E1',
    signalId: 'sig-1',
    alertedAt,
    escalateAt: new Date(NOW.getTime() - HOUR).toISOString(),
  });
  return {
    ledger,
    mailer,
    run: (now, crash) => escalateAndRecover(crash ? crash.wrapPorts(deps, HEALTH_PORTS) : deps, now),
  };
}

const DIGEST_PORTS = ['book', 'responses', 'state', 'ledger', 'actionLinks', 'mailer', 'events'] as const;

async function digestWorld(): Promise<World> {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const states = new Map<
    string,
    Awaited<ReturnType<DigestDeps['state']['getMany']>> extends Map<string, infer S> ? S : never
  >();
  const deps: DigestDeps = {
    book: new FakeAccounts([anAccount('D1', { ownerEmail: 'dora@owners.test' })]),
    responses: { listResponsesSince: async () => [] },
    state: {
      getMany: async (keys) =>
        new Map(
          keys.flatMap((k) => {
            const s = states.get(k);
            return s ? [[k, s] as const] : [];
          }),
        ),
      put: async (state) => void states.set(state.ownerKey, state),
    },
    ledger,
    leaseMs: LEASE_MS,
    actionLinks: new FakeActionLinks(),
    mailer,
    events: new FakeEvents(),
    settings: parseSettings({ digest: { cadence: 'daily', sendWhenEmpty: true } }),
  };
  return {
    ledger,
    mailer,
    run: (now, crash) => sendDigests(crash ? crash.wrapPorts(deps, DIGEST_PORTS) : deps, { now }),
  };
}

/**
 * One or more worlds for every kind of email. A `Record` over the registry: a kind added to
 * `EMAIL_KINDS` without a world here does not type-check, and the test below fails on it too.
 */
const WORLDS: Record<EmailKind, Variant[]> = {
  'check-in': [
    {
      name: 'one contact',
      world: () => scanWorld((i) => due(i, anAccount('A1')), [contact('A1', 'ada@a1.example')]),
    },
    {
      name: 'two contacts: the retry mails whom the claim chose',
      world: () =>
        scanWorld(
          (i) => due(i, anAccount('A1')),
          [contact('A1', 'ada@a1.example', { primary: true }), contact('A1', 'bea@a1.example')],
        ),
    },
  ],
  survey: [
    {
      name: 'growth account',
      world: () =>
        scanWorld((i) => due(i, anAccount('G1', { tier: 'growth' })), [contact('G1', 'gil@g1.example')]),
    },
  ],
  'survey-reminder': [
    {
      name: 'unanswered survey',
      world: () =>
        scanWorld((i) => {
          i.accounts.set('G1', anAccount('G1', { tier: 'growth' }));
          i.due.reminders.push(reminder);
        }),
    },
  ],
  'owner-note': [{ name: 'no contact on record', world: () => scanWorld((i) => due(i, anAccount('A1'))) }],
  birthday: [
    {
      name: 'on the day',
      world: () =>
        scanWorld(
          (i) => {
            i.accounts.set('B1', anAccount('B1', { lastContactAt: NOW.toISOString() }));
            i.due.touches.push(touchOn('B1', 'birthday', '11-18', 'bea@b1.example'));
          },
          [contact('B1', 'bea@b1.example', { name: 'Bea', birthday: '11-18' })],
        ),
    },
  ],
  anniversary: [
    {
      name: 'a key account’s customer-since day',
      world: () =>
        scanWorld(
          (i) => {
            i.accounts.set('N1', anAccount('N1', { customerSince: '2020-11-18' }));
            i.due.touches.push(touchOn('N1', 'anniversary', '2020-11-18'));
          },
          [contact('N1', 'nia@n1.example', { name: 'Nia' })],
        ),
    },
  ],
  'qbr-reminder': [
    {
      name: 'a quarter after customer-since',
      world: () =>
        scanWorld((i) => {
          i.accounts.set('Q1', anAccount('Q1', { customerSince: '2020-08-18' }));
          i.due.touches.push(touchOn('Q1', 'qbr-reminder', '2020-08-18'));
        }),
    },
  ],
  'owner-alert': [
    {
      name: 'a complaint',
      world: () => signalWorld(new FakeAccounts([anAccount('A1')]), complaint('A1', 'T-1')),
    },
  ],
  'cohort-alert': [
    {
      name: 'the third complaint on one product alerts the bystander’s owner',
      world: () => {
        const signalled = ['C1', 'C2', 'C3'].map((id) =>
          anAccount(id, { products: ['Fleet'], ownerEmail: `owner-${id.toLowerCase()}@owners.test` }),
        );
        const bystander = anAccount('K1', { products: ['Fleet'], ownerEmail: 'kim@owners.test' });
        return signalWorld(
          new FakeAccounts([...signalled, bystander]),
          complaint('C3', 'T-3'),
          async (deps) => {
            await recordNegativeSignal(deps, complaint('C1', 'T-1'));
            await recordNegativeSignal(deps, complaint('C2', 'T-2'));
          },
        );
      },
    },
  ],
  escalation: [{ name: 'an alert nobody acknowledged', world: escalationWorld }],
  digest: [{ name: 'a daily digest', world: digestWorld }],
};

/** Runs `run`, swallowing only the injected crash and a held claim (a delivery then fails for a retry). */
async function survive(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof Crash) && !(error instanceof SendInFlightError)) throw error;
  }
}

const sentBy = (mailer: FakeMailer) => mailer.sent.map((e) => `${e.tags.email} to ${e.to}`);

function counts(list: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of list) out.set(x, (out.get(x) ?? 0) + 1);
  return out;
}

describe('crash at every step of every kind of email', () => {
  it('has a world for every kind of email in the registry, and each world sends that kind', async () => {
    const kinds = Object.keys(EMAIL_KINDS) as EmailKind[];
    for (const kind of kinds) {
      expect(WORLDS[kind]?.length ?? 0, `no crash world for ${kind}`).toBeGreaterThan(0);
      for (const variant of WORLDS[kind]) {
        const world = await variant.world();
        await world.run(NOW);
        expect(
          world.mailer.sent.map((e) => e.tags.email),
          `${kind} (${variant.name})`,
        ).toContain(kind);
      }
    }
    expect(Object.keys(WORLDS).sort()).toEqual([...kinds].sort());
  });

  for (const [kind, variants] of Object.entries(WORLDS) as Array<[EmailKind, Variant[]]>) {
    for (const variant of variants) {
      it(`${kind} (${variant.name}): each email once to its person whatever step the run dies at`, async () => {
        const clean = await variant.world();
        const counter = new CrashSwitch();
        await clean.run(NOW, counter);
        const expected = counts(sentBy(clean.mailer));
        const sendSteps = counter.calls.flatMap((c, i) =>
          c.port === 'mailer' && c.method === 'send' ? [i + 1] : [],
        );
        expect(sendSteps.length).toBe(clean.mailer.sent.length);
        for (const step of sendSteps)
          expect(counter.calls[step]).toEqual({ port: 'ledger', method: 'complete' });

        for (let at = 1; at <= counter.calls.length; at++) {
          for (const when of ['before', 'after'] as const) {
            const fault: Fault = { at, when };
            const world = await variant.world();
            await survive(() => world.run(NOW, new CrashSwitch(fault)));
            // The next tick or redelivery after the lease, and one more after that.
            await survive(() => world.run(AFTER_LEASE));
            await survive(() => world.run(LATER));

            const call = counter.calls[at - 1];
            const label = `${kind} (${variant.name}), crash ${when} step ${at} (${call?.port}.${call?.method})`;
            // SES accepted, the ledger not written: the window SES cannot close (no idempotency key).
            const windowSend = sendSteps.findIndex(
              (s) => (at === s && when === 'after') || (at === s + 1 && when === 'before'),
            );
            const mayRepeat = windowSend >= 0 ? sentBy(clean.mailer)[windowSend] : undefined;
            const got = counts(sentBy(world.mailer));
            for (const [email, n] of expected) {
              const seen = got.get(email) ?? 0;
              if (email === mayRepeat) {
                expect(seen, `${label}: ${email}`).toBeGreaterThanOrEqual(n);
                expect(seen, `${label}: ${email}`).toBeLessThanOrEqual(n + 1);
              } else expect(seen, `${label}: ${email}`).toBe(n);
            }
            expect(
              [...got.keys()].filter((e) => !expected.has(e)),
              label,
            ).toEqual([]);
            const stranded = [...world.ledger.entries.values()].filter((e) => e.status === 'claimed');
            expect(stranded, label).toEqual([]);
          }
        }
      });
    }
  }

  it('an alert delivery that meets a claim inside its lease fails, and the redelivery after it mails once', async () => {
    const counter = new CrashSwitch();
    await (await WORLDS['owner-alert'][0]?.world())?.run(NOW, counter);
    const sendStep = counter.calls.findIndex((c) => c.port === 'mailer') + 1;
    const world = (await WORLDS['owner-alert'][0]?.world()) as World;

    await survive(() => world.run(NOW, new CrashSwitch({ at: sendStep, when: 'before' })));
    await expect(world.run(new Date(NOW.getTime() + 60_000))).rejects.toBeInstanceOf(SendInFlightError);
    expect(world.mailer.sent).toEqual([]);

    await world.run(AFTER_LEASE);
    expect(world.mailer.sent.map((e) => e.to)).toEqual(['owner@owners.test']);
  });
});

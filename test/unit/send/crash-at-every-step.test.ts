import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import type { Contact } from '../../../functions/core/account.ts';
import { recordNegativeSignal } from '../../../functions/core/health/negative-signal.ts';
import type { HealthDeps, RiskEvent } from '../../../functions/core/health/ports.ts';
import type { EventsPort, ScanDeps, SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { SendInFlightError } from '../../../functions/core/send/send-claimed.ts';
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
  fakeLinks,
  frozenClock,
} from '../../support/fakes.ts';

/**
 * Crash at every step: for each kind of email, a clean run counts the use case's port calls; then,
 * for every call N, a fresh world runs the use case dying at call N (before the call, or after it
 * did its work with the answer lost), and the next tick / redelivery runs after the lease. Exactly
 * one email reaches the right person, except the one window SES cannot close (a crash after SES
 * accepted the email): then at most one more, to the same person. Nothing stays claimed.
 */

const NOW = new Date('2026-11-18T10:00:00.000Z');
const LEASE_MS = 15 * 60_000;
const AFTER_LEASE = new Date(NOW.getTime() + LEASE_MS + 60_000);
const LATER = new Date(AFTER_LEASE.getTime() + LEASE_MS + 60_000);

interface World {
  ledger: FakeLedger;
  mailer: FakeMailer;
  /** Runs the use case (one tick, one delivery) at `now` with the given ports wrapper. */
  run(now: Date, crash?: CrashSwitch): Promise<unknown>;
}

interface Kind {
  name: string;
  recipient: string;
  world(): World;
}

type ScanEvent = Parameters<EventsPort['publish']>[0][number];
const SCAN_PORTS = ['accounts', 'addresses', 'ledger', 'reminders', 'mailer', 'links', 'events'] as const;

function scanWorld(
  setup: (index: FakeDueIndex, addresses: FakeAddresses) => void,
  contacts: Contact[],
): World {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const index = new FakeDueIndex([], contacts);
  const addresses = new FakeAddresses(ledger);
  setup(index, addresses);
  const deps: ScanDeps = {
    accounts: index,
    addresses,
    ledger,
    leaseMs: LEASE_MS,
    reminders: new FakeReminders(),
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

function ownerAlertWorld(): World {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const deps: HealthDeps = {
    accounts: new FakeAccounts([anAccount('A1')]),
    records: new FakeHealthRecords(),
    ledger,
    leaseMs: LEASE_MS,
    mailer,
    links: new FakeActionLinks(),
    events: new FakeEvents<RiskEvent>(),
    settings: parseSettings({}),
    clock: frozenClock(NOW),
  };
  return {
    ledger,
    mailer,
    run: (now, crash) =>
      recordNegativeSignal(
        { ...(crash ? crash.wrapPorts(deps, HEALTH_PORTS) : deps), clock: () => now },
        {
          accountId: 'A1',
          kind: 'complaint',
          at: new Date(NOW.getTime() - 3_600_000),
          comment: 'Invoices are wrong',
          source: 'crm',
          externalId: 'T-1',
        },
      ),
  };
}

const KINDS: Kind[] = [
  {
    name: 'check-in',
    recipient: 'ada@a1.example',
    world: () => scanWorld((i) => due(i, anAccount('A1')), [contact('A1', 'ada@a1.example')]),
  },
  {
    name: 'check-in of a two-contact account',
    recipient: 'ada@a1.example',
    world: () =>
      scanWorld(
        (i) => due(i, anAccount('A1')),
        [contact('A1', 'ada@a1.example', { primary: true }), contact('A1', 'bea@a1.example')],
      ),
  },
  {
    name: 'survey',
    recipient: 'gil@g1.example',
    world: () =>
      scanWorld((i) => due(i, anAccount('G1', { tier: 'growth' })), [contact('G1', 'gil@g1.example')]),
  },
  {
    name: 'owner note',
    recipient: 'owner@owners.test',
    world: () => scanWorld((i) => due(i, anAccount('A1')), []),
  },
  {
    name: 'survey reminder',
    recipient: 'gil@g1.example',
    world: () =>
      scanWorld((i) => {
        i.accounts.set('G1', anAccount('G1', { tier: 'growth' }));
        i.due.reminders.push(reminder);
      }, []),
  },
  { name: 'owner alert (complaint)', recipient: 'owner@owners.test', world: ownerAlertWorld },
];

/** Runs `run`, swallowing only the injected crash (a scan reports it as a failed item anyway). */
async function survive(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof Crash) && !(error instanceof SendInFlightError)) throw error;
  }
}

describe('crash at every step of every kind of email', () => {
  for (const kind of KINDS) {
    it(`${kind.name}: one email to ${kind.recipient} whatever step the run dies at`, async () => {
      const clean = kind.world();
      const counter = new CrashSwitch();
      await clean.run(NOW, counter);
      expect(clean.mailer.sent.map((e) => e.to)).toEqual([kind.recipient]);
      const steps = counter.calls.length;
      const sendStep = counter.calls.findIndex((c) => c.port === 'mailer' && c.method === 'send') + 1;
      expect(sendStep).toBeGreaterThan(0);
      expect(counter.calls[sendStep]).toEqual({ port: 'ledger', method: 'complete' });

      for (let at = 1; at <= steps; at++) {
        for (const when of ['before', 'after'] as const) {
          const fault: Fault = { at, when };
          const world = kind.world();
          await survive(() => world.run(NOW, new CrashSwitch(fault)));
          // The next tick or redelivery after the lease, and one more after that.
          await survive(() => world.run(AFTER_LEASE));
          await survive(() => world.run(LATER));

          const label = `${kind.name}, crash ${when} step ${at} (${counter.calls[at - 1]?.port}.${counter.calls[at - 1]?.method})`;
          const recipients = world.mailer.sent.map((e) => e.to);
          // SES accepted, the ledger not written: the window SES cannot close (no idempotency key).
          const sesWindow =
            (at === sendStep && when === 'after') || (at === sendStep + 1 && when === 'before');
          if (sesWindow) {
            expect(recipients.length, label).toBeGreaterThanOrEqual(1);
            expect(recipients.length, label).toBeLessThanOrEqual(2);
            expect(new Set(recipients), label).toEqual(new Set([kind.recipient]));
          } else {
            expect(recipients, label).toEqual([kind.recipient]);
          }
          const stranded = [...world.ledger.entries.values()].filter((e) => e.status === 'claimed');
          expect(stranded, label).toEqual([]);
        }
      }
    });
  }

  it('an alert delivery that meets a claim inside its lease fails, and the redelivery after it mails once', async () => {
    const world = ownerAlertWorld();
    const sendStep = { at: 0 };
    const counter = new CrashSwitch();
    await ownerAlertWorld().run(NOW, counter);
    sendStep.at = counter.calls.findIndex((c) => c.port === 'mailer') + 1;

    await survive(() => world.run(NOW, new CrashSwitch({ at: sendStep.at, when: 'before' })));
    await expect(world.run(new Date(NOW.getTime() + 60_000))).rejects.toBeInstanceOf(SendInFlightError);
    expect(world.mailer.sent).toEqual([]);

    await world.run(AFTER_LEASE);
    expect(world.mailer.sent.map((e) => e.to)).toEqual(['owner@owners.test']);
  });
});

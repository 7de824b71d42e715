import { describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { sendDigests } from '../../functions/core/digest/send-digests.ts';
import { escalateAndRecover } from '../../functions/core/health/escalation.ts';
import { recordNegativeSignal } from '../../functions/core/health/negative-signal.ts';
import type { EmailKind } from '../../functions/core/send/email-kinds.ts';
import { createDigestDeps } from '../../functions/handlers/wiring/digest.ts';
import { createHealthDeps } from '../../functions/handlers/wiring/health.ts';
import { contact, daysBefore, importRecord } from '../support/builders.ts';
import { Crash, CrashSwitch } from '../support/crash.ts';
import { FakeMailer } from '../support/fakes.ts';
import { createTestTable, scanTable, type TestTable } from '../support/local-aws.ts';

/**
 * Crash at every step against DynamoDB Local for the emails sent outside the scan: the digest and
 * the escalation to a manager (the scan's check-in and survey are in send-crash.test.ts). Each
 * world has a table of its own, because both jobs read everything due in their table.
 */

const NOW = new Date('2026-11-18T10:00:00.000Z'); // a Wednesday, inside business hours
const HOUR = 3_600_000;

interface World {
  t: TestTable;
  mailer: FakeMailer;
  lease: number;
  run(now: Date, crash?: CrashSwitch): Promise<unknown>;
}

const links = (t: TestTable) => ({
  ...t.runtime,
  sender: 'checkins@sender.test',
  publicBaseUrl: 'http://links.test',
});

let tables = 0;

async function digestWorld(): Promise<World> {
  const t = await createTestTable(`crash-digest-${++tables}`, {
    digest: { cadence: 'daily', sendWhenEmpty: true },
  });
  await importRecords(
    t.store,
    [importRecord('D1', { profile: { ownerEmail: 'dora@owners.test' }, lastContactAt: daysBefore(NOW, 3) })],
    { now: new Date(NOW.getTime() - 3 * 24 * HOUR) },
  );
  const mailer = new FakeMailer();
  const deps = createDigestDeps(links(t), t.settings, { db: t.db, mailer, events: new RecordingPublisher() });
  const ports = ['book', 'responses', 'state', 'ledger', 'actionLinks', 'mailer', 'events'] as const;
  return {
    t,
    mailer,
    lease: deps.leaseMs ?? 0,
    run: (now, crash) => sendDigests(crash ? crash.wrapPorts(deps, ports) : deps, { now }),
  };
}

async function escalationWorld(): Promise<World> {
  const t = await createTestTable(`crash-escalate-${++tables}`);
  const alertedAt = new Date(NOW.getTime() - 25 * HOUR);
  await importRecords(
    t.store,
    [
      importRecord('E1', {
        profile: { managerEmail: 'max@managers.test' },
        contacts: [contact('E1', 'ana@e1.test', { name: 'Ana' })],
        lastContactAt: daysBefore(NOW, 3),
      }),
    ],
    { now: new Date(alertedAt.getTime() - HOUR) },
  );
  // The owner was alerted a day ago and did nothing.
  const arrange = createHealthDeps(links(t), t.settings, {
    db: t.db,
    mailer: new FakeMailer(),
    events: new RecordingPublisher(),
    clock: () => alertedAt,
  });
  await recordNegativeSignal(arrange, {
    accountId: 'E1',
    kind: 'complaint',
    at: alertedAt,
    comment: 'Invoices are wrong',
    source: 'crm',
    externalId: 'T-1',
  });
  const mailer = new FakeMailer();
  const deps = createHealthDeps(links(t), t.settings, { db: t.db, mailer, events: new RecordingPublisher() });
  const ports = ['accounts', 'records', 'ledger', 'mailer', 'links', 'events'] as const;
  return {
    t,
    mailer,
    lease: deps.leaseMs ?? 0,
    run: (now, crash) => escalateAndRecover(crash ? crash.wrapPorts(deps, ports) : deps, now),
  };
}

async function survive(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof Crash)) throw error;
  }
}

const KINDS: Array<{ kind: EmailKind; recipient: string; world: () => Promise<World> }> = [
  { kind: 'digest', recipient: 'dora@owners.test', world: digestWorld },
  { kind: 'escalation', recipient: 'max@managers.test', world: escalationWorld },
];

describe('crash at every step of the digest and the escalation, against DynamoDB Local', {
  timeout: 600_000,
}, () => {
  for (const { kind, recipient, world } of KINDS) {
    it(`${kind}: whatever step the run dies at, the next runs mail ${recipient} once and leave nothing claimed`, async () => {
      const clean = await world();
      const counter = new CrashSwitch();
      await clean.run(NOW, counter);
      await clean.t.drop();
      expect(clean.mailer.sent.map((e) => [e.tags.email, e.to])).toEqual([[kind, recipient]]);
      const sendStep = counter.calls.findIndex((c) => c.port === 'mailer' && c.method === 'send') + 1;
      // Reads before the claim, the claim, the send, the completion, the bookkeeping after it.
      expect(sendStep).toBeGreaterThan(2);
      expect(counter.calls.length).toBeGreaterThan(sendStep + 1);
      expect(counter.calls[sendStep]).toEqual({ port: 'ledger', method: 'complete' });

      for (let at = 1; at <= counter.calls.length; at++) {
        for (const when of ['before', 'after'] as const) {
          const w = await world();
          try {
            await survive(() => w.run(NOW, new CrashSwitch({ at, when })));
            const afterLease = new Date(NOW.getTime() + w.lease + 60_000);
            await survive(() => w.run(afterLease));
            await survive(() => w.run(new Date(afterLease.getTime() + w.lease + 60_000)));

            const call = counter.calls[at - 1];
            const label = `${kind}: crash ${when} step ${at} (${call?.port}.${call?.method})`;
            const to = w.mailer.sent.map((e) => e.to);
            const sesWindow =
              (at === sendStep && when === 'after') || (at === sendStep + 1 && when === 'before');
            if (sesWindow) {
              expect(to.length, label).toBeGreaterThanOrEqual(1);
              expect(to.length, label).toBeLessThanOrEqual(2);
              expect(new Set(to), label).toEqual(new Set([recipient]));
            } else expect(to, label).toEqual([recipient]);
            const claimed = (await scanTable(w.t)).filter(
              (i) => i.entity === 'send' && i.status === 'claimed',
            );
            expect(claimed, label).toEqual([]);
          } finally {
            await w.t.drop();
          }
        }
      }
    });
  }
});

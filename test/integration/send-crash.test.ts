import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SendLedger } from '../../functions/adapters/dynamodb/send-ledger.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { scanDueAccounts } from '../../functions/core/outreach/scan-due-accounts.ts';
import type { BudgetReservation, SendKey } from '../../functions/core/ports.ts';
import { createScanDeps } from '../../functions/handlers/wiring/outreach.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { CrashSwitch } from '../support/crash.ts';
import { FakeMailer } from '../support/fakes.ts';
import { createTestTable, scanTable, type TestTable } from '../support/local-aws.ts';

// A Wednesday, 10:00 UTC: inside business hours.
const NOW = new Date('2026-11-18T10:00:00.000Z');

let t: TestTable;
beforeAll(async () => {
  t = await createTestTable('send-crash', { dueShards: 1 });
});
afterAll(async () => t?.drop());

describe('crash at every step, against DynamoDB Local', { timeout: 300_000 }, () => {
  const PORTS = [
    'accounts',
    'addresses',
    'ledger',
    'reminders',
    'mailer',
    'links',
    'events',
    'touchDates',
  ] as const;

  async function world(id: string, tier: 'key' | 'growth') {
    const email = `ana@${id.toLowerCase()}.test`;
    await importRecords(
      t.store,
      [
        importRecord(id, {
          profile: { annualRevenue: tier === 'key' ? 500_000 : 60_000, timeZone: 'UTC' },
          contacts: [
            contact(id, email, { name: 'Ana', primary: true }),
            contact(id, `bo@${id.toLowerCase()}.test`),
          ],
          lastContactAt: daysBefore(NOW, 400),
        }),
      ],
      // Recorded a month ago: the key account's relationship survey (90 days) is not due yet.
      { now: new Date(NOW.getTime() - 30 * DAY) },
    );
    const mailer = new FakeMailer();
    const runtime = { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: 'http://links.test' };
    const deps = createScanDeps(runtime, t.settings, { db: t.db, mailer, events: new RecordingPublisher() });
    const lease = deps.leaseMs ?? 0;
    const run = (now: Date, crash?: CrashSwitch) =>
      scanDueAccounts(crash ? crash.wrapPorts(deps, PORTS) : deps, { now });
    return { email, mailer, run, lease, ledger: deps.ledger };
  }

  for (const [kind, tier] of [
    ['check-in', 'key'],
    ['survey', 'growth'],
  ] as const) {
    it(`${kind}: whatever step the scan dies at, the next ticks mail the chosen contact once`, async () => {
      const clean = await world(`C${kind[0]}0`, tier);
      const counter = new CrashSwitch();
      await clean.run(NOW, counter);
      expect(clean.mailer.sent.map((e) => [e.to, e.tags.kind])).toEqual([[clean.email, kind]]);
      const sendStep = counter.calls.findIndex((c) => c.port === 'mailer') + 1;

      for (let at = 1; at <= counter.calls.length; at++) {
        for (const when of ['before', 'after'] as const) {
          const w = await world(`C${kind[0]}${at}${when[0]}`, tier);
          await w.run(NOW, new CrashSwitch({ at, when }));
          const afterLease = new Date(NOW.getTime() + w.lease + 60_000);
          await w.run(afterLease);
          await w.run(new Date(afterLease.getTime() + w.lease + 60_000));

          const label = `${kind}: crash ${when} step ${at} (${counter.calls[at - 1]?.port}.${counter.calls[at - 1]?.method})`;
          const to = w.mailer.sent.map((e) => e.to);
          const sesWindow =
            (at === sendStep && when === 'after') || (at === sendStep + 1 && when === 'before');
          if (sesWindow) {
            expect(to.length, label).toBeLessThanOrEqual(2);
            expect(new Set(to), label).toEqual(new Set([w.email]));
          } else expect(to, label).toEqual([w.email]);
        }
      }
    });
  }
});

describe('a stranded claim for someone who unsubscribed since', { timeout: 120_000 }, () => {
  it('is given up: the next tick after the lease mails the colleague once, and nobody mails the person who left', async () => {
    const id = 'UNSUB1';
    await importRecords(
      t.store,
      [
        importRecord(id, {
          profile: { annualRevenue: 500_000, timeZone: 'UTC' },
          contacts: [
            contact(id, 'ana@unsub1.test', { name: 'Ana', primary: true }),
            contact(id, 'bo@unsub1.test', { name: 'Bo' }),
          ],
          lastContactAt: daysBefore(NOW, 400),
        }),
      ],
      { now: new Date(NOW.getTime() - 200 * DAY) },
    );
    const mailer = new FakeMailer();
    const runtime = { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: 'http://links.test' };
    const deps = createScanDeps(runtime, t.settings, { db: t.db, mailer, events: new RecordingPublisher() });
    const ports = [
      'accounts',
      'addresses',
      'ledger',
      'reminders',
      'mailer',
      'links',
      'events',
      'touchDates',
    ] as const;
    // The claim for Ana is taken, then the run dies before SES is called.
    const crash = new CrashSwitch({ at: { port: 'mailer', method: 'send' }, when: 'before' });
    await scanDueAccounts(crash.wrapPorts(deps, ports), { now: NOW });
    expect(crash.dead).toBe(true);
    expect(mailer.sent).toEqual([]);

    await new AddressStore(t.db, t.runtime.tableName).optOut(
      'ana@unsub1.test',
      new Date(NOW.getTime() + 60_000),
    );
    const afterLease = new Date(NOW.getTime() + (deps.leaseMs ?? 0) + 60_000);
    await scanDueAccounts(deps, { now: afterLease });
    await scanDueAccounts(deps, { now: new Date(afterLease.getTime() + 3_600_000) });

    expect(mailer.sent.map((e) => e.to)).toEqual(['bo@unsub1.test']);
    const sends = (await scanTable(t)).filter((i) => i.entity === 'send' && i.accountId === id);
    expect(sends.map((i) => [i.status, i.recipient])).toEqual([['sent', 'bo@unsub1.test']]);
  });
});

/**
 * Two workers racing for one key, crashing and outliving their leases in any order: never two
 * completed sends, every email to the one recipient the first claim recorded, and the key is never
 * claimed forever (a clean worker after the last lease completes it).
 */
describe('the ledger under two workers, crashes and lease expiries (property)', { timeout: 300_000 }, () => {
  const LEASE = 60_000;
  type Step = { worker: 0 | 1; advance: 0 | 1_000 | 61_000; crash: boolean };
  const step = fc.record({
    worker: fc.constantFrom<0 | 1>(0, 1),
    advance: fc.constantFrom<0 | 1_000 | 61_000>(0, 0, 1_000, 61_000),
    crash: fc.boolean(),
  });
  let runs = 0;

  it('never completes twice, never mails two people, never strands a key', async () => {
    const ledger = new SendLedger(t.db, t.runtime.tableName, 1);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps: Step[]) => {
        const key: SendKey = { accountId: `P${++runs}`, kind: 'check-in', cycle: NOW.toISOString() };
        const people = [`a${runs}@p.test`, `b${runs}@p.test`];
        let now = NOW.getTime();
        const budget = (to: string): BudgetReservation => ({
          recipient: to,
          messageCutoff: new Date(now - 7 * DAY),
        });
        type State =
          | { at: 'idle' }
          | { at: 'claimed' | 'sent'; claimId: string; recipient: string; until: number }
          | { at: 'done' };
        const workers: State[] = [{ at: 'idle' }, { at: 'idle' }];
        const mailed: string[] = [];
        let completions = 0;

        const advance = async (worker: 0 | 1, crash: boolean) => {
          const s = workers[worker] as State;
          if (s.at === 'idle') {
            const who = people[worker] as string;
            const c = await ledger.claim(key, new Date(now), LEASE, who, budget(who));
            if (c.outcome === 'claimed')
              workers[worker] = {
                at: 'claimed',
                claimId: c.claimId,
                recipient: c.recipient,
                until: now + LEASE,
              };
            else if (c.outcome === 'already-sent') workers[worker] = { at: 'done' };
          } else if (s.at === 'claimed') {
            if (crash)
              workers[worker] = { at: 'idle' }; // died before SES: the claim is stranded
            else {
              mailed.push(s.recipient);
              workers[worker] = { ...s, at: 'sent' };
            }
          } else if (s.at === 'sent') {
            if (crash)
              workers[worker] = { at: 'idle' }; // died after SES, before the ledger write
            else {
              await ledger.complete(key, s.claimId, {
                messageId: `m${mailed.length}`,
                sentAt: new Date(now),
              });
              completions++;
              workers[worker] = { at: 'done' };
            }
          }
        };

        for (const s of steps) {
          now += s.advance;
          // A run is over (done or killed by its timeout) once its lease has passed.
          workers.forEach((w, i) => {
            if ((w.at === 'claimed' || w.at === 'sent') && w.until <= now) workers[i] = { at: 'idle' };
          });
          await advance(s.worker, s.crash);
        }
        // The next tick, after every lease: a clean worker finishes whatever is left.
        now += LEASE + 1_000;
        workers[0] = { at: 'idle' };
        workers[1] = { at: 'done' };
        const finisher = () => workers[0] as State;
        for (let i = 0; i < 3 && finisher().at !== 'done'; i++) await advance(0, false);

        expect(finisher().at).toBe('done');
        expect(completions).toBeLessThanOrEqual(1);
        expect(mailed.length).toBeGreaterThanOrEqual(1);
        expect(new Set(mailed).size).toBe(1);
        const again = await ledger.claim(key, new Date(now + LEASE * 10), LEASE, people[1] as string);
        expect(again.outcome).toBe('already-sent');
      }),
      { numRuns: 40 },
    );
  });
});

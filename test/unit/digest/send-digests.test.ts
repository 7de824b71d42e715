import { describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import type { Account } from '../../../functions/core/account.ts';
import { digestPeriodAt } from '../../../functions/core/digest/schedule.ts';
import {
  type DigestDeps,
  type DigestState,
  ownerKeyOf,
  sendDigests,
} from '../../../functions/core/digest/send-digests.ts';
import { reportFailures } from '../../../functions/handlers/wiring/adapters.ts';
import { logger } from '../../../functions/shared/observability.ts';
import {
  anAccount,
  FakeAccounts,
  FakeActionLinks,
  FakeEvents,
  FakeLedger,
  FakeMailer,
} from '../../support/fakes.ts';

/** A Monday, after the default weekly digest time (08:00 UTC). */
const NOW = new Date('2026-11-23T08:30:00.000Z');

type DigestEvent = Parameters<DigestDeps['events']['publish']>[0][number];

function setup(accounts: Account[], settingsInput: unknown = { digest: { sendWhenEmpty: true } }) {
  const settings = parseSettings(settingsInput);
  const book = new FakeAccounts(accounts);
  const states = new Map<string, DigestState>();
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const events = new FakeEvents<DigestEvent>();
  const deps: DigestDeps = {
    book,
    responses: { listResponsesSince: async () => [] },
    state: {
      getMany: async (keys) =>
        new Map(keys.flatMap((k) => (states.has(k) ? [[k, states.get(k) as DigestState]] : []))),
      put: async (state) => void states.set(state.ownerKey, state),
    },
    ledger,
    actionLinks: new FakeActionLinks(),
    mailer,
    events,
    settings,
  };
  const periodId = digestPeriodAt(NOW, 'UTC', settings).period.id;
  return { deps, states, ledger, mailer, events, periodId };
}

const ANN = 'ann@example.com';
const BEN = 'ben@example.com';
const book = [anAccount('A1', { ownerEmail: ANN }), anAccount('B1', { ownerEmail: BEN })];

describe('sendDigests', () => {
  it('sends each owner one digest per period, however often the tick runs', async () => {
    const { deps, mailer, events, states, periodId } = setup(book);

    const first = await sendDigests(deps, { now: NOW });
    const second = await sendDigests(deps, { now: new Date(NOW.getTime() + 3_600_000) });

    expect(first).toMatchObject({ owners: 2, sent: 2, failed: 0 });
    expect(second).toMatchObject({ sent: 0, done: 2 });
    expect(mailer.sent.map((e) => e.to).sort()).toEqual([ANN, BEN]);
    expect(mailer.to(ANN)[0]?.tags).toEqual({ kind: 'digest', period: periodId, email: 'digest' });
    expect(events.published).toHaveLength(2);
    for (const e of events.published) expect(e.detail).not.toHaveProperty('owner');
    expect(states.get(ownerKeyOf(ANN))).toMatchObject({
      lastPeriod: periodId,
      lastSentAt: NOW.toISOString(),
    });
  });

  it('waits for the owner’s digest time', async () => {
    const { deps, mailer } = setup(book);

    const report = await sendDigests(deps, { now: new Date('2026-11-23T07:00:00.000Z') });

    expect(report.notDue).toBe(2);
    expect(mailer.sent).toEqual([]);
  });

  it('sends one owner’s digest on demand outside the digest time', async () => {
    const { deps, mailer } = setup(book);

    const report = await sendDigests(deps, {
      now: new Date('2026-11-23T07:00:00.000Z'),
      ownerEmail: 'Ann@Example.com',
    });

    expect(report).toMatchObject({ owners: 1, sent: 1 });
    expect(mailer.sent.map((e) => e.to)).toEqual([ANN]);
  });

  it('sends nothing for a period with nothing to report, and remembers it is done', async () => {
    const quiet = book.map((a) => ({
      ...a,
      nextDueAt: '2027-01-15T09:00:00.000Z',
      lastContactAt: '2026-11-20T09:00:00.000Z',
    }));
    const { deps, mailer, states, periodId } = setup(quiet, {});

    const report = await sendDigests(deps, { now: NOW });

    expect(report.empty).toBe(2);
    expect(mailer.sent).toEqual([]);
    expect(states.get(ownerKeyOf(ANN))?.lastPeriod).toBe(periodId);
  });

  it('repairs the state of an owner whose digest an earlier run sent, without sending again', async () => {
    const { deps, ledger, mailer, states, periodId } = setup([book[0] as Account]);
    ledger.markSent(
      { accountId: ownerKeyOf(ANN), kind: 'digest', cycle: periodId },
      '2026-11-23T08:05:00.000Z',
    );

    const report = await sendDigests(deps, { now: NOW });

    expect(report.repaired).toBe(1);
    expect(mailer.sent).toEqual([]);
    expect(states.get(ownerKeyOf(ANN))).toMatchObject({
      lastPeriod: periodId,
      lastSentAt: '2026-11-23T08:05:00.000Z',
    });
  });

  it('leaves an owner whose digest another run is sending', async () => {
    const { deps, ledger, mailer, periodId } = setup([book[0] as Account]);
    ledger.holdClaim(
      { accountId: ownerKeyOf(ANN), kind: 'digest', cycle: periodId },
      '2026-11-23T08:40:00.000Z',
    );

    const report = await sendDigests(deps, { now: NOW });

    expect(report.inFlight).toBe(1);
    expect(mailer.sent).toEqual([]);
  });

  it('counts a digest that could not be sent and sends it on the next tick', async () => {
    const { deps, mailer, states } = setup([book[0] as Account]);
    mailer.failWith(new Error('SES refused'));

    const failed = await sendDigests(deps, { now: NOW });
    mailer.failWith(undefined);
    const retried = await sendDigests(deps, { now: new Date(NOW.getTime() + 3_600_000) });

    expect(failed.failed).toBe(1);
    expect(retried.sent).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(states.get(ownerKeyOf(ANN))?.lastSentAt).toBe(new Date(NOW.getTime() + 3_600_000).toISOString());
  });

  it('names no owner, not even by its key, in the SES tags or a failure log line', async () => {
    const { deps, mailer } = setup([book[0] as Account]);
    const logged: unknown[] = [];
    const spy = vi.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      deps.onError = reportFailures('digest');
      mailer.failWith(new Error('SES refused'));
      expect((await sendDigests(deps, { now: NOW })).failed).toBe(1);
      mailer.failWith(undefined);
      expect((await sendDigests(deps, { now: new Date(NOW.getTime() + 3_600_000) })).sent).toBe(1);
    } finally {
      spy.mockRestore();
    }
    const key = ownerKeyOf(ANN);
    const hash = key.replace(/^owner-/, '');
    expect(logged).toHaveLength(1);
    const line = JSON.stringify(logged, (_k, v) => (v instanceof Error ? v.message : v));
    for (const secret of [key, hash, ANN]) expect(line).not.toContain(secret);
    expect(line).not.toContain('ownerKey');
    const tags = JSON.stringify(mailer.sent.map((e) => e.tags));
    for (const secret of [key, hash, ANN]) expect(tags).not.toContain(secret);
  });
});

import { describe, expect, it } from 'vitest';
import type { DuePageResult } from '../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../functions/core/outreach/scan-due-accounts.ts';
import { sharedLimit } from '../../functions/shared/concurrency.ts';
import { contact } from '../support/builders.ts';
import { anAccount, FakeMailer, fakeScan } from '../support/fakes.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sharedLimit', () => {
  it('keeps at most the limit in flight across every caller, and runs every task', async () => {
    const run = sharedLimit(3);
    let inFlight = 0;
    let most = 0;
    const task = async (i: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      for (let k = 0; k < (i % 4) + 1; k++) await tick();
      inFlight--;
      return i;
    };
    const callers = Array.from({ length: 4 }, (_, c) =>
      Promise.all(Array.from({ length: 10 }, (_, i) => run(() => task(c * 10 + i)))),
    );

    const results = (await Promise.all(callers)).flat();

    expect(most).toBe(3);
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('frees the slot of a task that failed', async () => {
    const run = sharedLimit(1);
    await expect(run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(async () => 'next')).resolves.toBe('next');
  });
});

/** A mailer whose sends take a few turns of the event loop, counting how many are in flight. */
class SlowMailer extends FakeMailer {
  inFlight = 0;
  most = 0;
  override async send(email: Parameters<FakeMailer['send']>[0]) {
    this.inFlight++;
    this.most = Math.max(this.most, this.inFlight);
    await tick();
    await tick();
    this.inFlight--;
    return super.send(email);
  }
}

describe('the scan’s concurrency', () => {
  it('is one limit for the whole tick, however many shards it reads at once', async () => {
    const accounts = Array.from({ length: 48 }, (_, i) => anAccount(`S${i}`));
    const s = fakeScan({
      accounts,
      contacts: accounts.map((a) => contact(a.accountId, `c@${a.accountId.toLowerCase()}.example`)),
      settings: { dueShards: 16 },
    });
    const mailer = new SlowMailer();
    // Three due accounts in each of the 16 shards.
    s.index.queryDueShard = async (shard: number): Promise<DuePageResult> => {
      const mine = accounts.filter((_, i) => i % 16 === shard);
      return { accounts: mine, reminders: [], touches: [], itemsRead: mine.length };
    };

    const report = await scanDueAccounts(
      { ...s.deps, mailer },
      { now: new Date('2026-11-18T10:00:00.000Z'), concurrency: 3 },
    );

    expect(report.sent.checkIn).toBe(48);
    expect(mailer.sent).toHaveLength(48);
    expect(mailer.most).toBeLessThanOrEqual(3);
    expect(mailer.most).toBeGreaterThan(1);
  });
});

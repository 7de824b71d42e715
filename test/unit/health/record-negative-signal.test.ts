import { describe, expect, it } from 'vitest';
import type { Account, Touch } from '../../../functions/core/account.ts';
import {
  type NegativeSignalInput,
  recordNegativeSignal,
  UnknownAccountError,
} from '../../../functions/core/health/negative-signal.ts';
import { anAccount, fakeHealth } from '../../support/fakes.ts';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function setup(accounts: Account[]) {
  return fakeHealth({ accounts, now: NOW });
}

const detractor = (accountId: string, over: Partial<NegativeSignalInput> = {}): NegativeSignalInput => ({
  accountId,
  kind: 'detractor',
  at: new Date(NOW.getTime() - HOUR),
  score: 3,
  surveyKind: 'nps',
  comment: 'Support is slow',
  source: 'survey',
  externalId: `survey-${accountId}`,
  ...over,
});

describe('recordNegativeSignal', () => {
  it('tells the owner who answered and how to reach them (#14)', async () => {
    const { deps, mailer } = setup([anAccount('A1')]);

    await recordNegativeSignal(
      deps,
      detractor('A1', { contact: { email: 'ana@a1.example', name: 'Ana Lima' } }),
    );

    expect(mailer.sent[0]?.text).toContain('From Ana Lima, ana@a1.example.');
    expect(mailer.sent[0]?.html).toContain('From Ana Lima, ana@a1.example.');
  });

  it("gives the contact's phone and the account's recent timeline, dated in the owner's zone (#14)", async () => {
    // The owner's book is in Auckland (UTC+13 in November): 28 Nov 20:00 UTC is 29 Nov there.
    const zone = { timeZone: 'Pacific/Auckland' };
    const { deps, store, mailer } = setup([anAccount('A1', zone), anAccount('A2', zone)]);
    store.contacts.set('A1', [
      { accountId: 'A1', email: 'ana@a1.example', name: 'Ana Lima', phone: '+64 9 555 0142', primary: true },
    ]);
    const touch = (at: string, kind: Touch['kind'], note?: string): Touch => ({
      accountId: 'A1',
      at,
      kind,
      note,
    });
    store.touches.push(
      touch('2026-10-01T09:00:00.000Z', 'note', 'Lunch with Ana'),
      touch('2026-11-10T20:00:00.000Z', 'check-in'),
      touch('2026-11-12T21:00:00.000Z', 'survey'),
      touch('2026-11-13T08:00:00.000Z', 'survey-answer', 'NPS 8/10'),
      touch('2026-11-14T08:00:00.000Z', 'reply'),
      touch('2026-11-16T20:00:00.000Z', 'crm', 'Call about invoices'),
    );

    await recordNegativeSignal(
      deps,
      detractor('A1', { at: new Date('2026-11-17T20:00:00.000Z'), contact: { email: 'ana@a1.example' } }),
    );

    const text = mailer.sent[0]?.text ?? '';
    expect(text).toContain('From Ana Lima, ana@a1.example, +64 9 555 0142.');
    expect(text).toContain('NPS 3/10 (a detractor) on 18 Nov'); // the signal, in the owner's zone too
    expect(text).toContain('- 17 Nov: contact (CRM) (Call about invoices)');
    expect(text).toContain('- 11 Nov: check-in sent');
    expect(text).not.toContain('Lunch with Ana'); // five lines at most: the oldest is left out
    expect(mailer.sent[0]?.html).toContain('<li>13 Nov: survey answered (NPS 8/10)</li>');
  });

  it('gives the owner a snooze action in the alert, next to I am on it and Mark contacted (#14)', async () => {
    const { deps, mailer, links } = setup([anAccount('A1')]);

    await recordNegativeSignal(deps, detractor('A1'));

    expect(links.issued.map((l) => l.action).sort()).toEqual(['acknowledge', 'mark-contacted', 'snooze']);
    expect(mailer.sent[0]?.html).toContain('Snooze outreach 7 days');
    expect(mailer.sent[0]?.text).toMatch(/Snooze outreach 7 days: https:\/\/example\.test\/a\/snooze\/A1\//);
  });

  it('marks the account at risk until the signal ages out, alerts its owner and emits Account At Risk', async () => {
    const { deps, store, records, mailer, events } = setup([anAccount('A1')]);

    const result = await recordNegativeSignal(deps, detractor('A1'));

    expect(result).toMatchObject({ recorded: true, alerted: true, cohortFlagged: [] });
    expect(store.accounts.get('A1')?.risk?.until).toBe(
      new Date(NOW.getTime() - HOUR + 30 * DAY).toISOString(),
    );
    expect(mailer.sent.map((e) => e.to)).toEqual(['owner@owners.test']);
    expect([...records.openAlerts.values()]).toEqual([
      {
        accountId: 'A1',
        signalId: result.signalId,
        alertedAt: NOW.toISOString(),
        escalateAt: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
      },
    ]);
    expect(events.published).toMatchObject([
      { detailType: 'Account At Risk', detail: { accountId: 'A1', kind: 'detractor', score: 3 } },
    ]);
  });

  it('alerts the owner once however often the same signal is delivered', async () => {
    const { deps, mailer } = setup([anAccount('A1')]);

    await recordNegativeSignal(deps, detractor('A1'));
    const again = await recordNegativeSignal(deps, detractor('A1'));

    expect(again).toMatchObject({ recorded: false, alerted: false });
    expect(mailer.sent).toHaveLength(1);
  });

  it('keeps a signal that aged out before it arrived on record, without an alarm', async () => {
    const { deps, store, mailer, events } = setup([anAccount('A1')]);

    const result = await recordNegativeSignal(
      deps,
      detractor('A1', { at: new Date(NOW.getTime() - 40 * DAY) }),
    );

    expect(result).toMatchObject({ recorded: true, alerted: false });
    expect(store.accounts.get('A1')?.risk).toBeUndefined();
    expect(mailer.sent).toEqual([]);
    expect(events.published).toEqual([]);
  });

  it('refuses a signal for an account it does not know', async () => {
    const { deps } = setup([]);

    await expect(recordNegativeSignal(deps, detractor('nope'))).rejects.toBeInstanceOf(UnknownAccountError);
  });

  it('gives the alert’s claim back when the owner’s email cannot be sent, so a redelivery alerts', async () => {
    const { deps, ledger, mailer } = setup([anAccount('A1')]);
    mailer.failWith(new Error('SES refused'));

    await expect(recordNegativeSignal(deps, detractor('A1'))).rejects.toThrow('SES refused');
    mailer.failWith(undefined);
    const redelivered = await recordNegativeSignal(deps, detractor('A1'));

    expect(ledger.releases).toHaveLength(1);
    expect(redelivered.alerted).toBe(true);
    expect(mailer.sent).toHaveLength(1);
  });

  it('flags the other key accounts of a product once enough accounts on it complained, alerting their owner once', async () => {
    const signalled = ['A1', 'A2', 'A3'].map((id) =>
      anAccount(id, { products: ['Fleet'], ownerEmail: `owner-${id}@example.com` }),
    );
    const bystander = anAccount('K1', { products: ['Fleet'], ownerEmail: 'kim@example.com' });
    const { deps, store, records, mailer, events } = setup([...signalled, bystander]);
    for (const a of [...signalled, bystander])
      records.members.push({ dimension: 'product', value: 'Fleet', accountId: a.accountId, tier: 'key' });

    await recordNegativeSignal(deps, detractor('A1'));
    await recordNegativeSignal(deps, detractor('A2'));
    const third = await recordNegativeSignal(deps, detractor('A3'));
    const fourth = await recordNegativeSignal(deps, detractor('A3', { externalId: 'survey-A3-again' }));

    expect(third.cohortFlagged).toEqual(['K1']);
    expect(fourth.cohortFlagged).toEqual([]);
    expect(store.accounts.get('K1')?.risk?.cohort).toEqual(['product Fleet: 3 negative signals in 14 days']);
    expect(mailer.to('kim@example.com')).toHaveLength(1);
    expect(events.published.filter((e) => e.detail.kind === 'cohort')).toMatchObject([
      { detailType: 'Account At Risk', detail: { accountId: 'K1', dimension: 'product', value: 'Fleet' } },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Account, Contact } from '../../../functions/core/account.ts';
import type { EventsPort, SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { contact } from '../../support/builders.ts';
import { anAccount, fakeScan } from '../../support/fakes.ts';

/** A Wednesday, inside the default business hours (09:00-17:00 UTC, Monday to Friday). */
const NOW = new Date('2026-11-18T10:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type ScanEvent = Parameters<EventsPort['publish']>[0][number];

function setup(opts: { accounts?: Account[]; contacts?: Contact[]; settings?: unknown } = {}) {
  return fakeScan({ ...opts, settings: opts.settings ?? { dueShards: 2 }, now: NOW });
}

describe('scanDueAccounts', () => {
  it('sends one check-in per due key account, with one-click unsubscribe, and advances the account', async () => {
    const { deps, index, mailer, events } = setup({
      accounts: [anAccount('A1'), anAccount('A2')],
      contacts: [contact('A1', 'ada@a1.example'), contact('A2', 'bob@a2.example')],
    });

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.sent.checkIn).toBe(2);
    expect(mailer.sent.map((e) => e.to).sort()).toEqual(['ada@a1.example', 'bob@a2.example']);
    expect(mailer.to('ada@a1.example')[0]?.headers).toContainEqual({
      name: 'List-Unsubscribe',
      value: '<https://example.test/u/A1/ada@a1.example>',
    });
    expect(index.accounts.get('A1')?.lastOutreachAt).toBe(NOW.toISOString());
    expect(events.types()).toEqual(['Check-in Sent', 'Check-in Sent']);
  });

  it('sends a survey to a growth account and queues its reminder with the completion', async () => {
    const { deps, ledger, mailer, events } = setup({
      accounts: [anAccount('G1', { tier: 'growth' })],
      contacts: [contact('G1', 'gil@g1.example')],
    });

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.sent.survey).toBe(1);
    expect(mailer.sent[0]?.html).toContain('https://example.test/s/G1/20261118090000000');
    expect(ledger.completions[0]?.reminder).toMatchObject({
      accountId: 'G1',
      surveyId: '20261118090000000-e3eOTB0fM8', // the cycle and the account: unique across accounts
      contactEmail: 'gil@g1.example',
      kind: 'nps',
      remindAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    expect(events.published[0]).toMatchObject({ detailType: 'Survey Sent', detail: { survey: 'nps' } });
  });

  it('alerts the owner when no contact of a due account can be reached', async () => {
    const { deps, mailer } = setup({ accounts: [anAccount('A1')] });

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.sent.ownerNote).toBe(1);
    expect(mailer.sent.map((e) => e.to)).toEqual(['owner@owners.test']);
  });

  it('defers an account to the next business window outside business hours, sending nothing', async () => {
    const saturday = new Date('2026-11-21T10:00:00.000Z');
    const { deps, index, mailer } = setup({
      accounts: [anAccount('A1')],
      contacts: [contact('A1', 'ada@a1.example')],
    });

    const report = await scanDueAccounts(deps, { now: saturday });

    expect(report.deferred.businessHours).toBe(1);
    expect(mailer.sent).toEqual([]);
    expect(index.accounts.get('A1')?.deferredUntil).toBe('2026-11-23T09:00:00.000Z');
  });

  it('repairs an account whose send an earlier run completed, without sending again', async () => {
    const { deps, index, ledger, mailer } = setup({
      accounts: [anAccount('A1')],
      contacts: [contact('A1', 'ada@a1.example')],
    });
    ledger.markSent(
      { accountId: 'A1', kind: 'check-in', cycle: '2026-11-18T09:00:00.000Z' },
      '2026-11-18T09:01:00.000Z',
    );

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.repaired).toBe(1);
    expect(mailer.sent).toEqual([]);
    expect(index.accounts.get('A1')?.lastOutreachAt).toBe('2026-11-18T09:01:00.000Z');
  });

  it('leaves an account another run is sending to, counting it in flight', async () => {
    const { deps, ledger, mailer } = setup({
      accounts: [anAccount('A1')],
      contacts: [contact('A1', 'ada@a1.example')],
    });
    ledger.holdClaim(
      { accountId: 'A1', kind: 'check-in', cycle: '2026-11-18T09:00:00.000Z' },
      '2026-11-18T10:10:00.000Z',
    );

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.inFlight).toBe(1);
    expect(mailer.sent).toEqual([]);
  });

  it('defers an account for an hour when another send won its contact’s budget a moment ago', async () => {
    const { deps, index, ledger, mailer } = setup({
      accounts: [anAccount('A1')],
      contacts: [contact('A1', 'ada@a1.example')],
    });
    ledger.spendBudget('ada@a1.example', new Date(NOW.getTime() - 60_000).toISOString());

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.deferred.fatigue).toBe(1);
    expect(mailer.sent).toEqual([]);
    expect(index.accounts.get('A1')).toMatchObject({
      deferredUntil: new Date(NOW.getTime() + HOUR).toISOString(),
      deferReason: 'fatigue budget',
    });
  });

  it('counts a failed send, gives its claim back and still reaches the other accounts', async () => {
    const { deps, ledger, mailer, errors } = setup({
      accounts: [anAccount('A1'), anAccount('A2')],
      contacts: [contact('A1', 'ada@a1.example'), contact('A2', 'bob@a2.example')],
    });
    mailer.failWith(new Error('SES refused'), 'ada@a1.example');

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.failed).toBe(1);
    expect(report.sent.checkIn).toBe(1);
    expect(ledger.releases.map((k) => k.accountId)).toEqual(['A1']);
    expect(errors).toEqual(['process-due-item']);
  });

  it('starts no account once the deadline has passed on the clock, leaving them due', async () => {
    const { deps, mailer, clock } = setup({
      accounts: [anAccount('A1')],
      contacts: [contact('A1', 'ada@a1.example')],
    });
    clock.advance(60_000);

    const report = await scanDueAccounts(deps, { now: NOW, deadline: NOW.getTime() + 30_000 });

    expect(report.stoppedEarly).toBe(true);
    expect(mailer.sent).toEqual([]);
  });

  it('reports a shard it could not read as a failure and still serves the other shards', async () => {
    const { deps, index, mailer, errors } = setup({
      accounts: [anAccount('A1')],
      contacts: [contact('A1', 'ada@a1.example')],
    });
    index.failingShard = 1;

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.failed).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(errors).toEqual(['due-shard-1']);
  });

  describe('survey reminders', () => {
    const reminder: SurveyReminder = {
      accountId: 'G1',
      surveyId: '20261114090000000',
      contactEmail: 'gil@g1.example',
      contactName: 'Gil',
      kind: 'nps',
      remindAt: '2026-11-18T09:00:00.000Z',
      surveySentAt: '2026-11-14T09:00:00.000Z',
    };

    it('sends a due reminder once, marks it sent and takes it out of the due index', async () => {
      const { deps, index, reminders, mailer, events } = setup({
        accounts: [anAccount('G1', { tier: 'growth' })],
      });
      index.due.accounts.length = 0;
      index.due.reminders.push(reminder);

      const report = await scanDueAccounts(deps, { now: NOW });

      expect(report.sent.reminder).toBe(1);
      expect(mailer.sent.map((e) => e.to)).toEqual(['gil@g1.example']);
      expect(reminders.markedSent).toEqual([reminder]);
      expect(reminders.removed).toEqual([reminder]);
      expect(events.published[0]).toMatchObject({
        detailType: 'Survey Sent',
        detail: { kind: 'survey-reminder', surveyId: reminder.surveyId },
      });
    });

    it('drops the reminder of an answered survey without sending it', async () => {
      const { deps, index, reminders, mailer } = setup({
        accounts: [anAccount('G1', { tier: 'growth' })],
      });
      index.due.accounts.length = 0;
      index.due.reminders.push(reminder);
      reminders.answered.add(`G1|${reminder.surveyId}`);

      const report = await scanDueAccounts(deps, { now: NOW });

      expect(report.remindersDropped).toBe(1);
      expect(reminders.removed).toEqual([reminder]);
      expect(mailer.sent).toEqual([]);
    });

    it('moves a reminder on by an hour when another send won the contact’s budget', async () => {
      const { deps, index, reminders, ledger, mailer } = setup({
        accounts: [anAccount('G1', { tier: 'growth' })],
      });
      index.due.accounts.length = 0;
      index.due.reminders.push(reminder);
      ledger.spendBudget('gil@g1.example', NOW.toISOString());

      const report = await scanDueAccounts(deps, { now: NOW });

      expect(report.deferred.fatigue).toBe(1);
      expect(reminders.rescheduled).toEqual([{ reminder, until: new Date(NOW.getTime() + HOUR) }]);
      expect(mailer.sent).toEqual([]);
    });
  });
});

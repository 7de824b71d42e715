import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import type { Account } from '../../../functions/core/account.ts';
import { handleCrmEvent } from '../../../functions/core/crm/apply-crm-event.ts';
import { buildDigest } from '../../../functions/core/digest/build-digest.ts';
import { digestPeriodAt } from '../../../functions/core/digest/schedule.ts';
import { CRM_EVENT_SOURCE } from '../../../functions/core/events/crm.ts';
import { pauseOutreach, resumeOutreach } from '../../../functions/core/outreach/pause-outreach.ts';
import { planOutreach } from '../../../functions/core/outreach/plan-outreach.ts';
import type { SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { processTouchDate } from '../../../functions/core/outreach/process-touch-date.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { emptyScanReport } from '../../../functions/core/outreach/scan-report.ts';
import { processDueAccount } from '../../../functions/core/outreach/send-due.ts';
import type { TouchDate } from '../../../functions/core/touches/touch-dates.ts';
import { contact, eventEnvelope } from '../../support/builders.ts';
import { anAccount, FakeAccounts, fakeScan } from '../../support/fakes.ts';

/** Issue #14, "Pauses and choices": pause an account's automated outreach, with a reason; resume ends it. */
const NOW = new Date('2026-11-18T10:00:00.000Z'); // a Wednesday, inside business hours
const LATER = new Date('2026-11-25T10:00:00.000Z');
const DAY = 86_400_000;
const settings = parseSettings({});

const paused = (over: Partial<Account> = {}) =>
  anAccount('A1', {
    pause: { since: NOW.toISOString(), reason: 'contract negotiation', source: 'cli' },
    ...over,
  });

describe('pauseOutreach / resumeOutreach', () => {
  it('pauses with a reason and a timeline entry; the same reason again changes nothing', async () => {
    const store = new FakeAccounts([anAccount('A1')]);
    const first = await pauseOutreach(
      { accounts: store },
      { accountId: 'A1', reason: 'contract negotiation', source: 'crm' },
      NOW,
    );
    expect(first.outcome).toBe('paused');
    expect(first.account.pause).toEqual({
      since: NOW.toISOString(),
      reason: 'contract negotiation',
      source: 'crm',
    });
    expect(store.touches).toEqual([
      expect.objectContaining({
        kind: 'outreach-paused',
        note: 'Outreach paused: contract negotiation',
        source: 'crm',
      }),
    ]);

    const again = await pauseOutreach(
      { accounts: store },
      { accountId: 'A1', reason: 'contract negotiation', source: 'crm' },
      LATER,
    );
    expect(again.outcome).toBe('unchanged');
    expect(store.touches).toHaveLength(1);
  });

  it('keeps the start of a pause when only its reason changes', async () => {
    const store = new FakeAccounts([paused()]);
    const r = await pauseOutreach(
      { accounts: store },
      { accountId: 'A1', reason: 'incident 42', source: 'cli' },
      LATER,
    );
    expect(r.outcome).toBe('reason-changed');
    expect(r.account.pause).toMatchObject({ since: NOW.toISOString(), reason: 'incident 42' });
    expect(store.touches[0]?.note).toBe('Pause reason changed: incident 42');
  });

  it('resumes with a timeline entry naming the pause; resuming an account that is not paused changes nothing', async () => {
    const store = new FakeAccounts([paused()]);
    const r = await resumeOutreach({ accounts: store }, { accountId: 'A1', source: 'cli' }, LATER);
    expect(r.outcome).toBe('resumed');
    expect(r.account.pause).toBeUndefined();
    expect(r.pause?.reason).toBe('contract negotiation');
    expect(store.touches[0]).toMatchObject({
      kind: 'outreach-resumed',
      note: 'Outreach resumed (paused since 2026-11-18: contract negotiation)',
    });

    const again = await resumeOutreach({ accounts: store }, { accountId: 'A1', source: 'cli' }, LATER);
    expect(again.outcome).toBe('not-paused');
    expect(store.touches).toHaveLength(1);
  });

  it('refuses an unknown account', async () => {
    const store = new FakeAccounts([]);
    await expect(
      pauseOutreach({ accounts: store }, { accountId: 'NOPE', reason: 'x', source: 'cli' }, NOW),
    ).rejects.toMatchObject({ name: 'AccountNotFoundError' });
  });
});

describe('while paused', () => {
  it('plans nothing for the contacts of a paused account', () => {
    const p = planOutreach({
      account: paused(),
      contacts: [contact('A1', 'ana@a1.test')],
      addresses: new Map(),
      settings,
      now: NOW,
    });
    expect(p).toEqual({ type: 'paused', reason: 'outreach paused: contract negotiation' });
  });

  it('sends nothing and writes nothing for a stale due-index copy of a paused account', async () => {
    const s = fakeScan({ accounts: [paused()], contacts: [contact('A1', 'ana@a1.test')], now: NOW });
    const report = emptyScanReport(1);
    await processDueAccount(s.deps, paused(), NOW, report);
    expect(report.paused).toBe(1);
    expect(s.mailer.sent).toEqual([]);
    expect(s.index.accounts.get('A1')?.version).toBe(1);
  });

  it('is out of the due index: a tick reads nothing of it, and resuming brings it back due at once', async () => {
    const s = fakeScan({ accounts: [paused()], contacts: [contact('A1', 'ana@a1.test')], now: NOW });
    const quiet = await scanDueAccounts(s.deps, { now: NOW });
    expect(quiet.dueItemsRead).toBe(0);
    expect(s.mailer.sent).toEqual([]);

    await resumeOutreach({ accounts: s.index }, { accountId: 'A1', source: 'cli' }, NOW);
    const back = await scanDueAccounts(s.deps, { now: NOW });
    expect(back.sent.checkIn).toBe(1);
    expect(s.mailer.sent.map((m) => m.to)).toEqual(['ana@a1.test']);
  });

  it('drops a survey reminder to a paused account', async () => {
    const s = fakeScan({ accounts: [paused({ tier: 'growth' })], now: NOW });
    s.index.due.accounts.length = 0;
    const reminder: SurveyReminder = {
      accountId: 'A1',
      surveyId: 'S1',
      contactEmail: 'ana@a1.test',
      kind: 'nps',
      remindAt: NOW.toISOString(),
      surveySentAt: new Date(NOW.getTime() - 7 * DAY).toISOString(),
    };
    s.index.due.reminders.push(reminder);
    const report = await scanDueAccounts(s.deps, { now: NOW });
    expect(report.remindersDropped).toBe(1);
    expect(s.reminders.removed).toEqual([reminder]);
    expect(s.mailer.sent).toEqual([]);
  });

  it('skips a birthday greeting to this year, and still reminds the owner of the quarterly review', async () => {
    const account = paused({ timeZone: 'UTC', customerSince: '2024-08-18' });
    const s = fakeScan({
      accounts: [account],
      contacts: [contact('A1', 'ana@a1.test', { birthday: '11-18' })],
      now: NOW,
    });
    const moved: TouchDate[] = [];
    const store = { reschedule: async (t: TouchDate) => void moved.push(t), remove: async () => {} };
    const birthday: TouchDate = {
      accountId: 'A1',
      kind: 'birthday',
      contactEmail: 'ana@a1.test',
      anchor: '11-18',
      on: '2026-11-18',
      dueAt: '2026-11-18T09:00:00.000Z',
    };
    const qbr: TouchDate = {
      accountId: 'A1',
      kind: 'qbr-reminder',
      anchor: '2024-08-18',
      on: '2026-11-18',
      dueAt: '2026-11-18T09:00:00.000Z',
    };
    const report = emptyScanReport(1);
    await processTouchDate(s.deps, store, birthday, NOW, report);
    expect(report.touches).toEqual({ sent: 0, skipped: 1 });
    expect(moved[0]?.on).toBe('2027-11-18');

    await processTouchDate(s.deps, store, qbr, NOW, report);
    expect(report.touches.sent).toBe(1);
    expect(s.mailer.sent.map((m) => m.to)).toEqual([account.ownerEmail]);
  });

  it("lists the pause in the owner's digest instead of calling the account overdue", () => {
    const account = paused({ lastContactAt: new Date(NOW.getTime() - 60 * DAY).toISOString() });
    const digest = buildDigest({
      owner: { email: account.ownerEmail },
      accounts: [account],
      contacts: new Map(),
      responses: [],
      since: new Date(NOW.getTime() - 7 * DAY),
      period: digestPeriodAt(NOW, 'UTC', settings).period,
      timeZone: 'UTC',
      now: NOW,
      settings,
    });
    const items = (id: string) => digest.sections.find((x) => x.id === id)?.items ?? [];
    expect(items('overdue')).toEqual([]);
    expect(items('paused')).toEqual([
      expect.objectContaining({
        headline: 'Outreach paused since 18 Nov',
        details: [
          'contract negotiation',
          'No check-ins or surveys go out until you resume it: npx account-health resume A1',
        ],
      }),
    ]);
    expect(digest.empty).toBe(false);
  });
});

describe('Outreach Paused / Outreach Resumed from a CRM', () => {
  function crm(accounts: Account[]) {
    const store = new FakeAccounts(accounts);
    const letters: Array<{ reason: string }> = [];
    const deps = {
      accountExists: async (id: string) => store.accounts.has(id),
      importAccount: async () => 'unchanged' as const,
      hasTouch: async () => false,
      recordTouch: async () => undefined,
      recordComplaint: async () => 'unchanged' as const,
      pauses: store,
      deadLetter: async (l: { reason: string }) => void letters.push(l),
    };
    const send = (detailType: string, detail: unknown, id = 'evt-1') =>
      handleCrmEvent(deps, eventEnvelope(CRM_EVENT_SOURCE, detailType, detail, { id }), NOW);
    return { store, letters, send };
  }

  it('pauses and resumes, each idempotent on redelivery', async () => {
    const { store, send } = crm([anAccount('A1')]);
    const detail = { account_id: 'A1', reason: '  renewal negotiation  ' };
    expect(await send('Outreach Paused', detail)).toMatchObject({ status: 'applied', result: 'paused' });
    expect(store.accounts.get('A1')?.pause).toMatchObject({ reason: 'renewal negotiation', source: 'crm' });
    expect(await send('Outreach Paused', detail)).toMatchObject({ status: 'unchanged' });
    expect(await send('Outreach Resumed', { account_id: 'A1' }, 'evt-2')).toMatchObject({
      status: 'applied',
    });
    expect(await send('Outreach Resumed', { account_id: 'A1' }, 'evt-2')).toMatchObject({
      status: 'unchanged',
    });
    expect(store.touches.map((t) => t.kind)).toEqual(['outreach-paused', 'outreach-resumed']);
  });

  it.each([
    ['a missing reason', { account_id: 'A1' }, 'detail.reason: is missing (required)'],
    ['a blank reason', { account_id: 'A1', reason: '   ' }, 'detail.reason: is missing (required)'],
    [
      'a reason with a line break',
      { account_id: 'A1', reason: 'a\nb' },
      'detail.reason: contains a control character (U+000A)',
    ],
    [
      'a reason too long',
      { account_id: 'A1', reason: 'x'.repeat(501) },
      'detail.reason: is longer than 500 characters',
    ],
    ['an unknown account', { account_id: 'NOPE', reason: 'x' }, 'account_id: no account "NOPE"'],
  ])('dead-letters %s, with the reason', async (_name, detail, reason) => {
    const { store, letters, send } = crm([anAccount('A1')]);
    const r = await send('Outreach Paused', detail);
    expect(r.status).toBe('rejected');
    expect(r.reason).toContain(reason);
    expect(letters[0]?.reason).toContain(reason);
    expect(store.accounts.get('A1')?.pause).toBeUndefined();
  });

  it('dead-letters a resume for an unknown account', async () => {
    const { letters, send } = crm([]);
    expect(await send('Outreach Resumed', { account_id: 'NOPE' })).toMatchObject({ status: 'rejected' });
    expect(letters[0]?.reason).toContain('no account "NOPE"');
  });
});

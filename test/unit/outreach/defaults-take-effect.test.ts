import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import { reminderDays } from '../../../functions/core/outreach/plan-outreach.ts';
import type { SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { contact } from '../../support/builders.ts';
import { anAccount, fakeScan } from '../../support/fakes.ts';

/**
 * Issue #14: a documented default must change behaviour as documented. The survey reminder of
 * the defaults goes out on day 7, the day the 7-day gap between emails allows (it used to be set
 * for day 4 and always deferred to day 7).
 */
const SENT = new Date('2026-11-11T10:00:00.000Z'); // a Wednesday
const DAY = 86_400_000;

function setup(settings: unknown, now: Date) {
  return fakeScan({
    accounts: [anAccount('G1', { tier: 'growth' })],
    contacts: [contact('G1', 'gil@g1.example')],
    settings,
    now,
  });
}

describe('defaults that take effect', () => {
  it('reminder day: the documented default (7) and the gap between emails agree', () => {
    const defaults = parseSettings({});
    expect(defaults.surveys.reminderAfterDays).toBe(7);
    expect(defaults.fatigue.minDaysBetweenMessages).toBe(7);
    expect(reminderDays(defaults)).toBe(7);
    // A reminder day before the gap is moved to the gap; after it, it is taken as set.
    expect(reminderDays(parseSettings({ surveys: { reminderAfterDays: 4 } }))).toBe(7);
    expect(reminderDays(parseSettings({ surveys: { reminderAfterDays: 10 } }))).toBe(10);
  });

  it('a survey sent with the defaults queues its reminder for day 7, and on day 7 it is sent, not deferred', async () => {
    const first = setup({}, SENT);
    await scanDueAccounts(first.deps, { now: SENT });
    const queued = first.ledger.completions[0]?.reminder as SurveyReminder;
    expect(queued.remindAt).toBe(new Date(SENT.getTime() + 7 * DAY).toISOString());

    const day7 = new Date(queued.remindAt);
    const later = setup({}, day7);
    later.index.due.accounts.length = 0;
    later.index.due.reminders.push(queued);
    later.addresses.set({
      email: 'gil@g1.example',
      lastMessageAt: SENT.toISOString(),
      lastSurveyAt: SENT.toISOString(),
    });
    const report = await scanDueAccounts(later.deps, { now: day7 });
    expect(report.deferred).toEqual({ businessHours: 0, fatigue: 0, alertOpen: 0 });
    expect(report.sent.reminder).toBe(1);
  });

  it('a reminder asked for before the gap is queued at the gap, not deferred from it', async () => {
    const s = setup({ surveys: { reminderAfterDays: 2 }, fatigue: { minDaysBetweenMessages: 5 } }, SENT);
    await scanDueAccounts(s.deps, { now: SENT });
    expect(s.ledger.completions[0]?.reminder?.remindAt).toBe(
      new Date(SENT.getTime() + 5 * DAY).toISOString(),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import { planOutreach } from '../../../functions/core/outreach/plan-outreach.ts';
import type { SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { contact } from '../../support/builders.ts';
import { anAccount, fakeScan } from '../../support/fakes.ts';

/**
 * Issue #14: a contact can opt out of surveys but keep personal check-ins. Planning skips surveys
 * and survey reminders to them and still sends check-ins; a survey's footer link opts out of
 * surveys only, a check-in's of everything.
 */
const NOW = new Date('2026-11-18T10:00:00.000Z'); // a Wednesday, inside business hours
const DAY = 86_400_000;
const settings = parseSettings({});
const SURVEY_OPT_OUT = { surveyOptedOutAt: '2026-10-01T00:00:00.000Z' };

describe('survey-only opt-out', () => {
  it('gives a growth contact who opted out of surveys a check-in instead', () => {
    const p = planOutreach({
      account: anAccount('G1', { tier: 'growth' }),
      contacts: [contact('G1', 'gil@g1.test')],
      addresses: new Map([['gil@g1.test', { email: 'gil@g1.test', ...SURVEY_OPT_OUT }]]),
      settings,
      now: NOW,
    });
    expect(p).toMatchObject({ type: 'send', kind: 'check-in', contact: { email: 'gil@g1.test' } });
  });

  it('surveys a colleague who still takes surveys', () => {
    const p = planOutreach({
      account: anAccount('G1', { tier: 'growth' }),
      contacts: [contact('G1', 'gil@g1.test'), contact('G1', 'hal@g1.test', { primary: false })],
      addresses: new Map([['gil@g1.test', { email: 'gil@g1.test', ...SURVEY_OPT_OUT }]]),
      settings,
      now: NOW,
    });
    expect(p).toMatchObject({ kind: 'survey', contact: { email: 'hal@g1.test' } });
  });

  it('still sends a key contact who opted out of surveys the due check-in', async () => {
    const s = fakeScan({
      accounts: [anAccount('K1', { createdAt: new Date(NOW.getTime() - 200 * DAY).toISOString() })],
      contacts: [contact('K1', 'kim@k1.test')],
      now: NOW,
    });
    s.addresses.set({ email: 'kim@k1.test', ...SURVEY_OPT_OUT });
    const report = await scanDueAccounts(s.deps, { now: NOW });
    expect(report.sent).toMatchObject({ checkIn: 1, survey: 0 });
  });

  it('drops a survey reminder to a contact who opted out of surveys since', async () => {
    const s = fakeScan({ accounts: [anAccount('G1', { tier: 'growth' })], now: NOW });
    s.index.due.accounts.length = 0;
    const reminder: SurveyReminder = {
      accountId: 'G1',
      surveyId: 'S1',
      contactEmail: 'gil@g1.test',
      kind: 'nps',
      remindAt: NOW.toISOString(),
      surveySentAt: new Date(NOW.getTime() - 8 * DAY).toISOString(),
    };
    s.index.due.reminders.push(reminder);
    s.addresses.set({ email: 'gil@g1.test', ...SURVEY_OPT_OUT });
    const report = await scanDueAccounts(s.deps, { now: NOW });
    expect(report.remindersDropped).toBe(1);
    expect(s.mailer.sent).toEqual([]);
  });

  it("puts a survey-only link in a survey's footer and List-Unsubscribe, and the full one in a check-in's", async () => {
    const s = fakeScan({
      accounts: [anAccount('G1', { tier: 'growth' }), anAccount('K1')],
      contacts: [contact('G1', 'gil@g1.test'), contact('K1', 'kim@k1.test')],
      now: NOW,
    });
    await scanDueAccounts(s.deps, { now: NOW });
    const to = (email: string) => s.mailer.sent.find((m) => m.to === email);
    const survey = to('gil@g1.test');
    const checkIn = to('kim@k1.test');
    expect(survey?.headers).toContainEqual({
      name: 'List-Unsubscribe',
      value: '<https://example.test/u/G1/gil@g1.test?surveys-only>',
    });
    expect(survey?.text).toMatch(
      /Don't\s+want\s+surveys\s+from\s+us\?\s+Stop\s+surveys\s+<\S+\/u\/G1\/gil@g1\.test\?surveys-only>/,
    );
    expect(survey?.text).not.toMatch(/Unsubscribe/);
    expect(checkIn?.headers).toContainEqual({
      name: 'List-Unsubscribe',
      value: '<https://example.test/u/K1/kim@k1.test>',
    });
    expect(checkIn?.text).toMatch(/Unsubscribe\s+<https:\/\/example\.test\/u\/K1\/kim@k1\.test>/);
  });
});

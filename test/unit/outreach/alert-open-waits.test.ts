import { describe, expect, it } from 'vitest';
import type { Account, Contact } from '../../../functions/core/account.ts';
import type { SurveyReminder } from '../../../functions/core/outreach/ports.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { contact } from '../../support/builders.ts';
import { anAccount, fakeScan } from '../../support/fakes.ts';

/**
 * Issue #14: customers who just complained get no automated surveys or reminders while an owner
 * alert is open on their account; the owner is handling it personally. Check-ins go on.
 */
const NOW = new Date('2026-11-18T10:00:00.000Z');
const UNTIL = '2026-12-10T08:00:00.000Z';
const atRisk = { since: '2026-11-10T08:00:00.000Z', reasons: ['open complaint'], until: UNTIL };

function setup(accounts: Account[], contacts: Contact[]) {
  return fakeScan({ accounts, contacts, now: NOW });
}

describe('while an alert is open on the account', () => {
  it('its survey waits until the risk runs out; another account is surveyed as usual', async () => {
    const { deps, index, mailer } = setup(
      [anAccount('G1', { tier: 'growth', risk: atRisk }), anAccount('G2', { tier: 'growth' })],
      [contact('G1', 'gil@g1.example'), contact('G2', 'gus@g2.example')],
    );

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(mailer.sent.map((m) => m.to)).toEqual(['gus@g2.example']);
    expect(report.deferred.alertOpen).toBe(1);
    expect(index.accounts.get('G1')).toMatchObject({
      deferredUntil: UNTIL,
      deferReason: 'an alert is open: the owner is handling it',
    });
  });

  it('its survey reminder waits too', async () => {
    const { deps, index, mailer, reminders } = setup([anAccount('G1', { tier: 'growth', risk: atRisk })], []);
    index.due.accounts.length = 0;
    const reminder: SurveyReminder = {
      accountId: 'G1',
      surveyId: '20261114090000000',
      contactEmail: 'gil@g1.example',
      contactName: 'Gil',
      kind: 'nps',
      remindAt: '2026-11-18T09:00:00.000Z',
      surveySentAt: '2026-11-14T09:00:00.000Z',
    };
    index.due.reminders.push(reminder);

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(mailer.sent).toEqual([]);
    expect(report.deferred.alertOpen).toBe(1);
    expect(reminders.rescheduled).toEqual([{ reminder, until: new Date(UNTIL) }]);
  });

  it('a key account still gets its check-in (personal mail from the owner goes on)', async () => {
    const { deps, mailer } = setup([anAccount('K1', { risk: atRisk })], [contact('K1', 'kim@k1.example')]);

    const report = await scanDueAccounts(deps, { now: NOW });

    expect(report.sent.checkIn).toBe(1);
    expect(mailer.sent.map((m) => m.to)).toEqual(['kim@k1.example']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Account } from '../../../functions/core/account.ts';
import { escalateAndRecover } from '../../../functions/core/health/escalation.ts';
import type { NegativeSignal, OpenAlert } from '../../../functions/core/health/ports.ts';
import { anAccount, fakeHealth } from '../../support/fakes.ts';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const ALERTED = '2026-11-17T09:00:00.000Z';

const signal: NegativeSignal = {
  signalId: 'sig-1',
  accountId: 'A1',
  kind: 'detractor',
  at: '2026-11-17T08:00:00.000Z',
  score: 2,
  surveyKind: 'nps',
  source: 'survey',
  recordedAt: ALERTED,
};
const alert: OpenAlert = {
  accountId: 'A1',
  signalId: 'sig-1',
  alertedAt: ALERTED,
  escalateAt: '2026-11-18T09:00:00.000Z',
};
const atRisk = (over: Partial<Account> = {}) =>
  anAccount('A1', {
    managerEmail: 'max@example.com',
    risk: { since: ALERTED, reasons: ['detractor 2/10'], until: '2026-12-17T08:00:00.000Z' },
    ...over,
  });

function setup(account: Account, opts: { settings?: unknown } = {}) {
  const health = fakeHealth({ accounts: [account], settings: opts.settings, now: NOW });
  health.records.signals.set('A1|sig-1', signal);
  health.records.openAlerts.set('A1|sig-1', alert);
  return health;
}

describe('escalateAndRecover', () => {
  it('escalates an alert the owner left unacknowledged to the manager, once', async () => {
    const { deps, records, mailer } = setup(atRisk());

    const first = await escalateAndRecover(deps, NOW);
    const second = await escalateAndRecover(deps, NOW);

    expect(first).toMatchObject({ alertsDue: 1, escalated: 1 });
    expect(second).toMatchObject({ alertsDue: 0, escalated: 0 });
    expect(mailer.sent.map((e) => [e.to, e.replyTo])).toEqual([['max@example.com', 'owner@owners.test']]);
    expect(records.openAlerts.size).toBe(0);
  });

  it('escalates to the manager in the owner registry when the account names none', async () => {
    const { deps, records, mailer } = setup(atRisk({ managerEmail: undefined }));
    records.owners.set('owner@owners.test', { email: 'owner@owners.test', managerEmail: 'reg@example.com' });

    await escalateAndRecover(deps, NOW);

    expect(mailer.sent.map((e) => e.to)).toEqual(['reg@example.com']);
  });

  it('closes an alert the owner acknowledged, without escalating', async () => {
    const account = atRisk();
    const { deps, records, mailer } = setup({
      ...account,
      risk: { ...(account.risk as NonNullable<Account['risk']>), acknowledgedAt: '2026-11-17T12:00:00.000Z' },
    });

    const report = await escalateAndRecover(deps, NOW);

    expect(report).toMatchObject({ closed: 1, escalated: 0 });
    expect(mailer.sent).toEqual([]);
    expect(records.openAlerts.size).toBe(0);
  });

  it('keeps an alert with nobody to escalate to open with the owner, counts it, and looks again later', async () => {
    const { deps, mailer, records } = setup(atRisk({ managerEmail: undefined }));

    const report = await escalateAndRecover(deps, NOW);

    expect(report.noManager).toBe(1);
    expect(mailer.sent).toEqual([]);
    expect([...records.openAlerts.values()]).toEqual([{ ...alert, escalateAt: '2026-11-19T10:00:00.000Z' }]);
    expect(await escalateAndRecover(deps, NOW)).toMatchObject({ alertsDue: 0 });

    // A manager named by then gets it.
    records.owners.set('owner@owners.test', { email: 'owner@owners.test', managerEmail: 'late@example.com' });
    const later = new Date('2026-11-19T10:00:00.000Z');
    expect(await escalateAndRecover(deps, later)).toMatchObject({ escalated: 1 });
    expect(mailer.sent.map((m) => m.to)).toEqual(['late@example.com']);
  });

  it('sends an alert with no manager on the account or the registry to risk.defaultManagerEmail', async () => {
    const { deps, mailer } = setup(atRisk({ managerEmail: undefined }), {
      settings: { risk: { defaultManagerEmail: 'cs-lead@example.com' } },
    });

    expect(await escalateAndRecover(deps, NOW)).toMatchObject({ escalated: 1, noManager: 0 });
    expect(mailer.sent.map((m) => m.to)).toEqual(['cs-lead@example.com']);
  });

  it('closes an alert whose escalation an earlier run already sent, without sending it again', async () => {
    const { deps, ledger, records, mailer } = setup(atRisk());
    ledger.markSent(
      { accountId: 'A1', kind: 'owner-alert', cycle: 'escalation:sig-1' },
      '2026-11-18T09:05:00.000Z',
    );

    const report = await escalateAndRecover(deps, NOW);

    expect(report).toMatchObject({ closed: 1, escalated: 0 });
    expect(mailer.sent).toEqual([]);
    expect(records.openAlerts.size).toBe(0);
  });

  it('leaves an alert whose escalation another run is sending', async () => {
    const { deps, ledger, records, mailer } = setup(atRisk());
    ledger.holdClaim(
      { accountId: 'A1', kind: 'owner-alert', cycle: 'escalation:sig-1' },
      '2026-11-18T10:10:00.000Z',
    );

    const report = await escalateAndRecover(deps, NOW);

    expect(report).toMatchObject({ escalated: 0, closed: 0, failed: 0 });
    expect(mailer.sent).toEqual([]);
    expect(records.openAlerts.size).toBe(1);
  });

  it('keeps the alert for the next run when the escalation cannot be sent', async () => {
    const { deps, ledger, records, mailer, errors } = setup(atRisk());
    mailer.failWith(new Error('SES refused'));

    const report = await escalateAndRecover(deps, NOW);

    expect(report.failed).toBe(1);
    expect(errors).toEqual(['escalate']);
    expect(ledger.releases).toHaveLength(1);
    expect(records.openAlerts.size).toBe(1);
  });

  it('clears the risk of an account whose signals aged out and emits Account Recovered', async () => {
    const { deps, store, records, events } = setup(
      atRisk({ risk: { since: ALERTED, reasons: ['detractor 2/10'], until: '2026-11-18T08:00:00.000Z' } }),
    );
    records.openAlerts.clear();
    records.atRisk.set('A1', '2026-11-18T08:00:00.000Z');

    const report = await escalateAndRecover(deps, NOW);

    expect(report.recovered).toBe(1);
    expect(store.accounts.get('A1')?.risk).toBeUndefined();
    expect(records.atRisk.size).toBe(0);
    expect(events.published).toEqual([
      {
        detailType: 'Account Recovered',
        detail: { accountId: 'A1', atRiskSince: ALERTED, recoveredAt: NOW.toISOString() },
        time: NOW,
      },
    ]);
  });

  it('keeps the risk of an account a newer signal extended, dropping only the stale listing', async () => {
    const { deps, store, records, events } = setup(atRisk());
    records.openAlerts.clear();
    records.atRisk.set('A1', '2026-11-18T08:00:00.000Z');

    const report = await escalateAndRecover(deps, NOW);

    expect(report.recovered).toBe(0);
    expect(store.accounts.get('A1')?.risk?.until).toBe('2026-12-17T08:00:00.000Z');
    expect(events.published).toEqual([]);
  });
});

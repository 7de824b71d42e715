import { accountTimeZone } from '../account.ts';
import { renderEscalation } from '../email/escalation-email.ts';
import { ACCOUNT_RECOVERED } from '../events/account-health.ts';
import { sendClaimed } from '../send/send-claimed.ts';
import { isAcknowledged } from './acknowledge.ts';
import { computeHealth } from './health-score.ts';
import type { HealthDeps, OpenAlert } from './ports.ts';

export interface EscalationReport {
  alertsDue: number;
  escalated: number;
  /** Acknowledged in time, or the account is no longer at risk: closed without escalating. */
  closed: number;
  /**
   * Nobody to escalate to (no manager on the account, the owner registry or in settings): kept
   * open, with the owner, and looked at again after `risk.escalateAfterHours`.
   */
  noManager: number;
  recovered: number;
  failed: number;
}

const DAY = 86_400_000;

/**
 * The hourly job: escalates owner alerts not acknowledged in time to the owner's manager (once per
 * signal), and clears the risk of accounts whose signals have aged out (`Account Recovered`).
 * Reads only what is due: the open alerts and at-risk accounts whose time has come.
 */
export async function escalateAndRecover(deps: HealthDeps, now: Date): Promise<EscalationReport> {
  const report: EscalationReport = {
    alertsDue: 0,
    escalated: 0,
    closed: 0,
    noManager: 0,
    recovered: 0,
    failed: 0,
  };
  const alerts = await deps.records.listDueAlerts(now);
  report.alertsDue = alerts.length;
  for (const alert of alerts) {
    try {
      await escalateOne(deps, alert, now, report);
    } catch (error) {
      report.failed++;
      deps.onError?.('escalate', alert.accountId, error);
    }
  }
  for (const ref of await deps.records.listRiskDue(now)) {
    try {
      if (await recoverIfClear(deps, ref.accountId, ref.until, now)) report.recovered++;
    } catch (error) {
      report.failed++;
      deps.onError?.('recover', ref.accountId, error);
    }
  }
  return report;
}

async function escalateOne(deps: HealthDeps, alert: OpenAlert, now: Date, report: EscalationReport) {
  const account = await deps.accounts.getAccount(alert.accountId);
  if (!account?.risk || isAcknowledged(account.risk, alert.alertedAt)) {
    await deps.records.deleteOpenAlert(alert);
    report.closed++;
    return;
  }
  const manager =
    account.managerEmail ??
    (await deps.records.getOwner(account.ownerEmail))?.managerEmail ??
    deps.settings.risk.defaultManagerEmail;
  if (!manager) {
    // Never closed silently: the alert stays open (the owner's digest shows the account as not
    // acknowledged) and is looked at again after another wait, in case a manager is named by then.
    const hours = deps.settings.risk.escalateAfterHours;
    await deps.records.putOpenAlert({
      ...alert,
      escalateAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    });
    await deps.records.deleteOpenAlert(alert);
    report.noManager++;
    return;
  }
  const signal = await deps.records.getSignal(alert.accountId, alert.signalId);
  if (!signal) {
    await deps.records.deleteOpenAlert(alert);
    report.closed++;
    return;
  }
  const sent = await sendClaimed(deps, {
    email: 'escalation',
    key: { accountId: account.accountId, kind: 'owner-alert', cycle: `escalation:${alert.signalId}` },
    now,
    recipient: manager,
    compose: async () => {
      const acknowledgeUrl = await deps.links.issue({
        action: 'acknowledge',
        accountId: account.accountId,
        ownerEmail: manager,
        expiresAt: new Date(now.getTime() + deps.settings.risk.actionLinkDays * DAY),
        origin: 'escalation',
      });
      const email = renderEscalation({
        account,
        signal,
        alertedAt: alert.alertedAt,
        acknowledgeUrl,
        hoursWaited: Math.round((now.getTime() - Date.parse(alert.alertedAt)) / 3_600_000),
        timeZone: accountTimeZone(account, deps.settings),
      });
      return {
        ...email,
        to: manager,
        replyTo: account.ownerEmail,
        tags: { account: account.accountId, kind: 'owner-alert', tier: account.tier },
      };
    },
    touch: {
      accountId: account.accountId,
      at: now.toISOString(),
      kind: 'owner-alert',
      note: 'Alert not acknowledged in time: escalated to the manager',
      source: 'health',
    },
  });
  if (sent.outcome === 'in-flight') return;
  if (sent.outcome === 'failed') throw sent.error;
  if (sent.outcome !== 'sent') {
    await deps.records.deleteOpenAlert(alert);
    report.closed++;
    return;
  }
  await deps.records.deleteOpenAlert(alert);
  report.escalated++;
}

/**
 * Clears an account's risk once it has run out (every signal older than its window, the cohort
 * episode over), recomputes its health and emits `Account Recovered`. True when this call cleared it.
 */
export async function recoverIfClear(
  deps: HealthDeps,
  accountId: string,
  indexedUntil: string,
  now: Date,
): Promise<boolean> {
  const account = await deps.accounts.getAccount(accountId);
  const until = account?.risk?.until;
  if (!account?.risk || !until) {
    await deps.records.clearAtRisk(accountId, indexedUntil);
    return false;
  }
  if (until > now.toISOString()) {
    // A newer signal extended the risk; the listing entry for the old time is stale.
    if (until !== indexedUntil) await deps.records.clearAtRisk(accountId, indexedUntil);
    return false;
  }
  const input = await deps.records.loadHealthInput(account, now);
  let cleared: { since: string } | undefined;
  await deps.accounts.updateAccount(
    accountId,
    (a) => {
      if (!a.risk?.until || a.risk.until > now.toISOString()) return {};
      cleared = { since: a.risk.since };
      return {
        risk: undefined,
        health: computeHealth({ ...input, account: { ...a, risk: undefined } }, deps.settings, now),
      };
    },
    now,
  );
  await deps.records.clearAtRisk(accountId, indexedUntil);
  if (!cleared) return false;
  try {
    await deps.events.publish([
      {
        detailType: ACCOUNT_RECOVERED,
        detail: { accountId, atRiskSince: cleared.since, recoveredAt: now.toISOString() },
        time: now,
      },
    ]);
  } catch (error) {
    deps.onError?.('publish-event', accountId, error);
  }
  return true;
}

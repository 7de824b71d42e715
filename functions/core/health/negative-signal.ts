import { createHash } from 'node:crypto';
import type { Account, RiskState } from '../account.ts';
import { ownerTimeZone } from '../digest/schedule.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import { ALERT_TIMELINE_LINES, describeSignal, renderRiskAlert } from '../email/risk-alert-email.ts';
import { ACCOUNT_AT_RISK } from '../events/account-health.ts';
import { SendInFlightError, sendClaimed } from '../send/send-claimed.ts';
import { checkCohorts, cohortValues } from './cohort.ts';
import { computeHealth, describeHealth } from './health-score.ts';
import type { HealthDeps, NegativeSignal } from './ports.ts';

export class UnknownAccountError extends Error {
  constructor(readonly accountId: string) {
    super(`No account with id ${accountId}`);
    this.name = 'AccountNotFoundError';
  }
}

export interface NegativeSignalInput {
  accountId: string;
  kind: 'detractor' | 'complaint';
  at: Date;
  score?: number;
  surveyKind?: SurveyKind;
  comment?: string;
  /** Where it came from: 'survey', 'crm', ... */
  source: string;
  /** The id the source gives it (a survey id, a CRM ticket id): what makes a redelivery a no-op. */
  externalId?: string;
  /** Who said it (the survey's contact), for the owner's alert only: never stored on the signal. */
  contact?: { email: string; name?: string | undefined } | undefined;
}

export interface NegativeSignalResult {
  signalId: string;
  /** False when this signal was recorded before (a redelivered event). */
  recorded: boolean;
  /** True when this call sent the owner's alert. */
  alerted: boolean;
  /** Accounts flagged through a cohort signal by this call. */
  cohortFlagged: string[];
}

const DAY = 86_400_000;

/**
 * A signal's id, derived from its origin so a redelivered event maps to the same signal: the
 * account and the source's own id when there is one, else the facts of the signal. The account is
 * always part of it, so two accounts never share a signal id (nor an `Account At Risk` event id).
 */
export function signalIdOf(input: NegativeSignalInput): string {
  const basis = input.externalId
    ? `${input.accountId}|${input.source}|${input.externalId}`
    : `${input.accountId}|${input.kind}|${input.at.toISOString()}|${input.source}|${input.score ?? ''}`;
  return createHash('sha256').update(basis).digest('base64url').slice(0, 22);
}

const later = (a: string | undefined, b: string) => (a && a > b ? a : b);
const unique = (xs: string[]) => [...new Set(xs)];

/** The risk after a new reason: the earliest `since` kept, the reason first, `until` only extended. */
export function withRiskReason(
  risk: RiskState | undefined,
  reason: string,
  until: string,
  now: Date,
): RiskState {
  return {
    since: risk?.since ?? now.toISOString(),
    reasons: unique([reason, ...(risk?.reasons ?? [])]).slice(0, 8),
    acknowledgedAt: risk?.acknowledgedAt,
    until: later(risk?.until, until),
    cohort: risk?.cohort,
  };
}

async function publishSafely(
  deps: HealthDeps,
  accountId: string,
  events: Parameters<HealthDeps['events']['publish']>[0],
) {
  try {
    await deps.events.publish(events);
  } catch (error) {
    deps.onError?.('publish-event', accountId, error);
  }
}

/**
 * Records a detractor answer or a complaint: stores the signal (once per origin), marks the account
 * at risk until the signal ages out, recomputes its health, emits `Account At Risk`, alerts the
 * owner at once (through the send ledger: one email per signal, however often the event comes),
 * and looks for the same signal on accounts sharing a product or segment (cohort risk).
 * Every step is idempotent, so a redelivery after a crash finishes what the first delivery began.
 */
export async function recordNegativeSignal(
  deps: HealthDeps,
  input: NegativeSignalInput,
): Promise<NegativeSignalResult> {
  const { settings } = deps;
  const now = deps.clock();
  const account = await deps.accounts.getAccount(input.accountId);
  if (!account) throw new UnknownAccountError(input.accountId);

  const signalId = signalIdOf(input);
  const signal: NegativeSignal = {
    signalId,
    accountId: input.accountId,
    kind: input.kind,
    at: input.at.toISOString(),
    score: input.score,
    surveyKind: input.surveyKind as SurveyKind | undefined,
    comment: input.comment?.trim() || undefined,
    source: input.source,
    externalId: input.externalId,
    recordedAt: now.toISOString(),
  };
  const recorded = await deps.records.putSignal(signal);
  const stored = recorded ? signal : ((await deps.records.getSignal(input.accountId, signalId)) ?? signal);

  const until = new Date(Date.parse(stored.at) + settings.risk.signalWindowDays * DAY).toISOString();
  const result: NegativeSignalResult = { signalId, recorded, alerted: false, cohortFlagged: [] };
  if (until <= now.toISOString()) return result; // aged out before it arrived: on record, no alarm

  for (const [dimension, value] of cohortValues(account, settings.cohort.dimensions))
    await deps.records.putCohortSignal(dimension, value, {
      accountId: account.accountId,
      signalId,
      kind: stored.kind,
      at: stored.at,
    });

  const reason = describeSignal(stored);
  const input0 = await deps.records.loadHealthInput(account, now);
  let previousUntil: string | undefined;
  const updated = await deps.accounts.updateAccount(
    account.accountId,
    (a) => {
      previousUntil = a.risk?.until;
      const risk = withRiskReason(a.risk, reason, until, now);
      return { risk, health: computeHealth({ ...input0, account: { ...a, risk } }, settings, now) };
    },
    now,
  );
  await deps.records.setAtRisk(account.accountId, updated.risk?.until ?? until, previousUntil);

  // One Account At Risk per signal, announced by the delivery that holds the owner alert's claim:
  // deliveries racing on one signal (an answer and its revisions, a redelivery) each recorded part
  // of it, so "I recorded it" or "I put the account at risk" named more than one announcer. A crash
  // after announcing and before the alert completes announces again on the takeover, as it mails.
  const announce = () =>
    publishSafely(deps, account.accountId, [
      {
        detailType: ACCOUNT_AT_RISK,
        detail: {
          accountId: account.accountId,
          signalId,
          kind: stored.kind,
          ...(stored.score !== undefined ? { score: stored.score } : {}),
          ...(stored.surveyKind ? { surveyKind: stored.surveyKind } : {}),
          source: stored.source,
          at: stored.at,
          until: updated.risk?.until,
          health: updated.health ? { score: updated.health.score, band: updated.health.band } : undefined,
        },
        time: now,
      },
    ]);
  result.alerted = await alertOwner(deps, updated, stored, now, input.contact, announce);

  result.cohortFlagged = await checkCohorts(deps, account, now);
  return result;
}

/** The owner's alert for one signal: sent once (ledger), then waiting for acknowledgement. */
async function alertOwner(
  deps: HealthDeps,
  account: Account,
  signal: NegativeSignal,
  now: Date,
  who: NegativeSignalInput['contact'] | undefined,
  announce: () => Promise<void>,
): Promise<boolean> {
  const { settings } = deps;
  const key = { accountId: account.accountId, kind: 'owner-alert', cycle: `risk:${signal.signalId}` };
  const sent = await sendClaimed(deps, {
    email: 'owner-alert',
    key,
    now,
    recipient: account.ownerEmail,
    compose: async () => {
      await announce();
      // Findable by the hourly job before anything goes out, so a crash after sending still escalates.
      await deps.records.putOpenAlert({
        accountId: account.accountId,
        signalId: signal.signalId,
        alertedAt: now.toISOString(),
        escalateAt: new Date(now.getTime() + settings.risk.escalateAfterHours * 3_600_000).toISOString(),
      });
      const expiresAt = new Date(now.getTime() + settings.risk.actionLinkDays * DAY);
      const [acknowledgeUrl, markContactedUrl, snoozeUrl] = await Promise.all([
        deps.links.issue({
          action: 'acknowledge',
          accountId: account.accountId,
          ownerEmail: account.ownerEmail,
          expiresAt,
          origin: 'alert',
        }),
        deps.links.issue({
          action: 'mark-contacted',
          accountId: account.accountId,
          ownerEmail: account.ownerEmail,
          expiresAt,
          origin: 'alert',
        }),
        deps.links.issue({
          action: 'snooze',
          accountId: account.accountId,
          ownerEmail: account.ownerEmail,
          expiresAt,
          origin: 'alert',
        }),
      ]);
      const [contacts, timeline, book] = await Promise.all([
        who && deps.accounts.getContacts ? deps.accounts.getContacts(account.accountId) : [],
        deps.accounts.recentTouches?.(account.accountId, ALERT_TIMELINE_LINES) ?? [],
        deps.accounts.listAccountsByOwner?.(account.ownerEmail) ?? [],
      ]);
      const known = contacts.find((c) => c.email.toLowerCase() === who?.email.toLowerCase());
      const timeZone = ownerTimeZone(book.length ? book : [account], settings);
      const email = renderRiskAlert({
        account,
        signal,
        contact: who
          ? { email: who.email, name: who.name ?? known?.name, role: known?.role, phone: known?.phone }
          : undefined,
        health: account.health ? describeHealth(account.health, timeZone) : undefined,
        timeline,
        timeZone,
        acknowledgeUrl,
        markContactedUrl,
        snoozeUrl,
      });
      return {
        ...email,
        to: account.ownerEmail,
        tags: { account: account.accountId, kind: 'owner-alert', tier: account.tier },
      };
    },
    touch: {
      accountId: account.accountId,
      at: now.toISOString(),
      kind: 'owner-alert',
      note: `Owner alerted: ${describeSignal(signal)}`,
      source: 'health',
    },
  });
  if (sent.outcome === 'failed') throw sent.error;
  // Another delivery holds the alert's claim: fail, so the event is delivered again after its lease
  // (and takes the claim over if that delivery died); never report an alert that did not happen.
  if (sent.outcome === 'in-flight') throw new SendInFlightError(key, sent.leaseExpiresAt);
  return sent.outcome === 'sent';
}

/** Recomputes and stores an account's health from everything on record (e.g. after any answer). */
export async function recomputeHealth(
  deps: Pick<HealthDeps, 'accounts' | 'records' | 'settings' | 'clock'>,
  accountId: string,
) {
  const now = deps.clock();
  const account = await deps.accounts.getAccount(accountId);
  if (!account) throw new UnknownAccountError(accountId);
  const input = await deps.records.loadHealthInput(account, now);
  return deps.accounts.updateAccount(
    accountId,
    (a) => ({ health: computeHealth({ ...input, account: a }, deps.settings, now) }),
    now,
  );
}

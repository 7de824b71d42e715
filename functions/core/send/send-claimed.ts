import type { Settings } from '../../config/settings.ts';
import type { Touch } from '../account.ts';
import type { SurveyReminder } from '../outreach/ports.ts';
import type { Ledger, Mailer, OutgoingEmail, SendKey } from '../ports.ts';

const DAY = 86_400_000;

export interface SendClaimedDeps {
  ledger: Ledger;
  mailer: Mailer;
  settings: Pick<Settings, 'sending' | 'fatigue'>;
}

export interface SendRequest {
  key: SendKey;
  now: Date;
  /**
   * Mail to a contact spends the contact's fatigue budget with the claim (`survey`: the survey
   * budget too). Mail to an owner or a manager spends none.
   */
  fatigue?: { recipient: string; survey?: boolean | undefined } | undefined;
  /**
   * Builds the email once the claim is held, so links are minted (and anything that must exist
   * before the email does is written) only for a send that goes out.
   */
  compose: () => Promise<OutgoingEmail>;
  /** The timeline entry written with the completion; none for mail that belongs to no account. */
  touch?: Touch | undefined;
  /** A survey's reminder, put into the due index with the completion. */
  reminder?: SurveyReminder | undefined;
}

export type SendOutcome =
  | { outcome: 'sent'; messageId: string }
  /** A previous run sent it (its bookkeeping may have been lost): never sent again. */
  | { outcome: 'already-sent'; messageId?: string | undefined; sentAt?: string | undefined }
  /** Another run holds the claim and is inside its lease. */
  | { outcome: 'in-flight'; leaseExpiresAt: string }
  /** The recipient's fatigue budget was spent by another send first. */
  | { outcome: 'fatigued' }
  /** Composing or sending failed: nothing went out and the claim was given back for the next run. */
  | { outcome: 'failed'; error: unknown };

/**
 * The one way an email goes out. Claims the send's key in the ledger (spending the recipient's
 * fatigue budget in the same write), and only while holding the claim composes and sends; then
 * completes the claim with SES's message id, the timeline entry and a survey's reminder. If
 * composing or sending fails nothing went out, so the claim is released at once and the next run
 * retries without waiting for the lease. A failure to complete (the claim was taken over) throws.
 */
export async function sendClaimed(deps: SendClaimedDeps, request: SendRequest): Promise<SendOutcome> {
  const { ledger, settings } = deps;
  const { key, now, fatigue } = request;
  const budget = fatigue && {
    recipient: fatigue.recipient,
    messageCutoff: new Date(now.getTime() - settings.fatigue.minDaysBetweenMessages * DAY),
    surveyCutoff: fatigue.survey
      ? new Date(now.getTime() - settings.fatigue.minDaysBetweenSurveys * DAY)
      : undefined,
  };
  const claim = await ledger.claim(key, now, settings.sending.claimLeaseMinutes * 60_000, budget);
  if (claim.outcome !== 'claimed') return claim;

  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(await request.compose()));
  } catch (error) {
    await ledger.release(key, claim.claimId).catch(() => undefined);
    return { outcome: 'failed', error };
  }
  await ledger.complete(key, claim.claimId, {
    messageId,
    sentAt: now,
    touch: request.touch,
    reminder: request.reminder,
  });
  return { outcome: 'sent', messageId };
}

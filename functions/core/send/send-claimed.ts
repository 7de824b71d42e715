import type { Settings } from '../../config/settings.ts';
import type { Touch } from '../account.ts';
import type { SurveyReminder } from '../outreach/ports.ts';
import {
  type AccountAdvance,
  type Ledger,
  type Mailer,
  type MintedLink,
  type OutgoingEmail,
  type SendKey,
  SendOutcomeUnknownError,
} from '../ports.ts';
import type { EmailKind } from './email-kinds.ts';

const DAY = 86_400_000;

export interface SendClaimedDeps {
  ledger: Ledger;
  mailer: Mailer;
  settings: Pick<Settings, 'sending' | 'fatigue'>;
  /**
   * How long a claim is held before another run may take it over: the job's timeout and a margin
   * (`leaseForTimeout`), so a claim outlives the run that took it and no longer. Defaults to
   * `sending.claimLeaseMinutes`.
   */
  leaseMs?: number | undefined;
}

/** A lease for a job of this timeout: the run is over (or killed) by then, with a minute to spare. */
export function leaseForTimeout(timeoutSeconds: number): number {
  return (timeoutSeconds + 60) * 1000;
}

/** Thrown by an event-driven use case that meets another run's claim inside its lease: retry later. */
export class SendInFlightError extends Error {
  constructor(
    readonly key: SendKey,
    readonly leaseExpiresAt: string,
  ) {
    super(
      `send ${key.kind} for ${key.accountId} is held by another run until ${leaseExpiresAt || 'its lease ends'}; retry later`,
    );
    this.name = 'SendInFlightError';
  }
}

export interface SendRequest {
  /** Which kind of email this is (the registry in `email-kinds.ts`); tagged on the email as `email`. */
  email: EmailKind;
  key: SendKey;
  now: Date;
  /** Whom the email is for. The claim records it; a retry after a crash mails the same person. */
  recipient: string;
  /**
   * Mail to a contact spends the contact's fatigue budget with the claim (`survey`: the survey
   * budget too). Mail to an owner or a manager spends none.
   */
  fatigue?: { recipient: string; survey?: boolean | undefined } | undefined;
  /**
   * Builds the email for `recipient` once the claim is held, so links are minted (and anything that
   * must exist before the email does is written) only for a send that goes out. The recipient is
   * the claim's: the requested one, or the one a stranded claim of the same key recorded.
   */
  compose: (recipient: string, links: readonly MintedLink[]) => Promise<OutgoingEmail>;
  /**
   * Mints the links the email for `recipient` carries (an unsubscribe link), written with the
   * claim in the same step instead of a write of their own; `compose` gets them.
   */
  links?: ((recipient: string) => readonly MintedLink[]) | undefined;
  /** The timeline entry written with the completion; none for mail that belongs to no account. */
  touch?: Touch | undefined;
  /** A survey's reminder, put into the due index with the completion. */
  reminder?: SurveyReminder | undefined;
  /**
   * The account's next cycle, written with the completion when the account is unchanged since it
   * was read (one write instead of a read and a write after it); see `Completion.account`.
   */
  account?: AccountAdvance | undefined;
}

export type SendOutcome =
  /** `accountWritten`: the request's `account` was written with the completion. */
  | { outcome: 'sent'; messageId: string; accountWritten: boolean }
  /** A previous run sent it (its bookkeeping may have been lost): never sent again. */
  | { outcome: 'already-sent'; messageId?: string | undefined; sentAt?: string | undefined }
  /** Another run holds the claim and is inside its lease. */
  | { outcome: 'in-flight'; leaseExpiresAt: string }
  /** The recipient's fatigue budget was spent by another send first. */
  | { outcome: 'fatigued' }
  /**
   * Composing or sending failed. When nothing went out the claim was given back for the next run;
   * when the mail service's answer was lost (`SendOutcomeUnknownError`) the claim is kept until its
   * lease runs out, so a takeover sends at most once more, to the same person.
   */
  | { outcome: 'failed'; error: unknown };

/**
 * The one way an email goes out, the same rule for every kind: **claim → send → complete**.
 * Waits for a slot of the sending rate, then claims the send's key in the ledger (recording the
 * recipient, and spending the recipient's fatigue budget in the same write), and only while holding
 * the claim composes and sends; then completes the claim with SES's message id, the timeline entry,
 * a survey's reminder and the account's next cycle, in one write. A claim stranded by a crash is taken over once its lease has expired,
 * for the recipient it recorded and with the budget it spent. If composing or sending fails nothing
 * went out, so the claim is released at once and the next run retries without waiting for the
 * lease. A failure to complete (the claim was taken over) throws.
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
  await deps.mailer.pace?.();
  const leaseMs = deps.leaseMs ?? settings.sending.claimLeaseMinutes * 60_000;
  // Minted once per recipient: the links written with the claim are the ones the email carries.
  const minted = new Map<string, readonly MintedLink[]>();
  const linksFor = (recipient: string) => {
    const known = minted.get(recipient.toLowerCase());
    if (known) return known;
    const links = request.links?.(recipient) ?? [];
    minted.set(recipient.toLowerCase(), links);
    return links;
  };
  const claim = await ledger.claim(key, now, leaseMs, request.recipient, budget, request.links && linksFor);
  if (claim.outcome !== 'claimed') return claim;

  let messageId: string;
  try {
    const email = await request.compose(claim.recipient, linksFor(claim.recipient));
    const to = email.to.toLowerCase() === claim.recipient.toLowerCase() ? email.to : claim.recipient;
    ({ messageId } = await deps.mailer.send({ ...email, to, tags: { ...email.tags, email: request.email } }));
  } catch (error) {
    if (!(error instanceof SendOutcomeUnknownError))
      await ledger.release(key, claim.claimId).catch(() => undefined);
    return { outcome: 'failed', error };
  }
  const completion = {
    messageId,
    sentAt: now,
    touch: request.touch,
    reminder: request.reminder && reminderFor(request.reminder, claim.recipient),
    account: request.account,
  };
  const { accountWritten } = await ledger.complete(key, claim.claimId, completion);
  return { outcome: 'sent', messageId, accountWritten };
}

/** A survey's reminder goes to whom the survey went (the claim's recipient). */
function reminderFor(reminder: SurveyReminder, recipient: string): SurveyReminder {
  if (reminder.contactEmail.toLowerCase() === recipient.toLowerCase()) return reminder;
  return { ...reminder, contactEmail: recipient, contactName: undefined };
}

/**
 * What the mail system reports back about a message we sent, and what it means for the addresses
 * involved. Pure: the SES event shape is the adapter's business (adapters/ses/feedback-event.ts).
 */

export type BounceType = 'Permanent' | 'Transient' | 'Undetermined';

export type EmailFeedback =
  | {
      kind: 'bounce';
      bounceType: BounceType;
      /** The addresses that bounced (one per message, as the tool sends). */
      recipients: string[];
      at: Date;
      messageId: string;
    }
  | {
      kind: 'complaint';
      /** The ARF feedback type (`abuse`, `fraud`, `not-spam`, ...) when the receiver sent one. */
      feedbackType?: string | undefined;
      recipients: string[];
      at: Date;
      messageId: string;
    };

export type SuppressionReason = 'bounce' | 'complaint';

/** Suppresses an address: the send path never mails it again (idempotent; the first time is kept). */
export interface AddressSuppressor {
  suppress(email: string, reason: SuppressionReason, at: Date): Promise<void>;
}

export interface FeedbackOutcome {
  /** Why the addresses were suppressed, or undefined when this feedback suppresses nobody. */
  reason: SuppressionReason | undefined;
  suppressed: number;
  /** Why nothing was done, for the log. */
  ignored?: 'transient-bounce' | 'undetermined-bounce' | 'not-spam-report';
}

/**
 * Who this feedback takes off the mailing list, and why. A permanent (hard) bounce means the mailbox
 * does not exist: never again. A complaint means the person marked us as spam: never again, except a
 * `not-spam` report, which says the opposite. A transient bounce (mailbox full, message too large)
 * and an undetermined one change nothing: the next send may well arrive, and SES counts
 * them against the account's bounce rate only when they become permanent.
 */
export function suppressionOf(feedback: EmailFeedback): Pick<FeedbackOutcome, 'reason' | 'ignored'> {
  if (feedback.kind === 'bounce') {
    if (feedback.bounceType === 'Permanent') return { reason: 'bounce' };
    return {
      reason: undefined,
      ignored: feedback.bounceType === 'Transient' ? 'transient-bounce' : 'undetermined-bounce',
    };
  }
  if (feedback.feedbackType?.toLowerCase() === 'not-spam')
    return { reason: undefined, ignored: 'not-spam-report' };
  return { reason: 'complaint' };
}

/** Applies one piece of feedback: suppresses each recipient it names, when it calls for that. */
export async function applyEmailFeedback(
  feedback: EmailFeedback,
  deps: { addresses: AddressSuppressor },
): Promise<FeedbackOutcome> {
  const { reason, ignored } = suppressionOf(feedback);
  if (!reason) return { reason, suppressed: 0, ...(ignored ? { ignored } : {}) };
  const recipients = [...new Set(feedback.recipients.map((r) => r.trim().toLowerCase()))];
  for (const email of recipients) await deps.addresses.suppress(email, reason, feedback.at);
  return { reason, suppressed: recipients.length };
}

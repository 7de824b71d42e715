import type { SendOutcome } from '../send/send-claimed.ts';

/** What one tick of the scheduler did, counted by the tick, the due send, the reminder and the touches. */
export interface ScanReport {
  shards: number;
  /** Items read from the due index: the numerator of read amplification. */
  dueItemsRead: number;
  /** Due accounts plus due survey reminders found. */
  due: number;
  /** Reminders dropped because the survey was answered, expired or the contact opted out. */
  remindersDropped: number;
  /** Every email the tick sent, by kind (the personal touches too: greetings and review reminders). */
  sent: {
    checkIn: number;
    survey: number;
    reminder: number;
    ownerNote: number;
    birthday: number;
    anniversary: number;
    reviewReminder: number;
  };
  /** Personal touches: sent, and passed over until their next occurrence (switched off, unreachable, fatigued, missed the day). */
  touches: { sent: number; skipped: number };
  /** alertOpen: surveys and reminders waiting while an owner alert is open on the account. */
  deferred: { businessHours: number; fatigue: number; alertOpen: number };
  rescheduled: number;
  /** Due accounts passed over because their outreach is paused. */
  paused: number;
  /** Sends a previous run completed whose account update was lost; repaired, not resent. */
  repaired: number;
  /** Claimed by another run that is still inside its lease. */
  inFlight: number;
  failed: number;
  stoppedEarly: boolean;
}

export function emptyScanReport(shards: number): ScanReport {
  return {
    shards,
    dueItemsRead: 0,
    due: 0,
    remindersDropped: 0,
    sent: {
      checkIn: 0,
      survey: 0,
      reminder: 0,
      ownerNote: 0,
      birthday: 0,
      anniversary: 0,
      reviewReminder: 0,
    },
    touches: { sent: 0, skipped: 0 },
    deferred: { businessHours: 0, fatigue: 0, alertOpen: 0 },
    rescheduled: 0,
    paused: 0,
    repaired: 0,
    inFlight: 0,
    failed: 0,
    stoppedEarly: false,
  };
}

/**
 * What a scan does with a send's outcome: counts it, and runs the use case's own step for a send
 * that waits on the budget (`fatigued`) or was sent before (`alreadySent`). Resolves to the outcome
 * of a send that went out now, undefined otherwise; a failed send throws (the item counts as failed).
 */
export async function settleScanSend(
  sent: SendOutcome,
  report: ScanReport,
  on: { fatigued: () => Promise<unknown>; alreadySent: (sentAt: string | undefined) => Promise<unknown> },
): Promise<Extract<SendOutcome, { outcome: 'sent' }> | undefined> {
  switch (sent.outcome) {
    case 'sent':
      return sent;
    case 'fatigued':
      await on.fatigued();
      return undefined;
    case 'in-flight':
      report.inFlight++;
      return undefined;
    case 'already-sent':
      await on.alreadySent(sent.sentAt);
      report.repaired++;
      return undefined;
    case 'failed':
      throw sent.error;
  }
}

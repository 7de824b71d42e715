import type { ComplaintFiled } from '../events/crm.ts';
import { type NegativeSignalInput, recordNegativeSignal, signalIdOf } from '../health/negative-signal.ts';
import type { HealthDeps } from '../health/ports.ts';

/** What became of a complaint: recorded now, a redelivery of one on record, or a changed repeat. */
export type ComplaintOutcome = 'applied' | 'unchanged' | 'conflict';

/**
 * A CRM complaint as a negative signal: the owner is alerted, the account marked at risk, the
 * cohort checked. The complaint id makes a redelivery a no-op; a repeat of the id with another
 * summary or time is a `conflict`, and nothing is written (the caller refuses it into the dead
 * letters: the owner was alerted with the first words, and a silent rewrite would hide what they
 * were told). `health` runs on the clock of the event's handling. Severity and product are not
 * part of the signal (the account's own products and segment decide its cohort).
 */
export async function recordComplaintSignal(
  health: HealthDeps,
  complaint: ComplaintFiled,
  now: Date,
): Promise<ComplaintOutcome> {
  const input: NegativeSignalInput = {
    accountId: complaint.accountId,
    kind: 'complaint',
    at: new Date(complaint.at),
    comment: complaint.summary,
    source: 'crm',
    externalId: complaint.complaintId,
  };
  const stored = await health.records.getSignal(complaint.accountId, signalIdOf(input));
  if (stored && (stored.comment !== complaint.summary || stored.at !== input.at.toISOString()))
    return 'conflict';
  const result = await recordNegativeSignal({ ...health, clock: () => now }, input);
  return result.recorded || result.alerted ? 'applied' : 'unchanged';
}

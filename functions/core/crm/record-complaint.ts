import type { ComplaintFiled } from '../events/crm.ts';
import { recordNegativeSignal } from '../health/negative-signal.ts';
import type { HealthDeps } from '../health/ports.ts';

/**
 * A CRM complaint as a negative signal: the owner is alerted, the account marked at risk, the
 * cohort checked. The complaint id makes a redelivery a no-op. `health` runs on the clock of the
 * event's handling. Severity and product are not part of the signal (the account's own products
 * and segment decide its cohort).
 */
export async function recordComplaintSignal(
  health: HealthDeps,
  complaint: ComplaintFiled,
  now: Date,
): Promise<boolean> {
  const result = await recordNegativeSignal(
    { ...health, clock: () => now },
    {
      accountId: complaint.accountId,
      kind: 'complaint',
      at: new Date(complaint.at),
      comment: complaint.summary,
      source: 'crm',
      externalId: complaint.complaintId,
    },
  );
  return result.recorded || result.alerted;
}

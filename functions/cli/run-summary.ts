import type { DigestRunReport } from '../core/digest/send-digests.ts';
import type { EscalationReport } from '../core/health/escalation.ts';
import type { ScanReport } from '../core/outreach/scan-report.ts';
import { plural } from '../core/wording.ts';

/**
 * What `account-health run <job>` prints for a person: the job's report in a few lines of words
 * (`--json` prints the report itself). One describer per scheduled job.
 */

/** "2 check-ins, 1 birthday greeting": the kinds of which at least one went out, or "nothing". */
function kindsSent(counts: Array<[number, string, string?]>): string {
  const sent = counts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  return sent.length ? sent.join(', ') : 'nothing';
}

export function describeScan(r: ScanReport, now: Date): string {
  return [
    `Scan at ${now.toISOString()}: ${plural(r.due, 'account')} due (${r.dueItemsRead} due-index items read, ${r.shards} shards)`,
    `  sent:     ${kindsSent([
      [r.sent.checkIn, 'check-in'],
      [r.sent.survey, 'survey'],
      [r.sent.reminder, 'survey reminder'],
      [r.sent.ownerNote, 'owner note'],
      [r.sent.birthday, 'birthday greeting'],
      [r.sent.anniversary, 'anniversary greeting'],
      [r.sent.reviewReminder, 'quarterly review reminder'],
    ])}`,
    `  waiting:  ${r.deferred.businessHours} for business hours, ${r.deferred.fatigue} for the fatigue budget, ${r.deferred.alertOpen} for an open alert; ${r.rescheduled} rescheduled by policy`,
    `  passed:   ${plural(r.touches.skipped, 'personal touch', 'personal touches')} until the next occurrence, ${plural(r.remindersDropped, 'survey reminder')} no longer needed`,
    `  retries:  ${r.repaired} repaired, ${r.inFlight} in flight elsewhere, ${r.failed} failed${r.stoppedEarly ? ' (stopped at the time limit; the rest stay due)' : ''}`,
  ].join('\n');
}

export function describeDigest(r: DigestRunReport, now: Date, owner?: string): string {
  return [
    `Digest at ${now.toISOString()}: ${owner ? `owner ${owner}` : plural(r.owners, 'owner')}`,
    `  sent:     ${plural(r.sent, 'digest')}`,
    `  not sent: ${r.empty} with nothing to report, ${r.notDue} not at their digest time yet, ${r.done} already sent this period`,
    `  retries:  ${r.repaired} repaired, ${r.inFlight} in flight elsewhere, ${r.failed} failed`,
  ].join('\n');
}

export function describeEscalation(r: EscalationReport, now: Date): string {
  return [
    `Escalation at ${now.toISOString()}: ${plural(r.alertsDue, 'alert')} due for escalation`,
    `  escalated: ${plural(r.escalated, 'alert')} to a manager`,
    `  closed:    ${r.closed} (acknowledged in time, or no longer at risk); ${r.noManager} kept open with the owner, no manager on record`,
    `  recovered: ${plural(r.recovered, 'account')} back from at risk; ${r.failed} failed`,
  ].join('\n');
}

import { readDeployedSettings } from '../config/deployed-settings.ts';
import { readRuntime } from '../config/runtime.ts';
import { type CrmEventDeps, type CrmEventOutcome, handleCrmEvent } from '../core/crm/apply-crm-event.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createCrmEventDeps } from './wiring/crm-events.ts';

/**
 * Inbound CRM events from the bus (`Account Upserted`, `Contact Logged`, `Complaint Filed`,
 * `Outreach Paused`, `Outreach Resumed`, source `crm`; docs/events.md). A refused event resolves (it is a dead letter, listed by
 * `account-health dead-letters`); only a failure worth retrying throws, so Lambda retries it and
 * the rule's dead-letter queue keeps it in the end.
 */
export async function processCrmEvent(
  event: unknown,
  deps: CrmEventDeps,
  now: Date,
): Promise<CrmEventOutcome> {
  const outcome = await handleCrmEvent(deps, event, now);
  // Ids and the status only: a reason may quote a value, and details hold names and complaint text.
  const { eventId, detailType, accountId, status, result } = outcome;
  if (status === 'rejected') logger.warn('crm event rejected', { eventId, detailType, accountId, status });
  else logger.info('crm event', { eventId, detailType, accountId, status, result });
  const rejected = status === 'rejected' ? 1 : 0;
  publishCounts({ [METRIC.crmEventsAccepted]: 1 - rejected, [METRIC.crmEventsRejected]: rejected });
  return outcome;
}

let deps: CrmEventDeps | undefined;

export const handler = async (event: unknown): Promise<CrmEventOutcome> => {
  deps ??= createCrmEventDeps(readRuntime(), readDeployedSettings());
  return processCrmEvent(event, deps, new Date());
};

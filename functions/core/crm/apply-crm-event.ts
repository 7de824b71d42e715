import type { ImportRecord, Touch } from '../account.ts';
import {
  ACCOUNT_UPSERTED,
  COMPLAINT_FILED,
  type ComplaintFiled,
  CRM_CONTACT_LOGGED,
  type CrmEvent,
  OUTREACH_PAUSED,
  OUTREACH_RESUMED,
} from '../events/crm.ts';
import { type PausePort, pauseOutreach, resumeOutreach } from '../outreach/pause-outreach.ts';
import { type EnvelopeInfo, parseCrmEvent } from './parse-crm-event.ts';

/**
 * The consumer of inbound CRM events: check the whole event, then apply it, or record it as a dead
 * letter with the reason. A refused event never throws (EventBridge retrying it would not make it
 * valid); a failure that may pass (throttling, a lost race, a network error) is rethrown so Lambda
 * retries and, in the end, parks the event in the rule's dead-letter queue.
 */

/** A refused event, as kept for a user to list (`account-health dead-letters`). */
export interface DeadLetter {
  receivedAt: string;
  eventId: string;
  detailType: string;
  source: string;
  accountId?: string | undefined;
  reason: string;
  /** The event as received; the store caps its size. */
  raw: unknown;
}

/** What the consumer needs, as narrow ports (the handler wires DynamoDB behind them). */
export interface CrmEventDeps {
  accountExists(accountId: string): Promise<boolean>;
  /** Upserts one account with its contacts, as an import of it would. */
  importAccount(record: ImportRecord, now: Date): Promise<'created' | 'updated' | 'unchanged'>;
  /** True when the account's timeline already holds this CRM touch (a redelivery). */
  hasTouch(accountId: string, at: string, kind: Touch['kind']): Promise<boolean>;
  recordTouch(touch: Touch, now: Date): Promise<unknown>;
  /**
   * Records the complaint as a negative signal, once per complaint id: `unchanged` when the same
   * complaint was already there, `conflict` when the id was filed before with another summary or time.
   */
  recordComplaint(complaint: ComplaintFiled, now: Date): Promise<'applied' | 'unchanged' | 'conflict'>;
  /** Pauses and resumes outreach (with the timeline entry); an unknown account throws AccountNotFoundError. */
  pauses: PausePort;
  deadLetter(letter: DeadLetter): Promise<void>;
}

export type CrmEventStatus = 'applied' | 'unchanged' | 'rejected';

export interface CrmEventOutcome {
  eventId: string;
  detailType: string;
  accountId?: string | undefined;
  status: CrmEventStatus;
  /** For Account Upserted: created, updated or unchanged. */
  result?: string | undefined;
  /** Why it was rejected (also in the dead letter). */
  reason?: string | undefined;
  /** Not errors: fields ignored. */
  warnings?: string[] | undefined;
}

/**
 * Errors that retrying will not fix: the account is gone, or the store refused the data itself.
 * Matched by name so the core knows no AWS types (DynamoDB's ValidationException: an item too large).
 */
const PERMANENT = new Set([
  'AccountNotFoundError',
  'NotFoundError',
  'ValidationError',
  'ValidationException',
]);

export function isPermanentFailure(error: unknown): boolean {
  return error instanceof Error && PERMANENT.has(error.name);
}

const unknownAccount = (accountId: string) =>
  `account_id: no account "${accountId}" (import it, or send ${ACCOUNT_UPSERTED} first)`;

async function apply(
  deps: CrmEventDeps,
  event: CrmEvent,
  now: Date,
): Promise<{ status: CrmEventStatus; result?: string; reason?: string }> {
  switch (event.detailType) {
    case ACCOUNT_UPSERTED: {
      const result = await deps.importAccount(event.record, now);
      return { status: result === 'unchanged' ? 'unchanged' : 'applied', result };
    }
    case CRM_CONTACT_LOGGED: {
      if (!(await deps.accountExists(event.accountId)))
        return { status: 'rejected', reason: unknownAccount(event.accountId) };
      // The same CRM touch at the same instant is a redelivery, not a second contact.
      if (await deps.hasTouch(event.accountId, event.at, 'crm')) return { status: 'unchanged' };
      const note = event.channel
        ? event.note
          ? `${event.channel}: ${event.note}`
          : event.channel
        : event.note;
      await deps.recordTouch(
        { accountId: event.accountId, at: event.at, kind: 'crm', note, source: 'crm' },
        now,
      );
      return { status: 'applied' };
    }
    case COMPLAINT_FILED: {
      if (!(await deps.accountExists(event.accountId)))
        return { status: 'rejected', reason: unknownAccount(event.accountId) };
      const outcome = await deps.recordComplaint(event, now);
      if (outcome === 'conflict')
        return {
          status: 'rejected',
          reason: `complaint_id ${JSON.stringify(event.complaintId)} was already filed with another summary or time; a correction is not applied under the same id (file it under a new complaint_id, or resolve the first)`,
        };
      return { status: outcome };
    }
    case OUTREACH_PAUSED: {
      // An unknown account is AccountNotFoundError from the store: a dead letter naming it.
      const { outcome } = await pauseOutreach(
        { accounts: deps.pauses },
        { accountId: event.accountId, reason: event.reason, source: 'crm' },
        now,
      );
      return { status: outcome === 'unchanged' ? 'unchanged' : 'applied', result: outcome };
    }
    case OUTREACH_RESUMED: {
      const { outcome } = await resumeOutreach(
        { accounts: deps.pauses },
        { accountId: event.accountId, source: 'crm' },
        now,
      );
      return { status: outcome === 'resumed' ? 'applied' : 'unchanged', result: outcome };
    }
  }
}

const describeFailure = (error: unknown) => {
  const e = error as Error;
  if (e.name === 'AccountNotFoundError' && 'accountId' in e) return unknownAccount(String(e.accountId));
  // Store messages name keys and limits, never values; cut anyway, a reason is shown in a table.
  return `could not be applied: ${e.name}: ${e.message}`.replace(/\s+/g, ' ').slice(0, 300);
};

/**
 * Handles one delivered event. Resolves with what happened; rejects only on a failure worth
 * retrying (nothing was half-applied: each change is one conditional write or an idempotent upsert).
 */
export async function handleCrmEvent(deps: CrmEventDeps, raw: unknown, now: Date): Promise<CrmEventOutcome> {
  const parsed = parseCrmEvent(raw, { now });
  const reject = async (envelope: EnvelopeInfo, reason: string): Promise<CrmEventOutcome> => {
    await deps.deadLetter({
      receivedAt: now.toISOString(),
      eventId: envelope.eventId,
      detailType: envelope.detailType,
      source: envelope.source,
      accountId: envelope.accountId,
      reason,
      raw,
    });
    return {
      eventId: envelope.eventId,
      detailType: envelope.detailType,
      accountId: envelope.accountId,
      status: 'rejected',
      reason,
    };
  };
  if (!parsed.ok) return reject(parsed.envelope, parsed.reason);

  const { envelope, event, warnings } = parsed;
  let applied: Awaited<ReturnType<typeof apply>>;
  try {
    applied = await apply(deps, event, now);
  } catch (error) {
    if (!isPermanentFailure(error)) throw error;
    return reject(envelope, describeFailure(error));
  }
  if (applied.status === 'rejected') return reject(envelope, applied.reason ?? 'rejected');
  return {
    eventId: envelope.eventId,
    detailType: envelope.detailType,
    accountId: event.accountId,
    status: applied.status,
    result: applied.result,
    warnings: warnings.length ? warnings : undefined,
  };
}

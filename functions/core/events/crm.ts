import * as z from 'zod/mini';
import type { ImportRecord } from '../account.ts';
import { cleanMultiLine, multiLineProblem, singleLineProblem } from '../text-policy.ts';
import { parseIsoDateOrInstant } from '../time.ts';
import { CONTACT_LOGGED } from './account-health.ts';

/**
 * Every event a CRM sends the tool (source `crm`): its detail-type, the schema of its detail and
 * the typed change it becomes, together (docs/events.md has every field with examples). Field
 * names are snake_case, exactly the import's column names, so `Account Upserted` is one account of
 * the JSON import's `accounts` form and its schema is the import's row checks
 * (core/import/validate-rows.ts). core/crm/parse-crm-event.ts checks an event whole against these
 * (and installs zod's messages). Nothing here runs at import, so the jobs table and the CLI can
 * read the names without carrying zod.
 */

/** Inbound events carry this source; the tool's own events carry `account-health`. */
export const CRM_EVENT_SOURCE = 'crm';

/** A CRM created or changed an account and its contacts (the detail: one account of the JSON import). */
export const ACCOUNT_UPSERTED = 'Account Upserted';
/** A CRM recorded a contact. Same name as the tool's own `Contact Logged`: the source tells them apart. */
export const CRM_CONTACT_LOGGED = CONTACT_LOGGED;
/** A CRM recorded a complaint. */
export const COMPLAINT_FILED = 'Complaint Filed';

/** A CRM paused the account's automated outreach (a negotiation, an incident), with a reason. */
export const OUTREACH_PAUSED = 'Outreach Paused';
/** A CRM resumed the account's automated outreach. */
export const OUTREACH_RESUMED = 'Outreach Resumed';

export const CRM_DETAIL_TYPES = [
  ACCOUNT_UPSERTED,
  CRM_CONTACT_LOGGED,
  COMPLAINT_FILED,
  OUTREACH_PAUSED,
  OUTREACH_RESUMED,
] as const;
export type CrmDetailType = (typeof CRM_DETAIL_TYPES)[number];

/** EventBridge refuses a PutEvents entry above 256 KiB; the local bus and the consumer hold to it too. */
export const MAX_EVENT_BYTES = 256 * 1024;

export const MAX_ID = 128;
export const MAX_NOTE = 2000;
export const MAX_CHANNEL = 64;
export const MAX_SUMMARY = 4000;
export const MAX_PRODUCT = 256;
/** A pause's reason is shown in one line of a table and a digest row. */
export const MAX_PAUSE_REASON = 500;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How far past `now` an event time may lie (clock skew between the CRM and us). */
const SKEW_MS = 5 * 60_000;
/** A date alone may be "tomorrow" in UTC when it was written east of UTC (as the import allows). */
const DATE_GRACE_MS = 86_400_000;

export interface AccountUpserted {
  detailType: typeof ACCOUNT_UPSERTED;
  accountId: string;
  record: ImportRecord;
}

export interface CrmContactLogged {
  detailType: typeof CRM_CONTACT_LOGGED;
  accountId: string;
  /** ISO instant (UTC). */
  at: string;
  note?: string | undefined;
  channel?: string | undefined;
}

export interface ComplaintFiled {
  detailType: typeof COMPLAINT_FILED;
  accountId: string;
  /** The CRM's id of the complaint: a complaint is applied once, however often it is delivered. */
  complaintId: string;
  /** ISO instant (UTC). */
  at: string;
  /** The customer's words. Never logged. */
  summary: string;
  severity?: Severity | undefined;
  product?: string | undefined;
}

export interface OutreachPaused {
  detailType: typeof OUTREACH_PAUSED;
  accountId: string;
  reason: string;
}

export interface OutreachResumed {
  detailType: typeof OUTREACH_RESUMED;
  accountId: string;
}

export type CrmEvent = AccountUpserted | CrmContactLogged | ComplaintFiled | OutreachPaused | OutreachResumed;

// --- field schemas -----------------------------------------------------------------------------

export const MISSING = 'is missing (required)';

export const textError = (iss: { input?: unknown }) => (iss.input === undefined ? MISSING : 'must be text');

/** Absent, null or blank: "not given". */
const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;

/** Single-line fields are refused with a control character; multi-line ones are cleaned (core/text-policy.ts). */
type Lines = 'single' | 'multi';
const policed = (lines: Lines) =>
  z.transform((v: string, ctx) => {
    const problem = lines === 'single' ? singleLineProblem(v) : multiLineProblem(v);
    if (problem) {
      ctx.issues.push({ code: 'custom', message: problem, input: v });
      return z.NEVER;
    }
    return lines === 'single' ? v : cleanMultiLine(v);
  });

/** Text, trimmed, required, at most `max` characters. */
const requiredText = (max: number, lines: Lines = 'single') =>
  z.pipe(
    z.pipe(z.string({ error: textError }), policed(lines)),
    z.string().check(z.trim(), z.minLength(1, MISSING), z.maxLength(max, `is longer than ${max} characters`)),
  );

/** An id: text (a number is taken as its digits, CRMs often number things), no control characters. */
const idSchema = () =>
  z.pipe(
    z.transform((v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v)),
    requiredText(MAX_ID),
  );

/** Optional text: absent, null or blank is "not given". */
const optionalText = (max: number, lines: Lines = 'single') =>
  z.pipe(
    z.transform(blankToUndefined),
    z.optional(
      z.pipe(
        z.pipe(z.string({ error: 'must be text' }), policed(lines)),
        z.string().check(z.trim(), z.maxLength(max, `is longer than ${max} characters`)),
      ),
    ),
  );

/** An ISO date (midnight UTC) or time with an offset, not in the future; normalised to UTC. */
const pastInstant = (now: Date) =>
  z.pipe(
    z.string({ error: textError }),
    z.transform((value: string, ctx) => {
      const v = value.trim();
      if (!v) {
        ctx.issues.push({ code: 'custom', message: MISSING, input: value });
        return z.NEVER;
      }
      const at = parseIsoDateOrInstant(v);
      if (!at) {
        ctx.issues.push({
          code: 'custom',
          message: `${JSON.stringify(v.slice(0, 40))} is not an ISO date or time (use 2026-11-20T15:30:00Z)`,
          input: value,
        });
        return z.NEVER;
      }
      const grace = v.includes('T') ? SKEW_MS : DATE_GRACE_MS;
      if (at.getTime() > now.getTime() + grace) {
        ctx.issues.push({ code: 'custom', message: `${JSON.stringify(v)} is in the future`, input: value });
        return z.NEVER;
      }
      return at.toISOString();
    }),
  );

const severitySchema = () =>
  z.pipe(
    z.transform((v: unknown) => {
      const given = blankToUndefined(v);
      return typeof given === 'string' ? given.trim().toLowerCase() : given;
    }),
    z.optional(
      z.enum(SEVERITIES, {
        error: (iss) =>
          `${typeof iss.input === 'string' ? JSON.stringify(iss.input.slice(0, 40)) : 'the value'} is not a severity (use ${SEVERITIES.join(', ')})`,
      }),
    ),
  );

/** The detail of a CRM's `Contact Logged`. */
export const crmContactLoggedSchema = (now: Date) =>
  z.object({
    account_id: idSchema(),
    at: pastInstant(now),
    note: optionalText(MAX_NOTE, 'multi'),
    channel: optionalText(MAX_CHANNEL),
  });

/** The detail of `Complaint Filed`. */
export const complaintFiledSchema = (now: Date) =>
  z.object({
    account_id: idSchema(),
    complaint_id: idSchema(),
    at: pastInstant(now),
    summary: requiredText(MAX_SUMMARY, 'multi'),
    severity: severitySchema(),
    product: optionalText(MAX_PRODUCT),
  });

/** A pause's reason: required, one line, trimmed (the CLI's `--reason` is held to the same). */
export const pauseReasonSchema = () => requiredText(MAX_PAUSE_REASON);

/** The detail of `Outreach Paused`. */
export const outreachPausedSchema = () => z.object({ account_id: idSchema(), reason: pauseReasonSchema() });

/** The detail of `Outreach Resumed`. */
export const outreachResumedSchema = () => z.object({ account_id: idSchema() });

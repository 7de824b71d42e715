import * as z from 'zod/mini';
import '../../config/zod-messages.ts';
import type { ImportRecord } from '../account.ts';
import { ACCOUNT_COLUMNS } from '../import/import-columns.ts';
import { readAccountObject } from '../import/read-json-rows.ts';
import { validateRows } from '../import/validate-rows.ts';
import { parseIsoDateOrInstant } from '../time.ts';

/**
 * Inbound events from a CRM, as they arrive from the bus (docs/events.md has every field with
 * examples). Field names are snake_case, exactly the import's column names, so `Account Upserted`
 * is one account of the JSON import's `accounts` form and passes the same row checks. Pure: the
 * clock is passed in, nothing is written here.
 *
 * An event is checked whole before anything is applied: `parseCrmEvent` either returns the
 * complete, typed change or the reason it is refused.
 */

/** Inbound events carry this source; the tool's own events carry `account-health`. */
export const CRM_EVENT_SOURCE = 'crm';

export const CRM_DETAIL_TYPES = ['Account Upserted', 'Contact Logged', 'Complaint Filed'] as const;
export type CrmDetailType = (typeof CRM_DETAIL_TYPES)[number];

/** EventBridge refuses a PutEvents entry above 256 KiB; the local bus and the consumer hold to it too. */
export const MAX_EVENT_BYTES = 256 * 1024;

export const MAX_ID = 128;
export const MAX_NOTE = 2000;
export const MAX_CHANNEL = 64;
export const MAX_SUMMARY = 4000;
export const MAX_PRODUCT = 256;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How far past `now` an event time may lie (clock skew between the CRM and us). */
const SKEW_MS = 5 * 60_000;
/** A date alone may be "tomorrow" in UTC when it was written east of UTC (as the import allows). */
const DATE_GRACE_MS = 86_400_000;

export interface AccountUpserted {
  detailType: 'Account Upserted';
  accountId: string;
  record: ImportRecord;
}

export interface ContactLogged {
  detailType: 'Contact Logged';
  accountId: string;
  /** ISO instant (UTC). */
  at: string;
  note?: string | undefined;
  channel?: string | undefined;
}

export interface ComplaintFiled {
  detailType: 'Complaint Filed';
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

export type CrmEvent = AccountUpserted | ContactLogged | ComplaintFiled;

/** What the envelope says about an event, as far as it could be read (a dead letter keeps it). */
export interface EnvelopeInfo {
  eventId: string;
  detailType: string;
  source: string;
  /** The envelope's time (EventBridge stamps PutEvents' time), when given. */
  time?: string | undefined;
  accountId?: string | undefined;
}

export type ParsedCrmEvent =
  | { ok: true; envelope: EnvelopeInfo; event: CrmEvent; warnings: string[] }
  | { ok: false; envelope: EnvelopeInfo; reason: string };

// --- field schemas -----------------------------------------------------------------------------

const MISSING = 'is missing (required)';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

const textError = (iss: { input?: unknown }) => (iss.input === undefined ? MISSING : 'must be text');

/** Absent, null or blank: "not given". */
const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;

/** Text, trimmed, required, at most `max` characters. */
const requiredText = (max: number) =>
  z
    .string({ error: textError })
    .check(z.trim(), z.minLength(1, MISSING), z.maxLength(max, `is longer than ${max} characters`));

/** An id: text (a number is taken as its digits, CRMs often number things), no control characters. */
const idSchema = z.pipe(
  z.transform((v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v)),
  requiredText(MAX_ID).check(z.refine((v) => !CONTROL.test(v), 'contains a control character')),
);

/** Optional text: absent, null or blank is "not given". */
const optionalText = (max: number) =>
  z.pipe(
    z.transform(blankToUndefined),
    z.optional(
      z
        .string({ error: 'must be text' })
        .check(z.trim(), z.maxLength(max, `is longer than ${max} characters`)),
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

const severitySchema = z.pipe(
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

/** The detail of `Contact Logged`. */
export const contactLoggedSchema = (now: Date) =>
  z.object({
    account_id: idSchema,
    at: pastInstant(now),
    note: optionalText(MAX_NOTE),
    channel: optionalText(MAX_CHANNEL),
  });

/** The detail of `Complaint Filed`. */
export const complaintFiledSchema = (now: Date) =>
  z.object({
    account_id: idSchema,
    complaint_id: idSchema,
    at: pastInstant(now),
    summary: requiredText(MAX_SUMMARY),
    severity: severitySchema,
    product: optionalText(MAX_PRODUCT),
  });

const envelopeSchema = z.object({
  id: z
    .string({ error: textError })
    .check(z.minLength(1, MISSING), z.maxLength(MAX_ID, `is longer than ${MAX_ID} characters`)),
  'detail-type': z.string({ error: textError }).check(z.minLength(1, MISSING)),
  source: z.string({ error: textError }).check(z.minLength(1, MISSING)),
  time: z.optional(z.string({ error: 'must be text' })),
  detail: z.unknown(),
});

// --- parsing -------------------------------------------------------------------------------------

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Issues = { issues: readonly { path: PropertyKey[]; message: string }[] };
const issuesOf = (error: Issues, prefix: string): string =>
  error.issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');

/** Size of the event as EventBridge counts it (UTF-8 JSON); undefined when it is not JSON at all. */
export function eventBytes(raw: unknown): number | undefined {
  try {
    const text = JSON.stringify(raw);
    return text === undefined ? undefined : Buffer.byteLength(text, 'utf8');
  } catch {
    return undefined;
  }
}

function envelopeInfo(raw: unknown): EnvelopeInfo {
  const r = isPlainObject(raw) ? raw : {};
  const text = (v: unknown, max = MAX_ID) => (typeof v === 'string' ? v.slice(0, max) : '');
  const detail = isPlainObject(r.detail) ? r.detail : {};
  const accountId =
    typeof detail.account_id === 'string' || typeof detail.account_id === 'number'
      ? String(detail.account_id).trim().slice(0, MAX_ID) || undefined
      : undefined;
  return {
    eventId: text(r.id),
    detailType: text(r['detail-type']),
    source: text(r.source),
    time: text(r.time, 40) || undefined,
    accountId,
  };
}

/** Fields a schema does not know: ignored, and said so (a camelCase `accountId` is the usual one). */
function unknownFields(detail: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(detail)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown field "${k.slice(0, 40)}" ignored`);
}

const withWarnings = (reason: string, warnings: string[]) =>
  warnings.length ? `${reason} (${warnings.join('; ')})` : reason;

const ACCOUNT_LEVEL = new Set<string>([...ACCOUNT_COLUMNS, 'contacts']);

function parseAccountUpserted(
  detail: Record<string, unknown>,
  now: Date,
): { event: AccountUpserted; warnings: string[] } | { reason: string } {
  const { rows, warnings } = readAccountObject(detail, 'detail');
  const { records, bad } = validateRows(rows, { now });
  if (bad.length > 0) {
    // Account fields are checked on every contact's row: say each problem once, where it is.
    const reasons = new Set<string>();
    for (const b of bad) {
      const where = /\(([^)]*)\)$/.exec(b.where)?.[1] ?? 'detail';
      for (const part of b.reason.split('; ')) {
        const field = /^([a-z_]+):/.exec(part)?.[1];
        reasons.add(field && ACCOUNT_LEVEL.has(field) ? `detail.${part}` : `${where}: ${part}`);
      }
    }
    return { reason: withWarnings([...reasons].join('; '), warnings) };
  }
  const record = records[0];
  if (records.length !== 1 || !record) return { reason: withWarnings('detail: no account in it', warnings) };
  return { event: { detailType: 'Account Upserted', accountId: record.profile.accountId, record }, warnings };
}

function parseDetail(
  detailType: CrmDetailType,
  detail: Record<string, unknown>,
  now: Date,
): { event: CrmEvent; warnings: string[] } | { reason: string } {
  if (detailType === 'Account Upserted') return parseAccountUpserted(detail, now);
  if (detailType === 'Contact Logged') {
    const schema = contactLoggedSchema(now);
    const warnings = unknownFields(detail, Object.keys(schema.shape));
    const r = schema.safeParse(detail);
    if (!r.success) return { reason: withWarnings(issuesOf(r.error, 'detail'), warnings) };
    const d = r.data;
    return {
      event: { detailType, accountId: d.account_id, at: d.at, note: d.note, channel: d.channel },
      warnings,
    };
  }
  const schema = complaintFiledSchema(now);
  const warnings = unknownFields(detail, Object.keys(schema.shape));
  const r = schema.safeParse(detail);
  if (!r.success) return { reason: withWarnings(issuesOf(r.error, 'detail'), warnings) };
  const d = r.data;
  return {
    event: {
      detailType,
      accountId: d.account_id,
      complaintId: d.complaint_id,
      at: d.at,
      summary: d.summary,
      severity: d.severity,
      product: d.product,
    },
    warnings,
  };
}

const isCrmDetailType = (v: string): v is CrmDetailType =>
  (CRM_DETAIL_TYPES as readonly string[]).includes(v);

/**
 * Checks an inbound event (the EventBridge envelope) whole: size, envelope, source, detail-type,
 * detail (a JSON object, or a JSON text of one), and every field. Never throws.
 */
export function parseCrmEvent(raw: unknown, opts: { now: Date }): ParsedCrmEvent {
  const envelope = envelopeInfo(raw);
  const refuse = (reason: string): ParsedCrmEvent => ({ ok: false, envelope, reason });

  const bytes = eventBytes(raw);
  if (bytes === undefined) return refuse('the event is not JSON');
  if (bytes > MAX_EVENT_BYTES)
    return refuse(`the event is ${bytes} bytes, over the ${MAX_EVENT_BYTES} bytes EventBridge allows`);

  const e = envelopeSchema.safeParse(raw);
  if (!e.success) return refuse(`not an EventBridge event: ${issuesOf(e.error, 'event')}`);
  const { source } = e.data;
  const detailType = e.data['detail-type'];
  if (source !== CRM_EVENT_SOURCE)
    return refuse(`source ${JSON.stringify(source.slice(0, 40))} is not "${CRM_EVENT_SOURCE}"`);
  if (!isCrmDetailType(detailType))
    return refuse(
      `detail-type ${JSON.stringify(detailType.slice(0, 40))} is not one of ${CRM_DETAIL_TYPES.join(', ')}`,
    );

  let detail = e.data.detail;
  if (typeof detail === 'string') {
    try {
      detail = JSON.parse(detail);
    } catch {
      return refuse('detail is not JSON');
    }
  }
  if (detail === undefined || detail === null) return refuse(`detail: ${MISSING}`);
  if (!isPlainObject(detail)) return refuse('detail is not a JSON object');
  if (!envelope.accountId) envelope.accountId = envelopeInfo({ detail }).accountId;

  const parsed = parseDetail(detailType, detail, opts.now);
  if ('reason' in parsed) return refuse(parsed.reason);
  envelope.accountId = parsed.event.accountId;
  return { ok: true, envelope, event: parsed.event, warnings: parsed.warnings };
}

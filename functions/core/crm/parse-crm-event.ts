import * as z from 'zod/mini';
import '../../config/zod-messages.ts';
import {
  ACCOUNT_UPSERTED,
  type AccountUpserted,
  CRM_CONTACT_LOGGED,
  CRM_DETAIL_TYPES,
  CRM_EVENT_SOURCE,
  type CrmDetailType,
  type CrmEvent,
  complaintFiledSchema,
  crmContactLoggedSchema,
  MAX_EVENT_BYTES,
  MAX_ID,
  MISSING,
  OUTREACH_PAUSED,
  OUTREACH_RESUMED,
  outreachPausedSchema,
  outreachResumedSchema,
  textError,
} from '../events/crm.ts';
import { ACCOUNT_COLUMNS } from '../import/import-columns.ts';
import { readAccountObject } from '../import/read-json-rows.ts';
import { validateRows } from '../import/validate-rows.ts';

/**
 * Inbound events from a CRM, as they arrive from the bus: the events and their detail schemas are
 * in core/events/crm.ts. Pure: the clock is passed in, nothing is written here.
 *
 * An event is checked whole before anything is applied: `parseCrmEvent` either returns the
 * complete, typed change or the reason it is refused.
 */

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
  return { event: { detailType: ACCOUNT_UPSERTED, accountId: record.profile.accountId, record }, warnings };
}

function parseDetail(
  detailType: CrmDetailType,
  detail: Record<string, unknown>,
  now: Date,
): { event: CrmEvent; warnings: string[] } | { reason: string } {
  if (detailType === ACCOUNT_UPSERTED) return parseAccountUpserted(detail, now);
  if (detailType === CRM_CONTACT_LOGGED) {
    const schema = crmContactLoggedSchema(now);
    const warnings = unknownFields(detail, Object.keys(schema.shape));
    const r = schema.safeParse(detail);
    if (!r.success) return { reason: withWarnings(issuesOf(r.error, 'detail'), warnings) };
    const d = r.data;
    return {
      event: { detailType, accountId: d.account_id, at: d.at, note: d.note, channel: d.channel },
      warnings,
    };
  }
  if (detailType === OUTREACH_PAUSED) {
    const schema = outreachPausedSchema();
    const warnings = unknownFields(detail, Object.keys(schema.shape));
    const r = schema.safeParse(detail);
    if (!r.success) return { reason: withWarnings(issuesOf(r.error, 'detail'), warnings) };
    return { event: { detailType, accountId: r.data.account_id, reason: r.data.reason }, warnings };
  }
  if (detailType === OUTREACH_RESUMED) {
    const schema = outreachResumedSchema();
    const warnings = unknownFields(detail, Object.keys(schema.shape));
    const r = schema.safeParse(detail);
    if (!r.success) return { reason: withWarnings(issuesOf(r.error, 'detail'), warnings) };
    return { event: { detailType, accountId: r.data.account_id }, warnings };
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

import * as z from 'zod/mini';
import type { AccountProfile, Contact, ImportRecord } from '../account.ts';
import { TIERS, type Tier } from '../domain/vocabulary.ts';
import { listOf, singleLineProblem } from '../text-policy.ts';
import { isMonthDay, parseIsoDateOrInstant } from '../time.ts';
import {
  ACCOUNT_COLUMNS,
  type AccountColumn,
  CONTACT_COLUMNS,
  type ContactColumn,
  type RawRow,
} from './import-columns.ts';

/** A row that is not imported, and why. */
export interface BadRow {
  row: number;
  line?: number | undefined;
  /** "row 7 (line 8)": how messages name the row. */
  where: string;
  accountId?: string | undefined;
  reason: string;
}

export interface ValidatedRows {
  /** One per account with at least one good row, in the order of the file. */
  records: ImportRecord[];
  /** Sorted by row. */
  bad: BadRow[];
}

// --- Cells: text in, typed value or a reason out ---------------------------------------------

class Invalid {
  constructor(readonly message: string) {}
}
const invalid = (message: string) => new Invalid(message);

/** A zod schema for one cell: '' is an empty cell; `parse` returns the value or why it is bad. */
function cell<T>(parse: (value: string) => T | Invalid) {
  return z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      // Every import column is single-line: the text policy runs before the column's own check.
      const problem = singleLineProblem(value);
      const r = problem ? invalid(problem) : parse(value);
      if (r instanceof Invalid) {
        ctx.issues.push({ code: 'custom', message: r.message, input: value });
        return z.NEVER;
      }
      return r;
    }),
  );
}

/** Echoes a bad value in a message, short enough for a terminal. Never used for emails. */
const quote = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

const MAX_TEXT = 256;
const MISSING = 'is missing (required)';

const tooLong = (v: string) => (v.length > MAX_TEXT ? invalid(`is longer than ${MAX_TEXT} characters`) : v);
const requiredText = (v: string) => (v ? tooLong(v) : invalid(MISSING));
const optionalText = (v: string) => (v ? tooLong(v) : undefined);

const ID_MAX = 128;
const accountId = (v: string) => {
  if (!v) return invalid(MISSING);
  if (v.length > ID_MAX) return invalid(`is longer than ${ID_MAX} characters`);
  return v;
};

const emailSchema = z.email();
/** Lower-cased: an address is a person's identity whatever case a CRM wrote it in. */
function email(v: string) {
  const lower = v.toLowerCase();
  return emailSchema.safeParse(lower).success ? lower : invalid('is not a valid email address');
}
const requiredEmail = (v: string) => (v ? email(v) : invalid(MISSING));
const optionalEmail = (v: string) => (v ? email(v) : undefined);

const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
/** Plain or comma-grouped ("1,250,000.50"); a decimal comma ("1,5") is refused, not guessed. */
function parseNumber(v: string): number | undefined {
  return NUMBER.test(v) ? Number(v.replace(/,/g, '')) : undefined;
}

const amount = (v: string) => {
  if (!v) return undefined;
  const n = parseNumber(v);
  if (n === undefined) return invalid(`${quote(v)} is not a number`);
  if (n < 0) return invalid('must not be negative');
  return n;
};

const percent = (v: string) => {
  if (!v) return undefined;
  const n = parseNumber(v.replace(/\s*%$/, ''));
  if (n === undefined) return invalid(`${quote(v)} is not a number`);
  if (n > 100) return invalid(`${quote(v)} is above 100 (a margin is a percentage of revenue)`);
  return n;
};

const count = (v: string) => {
  if (!v) return undefined;
  const n = parseNumber(v);
  if (n === undefined) return invalid(`${quote(v)} is not a number`);
  if (!Number.isInteger(n) || n < 0) return invalid(`${quote(v)} is not a whole number of people`);
  return n;
};

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);
const flag = (v: string) => {
  const lower = v.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return invalid(`${quote(v)} is not true or false`);
};

const tier = (v: string) => {
  if (!v) return undefined;
  const lower = v.toLowerCase();
  return (TIERS as readonly string[]).includes(lower)
    ? (lower as Tier)
    : invalid(`${quote(v)} is not a tier override (use ${listOf([...TIERS], 'or')})`);
};

const products = (v: string) => {
  const seen = new Set<string>();
  for (const p of v.split(';')) {
    const name = p.trim();
    if (name) seen.add(name);
  }
  for (const p of seen)
    if (p.length > MAX_TEXT) return invalid(`a product is longer than ${MAX_TEXT} characters`);
  return [...seen];
};

const zones = new Map<string, string | undefined>();
/** The zone's canonical IANA name ("europe/paris" is Europe/Paris); undefined when not a zone. */
function canonicalZone(v: string): string | undefined {
  if (zones.has(v)) return zones.get(v);
  let zone: string | undefined;
  // Offsets ("+02:00") are not zones: they know nothing of daylight saving time.
  if (!/^[+-]/.test(v)) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
    } catch {
      zone = undefined;
    }
  }
  zones.set(v, zone);
  return zone;
}

const timeZone = (v: string) => {
  if (!v) return undefined;
  return canonicalZone(v) ?? invalid(`${quote(v)} is not an IANA time zone (e.g. Europe/Paris)`);
};

/** A calendar day, YYYY-MM-DD; a full ISO time is accepted and its written date kept. */
const calendarDate = (v: string) => {
  if (!v) return undefined;
  return parseIsoDateOrInstant(v) ? v.slice(0, 10) : invalid(`${quote(v)} is not a date (use YYYY-MM-DD)`);
};

/** A past instant: an ISO date (midnight UTC) or an ISO time with an offset. */
const pastInstant = (now: Date) => (v: string) => {
  if (!v) return undefined;
  const at = parseIsoDateOrInstant(v);
  if (!at) return invalid(`${quote(v)} is not an ISO date or time (use YYYY-MM-DD or 2026-03-01T14:30:00Z)`);
  // A day's grace: a date written in a zone east of UTC can be "tomorrow" in UTC.
  if (at.getTime() > now.getTime() + 86_400_000) return invalid(`${quote(v)} is in the future`);
  return at.toISOString();
};

const birthday = (v: string) => {
  if (!v) return undefined;
  if (isMonthDay(v)) return v;
  const full = /^\d{4}-(\d{2}-\d{2})$/.exec(v);
  if (full?.[1] && parseIsoDateOrInstant(v)) return full[1];
  return invalid(`${quote(v)} is not a birthday (use MM-DD, e.g. 03-15, or YYYY-MM-DD)`);
};

function rowSchemas(now: Date) {
  const account = z.object({
    account_id: cell(accountId),
    account_name: cell(requiredText),
    owner_email: cell(requiredEmail),
    owner_name: cell(optionalText),
    manager_email: cell(optionalEmail),
    annual_revenue: cell(amount),
    margin_pct: cell(percent),
    employees: cell(count),
    strategic: cell(flag),
    tier_override: cell(tier),
    segment: cell(optionalText),
    products: cell(products),
    timezone: cell(timeZone),
    customer_since: cell(calendarDate),
    renewal_date: cell(calendarDate),
    last_contact_at: cell(pastInstant(now)),
  } satisfies Record<AccountColumn, unknown>);
  const contact = z.object({
    contact_email: cell(requiredEmail),
    contact_name: cell(optionalText),
    contact_role: cell(optionalText),
    contact_phone: cell(optionalText),
    contact_birthday: cell(birthday),
    contact_primary: cell(flag),
  } satisfies Record<ContactColumn, unknown>);
  return { account, contact };
}

type AccountCells = z.output<ReturnType<typeof rowSchemas>['account']>;
type ContactCells = z.output<ReturnType<typeof rowSchemas>['contact']>;

// --- Rows ------------------------------------------------------------------------------------

interface CheckedRow {
  raw: RawRow;
  accountId?: string | undefined;
  account?: AccountCells | undefined;
  contact?: ContactCells | undefined;
  reasons: string[];
}

function issuesOf(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${String(i.path[0] ?? 'row')}: ${i.message}`);
}

function checkRow(raw: RawRow, schemas: ReturnType<typeof rowSchemas>): CheckedRow {
  const accountId = raw.fields.account_id || undefined;
  if (raw.problem) return { raw, accountId, reasons: [raw.problem] };
  const reasons: string[] = [];
  const a = schemas.account.safeParse(raw.fields);
  if (!a.success) reasons.push(...issuesOf(a.error));
  let contact: ContactCells | undefined;
  if (!raw.accountOnly) {
    const c = schemas.contact.safeParse(raw.fields);
    if (c.success) contact = c.data;
    else reasons.push(...issuesOf(c.error));
  }
  return { raw, accountId, account: a.success ? a.data : undefined, contact, reasons };
}

/** A value as rows are compared: products as a set, everything else as parsed. */
function comparable(column: AccountColumn, cells: AccountCells): string {
  const v = cells[column];
  return JSON.stringify(Array.isArray(v) ? [...v].sort() : (v ?? null));
}

/** All account cells as one string: rows of an account usually agree, and one compare says so. */
const signature = (cells: AccountCells) => JSON.stringify({ ...cells, products: [...cells.products].sort() });

function differingColumns(a: AccountCells, b: AccountCells): AccountColumn[] {
  return ACCOUNT_COLUMNS.filter((c) => comparable(c, a) !== comparable(c, b));
}

/**
 * Rows of one account must agree on every account column; when they do not, every row of the
 * account is bad and nothing of it is written: which row is right is the user's call, not ours.
 */
function checkAgreement(rows: CheckedRow[], accountIdValue: string): boolean {
  const parsed = rows.filter((r) => r.account);
  const ref = parsed[0];
  if (!ref?.account) return true;
  const conflicts = new Map<CheckedRow, AccountColumn[]>();
  if (parsed.length < 2) return true;
  const refSignature = signature(ref.account);
  for (const r of parsed.slice(1)) {
    if (!r.account || signature(r.account) === refSignature) continue;
    const cols = differingColumns(ref.account, r.account);
    if (cols.length) conflicts.set(r, cols);
  }
  const [first] = conflicts;
  if (!first) return true;
  const [firstRow, firstCols] = first;
  for (const r of rows) {
    const own = conflicts.get(r);
    if (own)
      r.reasons.push(
        `${listOf(own)} differ${own.length === 1 ? 's' : ''} from ${ref.raw.where}, another row of account ${accountIdValue}; nothing of this account is imported`,
      );
    else
      r.reasons.push(
        `the rows of account ${accountIdValue} disagree: ${listOf(firstCols)} differ${firstCols.length === 1 ? 's' : ''} on ${firstRow.raw.where}; nothing of this account is imported`,
      );
  }
  return false;
}

const CONTACT_FIELDS: ContactColumn[] = [...CONTACT_COLUMNS];

/**
 * The same contact twice in one account: an exact repeat makes only the later rows bad (the
 * contact is unambiguous); repeats that differ make every copy bad and the contact is not written.
 */
function checkRepeatedContacts(rows: CheckedRow[], accountIdValue: string): void {
  const byEmail = new Map<string, CheckedRow[]>();
  for (const r of rows) {
    if (!r.contact || r.reasons.length) continue;
    const list = byEmail.get(r.contact.contact_email);
    if (list) list.push(r);
    else byEmail.set(r.contact.contact_email, [r]);
  }
  for (const copies of byEmail.values()) {
    const [first, ...later] = copies;
    if (!first?.contact || later.length === 0) continue;
    const firstContact = first.contact;
    const differing = CONTACT_FIELDS.filter((f) =>
      later.some((r) => JSON.stringify(r.contact?.[f]) !== JSON.stringify(firstContact[f])),
    );
    if (differing.length === 0) {
      for (const r of later)
        r.reasons.push(
          `contact_email: the same contact twice in account ${accountIdValue}, as on ${first.raw.where}`,
        );
      continue;
    }
    const all = copies.map((r) => r.raw.where);
    for (const r of copies)
      r.reasons.push(
        `contact_email: the same contact twice in account ${accountIdValue} with different ${listOf(differing)} (${listOf(all)}); this contact is not imported`,
      );
  }
}

function toProfile(a: AccountCells): AccountProfile {
  return {
    accountId: a.account_id,
    name: a.account_name,
    ownerEmail: a.owner_email,
    ownerName: a.owner_name,
    managerEmail: a.manager_email,
    annualRevenue: a.annual_revenue,
    marginPct: a.margin_pct,
    employees: a.employees,
    strategic: a.strategic,
    tierOverride: a.tier_override,
    segment: a.segment,
    products: a.products,
    timeZone: a.timezone,
    customerSince: a.customer_since,
    renewalDate: a.renewal_date,
  };
}

function toContact(accountIdValue: string, c: ContactCells): Contact {
  return {
    accountId: accountIdValue,
    email: c.contact_email,
    name: c.contact_name,
    role: c.contact_role,
    phone: c.contact_phone,
    birthday: c.contact_birthday,
    primary: c.contact_primary,
  };
}

/**
 * Checks every row and groups the good ones into one import record per account. Pure: `now`
 * only bounds `last_contact_at` (a last contact cannot be in the future).
 */
export function validateRows(rows: RawRow[], opts: { now: Date }): ValidatedRows {
  const schemas = rowSchemas(opts.now);
  const checked = rows.map((r) => checkRow(r, schemas));
  const groups = new Map<string, CheckedRow[]>();
  for (const r of checked) {
    if (!r.accountId) continue;
    const g = groups.get(r.accountId);
    if (g) g.push(r);
    else groups.set(r.accountId, [r]);
  }
  const records: ImportRecord[] = [];
  for (const [id, group] of groups) {
    if (!checkAgreement(group, id)) continue;
    checkRepeatedContacts(group, id);
    const good = group.filter((r) => r.reasons.length === 0 && r.account);
    const ref = good[0]?.account;
    if (!ref) continue;
    records.push({
      profile: toProfile(ref),
      contacts: good.flatMap((r) => (r.contact ? [toContact(id, r.contact)] : [])),
      lastContactAt: ref.last_contact_at,
    });
  }
  const bad: BadRow[] = checked
    .filter((r) => r.reasons.length > 0)
    .map((r) => ({
      row: r.raw.row,
      line: r.raw.line,
      where: r.raw.where,
      accountId: r.accountId,
      reason: r.reasons.join('; '),
    }));
  return { records, bad };
}

import * as z from 'zod/mini';
import type { AccountProfile, Contact, ImportRecord } from '../account.ts';
import { listOf } from '../text-policy.ts';
import {
  accountId,
  amount,
  birthday,
  calendarDate,
  cell,
  count,
  flag,
  language,
  optionalEmail,
  optionalText,
  pastInstant,
  percent,
  products,
  requiredEmail,
  requiredText,
  tier,
  timeZone,
} from './import-cells.ts';
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
    account_language: cell(language),
  } satisfies Record<AccountColumn, unknown>);
  const contact = z.object({
    contact_email: cell(requiredEmail),
    contact_name: cell(optionalText),
    contact_role: cell(optionalText),
    contact_phone: cell(optionalText),
    contact_birthday: cell(birthday),
    contact_primary: cell(flag),
    contact_language: cell(language),
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
    language: a.account_language,
  };
}

/** The languages the rows give their contacts; undefined when none gives one. */
function contactLanguagesOf(rows: CheckedRow[]): Record<string, string> | undefined {
  const given = rows.flatMap((r) =>
    r.contact?.contact_language ? [[r.contact.contact_email, r.contact.contact_language] as const] : [],
  );
  return given.length ? Object.fromEntries(given.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
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
      profile: { ...toProfile(ref), contactLanguages: contactLanguagesOf(good) },
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
